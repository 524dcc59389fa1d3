"""Follow-up questions in Telegram: context per private chat, per user and thread in groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import default_pack_dirs
from tests.adapter.conftest import Launch, RunningBot, make_settings
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME, FakeBotApi

PRIVATE = updates.private_chat(4242)
GROUP = updates.group_chat(-1009)
ALICE = updates.user(501)
BORIS = updates.user(502)


@pytest.fixture
async def bot(launch: Launch, api: FakeBotApi, tmp_path: Path) -> RunningBot:
    """The bot on the shipped pack, which has families to follow up on."""
    knowledge, intents = default_pack_dirs()
    return await launch(make_settings(api, tmp_path, knowledge_dir=knowledge, intents_dir=intents))


async def test_private_follow_up_resolves_against_the_last_answer(bot: RunningBot) -> None:
    _, first = await bot.ask(PRIVATE, "What was the trade volume in 2012?")
    assert "3.1 billion" in first[0].params["text"]
    _, follow = await bot.ask(PRIVATE, "and in 2019?")
    text = follow[0].params["text"]
    assert "2019" in text
    assert "3.1 billion" not in text.split("\n", 1)[0]


async def test_two_users_in_one_group_keep_their_own_context(bot: RunningBot) -> None:
    ask = f"/ask@{BOT_USERNAME}"
    await bot.ask(GROUP, f"{ask} What was the trade volume in 2012?", sender=ALICE)
    await bot.ask(GROUP, f"{ask} When was the second HLSCC meeting?", sender=BORIS)
    _, alice = await bot.ask(GROUP, f"{ask} and in 2022?", sender=ALICE)
    _, boris = await bot.ask(GROUP, f"{ask} and the third one?", sender=BORIS)
    assert "$6.3 billion" in alice[0].params["text"]  # trade in 2022, not an HLSCC meeting
    assert "2018" in boris[0].params["text"]  # the third HLSCC meeting, not trade
    assert "billion" not in boris[0].params["text"].split("\n", 1)[0]


async def test_a_stand_alone_question_is_not_polluted_by_context(bot: RunningBot) -> None:
    await bot.ask(PRIVATE, "What was the trade volume in 2012?")
    _, replies = await bot.ask(PRIVATE, "When was the strategic partnership signed?")
    assert "22 October 2009" in replies[0].params["text"]
