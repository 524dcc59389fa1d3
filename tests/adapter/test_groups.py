"""Groups, forum topics and channels: answer only what is addressed to the bot."""

from __future__ import annotations

from pathlib import Path

from bot.core.messages import message
from tests.adapter.conftest import Launch, RunningBot, make_settings
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME, FakeBotApi
from tests.fakes.telegram_html import visible_text

GROUP = updates.group_chat(-1001)
FORUM = updates.group_chat(-1002, forum=True)
CHANNEL = updates.channel_chat(-100777)


async def test_ask_with_the_bot_name(bot: RunningBot) -> None:
    _, replies = await bot.ask(
        GROUP, f"/ask@{BOT_USERNAME} when was the strategic partnership signed"
    )
    assert "22 October 2009" in replies[0].params["text"]


async def test_plain_ask(bot: RunningBot) -> None:
    _, replies = await bot.ask(GROUP, "/ask trade volume in 2012")
    assert "3.1 billion" in replies[0].params["text"]


async def test_plain_chatter_is_ignored(bot: RunningBot) -> None:
    await bot.ignored(GROUP, "what a nice day, the trade volume must be huge")


async def test_commands_for_other_bots_are_ignored(bot: RunningBot) -> None:
    await bot.ignored(GROUP, "/ask@otherbot trade volume")


async def test_ask_with_nothing_after_it_explains_usage(bot: RunningBot) -> None:
    _, replies = await bot.ask(GROUP, f"/ask@{BOT_USERNAME}")
    assert replies[0].params["text"].startswith("Write your question after /ask")


async def test_mention_is_a_question(bot: RunningBot) -> None:
    _, replies = await bot.ask(GROUP, f"@{BOT_USERNAME} trade volume 2012?")
    assert "3.1 billion" in replies[0].params["text"]


async def test_reply_to_the_bot_is_a_question(bot: RunningBot) -> None:
    earlier = updates.bot_message(GROUP, 5000, "an earlier answer")
    _, replies = await bot.ask(GROUP, "and the trade volume in 2012?", reply_to=earlier)
    assert "3.1 billion" in replies[0].params["text"]


async def test_reply_to_someone_else_is_ignored(bot: RunningBot) -> None:
    earlier = updates.message(GROUP, "trade volume?")
    await bot.ignored(GROUP, "trade volume in 2012 I think", reply_to=earlier)


async def test_forum_topic_answer_stays_in_the_topic(bot: RunningBot) -> None:
    question, replies = await bot.ask(FORUM, "/ask trade volume", thread_id=77)
    params = replies[0].params
    assert params["message_thread_id"] == 77
    assert params["reply_parameters"]["message_id"] == question["message_id"]


async def test_general_topic_gets_no_thread_id(bot: RunningBot) -> None:
    _, replies = await bot.ask(FORUM, "/ask trade volume")
    assert "message_thread_id" not in replies[0].params


async def test_channel_post_with_ask_is_answered_in_the_channel(bot: RunningBot) -> None:
    post, replies = await bot.ask(CHANNEL, "/ask when was the strategic partnership signed")
    assert replies[0].params["chat_id"] == CHANNEL["id"]
    assert replies[0].params["reply_parameters"]["message_id"] == post["message_id"]
    assert "22 October 2009" in visible_text(replies[0].params["text"])


async def test_channel_post_mentioning_the_bot(bot: RunningBot) -> None:
    _, replies = await bot.ask(CHANNEL, f"trade volume in 2012 @{BOT_USERNAME}")
    assert "3.1 billion" in replies[0].params["text"]


async def test_other_channel_posts_are_ignored(bot: RunningBot) -> None:
    await bot.ignored(CHANNEL, "Our weekly digest: trade volume news")


async def test_bot_added_to_group_posts_one_note(bot: RunningBot, api: FakeBotApi) -> None:
    group = updates.group_chat(-1009)
    await api.push(updates.bot_added(group))
    notes = await api.wait_for(lambda: api.sent(group["id"]), what="the group note")
    assert notes[0].params["text"] == message("group_note_privacy", "en")
    await api.push(updates.bot_added(group))
    await bot.ask(group, "/ask trade volume")
    assert len(api.sent(group["id"])) == 2  # the note once, then the answer


async def test_note_mentions_mentions_when_bot_reads_all_messages(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    api.can_read_all_group_messages = True
    await launch(make_settings(api, tmp_path))
    await api.push(updates.bot_added(GROUP, by=updates.user(5, language_code="kk")))
    notes = await api.wait_for(lambda: api.sent(GROUP["id"]), what="the group note")
    assert notes[0].params["text"] == message("group_note_open", "kk")


async def test_bot_message_ids_are_remembered_for_follow_ups(bot: RunningBot) -> None:
    _, replies = await bot.ask(GROUP, "/ask trade volume in 2012")
    answer = replies[0]
    earlier = updates.bot_message(GROUP, answer.result["message_id"], answer.params["text"])
    _, again = await bot.ask(GROUP, "what about 2022?", reply_to=earlier)
    assert "6.4 billion" in again[0].params["text"]
