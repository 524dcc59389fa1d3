"""What Telegram shows of the store: 👍/👎 buttons, their callback data, the /stats report.

Pure functions for the adapter (bot/tg) to call; they never import telegram.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import LANGUAGES, Reply
from bot.core.render import Block, Span, html_messages
from bot.store.reports import Counts, Stats

MAX_DATA = 64
"""Telegram's limit on callback_data, in bytes."""
_PREFIX = "v"
"""callback_data kind of a vote; the adapter's own kinds are f (fact), t and s (pages)."""
UP, DOWN = "👍", "👎"
_THANKS = {
    "en": "Thank you for the feedback!",
    "tr": "Geri bildiriminiz için teşekkürler!",
    "ru": "Спасибо за отзыв!",
    "kk": "Пікіріңізге рахмет!",
}


@dataclass(frozen=True, slots=True)
class Vote:
    """A 👍 (helpful) or 👎 press on the answer that showed one fact."""

    fact_id: str
    helpful: bool
    language: str


def vote_data(fact_id: str, helpful: bool, language: str) -> str | None:
    """callback_data of a vote button, or None when the fact id makes it too long."""
    data = f"{_PREFIX}:{language}:{'+' if helpful else '-'}:{fact_id}"
    return data if len(data.encode()) <= MAX_DATA else None


def parse_vote(data: str) -> Vote | None:
    """The vote a callback_data carries, or None when it is not a vote."""
    parts = data.split(":", 3)
    if len(parts) != 4 or len(data.encode()) > MAX_DATA:
        return None
    kind, language, sign, fact_id = parts
    if kind != _PREFIX or language not in LANGUAGES or sign not in ("+", "-") or not fact_id:
        return None
    return Vote(fact_id, sign == "+", language)


def vote_buttons(reply: Reply, chat_type: str) -> tuple[tuple[str, str], ...]:
    """(label, callback_data) of 👍 and 👎 under an answer in a private chat, else ().

    Only a single-fact answer gets them: a list answer shows several facts, and a vote on it
    could not say which one it meant.
    """
    if chat_type != "private" or reply.status != "answered" or reply.fact is None:
        return ()
    if len(reply.facts) > 1:
        return ()
    up = vote_data(reply.fact.id, True, reply.language)
    down = vote_data(reply.fact.id, False, reply.language)
    if up is None or down is None:
        return ()
    return ((UP, up), (DOWN, down))


def vote_thanks(language: str) -> str:
    """The short acknowledgement of a vote (shown as the callback query's answer)."""
    return _THANKS.get(language, _THANKS["en"])


def stats_html(stats: Stats) -> list[str]:
    """The /stats report as Telegram HTML messages (for admins; in English)."""
    blocks: list[Block] = [
        (
            (Span("Questions", bold=True),),
            (Span("Last 24 hours: " + _counts(stats.day)),),
            (Span("Last 7 days: " + _counts(stats.week)),),
        )
    ]
    if stats.top_facts:
        heading = (Span("Most answered facts (7 days)", bold=True),)
        rows: Block = tuple(
            (Span(f"{number}. {fact_id}: {count}"),)
            for number, (fact_id, count) in enumerate(stats.top_facts, 1)
        )
        blocks.append((heading, *rows))
    if stats.top_unanswered:
        heading = (Span("Most asked, not answered (7 days)", bold=True),)
        lines: Block = tuple(
            (
                Span(f"{number}. "),
                Span(group.example, italic=True),
                Span(
                    f" ×{group.count} ({', '.join(group.languages)})"
                    + (f"; closest: {group.fact_id} {group.score:g}" if group.fact_id else "")
                ),
            )
            for number, group in enumerate(stats.top_unanswered, 1)
        )
        blocks.append((heading, *lines))
    return html_messages(blocks)


def _counts(counts: Counts) -> str:
    return (
        f"{counts.total} questions: {counts.answered} answered, "
        f"{counts.suggested} with suggestions, {counts.unknown} unknown"
    )
