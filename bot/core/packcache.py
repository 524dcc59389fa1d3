"""A built pack kept on disk, so that a bot or a command started again on the same pack skips
parsing and indexing (10,000 facts: about 2 s built, a fraction of that read back).

An entry is named by a fingerprint of everything that went into it: every YAML file of the
pack (path and bytes), the core's source code and the Python version; any change is a new
entry. Only valid packs are stored. The folder is the user's own (0700), entries are written
atomically, the three newest are kept, and an entry that cannot be read is rebuilt: the cache
never decides what the bot answers, only how fast it starts.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from bot.core.answers import Responder
from bot.core.bulk import bulk_allocation
from bot.core.loader import load_pack

log = logging.getLogger(__name__)

FORMAT = 1
KEEP = 3
_CORE = Path(__file__).resolve().parent


class PackCache:
    """Responders for packs, from `directory` when built before (None: always build)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def responder(self, knowledge_dir: Path, intents_dir: Path) -> Responder:
        """The warmed-up Responder for the pack (raises PackError for an invalid pack)."""
        if self.directory is None:
            return Responder(load_pack(knowledge_dir, intents_dir)).warm()
        path = self.directory / f"pack-{fingerprint(knowledge_dir, intents_dir)}.pickle"
        found = self._read(path)
        if found is not None:
            return found
        responder = Responder(load_pack(knowledge_dir, intents_dir)).warm()
        self._write(path, responder)
        return responder

    def _read(self, path: Path) -> Responder | None:
        try:
            if not _private(path):
                return None  # only ever unpickle a file this user alone could have written
            data = path.read_bytes()
        except OSError:
            return None
        try:
            with bulk_allocation():
                found = pickle.loads(data)
        except Exception as error:  # noqa: BLE001 - any damage means: build it again
            log.warning("ignoring the unreadable pack cache %s (%s)", path, error)
            return None
        return found if isinstance(found, Responder) else None

    def _write(self, path: Path, responder: Responder) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            buffer = io.BytesIO()
            _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(responder)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
                file.write(buffer.getvalue())  # created 0600
            os.replace(file.name, path)
            for old in sorted(path.parent.glob("pack-*.pickle"), key=_mtime)[:-KEEP]:
                old.unlink(missing_ok=True)
        except OSError as error:
            log.info("could not keep the built pack in %s (%s)", path.parent, error)


def fingerprint(knowledge_dir: Path, intents_dir: Path) -> str:
    """A hash of the pack's YAML files, the core's code and the Python version."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {_code()}".encode())
    for label, folder in (("knowledge", knowledge_dir), ("intents", intents_dir)):
        for path in sorted(folder.rglob("*.yaml")):
            data = path.read_bytes()
            digest.update(f"\0{label}/{path.relative_to(folder)}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()[:32]


@cache
def _code() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CORE.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _private(path: Path) -> bool:
    """Whether the file and its folder belong to this user and nobody else may write them."""
    for item in (path, path.parent):
        status = item.stat()
        if status.st_uid != os.getuid() or status.st_mode & 0o022:
            return False
    return True


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


class _Pickler(pickle.Pickler):
    """Read-only mappings (the models use them) as plain dicts wrapped again on loading."""

    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = lambda proxy: (_proxy, (dict(proxy),))
