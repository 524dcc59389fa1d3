"""build_application: the python-telegram-bot Application with every handler, in one place."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.core.messages import message
from bot.core.models import LANGUAGES
from bot.store import Store
from bot.tg.admin import AdminHandlers
from bot.tg.buttons import ButtonHandlers
from bot.tg.chat import ChatHandlers
from bot.tg.errors import on_error
from bot.tg.flood import FloodGate
from bot.tg.groups import GroupHandlers
from bot.tg.holder import ResponderHolder
from bot.tg.inline import InlineHandlers
from bot.tg.limiter import PatientRateLimiter
from bot.tg.listings import ListingHandlers
from bot.tg.processor import ChatOrderedProcessor
from bot.tg.state import BotState
from bot.tg.transport import AiohttpRequest
from bot.tg.tuning import Tuning

App = Application[Any, Any, Any, Any, Any, Any]
"""The Application as the handlers use it (the default context types, our rate limiter)."""
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
COMMANDS = ("start", "help", "ask", "timeline", "sources", "about")
"""Commands shown in Telegram's menu (/reload and /stats are for admins and stay unlisted)."""
ALLOWED_UPDATES = (
    "message",
    "channel_post",
    "callback_query",
    "inline_query",
    "chosen_inline_result",
    "my_chat_member",
)
"""Edited messages are left out on purpose: an edit is not a new question to answer again."""
CONNECTIONS = 256
"""Connections to the Bot API kept at most (PTB's default): well above the updates handled
at once (Tuning.max_concurrent_updates), so a burst of replies never waits for the pool."""


def build_application(
    settings: Settings,
    responder_holder: ResponderHolder,
    tuning: Tuning | None = None,
    store: Store | None = None,
) -> App:
    """The Application talking to `settings.api_base_url`, answering from `responder_holder`,
    recording into `store` (the caller opens and closes it; None records nothing)."""
    if not settings.token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    tuning = tuning or Tuning.from_settings(settings)
    base_url = settings.api_base_url or DEFAULT_BASE_URL
    app = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(base_url)
        .base_file_url(base_url.removesuffix("/bot") + "/file/bot")
        .rate_limiter(PatientRateLimiter(tuning))
        .concurrent_updates(ChatOrderedProcessor(tuning.max_concurrent_updates))
        .request(transport(tuning, CONNECTIONS))
        # One long poll at a time. PTB adds the poll timeout to this request's read timeout,
        # so a getUpdates that waits `poll_timeout` for updates is not cut off.
        .get_updates_request(transport(tuning, 1))
        .build()
    )
    flood = FloodGate({"user": tuning.flood_user, "chat": tuning.flood_chat}, tuning.flood_window)
    state = BotState(settings, tuning, responder_holder, flood, store)
    chat, listings = ChatHandlers(state), ListingHandlers(state)
    admin, groups, inline = AdminHandlers(state), GroupHandlers(state), InlineHandlers(state)

    async def flush_records(_: App) -> None:
        inline.records.flush()  # inline queries still settling count too

    app.post_stop = flush_records  # run by runner.serve, as run_polling would
    buttons = ButtonHandlers(state, listings)

    new = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE
    app.add_handler(TypeHandler(Update, chat.first_delivery), group=-1)
    app.add_handler(CommandHandler("start", chat.start, filters=new))
    app.add_handler(CommandHandler("help", chat.help, filters=new))
    app.add_handler(CommandHandler("ask", chat.ask, filters=new))
    app.add_handler(CommandHandler("timeline", listings.timeline, filters=new))
    app.add_handler(CommandHandler("sources", listings.sources, filters=new))
    app.add_handler(CommandHandler("about", chat.about, filters=new))
    app.add_handler(CommandHandler("reload", admin.reload, filters=new))
    app.add_handler(CommandHandler("stats", admin.stats, filters=new))
    app.add_handler(
        MessageHandler(filters.UpdateType.CHANNEL_POST & filters.TEXT, chat.channel_post)
    )
    app.add_handler(MessageHandler(new & private & filters.COMMAND, chat.unknown_command))
    app.add_handler(MessageHandler(new & filters.TEXT & ~filters.COMMAND, chat.text))
    app.add_handler(
        MessageHandler(new & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, chat.non_text)
    )
    app.add_handler(CallbackQueryHandler(buttons.press))
    app.add_handler(InlineQueryHandler(inline.query))
    app.add_handler(ChosenInlineResultHandler(inline.chosen))
    app.add_handler(ChatMemberHandler(groups.joined, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(on_error)
    return app


def transport(tuning: Tuning, connections: int) -> AiohttpRequest:
    """An HTTP transport with `connections` pooled connections and the connect, read, write
    and pool timeouts set to `tuning.http_timeout` (uploads keep PTB's 20 s)."""
    timeout = tuning.http_timeout
    return AiohttpRequest(
        connection_pool_size=connections,
        read_timeout=timeout,
        write_timeout=timeout,
        connect_timeout=timeout,
        pool_timeout=timeout,
    )


async def register_commands(bot: Bot) -> None:
    """The command menu for private chats and groups, in each of our languages."""
    scopes = (BotCommandScopeAllPrivateChats(), BotCommandScopeAllGroupChats())
    await asyncio.gather(
        *(
            bot.set_my_commands(
                [BotCommand(name, message(f"cmd_{name}", language)) for name in COMMANDS],
                scope=scope,
                language_code=None if language == "en" else language,
            )
            for scope in scopes
            for language in LANGUAGES
        )
    )
