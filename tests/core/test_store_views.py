"""What Telegram shows of the store: vote buttons, their callback data, the /stats report."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.models import Fact, Reply
from bot.store import Counts, Group, Stats
from bot.store.views import (
    DOWN,
    MAX_DATA,
    UP,
    Vote,
    parse_vote,
    stats_html,
    vote_buttons,
    vote_data,
    vote_thanks,
)


def _fact(fact_id: str) -> Fact:
    return Fact(id=fact_id, topic="t", answer={"en": "x"}, sources=("s",))


def test_vote_data_round_trips() -> None:
    for helpful in (True, False):
        data = vote_data("strategic-partnership", helpful, "tr")
        assert data is not None and len(data.encode()) <= MAX_DATA
        assert parse_vote(data) == Vote("strategic-partnership", helpful, "tr")


def test_a_fact_id_too_long_for_callback_data_gets_no_buttons() -> None:
    long_id = "x" * 60
    assert vote_data(long_id, True, "en") is None
    reply = Reply("q", "answered", "en", score=90.0, fact=_fact(long_id))
    assert vote_buttons(reply, "private") == ()


def test_other_callback_data_is_not_a_vote() -> None:
    for data in ("f:en:recognition", "t:en:2:", "v:xx:+:a", "v:en:*:a", "v:en:+:", "", "v"):
        assert parse_vote(data) is None


@given(st.text(max_size=80))
def test_parse_vote_never_raises(data: str) -> None:
    vote = parse_vote(data)
    assert vote is None or vote_data(vote.fact_id, vote.helpful, vote.language) == data


def test_buttons_only_under_single_answers_in_private_chats() -> None:
    fact = _fact("recognition")
    reply = Reply("q", "answered", "kk", score=90.0, fact=fact)
    assert vote_buttons(reply, "private") == (
        (UP, "v:kk:+:recognition"),
        (DOWN, "v:kk:-:recognition"),
    )
    assert vote_buttons(reply, "group") == ()
    assert vote_buttons(reply, "supergroup") == ()
    assert vote_buttons(reply, "channel") == ()
    listing = Reply("q", "answered", "en", fact=fact, facts=(fact, _fact("other")))
    assert vote_buttons(listing, "private") == ()
    assert vote_buttons(Reply("q", "unknown", "en"), "private") == ()


def test_thanks_in_every_language() -> None:
    texts = {vote_thanks(language) for language in ("en", "tr", "ru", "kk")}
    assert len(texts) == 4
    assert vote_thanks("de") == vote_thanks("en")


def test_stats_html_escapes_questions_and_lists_everything() -> None:
    group = Group(
        count=3,
        example="<b>is this</b> & that?",
        variants=("<b>is this</b> & that?",),
        languages={"en": 2, "tr": 1},
        chat_types={"private": 3},
        fact_id="recognition",
        score=55.5,
        last_asked="2026-03-10T12:30:00Z",
    )
    stats = Stats(
        day=Counts(1, 2, 3),
        week=Counts(10, 20, 30),
        top_facts=(("trade", 7),),
        top_unanswered=(group,),
    )
    (text,) = stats_html(stats)
    assert "Last 24 hours: 6 questions: 1 answered, 2 with suggestions, 3 unknown" in text
    assert "Last 7 days: 60 questions" in text
    assert "1. trade: 7" in text
    assert (
        "<i>&lt;b&gt;is this&lt;/b&gt; &amp; that?</i> ×3 (en, tr); closest: recognition 55.5"
        in text
    )


def test_empty_stats_still_say_something() -> None:
    (text,) = stats_html(Stats(day=Counts(), week=Counts()))
    assert "Last 24 hours: 0 questions" in text
