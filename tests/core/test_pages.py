"""Timeline and sources pages: dated facts in order, no lone claims, stable paging."""

from __future__ import annotations

from bot.core.models import Conflict, Fact, KnowledgeBase, Source, When
from bot.core.pages import PAGE_SIZE, sources_page, timeline_facts, timeline_page
from bot.core.render import html_messages, plain_text


def _kb(count: int) -> KnowledgeBase:
    source = Source("s", "Stats", "Trade", "https://example.org", None, False, "en")
    facts = [
        Fact(
            f"f{year}",
            "trade" if year % 2 else "visits",
            {"en": f"Event of {year}."},
            ("s",),
            date=When((year, None, None)),
        )
        for year in range(2000, 2000 + count)
    ]
    facts.append(
        Fact(
            "x-claim",
            "trade",
            {"en": "Claimed."},
            ("s",),
            date=When((1990, None, None)),
            conflicts_with=(Conflict("f2000"),),
        )
    )
    facts.append(Fact("undated", "trade", {"en": "Undated."}, ("s",), undated=True))
    return KnowledgeBase(sources={"s": source}, facts={f.id: f for f in facts}, intents={})


def test_timeline_orders_dated_undisputed_facts() -> None:
    facts = timeline_facts(_kb(5), "")
    assert facts is not None
    assert [f.id for f in facts] == ["f2000", "f2001", "f2002", "f2003", "f2004"]


def test_timeline_filters_by_year_and_topic_prefix() -> None:
    kb = _kb(5)
    assert [f.id for f in timeline_facts(kb, "2003") or []] == ["f2003"]
    assert [f.id for f in timeline_facts(kb, "Vis") or []] == ["f2000", "f2002", "f2004"]
    assert timeline_facts(kb, "1990") is None and timeline_facts(kb, "weather") is None


def test_pages_are_clamped_and_numbered() -> None:
    kb = _kb(PAGE_SIZE * 2 + 1)
    last = timeline_page(kb, "en", 99)
    assert last is not None and (last.number, last.count) == (3, 3)
    text = plain_text(last.blocks)
    assert text.startswith("Timeline\nPage 3 of 3") and "Event of 2016." in text
    assert len(html_messages(last.blocks)) == 1


def test_sources_page() -> None:
    page = sources_page(_kb(1), "kk", 1)
    assert plain_text(page.blocks).startswith("Дереккөздер (1)\n1 беттің 1-беті")
