"""Fixtures: the fake Bot API server and the real Application polling it."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings, default_pack_dirs
from bot.core.answers import Responder
from bot.store import Store
from bot.tg.app import build_application
from bot.tg.holder import ResponderHolder, load_responder
from bot.tg.records import open_store
from bot.tg.runner import PTB_TIMEDELTA, serve
from bot.tg.tuning import Tuning
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME, FakeBotApi, Recorded

MINIPACK = Path(__file__).resolve().parents[1] / "data" / "minipack"
ADMIN_ID = 4242

FAST = Tuning(
    http_timeout=1.0,
    poll_timeout=1,
    send_attempts=5,
    retry_after_attempts=3,
    backoff_first=0.05,
    backoff_cap=0.4,
    rate_limit=False,
    inline_settle=0.05,
)
"""Timings that keep the suite quick: one-second timeouts, short backoff."""


def make_settings(api: FakeBotApi, tmp_path: Path, **changes: Any) -> Settings:
    """Settings pointing at the fake server and the mini pack."""
    settings = Settings(
        knowledge_dir=MINIPACK / "knowledge",
        intents_dir=MINIPACK / "intents",
        data_dir=tmp_path / "state",
        token=api.token,
        api_base_url=api.base_url,
        admin_ids=frozenset({ADMIN_ID}),
    )
    return replace(settings, **changes)


def copy_pack(tmp_path: Path) -> Path:
    """A writable copy of the mini pack (for reload tests)."""
    target = tmp_path / "pack"
    shutil.copytree(MINIPACK, target)
    return target


@dataclass
class RunningBot:
    """The real Application serving in the background until `close()`."""

    api: FakeBotApi
    holder: ResponderHolder
    stop: asyncio.Event
    task: asyncio.Task[None]
    store: Store | None = None

    async def ask(
        self, chat: dict[str, Any], text: str, **details: Any
    ) -> tuple[dict[str, Any], list[Recorded]]:
        """Send a message and wait for the bot's replies to it."""
        sent = await self.api.push(_wrap(chat, updates.message(chat, text, **details)))
        message = sent["channel_post" if chat["type"] == "channel" else "message"]
        replies = await self.api.wait_for(
            lambda: self.api.replies_to(chat["id"], message["message_id"]),
            what=f"a reply to {text!r}",
        )
        return message, replies

    async def ignored(self, chat: dict[str, Any], text: str, **details: Any) -> None:
        """Send a message and check that it gets no reply (a later /ask in the chat does)."""
        sent = await self.api.push(_wrap(chat, updates.message(chat, text, **details)))
        message = sent["channel_post" if chat["type"] == "channel" else "message"]
        await self.ask(chat, f"/ask@{BOT_USERNAME} trade volume")
        assert self.api.replies_to(chat["id"], message["message_id"]) == []

    async def close(self) -> None:
        """Stop polling and shut the Application down (once), then close its database."""
        self.stop.set()
        try:
            if not self.task.done():
                await asyncio.wait_for(self.task, 10)
        finally:
            if self.store is not None:
                self.store.close()
                self.store = None


READ_ONLY_PACKS = {MINIPACK / "knowledge", default_pack_dirs()[0]}


@functools.cache
def _shared(knowledge: Path, intents: Path) -> Responder:
    return load_responder(Settings(knowledge, intents, MINIPACK))


def _responder(settings: Settings) -> Responder:
    """A Responder for the settings' pack; those of packs no test edits are shared (a
    Responder keeps no per-chat state)."""
    if settings.knowledge_dir in READ_ONLY_PACKS:
        return _shared(settings.knowledge_dir, settings.intents_dir)
    return load_responder(settings)


def _wrap(chat: dict[str, Any], message: dict[str, Any]) -> dict[str, Any]:
    return {"channel_post" if chat["type"] == "channel" else "message": message}


async def start_bot(
    api: FakeBotApi, settings: Settings, tuning: Tuning = FAST, *, wait: bool = True
) -> RunningBot:
    """Build the Application (with its database in `settings.data_dir`, as `factbot run`
    does) and serve it; by default wait until it polls."""
    holder = ResponderHolder(_responder(settings))
    store = open_store(settings)
    app = build_application(settings, holder, tuning, store)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, settings, tuning, stop))
    running = RunningBot(api, holder, stop, task, store)
    if wait:
        await api.wait_for(lambda: "getUpdates" in api.arrivals, what="polling")
    return running


@pytest.fixture(autouse=True)
def timedelta_durations(monkeypatch: pytest.MonkeyPatch) -> None:
    """What `factbot run` sets: PTB's future timedelta durations, without its warning."""
    monkeypatch.setenv(PTB_TIMEDELTA, "1")


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API; every test ends with no request violating the spec."""
    async with FakeBotApi() as server:
        yield server
    assert server.violations == []


Launch = Callable[..., Awaitable[RunningBot]]


@pytest.fixture
async def launch(api: FakeBotApi) -> AsyncIterator[Launch]:
    """Start bots against `api` (settings, tuning, wait=...); all are stopped at the end."""
    started: list[RunningBot] = []

    async def launch(settings: Settings, tuning: Tuning = FAST, *, wait: bool = True) -> RunningBot:
        running = await start_bot(api, settings, tuning, wait=wait)
        started.append(running)
        return running

    yield launch
    for running in started:
        await running.close()


@pytest.fixture
async def bot(launch: Launch, api: FakeBotApi, tmp_path: Path) -> RunningBot:
    """The bot over the mini pack, polling the fake server."""
    return await launch(make_settings(api, tmp_path))


@pytest.fixture
async def shipped(launch: Launch, api: FakeBotApi, tmp_path: Path) -> RunningBot:
    """The bot on the shipped Turkey–Kazakhstan pack (families, languages, real sources)."""
    knowledge, intents = default_pack_dirs()
    return await launch(make_settings(api, tmp_path, knowledge_dir=knowledge, intents_dir=intents))
