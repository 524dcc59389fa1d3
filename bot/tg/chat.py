"""Handlers for messages and commands: private chats, groups, forum topics and channels."""

from __future__ import annotations

from telegram import Message, MessageEntity, Update, User
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import __version__
from bot.core.messages import message as text_for
from bot.core.render import html_messages, numbered, paragraph, to_html
from bot.tg import keyboards
from bot.tg.records import record_reply, with_votes
from bot.tg.send import admit, conversation_key, fact_reply, language_of, reply_html, reply_plain
from bot.tg.state import BotState

Context = ContextTypes.DEFAULT_TYPE
MAX_QUESTION = 4096
"""Telegram's own message limit; a longer text did not come from Telegram, so it is cut."""


class ChatHandlers:
    """Read the update, ask the core, send the rendered reply."""

    def __init__(self, state: BotState) -> None:
        self.state = state

    async def first_delivery(self, update: Update, context: Context) -> None:
        """Stop an update seen before (Telegram resends webhook updates it thinks failed)."""
        if update.update_id in self.state.updates:
            raise ApplicationHandlerStop
        self.state.updates.put(update.update_id, True)

    async def start(self, update: Update, context: Context) -> None:
        """/start: welcome and examples; `/start <fact-id>` (a deep link) opens that answer."""
        message, sender = _message(update), update.effective_user
        language = language_of(sender)
        if message is None or not await admit(self.state, message, sender):
            return
        kb = self.state.holder.kb
        payload = context.args[0] if context.args else ""
        reply = fact_reply(self.state.holder.responder, payload, language) if payload else None
        if reply is not None:
            markup = with_votes(self.state, reply, message.chat.type, None)
            await reply_html(message, to_html(reply, kb), markup)
            return
        examples = self.state.holder.responder.examples(language)
        blocks = [paragraph(text_for("welcome", language)), numbered(examples)]
        await reply_html(message, html_messages(blocks))

    async def help(self, update: Update, context: Context) -> None:
        """/help: how to ask."""
        await self._say(update, "help")

    async def about(self, update: Update, context: Context) -> None:
        """/about: what the bot knows and where from."""
        kb = self.state.holder.kb
        facts = sum(1 for fact in kb.facts.values() if not fact.disputed)
        await self._say(update, "about", facts=facts, sources=len(kb.sources), version=__version__)

    async def ask(self, update: Update, context: Context) -> None:
        """/ask <question> (also /ask@bot): the way to ask in groups."""
        message = _message(update)
        if message is None:
            return
        _, question = _command(message)
        if not question:
            await self._say(update, "ask_usage")
            return
        await self._answer(message, update.effective_user, question)

    async def text(self, update: Update, context: Context) -> None:
        """A plain message: always answered in private; in groups only when addressed to us."""
        message = _message(update)
        if message is None or not message.text:
            return
        if message.chat.type == "private":
            await self._answer(message, update.effective_user, message.text)
            return
        question = _addressed(message, context.bot.id, context.bot.username)
        if question is not None:
            await self._answer(message, update.effective_user, question)

    async def channel_post(self, update: Update, context: Context) -> None:
        """A channel post starting with /ask or mentioning us (CommandHandler skips channels)."""
        post = update.channel_post
        if post is None or not post.text:
            return
        question = _channel_question(post, context.bot.id, context.bot.username)
        if question == "":
            await reply_plain(post, "ask_usage", "en")
        elif question is not None:
            await self._answer(post, None, question)

    async def unknown_command(self, update: Update, context: Context) -> None:
        """A private /command we do not have (admin commands included, for non-admins)."""
        await self._say(update, "unknown_command")

    async def non_text(self, update: Update, context: Context) -> None:
        """A sticker, photo or voice message in private: we read text only."""
        await self._say(update, "non_text")

    async def _say(self, update: Update, key: str, **fields: object) -> None:
        message, sender = _message(update), update.effective_user
        if message is not None and await admit(self.state, message, sender):
            await reply_plain(message, key, language_of(sender), **fields)

    async def _answer(self, message: Message, sender: User | None, question: str) -> None:
        state = self.state
        if not await admit(state, message, sender):
            return
        responder = state.holder.responder
        key = conversation_key(message, sender)
        earlier = message.reply_to_message
        if (
            earlier is not None
            and (where := (earlier.chat.id, earlier.message_id)) in state.answers
        ):
            state.conversations.restore(key, state.answers.get(where))  # continue that answer
        hint = language_of(sender) if sender is not None else None
        reply = state.conversations.reply(responder, key, question[:MAX_QUESTION], language=hint)
        chat_type = message.chat.type
        markup = with_votes(state, reply, chat_type, keyboards.suggestions(reply))
        sent = await reply_html(message, to_html(reply, responder.kb), markup)
        turn = state.conversations.snapshot(key)
        for answer in sent:
            state.answers.put((answer.chat.id, answer.message_id), turn)
        # After sending: the person gets the answer first, the curators' record follows.
        record_reply(state, reply, chat_type)


def _message(update: Update) -> Message | None:
    return update.message or update.channel_post


def _command(message: Message) -> tuple[str, str]:
    """The leading `/command` (lowercase, with any @target) and the text after it."""
    text = message.text or ""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command = message.parse_entity(entity)
            return command.lower(), text[len(command) :].strip()
    return "", text


def _without_mentions(message: Message, bot_id: int, username: str | None) -> str | None:
    """The text with our @mentions removed, or None when it does not mention us."""
    text, found = message.text or "", False
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    for entity, value in message.parse_entities(kinds).items():
        by_id = entity.user is not None and entity.user.id == bot_id
        if by_id or (username and value.lower() == f"@{username.lower()}"):
            text, found = text.replace(value, " "), True
    return " ".join(text.split()) if found else None


def _addressed(message: Message, bot_id: int, username: str | None) -> str | None:
    """The question of a group message that mentions us or replies to us; else None."""
    question = _without_mentions(message, bot_id, username)
    if question is not None:
        return question
    earlier = message.reply_to_message
    if earlier is not None and earlier.from_user is not None and earlier.from_user.id == bot_id:
        return " ".join((message.text or "").split())
    return None


def _channel_question(post: Message, bot_id: int, username: str | None) -> str | None:
    """The question of a channel post: after a leading /ask, or with our mention removed."""
    command, rest = _command(post)
    if command in ("/ask", f"/ask@{(username or '').lower()}"):
        return rest
    return _without_mentions(post, bot_id, username)
