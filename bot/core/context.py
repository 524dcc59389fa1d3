"""Per-conversation memory for follow-up questions: bounded in size and in time."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.core.answers import Responder, Turn
from bot.core.models import Reply

DEFAULT_MAX_CHATS = 10_000
DEFAULT_TTL_SECONDS = 300.0
"""Context older than this is forgotten: after five quiet minutes a question stands alone."""


class Conversations:
    """The last answer of each conversation (a chat, a thread, a user), least recent dropped."""

    def __init__(
        self,
        max_chats: int = DEFAULT_MAX_CHATS,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._turns: OrderedDict[Hashable, tuple[float, Turn]] = OrderedDict()
        self._max = max_chats
        self._ttl = ttl_seconds
        self._clock = clock

    def __len__(self) -> int:
        return len(self._turns)

    def reply(
        self, responder: Responder, key: Hashable, question: str, language: str | None = None
    ) -> Reply:
        """Answer a message of the conversation `key`, remembering the answer for follow-ups."""
        reply, turn = responder.converse(question, self.snapshot(key), language=language)
        if turn is not None:
            self.restore(key, turn)
        return reply

    def snapshot(self, key: Hashable) -> Turn | None:
        """The conversation's live context, or None when there is none or it expired."""
        entry = self._turns.get(key)
        if entry is None:
            return None
        stamp, turn = entry
        if self._clock() - stamp > self._ttl:
            del self._turns[key]
            return None
        return turn

    def restore(self, key: Hashable, turn: Turn | None) -> None:
        """Set a conversation's context (a reply to an earlier answer continues that answer)."""
        if turn is None:
            self._turns.pop(key, None)
            return
        self._turns[key] = (self._clock(), turn)
        self._turns.move_to_end(key)
        while len(self._turns) > self._max:
            self._turns.popitem(last=False)

    def forget(self, key: Hashable) -> None:
        """Start the conversation afresh."""
        self._turns.pop(key, None)
