"""Sending rendered replies: quoted, HTML, no link previews; flood control on the way."""

from __future__ import annotations

import html
from collections.abc import Hashable, Sequence

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters, User

from bot.core.answers import Responder
from bot.core.messages import message as text_for
from bot.core.messages import pick_language
from bot.core.models import Reply
from bot.tg.flood import Verdict
from bot.tg.keyboards import find_fact
from bot.tg.state import BotState

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
"""Answers end with source links; a preview card of the first one would bury the answer."""


async def reply_html(
    to: Message, texts: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Send `texts` as replies to `to` (same chat and forum topic), the keyboard on the last."""
    sent = []
    for index, text in enumerate(texts):
        sent.append(
            await to.reply_html(
                text,
                reply_parameters=ReplyParameters(to.message_id, allow_sending_without_reply=True),
                link_preview_options=NO_PREVIEW,
                reply_markup=markup if index == len(texts) - 1 else None,
            )
        )
    return sent


async def reply_plain(to: Message, key: str, language: str, **fields: object) -> list[Message]:
    """Reply with one interface string, escaped."""
    return await reply_html(to, [html.escape(text_for(key, language, **fields), quote=False)])


def fact_reply(responder: Responder, token: str, language: str) -> Reply | None:
    """The answer card of one fact (a button press, a deep link, an inline result)."""
    fact = find_fact(responder.kb, token)
    return None if fact is None else responder.answer_fact(fact.id, language)


def language_of(user: User | None) -> str:
    """The user's Telegram language if it is one of ours, else English."""
    return pick_language(user.language_code if user else None)


def conversation_key(message: Message, sender: User | None) -> Hashable:
    """Follow-up context is per chat in private, per topic and person in groups."""
    if message.chat.type == "private" or sender is None:
        return (message.chat.id,)
    return (message.chat.id, message.message_thread_id, sender.id)


def flood_verdict(state: BotState, message: Message, sender: User | None) -> Verdict:
    """Count one question against its sender and (in groups) its chat."""
    keys = [("user", sender.id)] if sender is not None else []
    if message.chat.type != "private":
        keys.append(("chat", message.chat.id))
    return state.flood.check(*keys)


async def admit(state: BotState, message: Message, sender: User | None) -> bool:
    """True when the question may be answered; says "slow down" once when it may not."""
    verdict = flood_verdict(state, message, sender)
    if verdict is Verdict.WARN:
        await reply_plain(message, "slow_down", language_of(sender))
    return verdict is Verdict.ALLOW
