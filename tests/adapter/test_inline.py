"""Inline mode: answer cards for `@bot question`, featured questions for an empty query."""

from __future__ import annotations

from bot.tg.inline import CACHE_SECONDS
from tests.adapter.conftest import RunningBot
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi
from tests.fakes.telegram_html import visible_text


async def inline(api: FakeBotApi, text: str, query_id: str) -> dict:
    await api.push(updates.inline_query(updates.user(1001), text, query_id))
    calls = await api.wait_for(
        lambda: [
            c for c in api.calls("answerInlineQuery") if c.params["inline_query_id"] == query_id
        ],
        what=f"inline answer {query_id}",
    )
    return calls[0].params


async def test_inline_query_returns_sourced_cards(bot: RunningBot, api: FakeBotApi) -> None:
    params = await inline(api, "when was the strategic partnership signed", "iq-1")
    results = params["results"]
    assert 1 <= len(results) <= 10
    card = results[0]
    assert card["type"] == "article"
    content = card["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["link_preview_options"] == {"is_disabled": True}
    text = visible_text(content["message_text"])
    assert "22 October 2009" in text and "Turkey Gazette" in text
    assert "22 October 2009" in card["description"]
    assert params["cache_time"] == CACHE_SECONDS and params["is_personal"] is True


async def test_empty_inline_query_offers_featured_questions(
    bot: RunningBot, api: FakeBotApi
) -> None:
    params = await inline(api, "", "iq-2")
    titles = [result["title"] for result in params["results"]]
    assert titles == [
        "When was the strategic partnership signed?",
        "What was the trade volume in 2012?",
    ]


async def test_unanswerable_inline_query_still_offers_cards(
    bot: RunningBot, api: FakeBotApi
) -> None:
    params = await inline(api, "<b>weather</b> in Paris & London", "iq-3")
    assert params["results"]


async def test_chosen_result_with_unknown_id_is_ignored(bot: RunningBot, api: FakeBotApi) -> None:
    await api.push(updates.chosen_inline_result(updates.user(1001), "0:no-such-fact", "x"))
    await api.push(updates.chosen_inline_result(updates.user(1001), "forged" * 20, "x"))
    await bot.ask(updates.private_chat(1001), "hello")
    assert [r.method for r in api.requests if r.method.startswith("send")] == ["sendMessage"]
