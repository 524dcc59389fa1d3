"""The token never reaches the log, even at DEBUG level and when requests fail."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.tg.logs import REDACTED, RedactingFilter, configure_logging
from tests.adapter.conftest import Launch, make_settings
from tests.fakes import updates
from tests.fakes.botapi import TOKEN, FakeBotApi, Fault

SECRET_PART = TOKEN.partition(":")[2]


@pytest.fixture
def captured() -> Iterator[list[logging.Handler]]:
    """Handlers added to the root logger by the test, removed (and the level reset) after."""
    handlers: list[logging.Handler] = []
    root = logging.getLogger()
    level = root.level
    yield handlers
    for handler in handlers:
        root.removeHandler(handler)
    root.setLevel(level)


def test_filter_redacts_message_arguments_and_traceback() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter([TOKEN, None, "webhook-secret-value"]))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("GET https://api.example/bot%s/getMe", TOKEN)
        logger.warning("encoded: /bot%s/x and bare %s", TOKEN.replace(":", "%3A"), SECRET_PART)
        try:
            raise RuntimeError(f"failed: https://api.example/bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("request with webhook-secret-value failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    text = stream.getvalue()
    assert TOKEN not in text and SECRET_PART not in text and "webhook-secret-value" not in text
    assert text.count(REDACTED) == 5
    assert "RuntimeError: failed: https://api.example/bot[REDACTED]/sendMessage" in text


async def test_no_token_in_the_log_of_a_run_with_failures(
    launch: Launch, api: FakeBotApi, tmp_path: Path, captured: list[logging.Handler]
) -> None:
    stream = io.StringIO()
    settings = make_settings(api, tmp_path, log_level="DEBUG")
    captured.append(configure_logging(settings, stream))
    api.inject("getMe", Fault.server_error(502))
    api.inject("getUpdates", Fault.server_error(500), Fault.malformed())
    api.inject("sendMessage", Fault.reset(), Fault.malformed(), Fault.bad_request())
    running = await launch(settings)
    me = updates.private_chat(1001)
    await running.ask(me, "trade volume")  # reset, garbled answer, then an error: apology
    await running.ask(me, "trade volume in 2012")
    await running.close()
    logged = stream.getvalue()
    assert "sendMessage failed (NetworkError" in logged
    assert "error while handling an update" in logged and "Traceback" in logged
    assert REDACTED in logged  # PTB logs its API URL at DEBUG; the filter caught it
    assert TOKEN not in logged and SECRET_PART not in logged
