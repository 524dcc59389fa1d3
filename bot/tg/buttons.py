"""Button presses: "did you mean" answers and listing pages; stale or forged data is refused."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import ContextTypes

from bot.core.messages import message as text_for
from bot.core.render import to_html
from bot.tg import keyboards
from bot.tg.flood import Verdict
from bot.tg.listings import ListingHandlers
from bot.tg.send import fact_reply, flood_verdict, language_of, reply_html
from bot.tg.state import BotState

Context = ContextTypes.DEFAULT_TYPE


class ButtonHandlers:
    """Answer every callback query exactly once, whatever its data."""

    def __init__(self, state: BotState, listings: ListingHandlers) -> None:
        self.state = state
        self.listings = listings

    async def press(self, update: Update, context: Context) -> None:
        """Answer the query; then show the card or turn the page it asks for."""
        query = update.callback_query
        if query is None:
            return
        press = keyboards.parse(query.data or "")
        language = press.language if press else language_of(query.from_user)
        on = query.message if isinstance(query.message, Message) else None
        if press is None or on is None:
            await query.answer(text_for("button_expired", language))
            return
        verdict = flood_verdict(self.state, on, query.from_user)
        if verdict is not Verdict.ALLOW:
            await query.answer(text_for("slow_down", language) if verdict is Verdict.WARN else None)
            return
        if press.kind != "fact":
            await self.listings.turn(query, on, press)
            return
        kb = self.state.holder.kb
        reply = fact_reply(self.state.holder.responder, press.value, language)
        if reply is None:
            await query.answer(text_for("button_expired", language))
            return
        await query.answer()
        await reply_html(on, to_html(reply, kb))
