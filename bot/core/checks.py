"""`factbot check`: every problem of a pack, from the loader and from the matcher."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from bot.core.errors import DataError, Origin
from bot.core.loader import PackReading, read_pack


def check_pack(knowledge_dir: Path, intents_dir: Path) -> list[DataError]:
    """The loader's errors, then (when the pack loads) example questions that miss, sorted."""
    reading = read_pack(knowledge_dir, intents_dir)
    if reading.kb is None:
        return reading.errors
    return sorted([*reading.errors, *_example_problems(reading)])


def _example_problems(reading: PackReading) -> list[DataError]:
    """Problems the matcher finds with the pack's example questions.

    TODO(lead): `bot.core.answers.example_problems(kb)` is being written; this hook calls it
    only if it exists. It may yield DataErrors, or (intent id, example, problem) tuples,
    which are placed on the example's line (else the intent's).
    """
    try:
        answers = importlib.import_module("bot.core.answers")
    except ImportError:
        return []
    example_problems = getattr(answers, "example_problems", None)
    if example_problems is None or reading.kb is None:
        return []
    found: Iterable[object] = example_problems(reading.kb)
    errors = []
    for problem in found:
        if isinstance(problem, DataError):
            errors.append(problem)
        elif isinstance(problem, tuple) and len(problem) == 3:
            intent, example, message = (str(part) for part in problem)
            where = (
                reading.examples.get((intent, example))
                or reading.origins.get(f"intent:{intent}")
                or Origin("intents", 1, 1)
            )
            errors.append(DataError.at(where, f"intent '{intent}': example '{example}' {message}"))
    return errors
