"""The curators' database seen from the adapter: opened at start-up, written after every reply
and vote, and never in the way of an answer (a failing database costs its record only)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.config import Settings
from bot.core.models import Reply
from bot.store import Retention, Store, StoreError, views
from bot.store.views import Vote
from bot.tg import keyboards
from bot.tg.state import BotState

log = logging.getLogger(__name__)


def open_store(settings: Settings) -> Store | None:
    """The database in FACTBOT_DATA_DIR, or None (with a warning) when it cannot be opened."""
    retention = Retention(settings.retention_days, settings.retention_rows)
    try:
        return Store.in_dir(settings.data_dir, retention)
    except StoreError as error:
        log.warning(
            "the curators' database is unavailable (%s); answering without recording", error
        )
        return None


def record_reply(state: BotState, reply: Reply, chat_type: str) -> None:
    """Count one reply (keeping the question when it was not answered), on the store's writer
    thread: the event loop only queues it."""
    if state.store is not None:
        state.store.record_later(reply, chat_type)


def record_vote(state: BotState, vote: Vote) -> None:
    """Count one 👍 or 👎 on a fact, on the store's writer thread."""
    if state.store is not None:
        state.store.vote_later(vote.fact_id, vote.helpful)


def with_votes(
    state: BotState, reply: Reply, chat_type: str, markup: InlineKeyboardMarkup | None
) -> InlineKeyboardMarkup | None:
    """`markup` with a 👍/👎 row under it when this deployment asks for votes on this answer.

    No buttons without a database: a press would have nowhere to go.
    """
    if not state.settings.feedback_buttons or state.store is None:
        return markup
    return keyboards.add_row(markup, views.vote_buttons(reply, chat_type))


PENDING_LIMIT = 10_000
"""People with an inline query waiting to settle at most; beyond it queries are recorded at once."""


@dataclass
class _Pending:
    reply: Reply
    timer: asyncio.TimerHandle


class InlineRecords:
    """Records inline queries once the person stops typing.

    Telegram sends an inline query at every pause in typing ("when di", "when did tur", ...).
    Each person's latest query waits `Tuning.inline_settle` seconds; a longer or shorter
    version of it (typing on, deleting) replaces it, anything else records it at once. The
    person's id is only held in memory, for those seconds.
    """

    def __init__(self, state: BotState) -> None:
        self.state = state
        self._pending: dict[int, _Pending] = {}

    def query(self, user_id: int, reply: Reply) -> None:
        """Note the reply to `user_id`'s latest inline query."""
        if self.state.store is None:
            return
        earlier = self._pending.pop(user_id, None)
        if earlier is not None:
            earlier.timer.cancel()
            if not _same_typing(earlier.reply.question, reply.question):
                record_reply(self.state, earlier.reply, "inline")
        if len(self._pending) >= PENDING_LIMIT:
            record_reply(self.state, reply, "inline")
            return
        loop = asyncio.get_running_loop()
        timer = loop.call_later(self.state.tuning.inline_settle, self._settled, user_id)
        self._pending[user_id] = _Pending(reply, timer)

    def flush(self) -> None:
        """Record every waiting query now (the bot is stopping)."""
        pending, self._pending = self._pending, {}
        for waiting in pending.values():
            waiting.timer.cancel()
            record_reply(self.state, waiting.reply, "inline")

    def _settled(self, user_id: int) -> None:
        waiting = self._pending.pop(user_id, None)
        if waiting is not None:
            record_reply(self.state, waiting.reply, "inline")


def _same_typing(before: str, after: str) -> bool:
    """Whether `after` continues or trims `before` (one query being typed)."""
    a, b = before.casefold().strip(), after.casefold().strip()
    return a.startswith(b) or b.startswith(a)
