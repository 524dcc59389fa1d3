"""Facts as plain JSON-ready records (`factbot facts --json`)."""

from __future__ import annotations

from typing import Any

from bot.core.dates import fact_date_text
from bot.core.models import LANGUAGES, Fact, KnowledgeBase, Source


def facts_json(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One record per fact, in pack order (see CONTRACT.md)."""
    return [fact_record(fact, kb) for fact in kb.facts.values()]


def fact_record(fact: Fact, kb: KnowledgeBase) -> dict[str, Any]:
    """The JSON record of one fact; its sources are resolved through `kb`."""
    date = fact.date
    precision = None if date is None else "range" if date.end is not None else date.precision
    return {
        "id": fact.id,
        "topic": fact.topic,
        "answer": fact.answer["en"],
        "answers": dict(fact.answer),
        "date": None if date is None else date.iso(),
        "date_precision": precision,
        "as_of": None if fact.as_of is None else fact.as_of.iso(),
        "undated": fact.undated,
        "about": None if fact.about is None else fact.about.iso(),
        "date_text": fact_date_text(fact, "en"),
        "sources": [_source(kb.sources[name]) for name in fact.sources if name in kb.sources],
        "figures": [
            {"value": figure.value, "unit": figure.unit, "label": figure.label}
            for figure in fact.figures
        ],
        "conflicts_with": [
            {"fact": conflict.fact, "note": conflict.note} for conflict in fact.conflicts_with
        ],
        "languages": [language for language in LANGUAGES if fact.answer.get(language)],
        "disputed": fact.disputed,
    }


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "url": source.url,
        "published": None if source.published is None else source.published.iso(),
        "published_estimate": source.published_estimate,
    }
