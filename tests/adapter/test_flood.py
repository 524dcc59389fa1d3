"""Flood control: one "slow down", then silence until the window passes; others unaffected."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from bot.core.messages import message
from bot.tg.flood import FloodGate, Verdict
from tests.adapter.conftest import FAST, Launch, make_settings
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi

GROUP = updates.group_chat(-1001)
SPAMMER = updates.user(666)
OTHER = updates.user(777)


async def test_a_flooding_user_is_told_once_then_ignored(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    running = await launch(make_settings(api, tmp_path), replace(FAST, flood_user=3))
    pushed = [
        await api.push({"message": updates.message(GROUP, "/ask trade volume", sender=SPAMMER)})
        for _ in range(7)
    ]
    _, other = await running.ask(GROUP, "/ask trade volume in 2012", sender=OTHER)
    assert "3.1 billion" in other[0].params["text"]
    replies = [api.replies_to(GROUP["id"], u["message"]["message_id"]) for u in pushed]
    assert [len(r) for r in replies] == [1, 1, 1, 1, 0, 0, 0]
    assert replies[3][0].params["text"] == message("slow_down", "en")
    assert all("billion" in r[0].params["text"] for r in replies[:3])


async def test_the_user_is_served_again_after_the_window(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    tuning = replace(FAST, flood_user=2, flood_window=0.5)
    running = await launch(make_settings(api, tmp_path), tuning)
    me = updates.private_chat(1001)
    for _ in range(2):
        await running.ask(me, "trade volume")
    _, warned = await running.ask(me, "trade volume")
    assert warned[0].params["text"] == message("slow_down", "en")
    await asyncio.sleep(0.6)
    _, again = await running.ask(me, "trade volume")
    assert "billion" in again[0].params["text"]


async def test_a_flooding_group_is_limited_as_a_whole(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    running = await launch(make_settings(api, tmp_path), replace(FAST, flood_chat=2))
    for n in range(2):
        await running.ask(GROUP, "/ask trade volume", sender=updates.user(800 + n))
    _, warned = await running.ask(GROUP, "/ask trade volume", sender=updates.user(900))
    assert warned[0].params["text"] == message("slow_down", "en")
    _, private = await running.ask(updates.private_chat(900), "trade volume")
    assert "billion" in private[0].params["text"]


def test_flood_gate_warns_once_then_drops_until_the_window_passes() -> None:
    now = [0.0]
    gate = FloodGate({"user": 2}, window=10, clock=lambda: now[0])
    verdicts = [gate.check(("user", 1)) for _ in range(4)]
    assert verdicts == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.DROP]
    assert gate.check(("user", 2)) is Verdict.ALLOW
    now[0] = 10.0
    assert [gate.check(("user", 1)) for _ in range(3)] == [
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.WARN,
    ]


def test_flood_gate_counts_nothing_while_a_key_is_blocked() -> None:
    now = [0.0]
    gate = FloodGate({"user": 5, "chat": 1}, window=10, clock=lambda: now[0])
    assert gate.check(("user", 1), ("chat", 9)) is Verdict.ALLOW
    assert gate.check(("user", 1), ("chat", 9)) is Verdict.WARN
    assert gate.check(("user", 1)) is Verdict.ALLOW  # the same user elsewhere (one question so far)
