"""Facts due for review: their newest source is old and nothing newer in the pack replaces them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.core.models import Fact, KnowledgeBase, Source, When

DEFAULT_YEARS = 5


@dataclass(frozen=True, slots=True)
class StaleFact:
    """A fact whose newest dated source was published before the cut-off."""

    fact: Fact
    source: Source
    """The fact's newest dated source."""
    published: date
    """The last day that source's publication date can mean (2013 -> 2013-12-31)."""

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        when = self.fact.when
        published = self.source.published
        return {
            "fact_id": self.fact.id,
            "topic": self.fact.topic,
            "date": when.iso() if when else None,
            "source": {
                "id": self.source.id,
                "published": published.iso() if published else None,
                "published_estimate": self.source.published_estimate,
            },
        }


def stale_facts(kb: KnowledgeBase, years: int, today: date) -> list[StaleFact]:
    """Facts whose newest source is more than `years` years old, oldest first.

    A fact in a family (an intent listing several facts, such as trade by year) is stale only
    when no fact of that family is newer: the older figures are history, not out of date. A
    fact none of whose sources carries a publication date cannot be judged and is left out.
    """
    cutoff = _years_before(today, years)
    replaced = superseded(kb)
    found = []
    for fact in kb.facts.values():
        if fact.id in replaced:
            continue
        newest = _newest_source(fact, kb)
        if newest is not None and newest[1] < cutoff:
            found.append(StaleFact(fact, newest[0], newest[1]))
    found.sort(key=lambda stale: (stale.published, stale.fact.id))
    return found


def superseded(kb: KnowledgeBase) -> frozenset[str]:
    """Ids of facts that another fact of the same intent family postdates."""
    found: set[str] = set()
    for intent in kb.intents.values():
        family = [kb.facts[i] for i in intent.facts if i in kb.facts]
        dated = [(fact, _last_day(fact.when)) for fact in family if fact.when is not None]
        if len(dated) < 2:
            continue
        newest = max(point for _, point in dated)
        found.update(fact.id for fact, point in dated if point < newest)
    return frozenset(found)


def _newest_source(fact: Fact, kb: KnowledgeBase) -> tuple[Source, date] | None:
    dated = [
        (source, _last_day(source.published))
        for source in (kb.sources.get(i) for i in fact.sources)
        if source is not None and source.published is not None
    ]
    return max(dated, key=lambda item: item[1], default=None)


def _last_day(when: When) -> date:
    year, month, day = when.end or when.start
    month = month or 12
    return date(year, month, day or calendar.monthrange(year, month)[1])


def _years_before(today: date, years: int) -> date:
    year = today.year - years
    return date(year, today.month, min(today.day, calendar.monthrange(year, today.month)[1]))
