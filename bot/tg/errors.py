"""The one error handler: log once with the traceback, tell the user one short apology."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.core.messages import message as text_for
from bot.tg.send import language_of, reply_html

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


async def on_error(update: object, context: Context) -> None:
    """Log the error with its traceback; apologise in the chat (or on the button) once."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    language = language_of(update.effective_user)
    apology = text_for("error", language)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(apology)
        elif update.effective_message is not None:
            await reply_html(update.effective_message, [html.escape(apology, quote=False)])
    except TelegramError as error:
        log.warning("could not send the apology either: %s", error)
