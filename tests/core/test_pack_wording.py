"""The shipped pack against the source brief: answers in our own words, data kept exactly.

Answers paraphrase the brief's statements; a long word-for-word run means a sentence was
pasted. Dates, as_of stamps and figures, on the other hand, must match the brief exactly.
The seed facts are checked in test_loader; this covers every fact of the brief."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import default_pack_dirs
from bot.core.loader import load_pack
from bot.core.models import KnowledgeBase

REPO = Path(__file__).resolve().parents[2]
BRIEF = REPO.parent / "shared" / "sources" / "brief.yaml"
MAX_SHARED_RUN = 7
"""Longest run of consecutive words an English answer may share with its brief statement."""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def longest_shared_run(a: str, b: str) -> int:
    """Length in words of the longest run of consecutive words found in both texts."""
    left, right = _words(a), _words(b)
    best = 0
    previous = [0] * (len(right) + 1)
    for word in left:
        current = [0] * (len(right) + 1)
        for j, other in enumerate(right, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


@pytest.fixture(scope="module")
def brief() -> dict[str, dict[str, Any]]:
    if not BRIEF.is_file():
        pytest.skip(f"the source brief {BRIEF} is not available (it lives outside the repository)")
    data = yaml.safe_load(BRIEF.read_text(encoding="utf-8"))
    return {fact["id"]: fact for fact in data["facts"]}


@pytest.fixture(scope="module")
def shipped_kb() -> KnowledgeBase:
    return load_pack(*default_pack_dirs())


@pytest.fixture(scope="module")
def raw_facts() -> dict[str, dict[str, Any]]:
    """The facts as written in knowledge/*.yaml, before the loader parses dates."""
    knowledge, _ = default_pack_dirs()
    facts: dict[str, dict[str, Any]] = {}
    for path in sorted(knowledge.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for fact in data.get("facts") or []:
            facts[fact["id"]] = fact
    return facts


def test_longest_shared_run_counts_consecutive_words() -> None:
    assert longest_shared_run("Turkey recognized Kazakhstan first.", "Turkey was first.") == 1
    assert longest_shared_run("on 16 December 1991, the day", "It was on 16 December 1991.") == 4
    assert longest_shared_run("a b c", "d e f") == 0


def test_english_answers_do_not_copy_the_brief(
    brief: dict[str, dict[str, Any]], shipped_kb: KnowledgeBase
) -> None:
    copied = {
        fact_id: run
        for fact_id, fact in shipped_kb.facts.items()
        if fact_id in brief
        and (run := longest_shared_run(brief[fact_id]["statement"], fact.answer["en"]))
        > MAX_SHARED_RUN
    }
    assert copied == {}, f"answers sharing {MAX_SHARED_RUN + 1}+ words with the brief"


def test_every_brief_fact_is_in_the_pack_with_its_dates_and_figures(
    brief: dict[str, dict[str, Any]],
    raw_facts: dict[str, dict[str, Any]],
    shipped_kb: KnowledgeBase,
) -> None:
    missing = sorted(set(brief) - set(raw_facts))
    assert missing == [], "brief facts missing from the pack"
    for fact_id, expected in brief.items():
        written = raw_facts[fact_id]
        for key in ("date", "as_of"):
            want = None if expected.get(key) is None else str(expected[key])
            got = None if written.get(key) is None else str(written[key])
            assert got == want, f"{fact_id}: {key}"
        want_values = [figure["value"] for figure in expected.get("figures") or []]
        assert [figure.value for figure in shipped_kb.facts[fact_id].figures] == want_values, (
            f"{fact_id}: figures"
        )
