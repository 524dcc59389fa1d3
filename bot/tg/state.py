"""What the adapter remembers between updates (bounded; lost on restart by design)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.config import Settings
from bot.core.answers import Turn
from bot.core.context import Conversations
from bot.store import Store
from bot.tg.flood import FloodGate
from bot.tg.holder import ResponderHolder
from bot.tg.tuning import Tuning

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class Recent(Generic[_K, _V]):
    """A mapping that keeps only the `size` most recently written keys."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[_K, _V] = OrderedDict()
        self._size = size

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: _K) -> _V | None:
        """The value for `key`, or None."""
        return self._items.get(key)

    def put(self, key: _K, value: _V) -> None:
        """Remember `key`, forgetting the oldest key beyond the size."""
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


@dataclass
class BotState:
    """The adapter's memory, shared by the handlers of one Application."""

    settings: Settings
    tuning: Tuning
    holder: ResponderHolder
    flood: FloodGate
    store: Store | None = None
    """The curators' database, or None when it could not be opened (the bot answers anyway)."""
    conversations: Conversations = field(default_factory=Conversations)
    answers: Recent[tuple[int, int], Turn | None] = field(default_factory=lambda: Recent(50_000))
    """(chat id, message id) of each answer sent -> the context it leaves, so that a reply
    to an older answer continues that answer."""
    updates: Recent[int, bool] = field(default_factory=lambda: Recent(10_000))
    """Update ids already handled (Telegram redelivers webhook updates it thinks failed)."""
    noted_groups: Recent[int, bool] = field(default_factory=lambda: Recent(100_000))
    """Groups that got the "how to ask me" note."""
    voted: Recent[tuple[int, int], bool] = field(default_factory=lambda: Recent(50_000))
    """(chat id, message id) of answers already voted on: one message gives one vote, even
    when a second press arrives before the buttons are gone."""
