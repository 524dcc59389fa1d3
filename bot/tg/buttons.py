"""Button presses: "did you mean" answers, listing pages and 👍/👎 votes; stale or forged data
is refused politely."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.core.messages import message as text_for
from bot.core.render import to_html
from bot.store import views
from bot.store.views import Vote
from bot.tg import keyboards
from bot.tg.flood import Verdict
from bot.tg.listings import ListingHandlers
from bot.tg.records import record_vote, with_votes
from bot.tg.send import fact_reply, flood_verdict, language_of, reply_html
from bot.tg.state import BotState

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE


class ButtonHandlers:
    """Answer every callback query exactly once, whatever its data."""

    def __init__(self, state: BotState, listings: ListingHandlers) -> None:
        self.state = state
        self.listings = listings

    async def press(self, update: Update, context: Context) -> None:
        """Answer the query; then count the vote, show the card or turn the page it asks for."""
        query = update.callback_query
        if query is None:
            return
        data = query.data or ""
        on = query.message if isinstance(query.message, Message) else None
        vote = views.parse_vote(data)  # before keyboards.parse: "v:" is the store's own kind
        if vote is not None:
            await self._vote(query, on, vote)
            return
        press = keyboards.parse(data)
        language = press.language if press else language_of(query.from_user)
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
        markup = with_votes(self.state, reply, on.chat.type, None)
        await reply_html(on, to_html(reply, kb), markup)

    async def _vote(self, query: CallbackQuery, on: Message | None, vote: Vote) -> None:
        """Count a 👍/👎 once per message, thank the voter, and take the buttons away."""
        if on is None or vote.fact_id not in self.state.holder.kb.facts:
            await query.answer(text_for("button_expired", vote.language))
            return
        verdict = flood_verdict(self.state, on, query.from_user)
        if verdict is not Verdict.ALLOW:
            slow = text_for("slow_down", vote.language) if verdict is Verdict.WARN else None
            await query.answer(slow)
            return
        where = (on.chat.id, on.message_id)
        if where in self.state.voted:  # a second press that raced the removal of the buttons
            await query.answer(views.vote_thanks(vote.language))
            return
        self.state.voted.put(where, True)
        record_vote(self.state, vote)
        await query.answer(views.vote_thanks(vote.language))
        try:
            await on.edit_reply_markup(keyboards.without_votes(on.reply_markup))
        except BadRequest as error:
            # Too old to edit, or deleted: the vote counted, the buttons merely stay.
            log.info("could not remove the vote buttons: %s", error)
