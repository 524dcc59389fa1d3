"""What the curators' database reports: near-duplicate groups, feedback, stats (pure)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process, utils

GROUP_THRESHOLD = 88.0
"""token_sort_ratio at or above which two questions are near-duplicates. Spelling variants
(recognize / recognise), a typo, "what's" for "what is" and reordered words score 90-98 in a
question of 20-40 characters and join; questions that share a few words but ask something
else stay below. Questions with different numbers never join, however close the rest ("trade
in 2019" / "trade in 2020"): a curator answers those with different facts."""
MAX_DISTINCT = 5000
"""At most this many distinct texts (the most frequent) are grouped: grouping compares each
text with every group so far, and a curator reads the head of the list anyway."""


@dataclass(frozen=True, slots=True)
class Asked:
    """One stored question, as the grouping reads it."""

    text: str
    language: str
    chat_type: str
    asked_at: str
    candidates: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Group:
    """Near-duplicate unanswered questions, with what the matcher thought of them."""

    count: int
    example: str
    """The most frequent wording in the group."""
    variants: tuple[str, ...]
    """Every distinct wording, most frequent first."""
    languages: Mapping[str, int]
    chat_types: Mapping[str, int]
    fact_id: str | None
    """The candidate fact with the highest mean score over the group's questions, if any."""
    score: float
    """That mean score (0-100; a question without the candidate counts 0)."""
    last_asked: str

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "count": self.count,
            "example": self.example,
            "variants": list(self.variants),
            "languages": dict(self.languages),
            "chat_types": dict(self.chat_types),
            "fact_id": self.fact_id,
            "score": self.score,
            "last_asked": self.last_asked,
        }


@dataclass(frozen=True, slots=True)
class FactFeedback:
    """👍 and 👎 presses recorded against one fact."""

    fact_id: str
    up: int
    down: int

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"fact_id": self.fact_id, "up": self.up, "down": self.down}


@dataclass(frozen=True, slots=True)
class Counts:
    """How many replies of each kind were given in a period."""

    answered: int = 0
    suggested: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        """Every reply counted."""
        return self.answered + self.suggested + self.unknown


@dataclass(frozen=True, slots=True)
class Stats:
    """The /stats report: replies over the last day and week, top facts and questions."""

    day: Counts
    week: Counts
    top_facts: tuple[tuple[str, int], ...] = ()
    """Most answered facts over the last week, with their counts."""
    top_unanswered: tuple[Group, ...] = field(default=())
    """Most asked unanswered questions over the last week."""


def group_questions(rows: Iterable[Asked]) -> list[Group]:
    """Group near-duplicate questions, most asked first."""
    by_text: dict[str, list[Asked]] = defaultdict(list)
    for row in rows:
        by_text[row.text].append(row)
    texts = sorted(by_text, key=lambda t: (-len(by_text[t]), t))[:MAX_DISTINCT]
    # Groups so far, by the numbers their questions contain: (sorted-token keys, wordings).
    buckets: dict[tuple[str, ...], tuple[list[str], list[list[str]]]] = {}
    members: list[list[str]] = []
    for text in texts:
        words = utils.default_process(text).split()
        keys, groups_here = buckets.setdefault(_numbers(words), ([], []))
        # token_sort_ratio, with each text's tokens sorted once instead of once per comparison.
        key = " ".join(sorted(words))
        found = process.extractOne(
            key, keys, scorer=fuzz.ratio, processor=None, score_cutoff=GROUP_THRESHOLD
        )
        if found is None:
            keys.append(key)
            groups_here.append([text])
            members.append(groups_here[-1])
        else:
            groups_here[found[2]].append(text)
    groups = [_group(wordings, by_text) for wordings in members]
    groups.sort(key=lambda g: g.example)
    groups.sort(key=lambda g: g.last_asked, reverse=True)
    groups.sort(key=lambda g: g.count, reverse=True)
    return groups


def _numbers(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted({word for word in words if any(ch.isdigit() for ch in word)}))


def _group(wordings: list[str], by_text: Mapping[str, list[Asked]]) -> Group:
    rows = [row for text in wordings for row in by_text[text]]
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        for candidate, candidate_score in dict(row.candidates).items():
            totals[candidate] += candidate_score
    fact_id: str | None = None
    score = 0.0
    if totals:
        fact_id, total = min(totals.items(), key=lambda item: (-item[1], item[0]))
        score = round(total / len(rows), 1)
    return Group(
        count=len(rows),
        example=wordings[0],
        variants=tuple(wordings),
        languages=_counted(row.language for row in rows),
        chat_types=_counted(row.chat_type for row in rows),
        fact_id=fact_id,
        score=score,
        last_asked=max(row.asked_at for row in rows),
    )


def _counted(values: Iterable[str]) -> dict[str, int]:
    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
