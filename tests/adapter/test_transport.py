"""The aiohttp transport: PTB's request contract, and failures that never show the token."""

from __future__ import annotations

import asyncio
import socket
import traceback
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.tg.app import build_application
from bot.tg.holder import ResponderHolder, load_responder
from bot.tg.runner import StartupError, serve
from bot.tg.transport import AiohttpRequest
from tests.adapter.conftest import FAST, make_settings
from tests.fakes.botapi import TOKEN, FakeBotApi, Fault

SECRET_PART = TOKEN.partition(":")[2]


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connecting is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_no_token(error: BaseException) -> None:
    """Neither the message nor the traceback (with any chained error) shows the token."""
    shown = str(error) + "".join(traceback.format_exception(error))
    assert TOKEN not in shown and SECRET_PART not in shown, shown
    assert "getMe" not in str(error)  # the URL is not quoted at all


@pytest.fixture
async def transport() -> AsyncIterator[AiohttpRequest]:
    """A transport with short timeouts and a pool of one connection."""
    request = AiohttpRequest(1, read_timeout=0.3, connect_timeout=0.2, pool_timeout=0.2)
    async with request:
        yield request


async def test_refused_connection_is_a_network_error_without_the_token(
    transport: AiohttpRequest,
) -> None:
    url = f"http://127.0.0.1:{closed_port()}/bot{TOKEN}/getMe"
    with pytest.raises(NetworkError) as raised:
        await transport.post(url)
    assert not isinstance(raised.value, TimedOut)
    assert "ClientConnectorError: cannot connect to 127.0.0.1" in str(raised.value)
    assert_no_token(raised.value)


async def test_read_timeout_is_timed_out_without_the_token(
    transport: AiohttpRequest, api: FakeBotApi
) -> None:
    api.inject("getMe", Fault.slow(1.0))
    with pytest.raises(TimedOut) as raised:
        await transport.post(f"{api.base_url}{TOKEN}/getMe")
    assert "answer" in str(raised.value)
    assert_no_token(raised.value)


async def test_a_full_pool_times_out_after_the_pool_timeout(
    transport: AiohttpRequest, api: FakeBotApi
) -> None:
    api.inject("getMe", Fault.slow(1.0))
    busy = asyncio.create_task(transport.post(f"{api.base_url}{TOKEN}/getMe", read_timeout=2))
    await api.wait_for(lambda: "getMe" in api.arrivals, what="the first request")
    with pytest.raises(TimedOut) as raised:
        await transport.post(f"{api.base_url}{TOKEN}/getMe")
    assert "free pooled connection" in str(raised.value)
    assert_no_token(raised.value)
    with pytest.raises(NetworkError, match="Gateway Timeout"):
        await busy  # the slow request itself still gets its (504) answer


async def test_form_and_multipart_requests_reach_the_bot_api(api: FakeBotApi) -> None:
    async with Bot(TOKEN, base_url=api.base_url, request=AiohttpRequest()) as bot:
        await bot.send_message(42, "günaydın & <hi>", disable_notification=True)
        await bot.send_document(42, b"file body", filename="facts.txt", caption="ünicode")
    sent = api.calls("sendMessage")[0].params
    assert sent["text"] == "günaydın & <hi>" and sent["disable_notification"] is True
    document = api.calls("sendDocument")[0].params
    assert document["chat_id"] == 42 and document["caption"] == "ünicode"
    assert "facts.txt" in document["document"]


async def test_a_request_needs_initialize(api: FakeBotApi) -> None:
    request = AiohttpRequest()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(f"{api.base_url}{TOKEN}/getMe")
    await request.shutdown()  # shutting down what never started is harmless


async def test_a_refused_token_is_not_repeated_in_the_startup_error(
    api: FakeBotApi, tmp_path: Path
) -> None:
    settings = make_settings(api, tmp_path, token="999:not-the-right-token-at-all")
    app = build_application(settings, ResponderHolder(load_responder(settings)), FAST)
    with pytest.raises(StartupError) as raised:
        await serve(app, settings, FAST, asyncio.Event())
    assert "not-the-right-token-at-all" not in str(raised.value)
