"""`python -m bot run` as its own process against the fake Bot API: faults, SIGHUP, SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

from tests.adapter.conftest import ADMIN_ID, copy_pack
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME, TOKEN, FakeBotApi, Fault

REPO = Path(__file__).resolve().parents[2]


class Output:
    """Everything the process writes, read as it comes."""

    def __init__(self) -> None:
        self.text = ""
        self.changed = asyncio.Event()

    async def drain(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            self.text += line.decode("utf-8", "replace")
            self.changed.set()

    async def wait_for(self, needle: str, timeout: float = 20.0) -> None:
        async def seen() -> None:
            while needle not in self.text:
                self.changed.clear()
                await self.changed.wait()

        try:
            await asyncio.wait_for(seen(), timeout)
        except TimeoutError:
            raise AssertionError(f"{needle!r} never logged:\n{self.text}") from None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_factbot_run_answers_every_question_once_and_leaks_no_token(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    api = FakeBotApi(port=_free_port())
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "FACTBOT_KNOWLEDGE_DIR": str(pack / "knowledge"),
        "FACTBOT_INTENTS_DIR": str(pack / "intents"),
        "FACTBOT_DATA_DIR": str(tmp_path / "state"),
        "FACTBOT_ADMIN_IDS": str(ADMIN_ID),
        "FACTBOT_HTTP_TIMEOUT": "1",
        "FACTBOT_POLL_TIMEOUT": "1",
        "FACTBOT_LOG_LEVEL": "DEBUG",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    output = Output()
    reader = asyncio.create_task(output.drain(process.stdout))
    try:
        await output.wait_for("getMe failed")  # the API is not up yet: it retries
        async with api:
            await api.wait_for(lambda: "getUpdates" in api.arrivals, timeout=30, what="polling")
            api.inject("getUpdates", Fault.server_error(502))
            api.inject(
                "sendMessage",
                Fault.too_many(retry_after=1),
                Fault.server_error(500),
                Fault.slow(1.5),
                Fault.server_error(502),
                Fault.reset(),
            )
            chats = [updates.private_chat(3000 + n) for n in range(4)] + [updates.group_chat(-3000)]
            questions = []
            for chat in chats:
                text = (
                    "trade volume"
                    if chat["type"] == "private"
                    else f"/ask@{BOT_USERNAME} trade volume"
                )
                questions.append(
                    (await api.push({"message": updates.message(chat, text)}))["message"]
                )
            for chat, question in zip(chats, questions, strict=True):
                await api.wait_for(
                    lambda c=chat, q=question: api.replies_to(c["id"], q["message_id"])
                )
            for chat in chats:  # a later question in each chat is answered after any duplicate
                later = (await api.push({"message": updates.message(chat, "/ask hello")}))[
                    "message"
                ]
                await api.wait_for(lambda c=chat, q=later: api.replies_to(c["id"], q["message_id"]))
            for chat, question in zip(chats, questions, strict=True):
                assert len(api.replies_to(chat["id"], question["message_id"])) == 1

            trade = pack / "knowledge" / "trade.yaml"
            good = trade.read_text(encoding="utf-8")
            trade.write_text(good.replace('date: "2022"', 'date: "2022-13"'), encoding="utf-8")
            process.send_signal(signal.SIGHUP)
            refused = await api.wait_for(lambda: api.sent(ADMIN_ID), what="the reload report")
            assert "knowledge/trade.yaml:" in refused[0].params["text"]
            trade.write_text(good.replace("$6.4 billion", "$7.7 billion"), encoding="utf-8")
            process.send_signal(signal.SIGHUP)
            reloaded = await api.wait_for(lambda: api.sent(ADMIN_ID)[1:], what="the second report")
            assert reloaded[0].params["text"].startswith("Knowledge reloaded")
            me = updates.private_chat(3000)
            question = (await api.push({"message": updates.message(me, "trade volume")}))["message"]
            answer = await api.wait_for(lambda: api.replies_to(me["id"], question["message_id"]))
            assert "7.7 billion" in answer[0].params["text"]

            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 15) == 0
        await reader
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert api.violations == []
    assert "retry 1 of 4" in output.text and "factbot is running" in output.text
    assert TOKEN not in output.text and TOKEN.partition(":")[2] not in output.text
    assert "Traceback" not in output.text


async def test_missing_token_is_a_usage_error_without_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run",
        cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2
    assert b"TELEGRAM_BOT_TOKEN is not set" in err and b"Traceback" not in err + out
