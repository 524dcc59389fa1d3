"""The bot joining a group: one note on how to ask, since privacy mode hides plain messages."""

from __future__ import annotations

import html

from telegram import ChatMember, Update
from telegram.ext import ContextTypes

from bot.core.messages import message as text_for
from bot.tg.send import language_of
from bot.tg.state import BotState

Context = ContextTypes.DEFAULT_TYPE
_PRESENT = (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)


class GroupHandlers:
    """Membership changes of the bot itself."""

    def __init__(self, state: BotState) -> None:
        self.state = state

    async def joined(self, update: Update, context: Context) -> None:
        """Added to a group: post the note once (mentions work only without privacy mode)."""
        change = update.my_chat_member
        if change is None or change.chat.type not in ("group", "supergroup"):
            return
        was = change.old_chat_member.status in _PRESENT
        now = change.new_chat_member.status in _PRESENT
        if was or not now or change.chat.id in self.state.noted_groups:
            return
        self.state.noted_groups.put(change.chat.id, True)
        open_mode = bool(context.bot.can_read_all_group_messages)
        key = "group_note_open" if open_mode else "group_note_privacy"
        note = text_for(key, language_of(change.from_user))
        await context.bot.send_message(
            change.chat.id, html.escape(note, quote=False), parse_mode="HTML"
        )
