"""Follow-up questions in Telegram: context per private chat, per user and thread in groups."""

from __future__ import annotations

from tests.adapter.conftest import RunningBot
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME

PRIVATE = updates.private_chat(4242)
GROUP = updates.group_chat(-1009)
ALICE = updates.user(501)
BORIS = updates.user(502)


async def test_private_follow_up_resolves_against_the_last_answer(shipped: RunningBot) -> None:
    _, first = await shipped.ask(PRIVATE, "What was the trade volume in 2012?")
    assert "3.1 billion" in first[0].params["text"]
    _, follow = await shipped.ask(PRIVATE, "and in 2019?")
    text = follow[0].params["text"]
    assert "2019" in text
    assert "3.1 billion" not in text.split("\n", 1)[0]


async def test_two_users_in_one_group_keep_their_own_context(shipped: RunningBot) -> None:
    ask = f"/ask@{BOT_USERNAME}"
    await shipped.ask(GROUP, f"{ask} What was the trade volume in 2012?", sender=ALICE)
    await shipped.ask(GROUP, f"{ask} When was the second HLSCC meeting?", sender=BORIS)
    _, alice = await shipped.ask(GROUP, f"{ask} and in 2022?", sender=ALICE)
    _, boris = await shipped.ask(GROUP, f"{ask} and the third one?", sender=BORIS)
    assert "$6.3 billion" in alice[0].params["text"]  # trade in 2022, not an HLSCC meeting
    assert "2018" in boris[0].params["text"]  # the third HLSCC meeting, not trade
    assert "billion" not in boris[0].params["text"].split("\n", 1)[0]


async def test_a_stand_alone_question_is_not_polluted_by_context(shipped: RunningBot) -> None:
    await shipped.ask(PRIVATE, "What was the trade volume in 2012?")
    _, replies = await shipped.ask(PRIVATE, "When was the strategic partnership signed?")
    assert "22 October 2009" in replies[0].params["text"]
