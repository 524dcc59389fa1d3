"""Small in-memory knowledge bases for core tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.core.models import (
    Conflict,
    Default,
    Fact,
    Intent,
    KnowledgeBase,
    Lexicon,
    Source,
    When,
)


def _fact(fact_id: str, when: When, text: str, **extra: object) -> Fact:
    answer = {language: f"{text} ({language})" for language in ("tr", "ru", "kk")}
    return Fact(
        id=fact_id,
        topic="test",
        answer={"en": text, **answer},
        sources=("src",),
        date=when,
        **extra,
    )  # type: ignore[arg-type]


@pytest.fixture
def small_kb() -> KnowledgeBase:
    facts = [
        _fact("partnership", When((2009, 10, 22)), "The strategic partnership was signed."),
        _fact("recognition", When((1991, 12, 16)), "Turkey recognized Kazakhstan first."),
        _fact(
            "trade-2012",
            When((2012, None, None)),
            "Trade was $3.1 billion in 2012.",
            conflicts_with=(Conflict("trade-2012-kz"),),
        ),
        _fact(
            "trade-2012-kz",
            When((2012, None, None)),
            "Kazakh data: $4.015 billion.",
            conflicts_with=(Conflict("trade-2012"),),
        ),
        _fact("trade-2019", When((2019, None, None)), "Trade was $3.2 billion in 2019."),
        _fact("council-1", When((2012, 10, 11)), "First council meeting.", ordinal=1),
        _fact("council-2", When((2015, 4, 16)), "Second council meeting.", ordinal=2),
        _fact("visit-a", When((2017, 9, 9)), "Erdogan visited Astana.", people=("erdogan",)),
        _fact("visit-b", When((2022, 5, 10)), "Tokayev visited Ankara.", people=("tokayev",)),
    ]
    intents = [
        Intent(
            "strategic-partnership",
            ("partnership",),
            keywords=(("strategic partnership", "stratejik ortaklık", "стратегическ"),),
            boost=("signed", "agreement", "imzalandı", "подпис"),
            examples={"en": ("When was the strategic partnership signed?",)},
        ),
        Intent(
            "recognition",
            ("recognition",),
            keywords=(("recogni", "tanı", "призна"),),
            boost=("independence",),
            examples={"en": ("When did Turkey recognize Kazakhstan?",)},
        ),
        Intent(
            "trade-volume",
            ("trade-2012", "trade-2012-kz", "trade-2019"),
            keywords=(("$trade",),),
            boost=("volume",),
            exclude=("target",),
            default=Default.LATEST,
            examples={"en": ("trade volume",)},
        ),
        Intent(
            "council-meetings",
            ("council-1", "council-2"),
            keywords=(("council",), ("$meeting",)),
            default=Default.LATEST,
            examples={"en": ("council meeting",)},
        ),
        Intent(
            "visits",
            ("visit-a", "visit-b"),
            keywords=(("visit",),),
            default=Default.LIST,
            examples={"en": ("visits",)},
        ),
    ]
    lexicon = Lexicon(
        aliases={
            "trade": ("trade", "turnover", "ticaret", "товарооборот"),
            "meeting": ("meeting", "toplantı"),
            "turkey": ("turkey", "türkiye"),
            "kazakhstan": ("kazakhstan", "kazakistan"),
        },
        people={"erdogan": ("erdoğan",), "tokayev": ("tokayev",)},
        ordinals={1: ("first",), 2: ("second", "2nd"), 3: ("third",)},
        smalltalk={"greeting": ("hello", "merhaba"), "thanks": ("thanks",)},
        stopwords=("when", "was", "the", "did", "what", "in", "and", "ne", "zaman", "one", "about"),
        featured=("strategic-partnership",),
    )
    source = Source("src", "Publisher", "Title", "https://example.org", None, False, "en")
    return KnowledgeBase(
        sources={"src": source},
        facts={fact.id: fact for fact in facts},
        intents={intent.id: intent for intent in intents},
        lexicon=lexicon,
    )


@pytest.fixture
def detailed_kb(small_kb: KnowledgeBase) -> KnowledgeBase:
    """The small pack plus visits whose texts carry details no keyword names."""
    extra = [
        _fact(
            "visit-c",
            When((2021, 3, 4)),
            "Tleuberdi visited Ankara in March for the meeting of the planning group.",
        ),
        _fact(
            "visit-d",
            When((2023, 11, 3)),
            "Erdogan came to Astana for the summit of the Turkic states.",
            people=("erdogan",),
        ),
        _fact(
            "visit-e",
            When((2023, 4, 20)),
            "Erdogan's ministers in Astana agreed, and later the idea was born of a joint fund.",
            people=("erdogan",),
        ),
    ]
    facts = {**small_kb.facts, **{fact.id: fact for fact in extra}}
    visits = small_kb.intents["visits"]
    intents = {
        **small_kb.intents,
        "visits": replace(visits, facts=(*visits.facts, *(fact.id for fact in extra))),
    }
    return replace(small_kb, facts=facts, intents=intents)


@pytest.fixture
def envoys_kb(small_kb: KnowledgeBase) -> KnowledgeBase:
    """The small pack plus three ambassadors one after another (the family: the latest)."""
    tenures = {
        "aslanov": When((2010, 11, None), (2016, 4, None)),
        "bekov": When((2017, 12, None), (2022, 3, None)),
        "serikov": When((2022, 10, None), (2025, 10, None)),
    }
    facts = {
        **small_kb.facts,
        **{
            name: _fact(name, when, f"{name} served.", people=(name,))
            for name, when in tenures.items()
        },
    }
    envoys = Intent("envoys", tuple(tenures), keywords=(("ambassador",),), default=Default.LATEST)
    people = {**small_kb.lexicon.people, **{name: (name,) for name in tenures}}
    lexicon = replace(small_kb.lexicon, people=people)
    intents = {**small_kb.intents, "envoys": envoys}
    return replace(small_kb, facts=facts, intents=intents, lexicon=lexicon)
