"""/timeline and /sources, and their ‹ Back / Next › pages (edited in place)."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.core.messages import message as text_for
from bot.core.pages import Page, sources_page, timeline_page
from bot.core.render import html_messages
from bot.tg import keyboards
from bot.tg.keyboards import Press
from bot.tg.send import NO_PREVIEW, admit, language_of, reply_html, reply_plain
from bot.tg.state import BotState

Context = ContextTypes.DEFAULT_TYPE


class ListingHandlers:
    """The paged listings."""

    def __init__(self, state: BotState) -> None:
        self.state = state

    async def timeline(self, update: Update, context: Context) -> None:
        """/timeline [year or topic]: dated facts in order, eight per page."""
        message, sender = update.effective_message, update.effective_user
        if message is None or not await admit(self.state, message, sender):
            return
        language = language_of(sender)
        selector = " ".join(context.args or [])
        page = timeline_page(self.state.holder.kb, language, 1, selector)
        if page is None:
            await reply_plain(message, "timeline_empty", language)
            return
        await self._send(message, page, "timeline", language, selector)

    async def sources(self, update: Update, context: Context) -> None:
        """/sources: every source, eight per page."""
        message, sender = update.effective_message, update.effective_user
        if message is None or not await admit(self.state, message, sender):
            return
        language = language_of(sender)
        await self._send(
            message, sources_page(self.state.holder.kb, language, 1), "sources", language
        )

    async def turn(self, query: CallbackQuery, message: Message, press: Press) -> None:
        """Show another page of a listing in the same message."""
        kb = self.state.holder.kb
        if press.kind == "timeline":
            page = timeline_page(kb, press.language, press.page, press.value)
        else:
            page = sources_page(kb, press.language, press.page)
        if page is None:
            await query.answer(text_for("button_expired", press.language))
            return
        await query.answer()
        markup = _markup(page, press.kind, press.language, press.value)
        try:
            await message.edit_text(
                html_messages(page.blocks)[0],
                parse_mode="HTML",
                link_preview_options=NO_PREVIEW,
                reply_markup=markup,
            )
        except BadRequest as error:
            # A second press on the same button asks for the page already shown.
            if "not modified" not in str(error):
                raise

    async def _send(
        self, message: Message, page: Page, kind: str, language: str, selector: str = ""
    ) -> None:
        markup = _markup(page, kind, language, selector)
        await reply_html(message, html_messages(page.blocks)[:1], markup)


def _markup(page: Page, kind: str, language: str, selector: str) -> InlineKeyboardMarkup | None:
    return keyboards.pager(kind, language, page.number, page.count, selector)
