"""The curators' loop through Telegram: questions and 👍/👎 votes recorded, reported by the
CLI, kept across a restart, and /stats for admins only."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot import cli
from bot.core.answers import Responder
from bot.core.messages import message
from bot.store import normalised, views
from bot.tg.admin import STATS_UNAVAILABLE
from bot.tg.keyboards import fact_data
from tests.adapter.conftest import ADMIN_ID, FAST, Launch, RunningBot, make_settings
from tests.fakes import updates
from tests.fakes.botapi import BOT_USERNAME, TOKEN, FakeBotApi, Recorded
from tests.fakes.telegram_html import MAX_TEXT, visible_text

ADMIN = updates.user(ADMIN_ID)
ADMIN_CHAT = updates.private_chat(ADMIN_ID)
GROUP = updates.group_chat(-1001)
CHANNEL = updates.channel_chat(-100777)

UNKNOWN_PRIVATE = ("What is the capital of France?", "what is the capital of france", "hello")
"""Two wordings of one out-of-scope question (they group), and small talk (never stored)."""
ANSWERED = ("When was the strategic partnership signed?", "trade volume", "trade volume")
ALMOST = (
    "strategic partnership of football clubs",
    "partnership agreement strategic ranking table",
    "strategic partnership football club ranking news",
)
"""Near the strategic-partnership intent; the first that the matcher only suggests is used."""
GROUP_QUESTION = "who invented the telephone"
CHANNEL_QUESTION = "best kebab in Almaty"
INLINE_QUESTION = "Кто изобрел телефон?"


def _keyboard(sent: Recorded) -> list[list[dict[str, Any]]]:
    return list((sent.params.get("reply_markup") or {}).get("inline_keyboard", []))


def _vote_row(sent: Recorded) -> list[dict[str, Any]]:
    rows = [row for row in _keyboard(sent) if views.parse_vote(row[0]["callback_data"])]
    assert len(rows) <= 1
    return rows[0] if rows else []


def _shown(chat: dict[str, Any], sent: Recorded) -> dict[str, Any]:
    """The bot's message as a callback query carries it (with its keyboard)."""
    shown = updates.bot_message(chat, sent.result["message_id"], sent.params["text"])
    if "reply_markup" in sent.params:
        shown["reply_markup"] = sent.params["reply_markup"]
    return shown


async def _press(
    api: FakeBotApi, chat: dict[str, Any], data: str, on: dict[str, Any] | None, query_id: str
) -> Recorded:
    """Press a button as the chat's user; the answer to the query."""
    await api.push(updates.callback_query(updates.user(chat["id"]), data, on, query_id))
    answered = await api.wait_for(
        lambda: [
            c for c in api.calls("answerCallbackQuery") if c.params["callback_query_id"] == query_id
        ],
        what=f"the answer to callback {query_id}",
    )
    return answered[0]  # type: ignore[no-any-return]


async def _vote(
    api: FakeBotApi, chat: dict[str, Any], sent: Recorded, helpful: bool, query_id: str
) -> None:
    """Press 👍 or 👎 under an answer; check the thanks and that the buttons went away."""
    up, down = _vote_row(sent)
    button = up if helpful else down
    assert button["text"] == (views.UP if helpful else views.DOWN)
    answered = await _press(api, chat, button["callback_data"], _shown(chat, sent), query_id)
    assert answered.params["text"] == views.vote_thanks("en")
    message_id = sent.result["message_id"]
    edits = await api.wait_for(
        lambda: [
            c
            for c in api.calls("editMessageReplyMarkup")
            if c.params["message_id"] == message_id and c.params["chat_id"] == chat["id"]
        ],
        what="the vote buttons removed",
    )
    assert "reply_markup" not in edits[0].params


async def _inline(api: FakeBotApi, text: str, query_id: str) -> None:
    await api.push(updates.inline_query(updates.user(1001), text, query_id))
    await api.wait_for(
        lambda: [
            c for c in api.calls("answerInlineQuery") if c.params["inline_query_id"] == query_id
        ],
        what=f"inline answer {query_id}",
    )


def _cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = cli.main(list(args))
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


async def test_session_is_reported_by_unanswered_and_feedback_and_survives_a_restart(
    launch: Launch,
    api: FakeBotApi,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = make_settings(api, tmp_path)
    running = await launch(settings)
    responder = running.holder.responder
    suggest = next(q for q in ALMOST if Responder.reply(responder, q).status == "suggest")
    # Every question from its own chat: no follow-up context, so Responder.reply predicts
    # exactly what the bot replies (and records).
    asked: list[tuple[str, str]] = []
    chats = iter(range(2001, 2100))

    async def ask_private(text: str) -> tuple[dict[str, Any], Recorded]:
        chat = updates.private_chat(next(chats))
        _, replies = await running.ask(chat, text)
        asked.append((text, "private"))
        return chat, replies[-1]

    for text in UNKNOWN_PRIVATE:
        _, sent = await ask_private(text)
        assert _vote_row(sent) == []
    answers = [await ask_private(text) for text in ANSWERED]
    suggest_chat, suggested = await ask_private(suggest)
    assert _vote_row(suggested) == [], "a 'did you mean' reply is not an answer to vote on"

    await running.ask(GROUP, f"/ask@{BOT_USERNAME} {GROUP_QUESTION}")
    asked.append((GROUP_QUESTION, "group"))
    await running.ask(CHANNEL, f"/ask {CHANNEL_QUESTION}")
    asked.append((CHANNEL_QUESTION, "channel"))
    await _inline(api, INLINE_QUESTION, "iq-unknown")
    asked.append((INLINE_QUESTION, "inline"))

    # Votes: 👍 on the partnership answer (twice: the second press raced the removal of the
    # buttons and must not count), 👎 on both trade answers, 👎 on the card that the
    # "did you mean" button opens.
    (partnership_chat, partnership), *trades = answers
    await _vote(api, partnership_chat, partnership, True, "q-up")
    up_again = _vote_row(partnership)[0]["callback_data"]
    repeated = await _press(
        api, partnership_chat, up_again, _shown(partnership_chat, partnership), "q-up-again"
    )
    assert repeated.params["text"] == views.vote_thanks("en")
    for number, (chat, sent) in enumerate(trades):
        await _vote(api, chat, sent, False, f"q-down-{number}")
    meant = _keyboard(suggested)[0][0]["callback_data"]
    assert meant == fact_data("en", "strategic-partnership")
    await _press(api, suggest_chat, meant, _shown(suggest_chat, suggested), "q-dym")
    card = (
        await api.wait_for(
            lambda: api.replies_to(suggest_chat["id"], suggested.result["message_id"]),
            what="the card the button opens",
        )
    )[0]
    await _vote(api, suggest_chat, card, False, "q-card-down")
    await running.close()  # stopping the Application finishes every record in flight

    replies = [(Responder.reply(responder, text, language="en"), chat) for text, chat in asked]
    missed = [(reply, chat) for reply, chat in replies if reply.status in ("unknown", "suggest")]
    assert len(missed) >= 5 and any(reply.status == "suggest" for reply, _ in missed)

    monkeypatch.setenv("FACTBOT_DATA_DIR", str(settings.data_dir))
    groups = _cli_json(capsys, "unanswered", "--json")
    assert sum(group["count"] for group in groups) == len(missed)
    reported = Counter(variant for group in groups for variant in group["variants"])
    assert set(reported) == {normalised(reply.question) for reply, _ in missed}
    chat_types = Counter(chat for _, chat in missed)
    assert sum((Counter(group["chat_types"]) for group in groups), Counter()) == chat_types
    france = next(g for g in groups if normalised(UNKNOWN_PRIVATE[0]) in g["variants"])
    assert france["count"] == 2, "two wordings of one question form one group"
    near = next(g for g in groups if normalised(suggest) in g["variants"])
    assert near["fact_id"] == "strategic-partnership"

    feedback = _cli_json(capsys, "feedback", "--json")
    assert feedback == [
        {"fact_id": "trade-2022", "up": 0, "down": 2},
        {"fact_id": "strategic-partnership", "up": 1, "down": 1},
    ]

    # A new Application on the same data directory still has everything.
    again = await launch(settings)
    _, shown = await again.ask(ADMIN_CHAT, "/stats", sender=ADMIN)
    text = "\n".join(visible_text(sent.params["text"]) for sent in shown)
    statuses = Counter(reply.status for reply, _ in replies if reply.status != "smalltalk")
    counts = (
        f"{sum(statuses.values())} questions: {statuses['answered']} answered, "
        f"{statuses['suggest']} with suggestions, {statuses['unknown']} unknown"
    )
    assert f"Last 24 hours: {counts}" in text
    assert f"Last 7 days: {counts}" in text
    assert "1. trade-2022: 2" in text
    assert f"{france['example']} ×2 (en)" in text


async def test_stats_for_admins_only_and_only_in_private(bot: RunningBot, api: FakeBotApi) -> None:
    for number in range(30):
        await bot.ask(updates.private_chat(3000 + number), f"unanswerable question {number} x")
    _, shown = await bot.ask(ADMIN_CHAT, "/stats", sender=ADMIN)
    assert all(len(visible_text(sent.params["text"])) <= MAX_TEXT for sent in shown)
    assert all(sent.params["parse_mode"] == "HTML" for sent in shown)
    assert "Most asked, not answered" in visible_text(shown[0].params["text"])

    stranger = updates.private_chat(1001)
    _, refused = await bot.ask(stranger, "/stats")
    assert [sent.params["text"] for sent in refused] == [message("unknown_command", "en")]
    await bot.ignored(GROUP, "/stats", sender=updates.user(1001))
    await bot.ignored(GROUP, f"/stats@{BOT_USERNAME}", sender=ADMIN)


async def test_no_vote_buttons_when_the_deployment_turns_them_off(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    running = await launch(make_settings(api, tmp_path, feedback_buttons=False))
    _, replies = await running.ask(updates.private_chat(1001), ANSWERED[0])
    assert "reply_markup" not in replies[0].params


async def test_vote_buttons_only_in_private_chats(bot: RunningBot) -> None:
    _, replies = await bot.ask(GROUP, f"/ask {ANSWERED[0]}")
    assert "22 October 2009" in visible_text(replies[0].params["text"])
    assert "reply_markup" not in replies[0].params


FORGED_VOTES = (
    "v:en:+:no-such-fact",
    "v:xx:+:trade-2022",
    "v:en:?:trade-2022",
    "v:en:+:",
    "v:en:-:" + "x" * 70,
)


async def test_forged_votes_are_refused_and_not_counted(
    bot: RunningBot, api: FakeBotApi, tmp_path: Path
) -> None:
    me = updates.private_chat(1001)
    shown = updates.bot_message(me, 9000)
    for number, data in enumerate(FORGED_VOTES):
        answered = await _press(api, me, data, shown, f"q-forged-{number}")
        assert answered.params["text"] == message("button_expired", "en"), data
    inline = await _press(api, me, "v:en:+:trade-2022", None, "q-inline-vote")
    assert inline.params["text"] == message("button_expired", "en")
    assert not api.calls("editMessageReplyMarkup", ok=False)
    assert bot.store is not None
    assert bot.store.feedback() == []


async def test_unusable_database_is_logged_once_and_the_bot_answers_anyway(
    launch: Launch, api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_a_folder = tmp_path / "state"
    not_a_folder.write_text("a file where the data directory should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        running = await launch(make_settings(api, tmp_path, data_dir=not_a_folder))
        assert running.store is None
        _, replies = await running.ask(updates.private_chat(1001), ANSWERED[0])
        assert "22 October 2009" in visible_text(replies[0].params["text"])
        assert "reply_markup" not in replies[0].params, "no votes without a database"
        _, stats = await running.ask(ADMIN_CHAT, "/stats", sender=ADMIN)
        assert visible_text(stats[0].params["text"]) == STATS_UNAVAILABLE
    warnings = [r for r in caplog.records if r.name == "bot.tg.records"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert warnings[0].exc_info is None and "state" in warnings[0].getMessage()
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


async def test_inline_queries_are_recorded_once_typing_settles(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    settings = make_settings(api, tmp_path)
    running = await launch(settings, replace(FAST, inline_settle=0.5))
    typing = ["where is fr", "where is fran", "where is france"]
    for number, text in enumerate(typing):  # one person typing on: one query per pause
        await api.push(updates.inline_query(updates.user(1001), text, f"iq-t{number}"))
    await api.push(updates.inline_query(updates.user(1002), "lorem ipsum", "iq-other"))
    await api.wait_for(lambda: len(api.calls("answerInlineQuery")) == 4, what="inline answers")
    await api.push(updates.inline_query(updates.user(1001), "dolor sit amet", "iq-new"))
    await api.wait_for(lambda: len(api.calls("answerInlineQuery")) == 5, what="the new query")
    store = running.store
    assert store is not None
    # 1001's finished query is recorded at once when a different one follows; the other
    # person's, and 1001's latest, once they have settled for half a second.
    await asyncio.sleep(0.8)
    assert store.flush(timeout=5)
    kept = {variant for group in store.unanswered(1) for variant in group.variants}
    assert kept == {normalised(q) for q in ("where is france", "lorem ipsum", "dolor sit amet")}


async def test_inline_queries_still_settling_are_recorded_on_stop(
    launch: Launch, api: FakeBotApi, tmp_path: Path
) -> None:
    settings = make_settings(api, tmp_path)
    running = await launch(settings, replace(FAST, inline_settle=60))
    await _inline(api, "where is france", "iq-slow")
    store = running.store
    assert store is not None and store.flush(timeout=5)
    assert store.unanswered(1) == []  # still settling
    running.store = None  # closed below, once the Application has stopped
    await running.close()
    assert store.flush(timeout=5)
    assert [group.variants for group in store.unanswered(1)] == [(normalised("where is france"),)]
    store.close()
