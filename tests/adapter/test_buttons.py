"""Buttons: "did you mean" presses, listing pages, and callback data nobody should trust."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.core.answers import Responder
from bot.core.messages import message
from bot.tg.keyboards import fact_data, page_data
from tests.adapter.conftest import Launch, RunningBot, copy_pack, make_settings
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi
from tests.fakes.telegram_html import visible_text

ME = updates.private_chat(1001)
ALMOST = (
    "strategic partnership football club ranking news",
    "strategic partnership of football clubs",
    "partnership agreement strategic ranking table",
)
"""Questions near the strategic-partnership intent but not quite it (the first that the
real matcher turns into a "did you mean" is used)."""


async def press(api: FakeBotApi, data: str, on: dict | None, query_id: str) -> list:
    """Press a button and wait until the query is answered."""
    await api.push(updates.callback_query(updates.user(1001), data, on, query_id))
    return await api.wait_for(
        lambda: [
            c for c in api.calls("answerCallbackQuery") if c.params["callback_query_id"] == query_id
        ],
        what=f"the answer to callback {query_id}",
    )


async def test_did_you_mean_buttons_open_the_answer(bot: RunningBot, api: FakeBotApi) -> None:
    responder = bot.holder.responder
    question = next(q for q in ALMOST if Responder.reply(responder, q).status == "suggest")
    _, replies = await bot.ask(ME, question)
    keyboard = replies[0].params["reply_markup"]["inline_keyboard"]
    data = keyboard[0][0]["callback_data"]
    assert data == fact_data("en", "strategic-partnership")
    shown = updates.bot_message(ME, replies[0].result["message_id"], replies[0].params["text"])
    answered = await press(api, data, shown, "q-dym")
    assert "text" not in answered[0].params
    cards = await api.wait_for(lambda: api.replies_to(ME["id"], shown["message_id"]))
    assert "22 October 2009" in visible_text(cards[0].params["text"])


FORGED = (
    "garbage",
    "f:xx:strategic-partnership",
    "f:en:no-such-fact",
    "f:en:#0000000000000000000000",
    "t:en:0:",
    "t:en:999999999:",
    "t:en:1:no-such-topic",
    "s:en:abc",
    "f:en:" + "x" * 70,
    "",
)


async def test_forged_or_stale_callbacks_get_a_polite_answer(
    bot: RunningBot, api: FakeBotApi
) -> None:
    shown = updates.bot_message(ME, 9000)
    for number, data in enumerate(FORGED):
        answered = await press(api, data, shown, f"q-forged-{number}")
        assert answered[0].params["text"] == message("button_expired", "en"), data
    await bot.ask(ME, "hello")
    assert [r.params["text"] for r in api.sent(ME["id"])] == [message("greeting", "en")]
    assert not api.calls("editMessageText", ok=False)


async def test_press_on_an_inline_message_is_refused_politely(
    bot: RunningBot, api: FakeBotApi
) -> None:
    answered = await press(api, fact_data("en", "trade-2022"), None, "q-inline")
    assert answered[0].params["text"] == message("button_expired", "en")


def _long_timeline(tmp_path: Path) -> Path:
    pack = copy_pack(tmp_path)
    facts = [
        {
            "id": f"trade-{year}",
            "topic": "trade",
            "answer": {
                lang: f"Trade in {year} was {year - 1990} units."
                for lang in ("en", "tr", "ru", "kk")
            },
            "date": str(year),
            "sources": ["stats-test"],
        }
        for year in range(1993, 2012)
    ]
    path = pack / "knowledge" / "trade.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["facts"].extend(facts)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    intents = pack / "intents" / "trade.yaml"
    data = yaml.safe_load(intents.read_text(encoding="utf-8"))
    data["intents"][0]["facts"].extend(fact["id"] for fact in facts)
    intents.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return pack


async def test_timeline_pages_forward_and_back(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    pack = _long_timeline(tmp_path)
    settings = make_settings(
        api, tmp_path, knowledge_dir=pack / "knowledge", intents_dir=pack / "intents"
    )
    running = await launch(settings)
    _, replies = await running.ask(ME, "/timeline")
    first = replies[0].params
    assert "Page 1 of 3" in first["text"] and "1993" in visible_text(first["text"])
    [[forward]] = first["reply_markup"]["inline_keyboard"]
    assert forward["callback_data"] == page_data("timeline", "en", 2)
    shown = updates.bot_message(ME, replies[0].result["message_id"])
    await press(api, forward["callback_data"], shown, "q-next")
    edit = await api.wait_for(lambda: api.calls("editMessageText"), what="page 2")
    assert "Page 2 of 3" in edit[0].params["text"]
    back, _ = edit[0].params["reply_markup"]["inline_keyboard"][0]
    assert back["callback_data"] == page_data("timeline", "en", 1)
    await press(api, back["callback_data"], shown, "q-back")
    edits = await api.wait_for(lambda: api.calls("editMessageText")[1:], what="page 1 again")
    assert "Page 1 of 3" in edits[0].params["text"]


async def test_timeline_by_year_and_by_topic(bot: RunningBot) -> None:
    _, by_year = await bot.ask(ME, "/timeline 2012")
    assert "3.1 billion" in by_year[0].params["text"]
    assert "6.4 billion" not in by_year[0].params["text"]
    _, by_topic = await bot.ask(ME, "/timeline agreements")
    assert "22 October 2009" in by_topic[0].params["text"]
    assert "newspaper" not in by_topic[0].params["text"]  # a disputed claim is never listed alone
    _, nothing = await bot.ask(ME, "/timeline weather")
    assert nothing[0].params["text"] == message("timeline_empty", "en")


async def test_sources_listing(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "/sources")
    text = replies[0].params["text"]
    assert "Sources (3)" in text and "Turkey Gazette" in text
    assert "reply_markup" not in replies[0].params  # one page, no buttons
