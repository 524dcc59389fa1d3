"""Flood control: a sender who asks too often gets one "slow down" and is then ignored."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable, Mapping
from enum import Enum

MAX_TRACKED = 100_000
"""Senders remembered at most (least recently active forgotten first), bounding memory."""


class Verdict(Enum):
    """What to do with one incoming question."""

    ALLOW = "allow"
    WARN = "warn"
    """Over the limit for the first time in this window: say "slow down" once."""
    DROP = "drop"


class FloodGate:
    """Sliding-window counters per key; a key is `(kind, id)` with a limit per kind."""

    def __init__(
        self,
        limits: Mapping[str, int],
        window: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limits = dict(limits)
        self._window = window
        self._clock = clock
        self._events: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._warned: set[Hashable] = set()

    def check(self, *keys: tuple[str, int]) -> Verdict:
        """Count one question from every key; ALLOW unless any key is over its limit."""
        now = self._clock()
        full = [key for key in keys if self._is_full(key, now)]
        if not full:
            for key in keys:
                self._events.setdefault(key, deque()).append(now)
                self._events.move_to_end(key)
            while len(self._events) > MAX_TRACKED:
                old, _ = self._events.popitem(last=False)
                self._warned.discard(old)
            return Verdict.ALLOW
        if all(key in self._warned for key in full):
            return Verdict.DROP
        self._warned.update(full)
        return Verdict.WARN

    def _is_full(self, key: tuple[str, int], now: float) -> bool:
        events = self._events.get(key)
        if events is None:
            return False
        while events and now - events[0] >= self._window:
            events.popleft()
        if len(events) < self._limits.get(key[0], len(events) + 1):
            self._warned.discard(key)
            return False
        return True
