"""callback_data: at most 64 bytes out, anything at all accepted back in without error."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.models import Fact, KnowledgeBase
from bot.store.views import vote_data
from bot.tg.keyboards import (
    MAX_DATA,
    Press,
    add_row,
    fact_data,
    find_fact,
    page_data,
    parse,
    without_votes,
)

LONG_ID = "a-very-long-fact-identifier-that-goes-on-and-on-for-more-than-sixty-four-bytes"


def test_fact_data_round_trips_also_for_long_ids() -> None:
    fact = Fact(LONG_ID, "t", {"en": "x"}, ("s",))
    kb = KnowledgeBase(sources={}, facts={LONG_ID: fact, "short": fact}, intents={})
    for fact_id in ("short", LONG_ID):
        data = fact_data("kk", fact_id)
        assert len(data.encode()) <= MAX_DATA
        press = parse(data)
        assert press is not None and press.kind == "fact" and press.language == "kk"
        assert find_fact(kb, press.value) is fact


def test_page_data_round_trips_or_is_refused_when_too_long() -> None:
    assert parse(page_data("timeline", "ru", 3, "trade") or "") == Press(
        "timeline", "ru", "trade", 3
    )
    assert parse(page_data("sources", "en", 2) or "") == Press("sources", "en", "", 2)
    assert page_data("timeline", "en", 1, "x" * 60) is None


@given(st.text())
def test_any_callback_data_parses_or_is_refused(data: str) -> None:
    press = parse(data)
    assert press is None or press.kind in ("fact", "timeline", "sources")


def test_vote_row_goes_under_the_keyboard_and_comes_off_alone() -> None:
    votes = (("👍", vote_data("trade-2022", True, "en") or ""), ("👎", "v:en:-:trade-2022"))
    other = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="t:en:2:")]])
    assert add_row(other, ()) is other
    assert add_row(None, ()) is None
    both = add_row(other, votes)
    assert both is not None
    assert [[b.text for b in row] for row in both.inline_keyboard] == [["Next"], ["👍", "👎"]]
    assert without_votes(both) == other
    assert without_votes(add_row(None, votes)) is None
    assert without_votes(None) is None
