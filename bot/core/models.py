"""Frozen domain objects shared by every part of the core."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

LANGUAGES: tuple[str, ...] = ("en", "tr", "ru", "kk")
"""Languages every fact answer and interface string is written in."""

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class When:
    """A point in time (day, month or year) or an interval between two such points."""

    start: tuple[int, int | None, int | None]
    end: tuple[int, int | None, int | None] | None = None

    @property
    def precision(self) -> Precision:
        """The precision of the start point."""
        _, month, day = self.start
        if day is not None:
            return "day"
        return "month" if month is not None else "year"

    def covers_month(self, year: int, month: int) -> bool:
        """Whether the time certainly includes that month (a bare year does not say)."""
        start_year, start_month, _ = self.start
        if self.end is None:
            return (start_year, start_month) == (year, month)
        end_year, end_month, _ = self.end
        return (start_year, start_month or 1) <= (year, month) <= (end_year, end_month or 12)

    @property
    def year(self) -> int:
        """The year of the start point."""
        return self.start[0]

    @property
    def end_year(self) -> int:
        """The year of the end point (or the start when there is none)."""
        return (self.end or self.start)[0]

    def years(self) -> frozenset[int]:
        """Every year from the start to the end."""
        return frozenset(range(self.year, self.end_year + 1))

    def iso(self) -> str:
        """ISO 8601 form: `2012`, `2009-10`, `1991-12-16` or `a/b` for an interval."""
        first = _iso_point(self.start)
        return first if self.end is None else f"{first}/{_iso_point(self.end)}"

    def sort_key(self) -> tuple[int, int, int]:
        """A key that orders points and intervals by their start."""
        year, month, day = self.start
        return (year, month or 0, day or 0)


def _iso_point(point: tuple[int, int | None, int | None]) -> str:
    year, month, day = point
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


@dataclass(frozen=True, slots=True)
class Source:
    """A published document that facts cite."""

    id: str
    publisher: str
    title: str
    url: str
    published: When | None
    published_estimate: bool
    language: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A number a fact states, with its unit and an optional label."""

    value: float
    unit: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    """A pointer from a fact to another fact whose source says something else."""

    fact: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One sourced statement about Turkey–Kazakhstan relations."""

    id: str
    topic: str
    answer: Mapping[str, str]
    sources: tuple[str, ...]
    date: When | None = None
    as_of: When | None = None
    undated: bool = False
    about: When | None = None
    """The time the fact's figures describe when it is not the date of the report (a May 2022
    report of the previous year's investment is about 2021)."""
    figures: tuple[Figure, ...] = ()
    conflicts_with: tuple[Conflict, ...] = ()
    note: str | None = None
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    ordinal: int | None = None
    see_also: tuple[str, ...] = ()
    direction: tuple[str, str] | None = None
    """(from, to) sides for one-way facts: who invests, sends, visits, travels where."""
    years: frozenset[int] = field(init=False, repr=False, compare=False)
    """Every year the fact's date, as_of or about touches (for year selectors)."""

    def __post_init__(self) -> None:
        found: set[int] = set()
        for when in (self.date, self.as_of, self.about):
            if when is not None:
                found.update(range(when.year, when.end_year + 1))
        object.__setattr__(self, "years", frozenset(found))  # derived once: read per score

    @property
    def answer_key(self) -> str:
        """The same for a fact and the facts it disputes: they make one answer together."""
        return min([self.id, *(conflict.fact for conflict in self.conflicts_with)])

    @property
    def disputed(self) -> bool:
        """True for a disputed report (`-claim`), never to be the sole answer."""
        return self.id.endswith("-claim")

    @property
    def when(self) -> When | None:
        """The date of the fact, or the time its state held."""
        return self.date or self.as_of

    def text(self, language: str) -> str:
        """The answer in `language`, falling back to English."""
        return self.answer.get(language) or self.answer["en"]


class Default(StrEnum):
    """What an intent answers when its slots leave several facts."""

    FIRST = "first"
    LATEST = "latest"
    EARLIEST = "earliest"
    LIST = "list"


@dataclass(frozen=True, slots=True)
class Intent:
    """A fuzzy keyword rule that maps questions to one fact or a family of facts."""

    id: str
    facts: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]
    boost: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    default: Default = Default.FIRST
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    label: Mapping[str, str] = field(default_factory=dict)
    """A short name of what the intent answers, per language ("Trade volume")."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Named word lists shared by the intents: aliases, people, ordinals, small talk."""

    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    people: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ordinals: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    smalltalk: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    stopwords: tuple[str, ...] = ()
    home_places: tuple[str, ...] = ()
    featured: tuple[str, ...] = ()
    """Intent ids whose first examples the bot offers when it cannot answer."""
    sides: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The two sides of the relationship (tr, kz) and the words that name each."""
    side_places: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Cities of each side: they name it only as where something is or goes ("in Aktau")."""
    unanswerable: tuple[str, ...] = ()
    """Words asking for what no fact states (founders, prices, addresses, birthdays): a rule
    whose own words and facts do not explain one can only suggest, never answer."""
    uncovered: tuple[str, ...] = ()
    """Names of things no fact covers (other airlines, another pipeline): like a foreign
    place, one in a question vetoes every intent that does not name it. Matched as names:
    their words next to each other, in order ("Air Astana", not "the Astana air route")."""
    framing: tuple[str, ...] = ()
    """How the asker came to the question ("I found", "I read", "okudum", "я прочитал"):
    never part of what is asked, whatever the rule."""


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything the bot knows: sources, facts, intents and the shared lexicon."""

    sources: Mapping[str, Source]
    facts: Mapping[str, Fact]
    intents: Mapping[str, Intent]
    lexicon: Lexicon = field(default_factory=Lexicon)


Status = Literal["answered", "suggest", "unknown", "smalltalk"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A "did you mean" candidate."""

    fact_id: str
    question: str
    score: float


@dataclass(frozen=True, slots=True)
class Reply:
    """What the bot says to one message, before rendering."""

    question: str
    status: Status
    language: str
    score: float = 0.0
    fact: Fact | None = None
    facts: tuple[Fact, ...] = ()
    """For a list answer, every fact listed (in date order); else empty."""
    conflicts: tuple[Fact, ...] = ()
    """Facts from other sources that disagree with `fact`."""
    suggestions: tuple[Suggestion, ...] = ()
    reason: str = ""
    understood: str | None = None
    """For a resolved follow-up, what the bot took the question to mean."""
    smalltalk: str | None = None
    """For small talk, its kind: greeting, thanks, help, bye."""
