"""Running the Application: start (retrying while Telegram is unreachable), poll or serve a
webhook, reload on SIGHUP, stop cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import secrets
import signal
from urllib.parse import urlsplit

from telegram.error import Conflict, InvalidToken, TelegramError

from bot.config import Settings
from bot.store import Store
from bot.tg.admin import notify_admins
from bot.tg.app import ALLOWED_UPDATES, App, build_application, register_commands
from bot.tg.holder import ResponderHolder, load_responder
from bot.tg.logs import configure_logging
from bot.tg.records import open_store
from bot.tg.tuning import Tuning

log = logging.getLogger(__name__)
PTB_TIMEDELTA = "PTB_TIMEDELTA"


class StartupError(Exception):
    """The bot cannot start and retrying will not help (e.g. Telegram refused the token)."""


async def run(settings: Settings) -> None:
    """`factbot run`: serve until SIGINT or SIGTERM (raises PackError, StartupError)."""
    # python-telegram-bot 22 warns on every 429 unless the process opts in to timedelta
    # durations (the next major version's only behaviour); our code reads none of them.
    os.environ.setdefault(PTB_TIMEDELTA, "1")
    if settings.webhook_url and not settings.webhook_secret:
        # Without a secret anyone who guesses the URL could inject updates.
        settings = dataclasses.replace(settings, webhook_secret=secrets.token_urlsafe(32))
    handler = configure_logging(settings)
    store: Store | None = None
    try:
        holder = ResponderHolder(await asyncio.to_thread(load_responder, settings))
        tuning = Tuning.from_settings(settings)
        store = open_store(settings)
        app = build_application(settings, holder, tuning, store)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        pending: set[asyncio.Task[None]] = set()

        def reload() -> None:
            task = loop.create_task(_reload(app, settings, holder))
            pending.add(task)
            task.add_done_callback(pending.discard)

        loop.add_signal_handler(signal.SIGINT, stop.set)
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGHUP, reload)
        await serve(app, settings, tuning, stop)
    finally:
        if store is not None:
            store.close()  # after serve(): stopping the Application finished every record
        logging.getLogger().removeHandler(handler)


async def serve(
    app: App,
    settings: Settings,
    tuning: Tuning,
    stop: asyncio.Event,
) -> None:
    """Connect (retrying), receive updates by polling or webhook until `stop` is set."""
    try:
        connected = await _connect(app, tuning, stop)
    except StartupError:
        await app.bot.shutdown()  # close both HTTP sessions (getMe's and the long poll's)
        raise
    if not connected:
        await app.bot.shutdown()
        return
    try:
        try:
            await register_commands(app.bot)
        except TelegramError as error:
            log.warning("could not register the command menu: %s", error)
        await app.start()
        await _receive(app, settings, tuning)
        log.info("factbot is running as @%s (%s)", app.bot.username, _mode(settings))
        await stop.wait()
        log.info("stopping")
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()


async def _connect(
    app: App,
    tuning: Tuning,
    stop: asyncio.Event,
) -> bool:
    """Initialize (getMe), retrying with backoff while the Bot API cannot be reached."""
    delay = tuning.backoff_first
    while not stop.is_set():
        try:
            await app.initialize()
            return True
        except InvalidToken as error:
            # Not quoting `error`: PTB's text repeats the token, and cli.py prints this one.
            raise StartupError(
                "Telegram refused the bot token; check TELEGRAM_BOT_TOKEN"
            ) from error
        except TelegramError as error:
            log.warning(
                "Telegram Bot API unreachable (%s: %s); retrying in %.1f s",
                type(error).__name__,
                error,
                delay,
            )
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
        delay = min(tuning.backoff_cap, delay * 2)
    return False


async def _receive(
    app: App,
    settings: Settings,
    tuning: Tuning,
) -> None:
    updater = app.updater
    assert updater is not None, "the builder always makes an Updater"
    if settings.webhook_url:
        await updater.start_webhook(
            listen=settings.listen,
            port=settings.port,
            url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=list(ALLOWED_UPDATES),
            bootstrap_retries=-1,
        )
        return
    await updater.start_polling(
        poll_interval=0,
        timeout=tuning.poll_timeout,
        bootstrap_retries=-1,
        allowed_updates=list(ALLOWED_UPDATES),
        error_callback=_polling_error,
    )


def _polling_error(error: TelegramError) -> None:
    hint = " (is another instance polling with this token?)" if isinstance(error, Conflict) else ""
    log.warning("getUpdates failed%s: %s: %s; polling again", hint, type(error).__name__, error)


async def _reload(
    app: App,
    settings: Settings,
    holder: ResponderHolder,
) -> None:
    log.info("SIGHUP: reloading the knowledge pack")
    result = await holder.reload(settings)
    await notify_admins(app.bot, settings.admin_ids, holder, result)


def _mode(settings: Settings) -> str:
    if settings.webhook_url:
        return f"webhook on {settings.listen}:{settings.port}"
    return "long polling"
