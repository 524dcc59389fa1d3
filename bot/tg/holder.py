"""The Responder in service, and reloading the knowledge pack into a new one."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.config import Settings
from bot.core.answers import Responder
from bot.core.bulk import lasting, release
from bot.core.errors import PackError
from bot.core.models import KnowledgeBase
from bot.core.packcache import PackCache

log = logging.getLogger(__name__)


class ResponderHolder:
    """Holds the current Responder; a reload replaces it with one assignment.

    A handler reads `responder` once and uses that object to the end, so an update is
    answered entirely from the old pack or entirely from the new one.
    """

    def __init__(self, responder: Responder) -> None:
        self._responder = responder
        self._reloading = asyncio.Lock()

    @property
    def responder(self) -> Responder:
        """The Responder answering now."""
        return self._responder

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base answering now."""
        return self._responder.kb

    async def reload(self, settings: Settings) -> ReloadResult:
        """Load and check the pack on disk; swap it in only when it is valid."""
        async with self._reloading:
            try:
                responder = await asyncio.to_thread(load_responder, settings)
            except PackError as exc:
                errors = tuple(str(error) for error in exc.errors)
                log.error("reload rejected, the old pack keeps serving:\n%s", "\n".join(errors))
                return ReloadResult(ok=False, errors=errors)
            except Exception as exc:  # the reload path: a broken pack must never stop the bot
                log.exception("reload failed, the old pack keeps serving")
                return ReloadResult(ok=False, errors=(f"{type(exc).__name__}: {exc}",))
            self._responder = responder
            release()  # the old pack
            kb = responder.kb
            log.info(
                "knowledge reloaded: %d facts, %d intents, %d sources",
                len(kb.facts),
                len(kb.intents),
                len(kb.sources),
            )
            return ReloadResult(ok=True, errors=())


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did: swapped in a new pack, or kept the old one because of `errors`."""

    ok: bool
    errors: tuple[str, ...]


def load_responder(settings: Settings) -> Responder:
    """A Responder over the pack that `settings` points at, warmed up (raises PackError)."""
    with lasting():
        return PackCache(settings.cache_dir).responder(settings.knowledge_dir, settings.intents_dir)
