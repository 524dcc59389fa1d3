"""Webhook mode: setWebhook with a secret; requests without the right secret get 403."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from tests.adapter.conftest import Launch, make_settings
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi

SECRET = "webhook-secret-for-tests-123"
ME = updates.private_chat(1001)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _listening(port: int) -> None:
    """Wait until the bot's webhook server accepts connections (it starts after setWebhook)."""
    for _ in range(200):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.02)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise AssertionError(f"nothing listens on port {port}")


async def test_webhook_checks_the_secret(launch: Launch, api: FakeBotApi, tmp_path: Path) -> None:
    port = _free_port()
    settings = make_settings(
        api,
        tmp_path,
        webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
        webhook_secret=SECRET,
        listen="127.0.0.1",
        port=port,
    )
    await launch(settings, wait=False)
    registered = await api.wait_for(lambda: api.calls("setWebhook"), what="setWebhook")
    assert registered[0].params["secret_token"] == SECRET
    assert registered[0].params["url"] == f"http://127.0.0.1:{port}/telegram/hook"
    assert "callback_query" in registered[0].params["allowed_updates"]
    await _listening(port)

    def update(text: str) -> dict:
        return {"update_id": api.next_update_id(), "message": updates.message(ME, text)}

    forged = [update("trade volume"), update("trade volume in 2012")]
    assert await api.deliver_webhook(forged[0], secret=None) == 403
    assert await api.deliver_webhook(forged[1], secret="wrong-secret") == 403
    real = update("when was the strategic partnership signed")
    assert await api.deliver_webhook(real) == 200
    await api.wait_for(lambda: api.replies_to(ME["id"], real["message"]["message_id"]))
    assert await api.deliver_webhook(real) == 200  # Telegram resending the same update
    real_again = update("hello")
    assert await api.deliver_webhook(real_again) == 200
    await api.wait_for(lambda: api.replies_to(ME["id"], real_again["message"]["message_id"]))
    assert len(api.sent(ME["id"])) == 2  # nothing for the forged ones, one answer per update
    assert not api.calls("getUpdates", ok=False)
