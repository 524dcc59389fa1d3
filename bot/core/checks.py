"""`factbot check`: every problem of a pack, from the loader and from the matcher."""

from __future__ import annotations

from pathlib import Path

from bot.core.answers import example_problems
from bot.core.errors import DataError, Origin
from bot.core.loader import PackReading, read_pack
from bot.core.models import KnowledgeBase


def check_pack(knowledge_dir: Path, intents_dir: Path) -> list[DataError]:
    """The loader's errors, then (when the pack loads) what the matcher finds, sorted."""
    reading = read_pack(knowledge_dir, intents_dir)
    if reading.kb is None:
        return reading.errors
    kb = reading.kb
    found = [*_example_problems(reading, kb), *_unreachable(reading, kb), *_sides(reading, kb)]
    return sorted([*reading.errors, *found])


def _where(reading: PackReading, key: str) -> Origin:
    return reading.origins.get(key) or Origin("knowledge", 1, 1)


def _example_problems(reading: PackReading, kb: KnowledgeBase) -> list[DataError]:
    """Example questions that miss their intent, land on another, or tie with another."""
    errors = []
    for intent, example, message in example_problems(kb):
        where = reading.examples.get((intent, example)) or _where(reading, f"intent:{intent}")
        errors.append(DataError.at(where, f"intent '{intent}': example '{example}' {message}"))
    return errors


def _unreachable(reading: PackReading, kb: KnowledgeBase) -> list[DataError]:
    """Facts no intent lists (disputed claims are shown beside their partner instead)."""
    listed = {fact_id for intent in kb.intents.values() for fact_id in intent.facts}
    return [
        DataError.at(
            _where(reading, f"fact:{fact.id}"),
            f"fact '{fact.id}': no intent reaches it; add it to an intent's facts",
        )
        for fact in kb.facts.values()
        if fact.id not in listed and not fact.disputed
    ]


def _sides(reading: PackReading, kb: KnowledgeBase) -> list[DataError]:
    """Directions that name a side the lexicon's `sides:` does not define."""
    sides = kb.lexicon.sides
    return [
        DataError.at(
            _where(reading, f"fact:{fact.id}"),
            f"fact '{fact.id}': direction names unknown side '{side}' "
            f"(sides: {', '.join(sorted(sides)) or 'none defined'})",
        )
        for fact in kb.facts.values()
        if fact.direction is not None
        for side in fact.direction
        if side not in sides
    ]
