"""The pack cache: a rebuilt pack answers like a built one; any change is a new entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.answers import Responder
from bot.core.errors import PackError
from bot.core.loader import load_pack
from bot.core.packcache import KEEP, PackCache, fingerprint

MINIPACK = Path(__file__).resolve().parents[1] / "data" / "minipack"
QUESTIONS = [
    "when was the strategic partnership signed?",
    "trade volume in 2012",
    "Türkiye Kazakistan'ı ne zaman tanıdı?",
    "When did Turkey recognize Georgia?",
    "hello",
]


@pytest.fixture
def pack(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(MINIPACK, tmp_path / "pack")
    return tmp_path / "pack" / "knowledge", tmp_path / "pack" / "intents"


def test_a_cached_pack_answers_exactly_like_a_built_one(
    pack: tuple[Path, Path], tmp_path: Path
) -> None:
    built = Responder(load_pack(*pack))
    cache = PackCache(tmp_path / "cache")
    first = cache.responder(*pack)
    assert len(list((tmp_path / "cache").glob("pack-*.pickle"))) == 1
    again = cache.responder(*pack)  # read back from disk
    assert again is not first
    for question in QUESTIONS:
        expected = built.reply(question)
        assert first.reply(question) == expected
        assert again.reply(question) == expected


def test_any_change_to_the_pack_is_a_new_entry(pack: tuple[Path, Path], tmp_path: Path) -> None:
    knowledge, intents = pack
    before = fingerprint(knowledge, intents)
    path = next(knowledge.glob("*.yaml"))
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert fingerprint(knowledge, intents) != before


def test_an_invalid_pack_is_refused_and_not_cached(pack: tuple[Path, Path], tmp_path: Path) -> None:
    knowledge, intents = pack
    next(knowledge.glob("*.yaml")).write_text("facts: [", encoding="utf-8")
    with pytest.raises(PackError):
        PackCache(tmp_path / "cache").responder(knowledge, intents)
    assert not list((tmp_path / "cache").glob("pack-*.pickle"))


def test_a_damaged_entry_is_rebuilt(pack: tuple[Path, Path], tmp_path: Path) -> None:
    cache = PackCache(tmp_path / "cache")
    cache.responder(*pack)
    (entry,) = (tmp_path / "cache").glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.responder(*pack).reply(QUESTIONS[0]).status == "answered"
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_still_answers(pack: tuple[Path, Path], tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("in the way", encoding="utf-8")
    assert PackCache(blocked / "cache").responder(*pack).reply(QUESTIONS[0]).status == "answered"


def test_only_the_newest_entries_are_kept(pack: tuple[Path, Path], tmp_path: Path) -> None:
    knowledge, intents = pack
    cache = PackCache(tmp_path / "cache")
    path = next(knowledge.glob("*.yaml"))
    for number in range(KEEP + 2):
        path.write_text(path.read_text(encoding="utf-8") + f"\n# {number}\n", encoding="utf-8")
        cache.responder(knowledge, intents)
    assert len(list((tmp_path / "cache").glob("pack-*.pickle"))) == KEEP


def test_an_entry_others_could_write_is_never_read(pack: tuple[Path, Path], tmp_path: Path) -> None:
    cache = PackCache(tmp_path / "cache")
    cache.responder(*pack)
    (entry,) = (tmp_path / "cache").glob("pack-*.pickle")
    entry.chmod(0o666)
    planted = entry.read_bytes()
    entry.write_bytes(planted)
    assert cache._read(entry) is None  # group/other-writable: not trusted
    entry.chmod(0o600)
    assert cache._read(entry) is not None
