"""Selectors and question readings added from the sealed sets tune61-tune64, on small packs."""

from __future__ import annotations

from dataclasses import replace

from bot.core.answers import Responder
from bot.core.asks import about_now, reported
from bot.core.models import Figure, KnowledgeBase, When
from bot.core.text import tokens
from tests.core.conftest import _fact


def ask(kb: KnowledgeBase, question: str) -> tuple[str, str | None]:
    reply = Responder(kb).reply(question)
    return reply.status, reply.fact.id if reply.fact else None


def test_a_day_beside_a_month_is_part_of_the_date(detailed_kb: KnowledgeBase) -> None:
    matcher = Responder(detailed_kb).matcher
    for question, days in (
        ("erdogan visit on 20 april 2023", {20}),
        ("erdogan visit on 19–20 april 2023", {19, 20}),
        ("erdogan visit on april 20, 2023", {20}),
        ("erdogan visit in april 2023", set()),
    ):
        analysis = matcher.analyse(question)
        assert analysis.days == days, question
        assert not any(token.text in {"19", "20"} for token in analysis.content), question
    assert ask(detailed_kb, "erdogan visit on 20 april 2023") == ("answered", "visit-e")
    # Not beside a month: a number like any other, and no day of the month.
    assert matcher.analyse("20 erdogan visits in 2023").days == frozenset()


def test_a_day_picks_the_fact_of_that_very_day(small_kb: KnowledgeBase) -> None:
    facts = {
        **small_kb.facts,
        "visit-c": _fact("visit-c", When((2017, 9, 12)), "Tokayev visited Astana."),
    }
    visits = small_kb.intents["visits"]
    intents = {**small_kb.intents, "visits": replace(visits, facts=(*visits.facts, "visit-c"))}
    kb = replace(small_kb, facts=facts, intents=intents)
    assert ask(kb, "visit on 12 september 2017") == ("answered", "visit-c")
    assert ask(kb, "visit on 9 september 2017") == ("answered", "visit-a")
    # No fact of that day: the month's facts, as before.
    assert [f.id for f in Responder(kb).reply("visit on 10 september 2017").facts] == [
        "visit-a",
        "visit-c",
    ]


def test_the_first_of_something_asked_about_now_is_not_the_familys_first(
    envoys_kb: KnowledgeBase,
) -> None:
    stopwords = (*envoys_kb.lexicon.stopwords, "who", "is", "he", "to", "come", "turkey")
    envoys_kb = replace(envoys_kb, lexicon=replace(envoys_kb.lexicon, stopwords=stopwords))
    assert ask(envoys_kb, "who was the first ambassador") == ("answered", "aslanov")
    # "now": the one in the post, whatever he did first.
    for question in (
        "who is the ambassador now, and when did he first come to turkey",
        "who is the ambassador at the moment and when did he first come to turkey",
        "the present ambassador: when did he first come to turkey",
    ):
        assert ask(envoys_kb, question) == ("answered", "serikov"), question


def test_words_that_ask_about_the_present() -> None:
    for question in (
        "who is the ambassador now",
        "who holds the post at the moment",
        "кто на данный момент посол",
        "şu anda büyükelçi kim",
        "the present ambassador",
        "қазіргі елші кім",
    ):
        assert about_now(tokens(question)), question
    for question in ("who presented the plan", "who was the ambassador in 2012"):
        assert not about_now(tokens(question)), question


def test_a_host_who_travelled_the_other_way_is_not_the_one_asked(
    small_kb: KnowledgeBase,
) -> None:
    # Tokayev's visit to Ankara, where he met Erdogan: Erdogan was the host.
    visit = _fact(
        "visit-b",
        When((2022, 5, 10)),
        "Tokayev visited Ankara and met Erdogan.",
        people=("tokayev",),
        direction=("kz", "tr"),
    )
    facts = {**small_kb.facts, "visit-b": visit}
    stopwords = (*small_kb.lexicon.stopwords, "to", "who", "met", "s")
    sides = {"tr": ("turkey", "ankara"), "kz": ("kazakhstan", "astana")}
    lexicon = replace(small_kb.lexicon, stopwords=stopwords, sides=sides)
    kb = replace(small_kb, facts=facts, lexicon=lexicon)
    assert ask(kb, "who met erdogan in 2022") == ("answered", "visit-b")
    # Erdoğan travelling to Kazakhstan in 2022 is another trip, which the pack does not have.
    assert ask(kb, "erdogan's visit to kazakhstan in 2022")[0] != "answered"


def test_reporting_a_claim_is_how_the_asker_came_to_ask(small_kb: KnowledgeBase) -> None:
    for question in (
        "Бір сарапшы 2020 жылы импорт азайды деп жазыпты",
        "Коллега пишет, что сотрудничество началось в 2000-х",
        "My aunt believes it was 2010",
    ):
        assert reported(tokens(question)), question
    analysis = Responder(small_kb).matcher.analyse("my aunt writes that trade volume was 2019")
    writes = next(token.position for token in analysis.tokens if token.text == "writes")
    assert writes in analysis.chatter


def test_a_decade_does_not_pin_down_one_word_of_a_facts_text(
    detailed_kb: KnowledgeBase,
) -> None:
    # "erdogan" is in three facts' texts: a year leaves one of them; the ten years of a
    # decade say too little, though only one of them falls in it.
    assert ask(detailed_kb, "erdogan in 2017") == ("answered", "visit-a")
    assert ask(detailed_kb, "erdogan in the 2010s")[0] != "answered"


def test_words_beside_the_sentence_that_asks_pick_no_fact(envoys_kb: KnowledgeBase) -> None:
    aslanov = replace(
        envoys_kb.facts["aslanov"], answer={"en": "aslanov served; the embassy moved."}
    )
    kb = replace(envoys_kb, facts={**envoys_kb.facts, "aslanov": aslanov})
    stopwords = (
        *kb.lexicon.stopwords,
        "who",
        "is",
        "for",
        "a",
        "to",
        "now",
        "says",
        "that",
        "needs",
    )
    kb = replace(kb, lexicon=replace(kb.lexicon, stopwords=stopwords))
    # The asker's errand, in a sentence of its own, does not choose among the ambassadors ...
    question = "who is the ambassador now? asking for a friend who needs to write to the embassy"
    assert ask(kb, question) == ("answered", "serikov")
    # ... but a claim reported beside the question is what it checks.
    assert ask(kb, "my friend says that the embassy moved. who was the ambassador?") == (
        "answered",
        "aslanov",
    )


def test_a_number_picks_a_figure_at_the_scale_the_question_says(small_kb: KnowledgeBase) -> None:
    growth = _fact(
        "trade-growth",
        When((2023, None, None)),  # the latest: the family's answer when nothing selects
        "Trade had grown 15-fold in 30 years.",
        figures=(Figure(15, "fold growth"),),
    )
    target = _fact(
        "trade-target",
        When((2022, None, None)),
        "The aim is $15 billion of trade.",
        figures=(Figure(15, "billion USD"),),
    )
    facts = {**small_kb.facts, growth.id: growth, target.id: target}
    trade = small_kb.intents["trade-volume"]
    trade = replace(trade, facts=(*trade.facts, growth.id, target.id))
    kb = replace(small_kb, facts=facts, intents={**small_kb.intents, trade.id: trade})
    assert ask(kb, "trade 15 billion") == ("answered", "trade-target")
    assert ask(kb, "trade 15 млрд") == ("answered", "trade-target")
    # With no scale said, the number is either.
    assert {f.id for f in Responder(kb).reply("trade 15").facts} <= {"trade-growth", "trade-target"}
    assert [t.scale for t in tokens("$4.1 billion and 17 agreements") if t.text.isdigit()] == [
        "billion",
        "billion",
        None,
    ]


def test_someone_named_beside_a_question_about_now_is_what_the_asker_thought(
    envoys_kb: KnowledgeBase,
) -> None:
    stopwords = (*envoys_kb.lexicon.stopwords, "who", "is", "it", "my", "still", "used", "to", "be")
    stopwords = (*stopwords, "now", "these", "days")
    kb = replace(envoys_kb, lexicon=replace(envoys_kb.lexicon, stopwords=stopwords))
    for question in (
        "who is the ambassador now? my friend says it is still bekov",
        "who is the ambassador these days? it used to be bekov.",
    ):
        assert ask(kb, question) == ("answered", "serikov"), question
    # Asked about in the question itself, the person still selects.
    assert ask(kb, "when was bekov the ambassador") == ("answered", "bekov")


def test_a_yes_no_question_a_few_years_off_checks_the_nearest_fact(
    small_kb: KnowledgeBase,
) -> None:
    stopwords = (*small_kb.lexicon.stopwords, "was", "high", "it", "right")
    kb = replace(small_kb, lexicon=replace(small_kb.lexicon, stopwords=stopwords))
    # No figure for 2018; the one for 2019, a year off, answers the check and corrects it.
    assert ask(kb, "Was the trade volume high in 2018?") == ("answered", "trade-2019")
    # Asked, not checked, the year still finds nothing; and a year to come is no check.
    assert ask(kb, "trade volume 2018")[0] != "answered"
    assert ask(kb, "Was the trade volume high in 2030?")[0] != "answered"
