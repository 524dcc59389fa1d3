"""/reload and /stats for FACTBOT_ADMIN_IDS (anyone else sees an unknown command), and admin
notices."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import Bot, Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.core.messages import message as text_for
from bot.core.render import Block, Span, html_messages, paragraph
from bot.store import Stats, Store, StoreError, views
from bot.tg.holder import ReloadResult, ResponderHolder
from bot.tg.send import language_of, reply_html
from bot.tg.state import BotState

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
STATS_UNAVAILABLE = "Statistics are unavailable: the database could not be read (see the log)."
"""In English, like the /stats report itself: only admins see it."""


class AdminHandlers:
    """Commands only the configured admins may use."""

    def __init__(self, state: BotState) -> None:
        self.state = state

    async def reload(self, update: Update, context: Context) -> None:
        """Validate the pack on disk and swap it in, or report its problems."""
        admitted = await self._admin_message(update)
        if admitted is None:
            return
        message, language = admitted
        result = await self.state.holder.reload(self.state.settings)
        await reply_html(message, report(result, self.state.holder, language))

    async def stats(self, update: Update, context: Context) -> None:
        """Replies over the last day and week, top facts, top unanswered questions.

        Only in the private chat with an admin: the report quotes what people asked, which
        the members of a group should not read.
        """
        admitted = await self._admin_message(update)
        if admitted is None or admitted[0].chat.type != "private":
            return
        message, _ = admitted
        store, stats = self.state.store, None
        if store is not None:
            try:
                stats = await asyncio.to_thread(_current_stats, store)
            except StoreError as error:
                log.warning("/stats could not read the database: %s", error)
        if stats is None:
            await reply_html(message, [html.escape(STATS_UNAVAILABLE, quote=False)])
            return
        await reply_html(message, views.stats_html(stats))

    async def _admin_message(self, update: Update) -> tuple[Message, str] | None:
        """The admin's message and language; None (having said only "unknown command" in a
        private chat) for anyone else."""
        message, user = update.effective_message, update.effective_user
        if message is None:
            return None
        language = language_of(user)
        if user is None or user.id not in self.state.settings.admin_ids:
            if message.chat.type == "private":
                unknown = text_for("unknown_command", language)
                await reply_html(message, [html.escape(unknown, quote=False)])
            return None
        return message, language


def report(result: ReloadResult, holder: ResponderHolder, language: str) -> list[str]:
    """The reload outcome as HTML messages: counts, or every `path:line:col` problem."""
    if result.ok:
        kb = holder.kb
        text = text_for(
            "reload_ok",
            language,
            facts=len(kb.facts),
            intents=len(kb.intents),
            sources=len(kb.sources),
        )
        return html_messages([paragraph(text)])
    heading = text_for("reload_failed", language, count=len(result.errors))
    problems: Block = tuple((Span(error),) for error in result.errors)
    return html_messages([paragraph(heading), problems])


async def notify_admins(
    bot: Bot, admins: frozenset[int], holder: ResponderHolder, result: ReloadResult
) -> None:
    """Tell every admin (in private) how a SIGHUP reload went."""
    for admin in sorted(admins):
        try:
            for text in report(result, holder, "en"):
                await bot.send_message(admin, text, parse_mode="HTML")
        except TelegramError as error:
            log.warning("could not tell admin %s about the reload: %s", admin, error)


def _current_stats(store: Store) -> Stats:
    """The report including the replies still queued for the writer (a moment's wait at most)."""
    store.flush(timeout=2.0)
    return store.stats()
