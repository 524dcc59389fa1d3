"""The shipped Turkey–Kazakhstan pack through the real Application: real data renders."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.adapter.conftest import RunningBot
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi
from tests.fakes.telegram_html import visible_text

DEV = Path(__file__).resolve().parents[1] / "data" / "dev.yaml"
ME = updates.private_chat(1001)


async def test_seed_questions_get_valid_sourced_answers(shipped: RunningBot) -> None:
    cases = [c for c in yaml.safe_load(DEV.read_text(encoding="utf-8")) if c["set"] == "seed"]
    for case in cases[:12]:
        _, replies = await shipped.ask(ME, case["q"])
        text = visible_text(replies[0].params["text"])
        assert "Source" in text or "Did you mean" in text, (case["q"], text)


async def test_every_timeline_page_renders(shipped: RunningBot, api: FakeBotApi) -> None:
    _, replies = await shipped.ask(ME, "/timeline")
    shown = updates.bot_message(ME, replies[0].result["message_id"])
    markup = replies[0].params.get("reply_markup")
    pages = 1
    while markup:
        forward = markup["inline_keyboard"][0][-1]
        if not forward["text"].startswith("Next"):
            break
        query = updates.callback_query(
            updates.user(1001), forward["callback_data"], shown, f"p{pages}"
        )
        await api.push(query)
        edits = await api.wait_for(lambda n=pages: api.calls("editMessageText")[n - 1 :])
        markup = edits[0].params.get("reply_markup")
        pages += 1
    assert pages > 3
    assert f"Page {pages} of {pages}" in api.calls("editMessageText")[-1].params["text"]


async def test_inline_query_over_the_shipped_pack(shipped: RunningBot, api: FakeBotApi) -> None:
    await api.push(updates.inline_query(updates.user(1001), "trade volume 2012", "iq-shipped"))
    answer = await api.wait_for(lambda: api.calls("answerInlineQuery"))
    assert answer[0].params["results"]
