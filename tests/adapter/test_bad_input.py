"""Hostile or odd input: every private message still gets exactly one valid reply."""

from __future__ import annotations

from tests.adapter.conftest import RunningBot
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME, FakeBotApi

ODD = (
    "   ",
    "\u200b\u200d\u200e\u202e trade volume \u202c",
    "e\u0301\u0301\u0301 🇹🇷🇰🇿 👨‍👩‍👧‍👦",
    "\x00\x01\x1b[31m trade \x7f",
    "\ud800 lone surrogate \udfff",
    "<b>trade</b> &amp; <a href='javascript:x'>volume</a> </i>",
    "**trade** _volume_ `2012` [link](http://x)",
    f"/ask@{BOT_USERNAME}",
    "trade " * 20_000,
)


async def test_odd_messages_each_get_one_valid_reply(bot: RunningBot, api: FakeBotApi) -> None:
    me = updates.private_chat(1001)
    asked = [(await bot.ask(me, text))[0] for text in ODD]
    await bot.ask(me, "hello")  # handled after all of them: any second reply would be in
    assert [len(api.replies_to(me["id"], q["message_id"])) for q in asked] == [1] * len(ODD)
