"""Inline mode: `@bot question` in any chat offers answer cards that post the full answer."""

from __future__ import annotations

import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.ext import ContextTypes

from bot.core.dates import fact_date_text
from bot.core.models import KnowledgeBase, Reply
from bot.core.render import to_html
from bot.tg.keyboards import fact_token, find_fact
from bot.tg.records import InlineRecords
from bot.tg.send import NO_PREVIEW, fact_reply, language_of
from bot.tg.state import BotState

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

MAX_RESULTS = 10
MAX_QUERY = 512
"""Telegram caps inline queries at 256 characters; anything longer is not from Telegram."""
CACHE_SECONDS = 60
"""Short enough that a /reload shows within a minute; long enough to spare repeated typing."""
_TITLE_CHARS = 80


class InlineHandlers:
    """Inline queries and the (optional) feedback about chosen results."""

    def __init__(self, state: BotState) -> None:
        self.state = state
        self.records = InlineRecords(state)

    async def query(self, update: Update, context: Context) -> None:
        """Up to ten answer cards; featured questions for an empty or unanswerable query."""
        inline = update.inline_query
        if inline is None:
            return
        language = language_of(inline.from_user)
        responder = self.state.holder.responder
        kb = responder.kb
        text = " ".join(inline.query.split())[:MAX_QUERY]
        cards: list[tuple[str, Reply]] = []
        reply = responder.reply(text, language=language) if text else None
        if reply is not None:
            if reply.status == "answered" and reply.fact is not None:
                cards.append((reply.understood or _title(reply, kb), reply))
            for suggestion in reply.suggestions:
                found = fact_reply(self.state.holder.responder, suggestion.fact_id, reply.language)
                if found is not None:
                    cards.append((suggestion.question, found))
        if not cards:
            for example in responder.examples(language, n=5):
                found = fact_reply(self.state.holder.responder, example.fact_id, language)
                if found is not None:
                    cards.append((example.question, found))
        results = _articles(cards, kb)
        # The user's language is a hint for ambiguous questions, so results are per person.
        await inline.answer(results, cache_time=CACHE_SECONDS, is_personal=True)
        if reply is not None:
            self.records.query(inline.from_user.id, reply)

    async def chosen(self, update: Update, context: Context) -> None:
        """Feedback on a chosen result: note it; ids we never issued are ignored."""
        chosen = update.chosen_inline_result
        if chosen is None:
            return
        _, _, token = chosen.result_id.partition(":")
        fact = find_fact(self.state.holder.kb, token)
        if fact is None:
            log.info("chosen inline result with an unknown id ignored")
        else:
            log.info("inline answer chosen: %s", fact.id)


def _title(reply: Reply, kb: KnowledgeBase) -> str:
    assert reply.fact is not None
    return reply.fact.text(reply.language)


def _articles(cards: list[tuple[str, Reply]], kb: KnowledgeBase) -> list[InlineQueryResultArticle]:
    results: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    for title, reply in cards:
        fact = reply.fact
        if fact is None or fact.id in seen or len(results) == MAX_RESULTS:
            continue
        seen.add(fact.id)
        source = kb.sources.get(fact.sources[0]) if fact.sources else None
        description = fact_date_text(fact, reply.language)
        if source is not None:
            description += f" · {source.publisher}"
        results.append(
            InlineQueryResultArticle(
                id=f"{len(results)}:{fact_token(fact.id)}",
                title=_short(title),
                description=description,
                input_message_content=InputTextMessageContent(
                    to_html(reply, kb)[0], parse_mode="HTML", link_preview_options=NO_PREVIEW
                ),
            )
        )
    return results


def _short(text: str) -> str:
    text = " ".join(text.split()) or "…"
    return text if len(text) <= _TITLE_CHARS else text[: _TITLE_CHARS - 1] + "…"
