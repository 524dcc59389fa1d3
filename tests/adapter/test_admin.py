"""/reload: admins swap in a valid pack; a broken one is refused with its errors."""

from __future__ import annotations

from pathlib import Path

from bot.core.messages import message
from tests.adapter.conftest import ADMIN_ID, Launch, RunningBot, copy_pack, make_settings
from tests.fakes import updates
from tests.fakes.botapi import FakeBotApi
from tests.fakes.telegram_html import visible_text

ADMIN = updates.user(ADMIN_ID)
ADMIN_CHAT = updates.private_chat(ADMIN_ID)


async def _bot_on_copy(launch: Launch, api: FakeBotApi, tmp_path: Path) -> tuple[RunningBot, Path]:
    pack = copy_pack(tmp_path)
    settings = make_settings(
        api, tmp_path, knowledge_dir=pack / "knowledge", intents_dir=pack / "intents"
    )
    return await launch(settings), pack


async def test_admin_reload_swaps_in_a_valid_pack(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    running, pack = await _bot_on_copy(launch, api, tmp_path)
    trade = pack / "knowledge" / "trade.yaml"
    trade.write_text(trade.read_text().replace("$6.4 billion", "$7.7 billion"), encoding="utf-8")
    old = running.holder.responder
    _, done = await running.ask(ADMIN_CHAT, "/reload", sender=ADMIN)
    assert done[0].params["text"] == message("reload_ok", "en", facts=4, intents=2, sources=3)
    assert running.holder.responder is not old
    _, answer = await running.ask(ADMIN_CHAT, "trade volume", sender=ADMIN)
    assert "7.7 billion" in answer[0].params["text"]


async def test_broken_pack_is_refused_and_the_old_one_keeps_serving(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    running, pack = await _bot_on_copy(launch, api, tmp_path)
    trade = pack / "knowledge" / "trade.yaml"
    trade.write_text(trade.read_text().replace('date: "2022"', 'date: "2022-13"'), encoding="utf-8")
    old = running.holder.responder
    _, refused = await running.ask(ADMIN_CHAT, "/reload", sender=ADMIN)
    text = visible_text(refused[0].params["text"])
    assert text.startswith("The pack on disk has 1 problem(s)")
    assert "knowledge/trade.yaml:" in text
    assert running.holder.responder is old
    _, answer = await running.ask(ADMIN_CHAT, "trade volume", sender=ADMIN)
    assert "6.4 billion" in answer[0].params["text"]


async def test_reload_from_anyone_else_does_nothing_and_reveals_nothing(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    running, pack = await _bot_on_copy(launch, api, tmp_path)
    (pack / "knowledge" / "trade.yaml").write_text("facts: [", encoding="utf-8")
    old = running.holder.responder
    _, replies = await running.ask(updates.private_chat(1001), "/reload")
    assert replies[0].params["text"] == message("unknown_command", "en")
    group = updates.group_chat(-1001)
    await running.ignored(group, "/reload")
    assert running.holder.responder is old
