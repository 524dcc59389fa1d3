"""Telegram faults injected by the fake server: every question is answered exactly once."""

from __future__ import annotations

import asyncio
import io
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.messages import message
from bot.tg.app import build_application
from bot.tg.holder import ResponderHolder, load_responder
from bot.tg.logs import configure_logging
from bot.tg.runner import StartupError, serve
from tests.adapter.conftest import FAST, Launch, RunningBot, make_settings
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi, Fault

ME = updates.private_chat(1001)


async def answered_once(bot: RunningBot, chat: dict, text: str) -> list:
    """Ask, then prove no second answer follows: a later question in the same chat (handled
    strictly after the first) is answered, and the first still has exactly one reply."""
    question, _ = await bot.ask(chat, text)
    await bot.ask(chat, "hello")
    final = bot.api.replies_to(chat["id"], question["message_id"])
    assert len(final) == 1, bot.api.summary()
    return final


@pytest.mark.parametrize(
    "fault",
    [
        Fault.too_many(retry_after=1),
        Fault.server_error(500),
        Fault.server_error(502),
        Fault.slow(1.5),
        Fault.reset(),
        Fault.malformed(),
    ],
    ids=["429", "500", "502", "timeout", "reset", "malformed-json"],
)
async def test_send_fault_is_retried_and_answered_once(
    bot: RunningBot, api: FakeBotApi, fault: Fault
) -> None:
    api.inject("sendMessage", fault)
    replies = await answered_once(bot, ME, "trade volume in 2012")
    assert "3.1 billion" in replies[0].params["text"]
    assert [r.fault for r in api.calls("sendMessage", ok=False) if r.fault] == [fault]


async def test_429_waits_for_retry_after(bot: RunningBot, api: FakeBotApi) -> None:
    api.inject("sendMessage", Fault.too_many(retry_after=1))
    _, replies = await bot.ask(ME, "trade volume")
    failed = next(r for r in api.calls("sendMessage", ok=False) if r.fault)
    assert replies[0].at - failed.at >= 1.0


async def test_several_faults_in_a_row(bot: RunningBot, api: FakeBotApi) -> None:
    api.inject(
        "sendMessage", Fault.server_error(502), Fault.reset(), Fault.too_many(1), Fault.malformed()
    )
    await answered_once(bot, ME, "trade volume")


@pytest.mark.parametrize(
    "faults",
    [
        (Fault.server_error(502), Fault.conflict()),
        (Fault.malformed(), Fault.reset(), Fault.slow(2.5)),
    ],
    ids=["5xx-and-409", "garbled-reset-timeout"],
)
async def test_polling_faults_lose_nothing_and_duplicate_nothing(
    bot: RunningBot, api: FakeBotApi, faults: tuple[Fault, ...]
) -> None:
    api.inject("getUpdates", *faults)
    chats = [updates.private_chat(2000 + n) for n in range(3)]
    pushed = [await api.push({"message": updates.message(chat, "trade volume")}) for chat in chats]
    for chat, update in zip(chats, pushed, strict=True):
        await api.wait_for(
            lambda c=chat, u=update: api.replies_to(c["id"], u["message"]["message_id"])
        )
    await answered_once(bot, chats[0], "trade volume in 2012")
    for chat, update in zip(chats, pushed, strict=True):
        assert len(api.replies_to(chat["id"], update["message"]["message_id"])) == 1
    assert sum(1 for r in api.calls("getUpdates", ok=False) if r.fault) == len(faults)


async def test_unexpected_error_is_logged_once_and_user_gets_one_apology(
    bot: RunningBot, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.inject("sendMessage", Fault.bad_request())  # not retryable: the handler fails
    with caplog.at_level(logging.ERROR):
        await api.push({"message": updates.message(ME, "trade volume")})
        apology = await api.wait_for(lambda: api.sent(ME["id"]), what="the apology")
    assert apology[0].params["text"] == message("error", "en")
    errors = [r for r in caplog.records if r.name == "bot.tg.errors"]
    assert len(errors) == 1 and errors[0].exc_info is not None
    assert len(api.sent(ME["id"])) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def log_output() -> Iterator[tuple[io.StringIO, list[logging.Handler]]]:
    """Everything the bot logs, through its own handler (the one `factbot run` installs)."""
    stream = io.StringIO()
    handlers: list[logging.Handler] = []
    root = logging.getLogger()
    level = root.level
    yield stream, handlers
    for handler in handlers:
        root.removeHandler(handler)
    root.setLevel(level)


async def test_start_while_the_api_is_unreachable(
    tmp_path: Path, launch: Launch, log_output: tuple[io.StringIO, list[logging.Handler]]
) -> None:
    stream, handlers = log_output
    late = FakeBotApi(port=_free_port())
    settings = make_settings(late, tmp_path, log_level="DEBUG")
    handlers.append(configure_logging(settings, stream))
    running = await launch(settings, wait=False)
    while stream.getvalue().count("unreachable") < 2:
        assert not running.task.done()
        await asyncio.sleep(0.05)
    async with late:
        running.api = late
        await late.wait_for(lambda: "getUpdates" in late.arrivals, what="polling")
        await answered_once(running, ME, "trade volume")
        await running.close()
    logged = stream.getvalue()
    assert "Telegram Bot API unreachable" in logged
    assert late.token not in logged
    assert late.token.partition(":")[2] not in logged
    assert late.violations == []


async def test_a_refused_token_stops_with_a_clear_error(api: FakeBotApi, tmp_path: Path) -> None:
    settings = make_settings(api, tmp_path, token="999:not-the-right-token-at-all")
    holder = ResponderHolder(load_responder(settings))
    app = build_application(settings, holder, FAST)
    with pytest.raises(StartupError, match="Telegram refused the bot token"):
        await serve(app, settings, FAST, asyncio.Event())
