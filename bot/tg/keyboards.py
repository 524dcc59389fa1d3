"""Inline keyboards and their callback_data (at most 64 bytes, checked on the way back in)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.messages import message
from bot.core.models import LANGUAGES, Fact, KnowledgeBase, Reply
from bot.store.views import parse_vote

MAX_DATA = 64
"""Telegram's limit on callback_data, in bytes."""
_MAX_ID = 48
"""Fact ids up to this many bytes travel as they are; longer ones as a short digest."""
_BUTTON_CHARS = 60


@dataclass(frozen=True, slots=True)
class Press:
    """What a button asks for: a fact's card, or a page of the timeline or the sources."""

    kind: str  # fact | timeline | sources
    language: str
    value: str = ""
    page: int = 1


def fact_token(fact_id: str) -> str:
    """A fact id short enough for callback_data and inline result ids."""
    if len(fact_id.encode()) <= _MAX_ID:
        return fact_id
    return "#" + hashlib.sha256(fact_id.encode()).hexdigest()[:24]


def find_fact(kb: KnowledgeBase, token: str) -> Fact | None:
    """The fact a token names, or None (unknown, forged, or gone after a reload)."""
    if not token.startswith("#"):
        return kb.facts.get(token)
    return next((f for f in kb.facts.values() if fact_token(f.id) == token), None)


def fact_data(language: str, fact_id: str) -> str:
    """callback_data that opens a fact's card."""
    return f"f:{language}:{fact_token(fact_id)}"


def page_data(kind: str, language: str, page: int, selector: str = "") -> str | None:
    """callback_data for a listing page, or None when the selector makes it too long."""
    data = f"{kind[0]}:{language}:{page}:{selector}"
    return data if len(data.encode()) <= MAX_DATA else None


def parse(data: str) -> Press | None:
    """The press a callback_data asks for, or None when it is not one of ours."""
    kind, _, rest = data.partition(":")
    language, _, value = rest.partition(":")
    if language not in LANGUAGES or len(data.encode()) > MAX_DATA:
        return None
    if kind == "f" and value:
        return Press("fact", language, value=value)
    number, _, selector = value.partition(":")
    if kind in ("t", "s") and number.isdigit() and 0 < int(number) < 100_000:
        return Press("timeline" if kind == "t" else "sources", language, selector, int(number))
    return None


def suggestions(reply: Reply) -> InlineKeyboardMarkup | None:
    """One "did you mean" button per suggestion (for a `suggest` reply)."""
    if reply.status != "suggest" or not reply.suggestions:
        return None
    rows = [
        [
            InlineKeyboardButton(
                _label(s.question), callback_data=fact_data(reply.language, s.fact_id)
            )
        ]
        for s in reply.suggestions
    ]
    return InlineKeyboardMarkup(rows)


def pager(
    kind: str, language: str, page: int, count: int, selector: str = ""
) -> InlineKeyboardMarkup | None:
    """‹ Back / Next › buttons for page `page` of `count`."""
    row = []
    back = page_data(kind, language, page - 1, selector) if page > 1 else None
    forward = page_data(kind, language, page + 1, selector) if page < count else None
    if back:
        row.append(InlineKeyboardButton(message("prev", language), callback_data=back))
    if forward:
        row.append(InlineKeyboardButton(message("next", language), callback_data=forward))
    return InlineKeyboardMarkup([row]) if row else None


def add_row(
    markup: InlineKeyboardMarkup | None, buttons: Sequence[tuple[str, str]]
) -> InlineKeyboardMarkup | None:
    """`markup` with one more row of (label, callback_data) buttons under it."""
    if not buttons:
        return markup
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    rows.append([InlineKeyboardButton(label, callback_data=data) for label, data in buttons])
    return InlineKeyboardMarkup(rows)


def without_votes(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """`markup` without its 👍/👎 row (None when nothing else is left)."""
    if markup is None:
        return None
    rows = [
        row
        for row in markup.inline_keyboard
        if not any(
            isinstance(button.callback_data, str) and parse_vote(button.callback_data)
            for button in row
        )
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _label(question: str) -> str:
    question = " ".join(question.split()) or "?"
    return question if len(question) <= _BUTTON_CHARS else question[: _BUTTON_CHARS - 1] + "…"
