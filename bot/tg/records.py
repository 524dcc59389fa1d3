"""The curators' database seen from the adapter: opened at start-up, written after every reply
and vote, and never in the way of an answer (a failing database costs its record only)."""

from __future__ import annotations

import logging

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
