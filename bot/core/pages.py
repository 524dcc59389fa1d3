"""Paged listings: the timeline of dated facts and the list of sources (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from bot.core.dates import fact_date_text
from bot.core.messages import message
from bot.core.models import Fact, KnowledgeBase
from bot.core.render import Block, Line, Span, source_spans

PAGE_SIZE = 8
"""Lines per page: eight short answers stay well inside one 4096-character message."""
LINE_CHARS = 280
"""An answer longer than this is shortened on the timeline (the full card is one tap away)."""

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing, with its position."""

    blocks: tuple[Block, ...]
    number: int
    count: int


def timeline_facts(kb: KnowledgeBase, selector: str) -> list[Fact] | None:
    """Dated, undisputed facts in date order, kept by year or topic; None for a bad selector."""
    facts = sorted(
        (fact for fact in kb.facts.values() if fact.when is not None and not fact.disputed),
        key=lambda fact: (fact.when.sort_key() if fact.when else (0, 0, 0), fact.id),
    )
    selector = selector.strip().lower()
    if not selector:
        return facts
    if selector.isdigit():
        year = int(selector)
        kept = [fact for fact in facts if year in fact.years]
    else:
        kept = [fact for fact in facts if fact.topic.lower().startswith(selector)]
    return kept or None


def timeline_page(kb: KnowledgeBase, language: str, number: int, selector: str = "") -> Page | None:
    """Page `number` (from 1) of the timeline; None when the selector keeps nothing."""
    facts = timeline_facts(kb, selector)
    if facts is None:
        return None
    number, count, chunk = _slice(facts, number)
    title = message("timeline", language) + (f": {selector.strip()}" if selector.strip() else "")
    lines = tuple(_timeline_line(kb, fact, language) for fact in chunk)
    return Page((_heading(title, number, count, language), lines), number, count)


def sources_page(kb: KnowledgeBase, language: str, number: int) -> Page:
    """Page `number` (from 1) of the sources the facts cite."""
    sources = list(kb.sources.values())
    number, count, chunk = _slice(sources, number)
    title = f"{message('sources_title', language)} ({len(sources)})"
    lines = tuple((Span("• "), *source_spans(source, language)) for source in chunk)
    return Page((_heading(title, number, count, language), lines), number, count)


def _slice(items: list[_T], number: int) -> tuple[int, int, list[_T]]:
    count = max(1, -(-len(items) // PAGE_SIZE))
    number = min(max(number, 1), count)
    start = (number - 1) * PAGE_SIZE
    return number, count, items[start : start + PAGE_SIZE]


def _heading(title: str, number: int, count: int, language: str) -> Block:
    position = message("page", language, page=number, pages=count)
    return ((Span(title, bold=True),), (Span(position, italic=True),))


def _timeline_line(kb: KnowledgeBase, fact: Fact, language: str) -> Line:
    text = fact.text(language)
    if len(text) > LINE_CHARS:
        text = text[: LINE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    spans = [Span("• "), Span(fact_date_text(fact, language), bold=True), Span(f": {text}")]
    source = kb.sources.get(fact.sources[0]) if fact.sources else None
    if source is not None:
        spans.append(Span(f" ({source.publisher})", italic=True))
    return tuple(spans)
