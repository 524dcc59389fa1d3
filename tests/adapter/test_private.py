"""Private chats: every text message gets exactly one sourced reply."""

from __future__ import annotations

from bot.core.messages import message
from tests.adapter.conftest import RunningBot
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi
from tests.fakes.telegram_html import visible_text

ME = updates.private_chat(1001)


async def test_question_gets_a_sourced_answer_card(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "When was the strategic partnership signed?")
    assert len(replies) == 1
    params = replies[0].params
    text = visible_text(params["text"])
    assert "22 October 2009" in text
    assert "Ministry <Foreign> & Affairs" in text  # escaped on the wire, intact for the reader
    assert '<a href="https://www.mfa.gov.tr/relations.en.mfa?a=1&amp;b=2">' in params["text"]
    assert params["parse_mode"] == "HTML"
    assert params["link_preview_options"] == {"is_disabled": True}


async def test_sources_that_disagree_are_both_shown(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "strategic partnership signed")
    text = visible_text(replies[0].params["text"])
    assert "2019" in text and "Turkey Gazette" in text
    assert "22 October 2009" in text and "Ministry" in text
    assert text.index("22 October 2009") < text.index("Turkey Gazette")


async def test_data_that_looks_like_html_is_escaped(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "trade volume in 2012")
    assert "&lt;b&gt;(rounded)&lt;/b&gt;" in replies[0].params["text"]


async def test_unknown_question_gets_examples(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "What is the capital of France?")
    text = replies[0].params["text"]
    assert text.startswith(message("unknown", "en"))
    assert "When was the strategic partnership signed?" in text


async def test_small_talk(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "hello")
    assert replies[0].params["text"] == message("greeting", "en")


async def test_reply_language_follows_the_question(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "Stratejik ortaklık ne zaman imzalandı?")
    assert "22 Ekim 2009" in replies[0].params["text"]


async def test_start_shows_welcome_and_examples_in_the_user_language(
    bot: RunningBot,
) -> None:
    user = updates.user(1002, language_code="ru")
    _, replies = await bot.ask(updates.private_chat(1002), "/start", sender=user)
    text = replies[0].params["text"]
    assert text.startswith(message("welcome", "ru")[:20])
    assert "Когда подписали стратегическое партнерство?" in text


async def test_start_deep_link_opens_that_answer(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "/start trade-2022")
    assert "6.4 billion" in replies[0].params["text"]


async def test_start_with_unknown_payload_falls_back_to_welcome(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "/start no-such-fact")
    assert replies[0].params["text"].startswith(message("welcome", "en")[:20])


async def test_help_about_and_unknown_command(bot: RunningBot) -> None:
    _, help_replies = await bot.ask(ME, "/help")
    assert "/timeline" in help_replies[0].params["text"]
    _, about = await bot.ask(ME, "/about")
    assert "from 3 curated facts and 3 published sources" in about[0].params["text"]
    _, unknown = await bot.ask(ME, "/frobnicate")
    assert unknown[0].params["text"] == message("unknown_command", "en")


async def test_empty_ask_explains_usage(bot: RunningBot) -> None:
    _, replies = await bot.ask(ME, "/ask")
    assert replies[0].params["text"].startswith("Write your question after /ask")


async def test_non_text_message_gets_a_hint(bot: RunningBot, api: FakeBotApi) -> None:
    sticker = updates.message(ME, "")
    del sticker["text"]
    sticker["sticker"] = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await api.push({"message": sticker})
    replies = await api.wait_for(lambda: api.replies_to(ME["id"], sticker["message_id"]))
    assert replies[0].params["text"] == message("non_text", "en")


async def test_command_menu_is_registered_for_private_chats_and_groups(
    bot: RunningBot, api: FakeBotApi
) -> None:
    calls = api.calls("setMyCommands")
    scopes = {(c.params["scope"]["type"], c.params.get("language_code")) for c in calls}
    assert ("all_private_chats", None) in scopes and ("all_group_chats", "kk") in scopes
    names = [command["command"] for command in calls[0].params["commands"]]
    assert names == ["start", "help", "ask", "timeline", "sources", "about"]


async def test_edited_messages_are_not_answered_again(bot: RunningBot, api: FakeBotApi) -> None:
    question, _ = await bot.ask(ME, "trade volume")
    await api.push({"edited_message": {**question, "edit_date": question["date"] + 1}})
    await bot.ask(ME, "hello")
    assert len(api.replies_to(ME["id"], question["message_id"])) == 1
