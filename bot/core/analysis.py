"""Reading a question: its words, what each can mean, selectors and places it names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.core import places
from bot.core.asks import (
    about_now,
    before_or_after,
    claim,
    counting,
    decade,
    parts_of_years,
    reported,
    reporting_words,
    which,
    who,
    yes_no,
)
from bot.core.direction import question_direction
from bot.core.index import (
    EXACT,
    MIN_PREFIX,
    PREFIX,
    STEM,
    PackIndex,
    Phrase,
    month_numbers,
    month_of,
)
from bot.core.phrases import keyed_present, phrase_hit, present
from bot.core.text import Token, latin_readings, tokens

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:[^\W\d]{1,5})?$")
"""A year, with a case ending attached as in 2022'de, 2012ye, 2019г."""
# 12th, 2nd, 3rd; Turkish "12." (kept as 12dot by the tokeniser); Russian/Kazakh 12-й, 12-ші.
_NUMERIC_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|dot|и|е|ои|ыи|ши|шы|нши|ншы|инши)$")


@dataclass(frozen=True, slots=True)
class Slots:
    """Selectors read from a question: years, an ordinal, people."""

    years: frozenset[int] = frozenset()
    ordinal: int | None = None
    people: frozenset[str] = frozenset()
    relative: str | None = None
    """`before` or `after` the people named: "the ambassador before Tuimebayev"."""
    decade: bool = False
    """The years are a decade's ("in the early 1990s"): facts dated in it, not ones that
    merely mention one of its years."""

    def merged(self, newer: Slots) -> Slots:
        """The newer slots when a follow-up names any ("and in 2019?"), else these."""
        return newer if newer else self

    def __bool__(self) -> bool:
        return bool(self.years or self.ordinal is not None or self.people)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the matcher read in a question before scoring any rule."""

    tokens: tuple[Token, ...]
    hits: Mapping[str, tuple[float, frozenset[int]]]
    """Vocabulary word -> (best quality, positions of the question words that matched it)."""
    slots: Slots
    slot_positions: Mapping[str, frozenset[int]]
    general: frozenset[int]
    """Positions explained whatever the rule: stop words, the two countries, months."""
    foreign: Mapping[int, str]
    """Positions of foreign places named in the question."""
    partners: frozenset[int] = frozenset()
    """Positions of foreign countries joined to one of the pair ("Kazakhstan and China"): they
    refuse even beside the sentence that asks."""
    rivals: frozenset[int] = frozenset()
    """Positions of foreign countries offered as the alternative to one of the pair ("Turkey
    or Russia?"): in a question about the first, the answer settles it."""
    smalltalk: tuple[str, ...] = ()
    chatter: frozenset[int] = frozenset()
    """Positions of small-talk words ("hey", "thanks"): no rule needs to explain them."""
    months: frozenset[int] = frozenset()
    """Months named (1-12): with a year they narrow a family ("February 2023")."""
    unanswerable: tuple[frozenset[int], ...] = ()
    """Where the question asks for what no fact states ("who founded", "address", "tuition"):
    the positions of each such phrase's own words."""
    direction_implied: bool = False
    """The direction comes from one side named ("in Turkey": from the other): it narrows a
    family but never rules a rule out."""
    claim: bool = False
    """Beside the sentence that asks when, someone claims something ("my neighbour insists it
    was 1995. When did the embassy open?"): the year they say is checked, not asked for."""
    now: bool = False
    """Asks how things stand now ("today", "currently", "this year", "сейчас", "қазір")."""
    who: bool = False
    """Asks who ("who is Turkey's consul general in Aktau", "kim", "кто", "кім")."""
    reported: bool = False
    """Reports what someone says ("my teacher said ...", "Xinhua wrote ...")."""
    counting: bool = False
    """Asks for a count or an amount ("how many", "kaç", "сколько", "қанша")."""
    yes_no: bool = False
    """A yes/no question ("Did ...?", "... mı?", "... ли ...?", "... ма?"): a check of a claim."""
    reading: str | None = None
    """The language of a question typed in Latin letters that was read in Cyrillic ("kogda
    turciya priznala kazahstan": ru), when the pack understood more of it that way."""
    direction: tuple[str, str] | None = None
    """(first, second) side named, when the question names both: "Kazakh investment in
    Turkey", "Türkiye'nin Kazakistan büyükelçisi", "граждане Казахстана в Турции"."""

    asking: frozenset[int] = frozenset()
    """Positions of the words in the clauses that ask, when others do not (Token.asking)."""
    in_question: frozenset[int] = frozenset()
    """Positions of the words in the sentences that ask, when others do not."""
    content: tuple[Token, ...] = ()
    """The question words that carry meaning (the tokens outside `general`)."""
    days: frozenset[int] = frozenset()
    """Days of the month written beside a month's name ("on 26 April 2013": 26)."""


def analyse(index: PackIndex, question: str) -> Analysis:
    """Tokenise the question and find what each word can mean."""
    found, reading = _best_reading(index, question)
    months = _months(found)
    days = _days(found, months)
    general = {
        token.position
        for token in found
        if token.text in index.stopwords
        or token.position in months
        or token.position in days
        or (len(token.text) > MIN_PREFIX and token.stems & index.stopword_stems)
    }
    hits: dict[str, tuple[float, set[int]]] = {}
    for token in found:
        for word, quality in index.vocabulary.match(token).items():
            if token.position in general and quality < EXACT:
                continue  # a stop word stands for itself only ("one" is not "önem")
            best, positions = hits.get(word, (0.0, set()))
            positions.add(token.position)
            hits[word] = (max(best, quality), positions)
    frozen_hits = {word: (best, frozenset(pos)) for word, (best, pos) in hits.items()}
    foreign = places.foreign(index, found, general)
    function_words = frozenset(general)
    pair_positions: set[int] = set()
    for token in found:
        matches = index.vocabulary.match(token).items()
        pair = token.text in index.pair or any(
            word in index.pair and quality > PREFIX for word, quality in matches
        )
        # "Түрікменстанға" starts like "түрік" (Turkish) but names another country.
        pair = pair or (
            token.position not in foreign
            and any(word in index.pair and len(word) > MIN_PREFIX for word, _ in matches)
        )
        if pair:
            general.add(token.position)
            pair_positions.add(token.position)
            foreign.pop(token.position, None)
    rivals = places.rivals(found, foreign, pair_positions)
    partners = places.partners(found, foreign, pair_positions) - rivals
    # "My teacher says Russia was the first to recognise Kazakhstan. True?": a claim checked
    # that names one side of the pair; the country it puts first stands for the other side.
    # Or two claims, one for each ("my cousin says the Turkish embassy was the first in
    # Kazakhstan, I say Russia's. Who wins?"). The answer settles it only when it says who
    # was the first (Matcher._says_first).
    sides = {
        side
        for side, phrase in keyed_present(index.sides_by_word, frozen_hits)
        if phrase_hit(phrase, frozen_hits, exact=False)
    }
    checks, reports, asks_who = yes_no(found), reported(found), who(found)
    if sides and reports and (checks or asks_who or which(found)):
        rivals |= frozenset(foreign)
    slots, slot_positions = _slots(index, found, frozen_hits, checks or reports)
    chatter: dict[str, set[int]] = {}
    for kind, phrase in keyed_present(index.smalltalk_by_word, frozen_hits):
        if hit := phrase_hit(phrase, frozen_hits, exact=True):
            chatter.setdefault(kind, set()).update(hit[1])
    named = pair_positions | set(foreign)
    named.update(*slot_positions.values())
    topical = set(named)
    # A word only the start of a pack word ("entertain": enter) does not make a clause topical.
    topical.update(
        p
        for quality, where in frozen_hits.values()
        if quality >= STEM
        for p in where
        if p not in function_words
    )
    asides = _asides(found, topical, named) | _about_the_asker(found, topical)
    asides |= {
        position
        for phrase in present(index.framing_by_word, frozen_hits)
        for where in _in_a_row(phrase, frozen_hits)
        for position in where
    }
    asides |= places.sources(found, topical) | reporting_words(found)
    direction, implied = question_direction(index, found, frozen_hits)
    # The sentence that asks says which way, when it names both sides itself ("I work in
    # southern Turkey and need Kazakh consular help. In which Turkish cities does Kazakhstan
    # have consulates?").
    asked = {token.position for token in found if token.in_question}
    if asked:
        own = {
            word: (q, where & asked) for word, (q, where) in frozen_hits.items() if where & asked
        }
        in_question, one_side = question_direction(index, found, own)
        if in_question is not None and not one_side:
            direction, implied = in_question, False
    unanswerable = {
        where - general - asides
        for phrase in present(index.unanswerable_by_word, frozen_hits)
        for where in _in_a_row(phrase, frozen_hits)
    }
    return Analysis(
        tokens=found,
        content=tuple(token for token in found if token.position not in general),
        asking=frozenset(token.position for token in found if token.asking),
        in_question=frozenset(token.position for token in found if token.in_question),
        hits=frozen_hits,
        slots=slots,
        slot_positions=slot_positions,
        general=frozenset(general),
        foreign=foreign,
        rivals=rivals,
        partners=partners,
        direction=direction,
        direction_implied=direction is not None and implied,
        unanswerable=tuple(where for where in unanswerable if where),
        smalltalk=tuple(kind for kind, hit in chatter.items() if hit),
        chatter=frozenset(position for hit in chatter.values() for position in hit) | asides,
        months=frozenset(months.values()),
        days=frozenset(int(token.text) for token in found if token.position in days),
        yes_no=checks,
        counting=counting(found),
        claim=claim(found),
        reported=reports,
        who=asks_who,
        now=about_now(found),
        reading=reading,
    )


def _best_reading(index: PackIndex, question: str) -> tuple[tuple[Token, ...], str | None]:
    """The question's words as written, or read in Cyrillic when it is Russian or Kazakh typed
    in Latin letters and the pack knows more of its words that way."""
    found: tuple[Token, ...] = tokens(question)
    readings = latin_readings(question)
    if not readings:  # nearly every question: nothing to compare
        return found, None
    best, reading = _known(index, found), None
    for language, text in readings:
        other = tokens(text)
        if (known := _known(index, other)) > best:
            found, best, reading = other, known, language
    return found, reading


def _known(index: PackIndex, found: tuple[Token, ...]) -> int:
    """How many words the pack knows whole or by their stem (stop words included)."""
    return sum(
        token.text in index.stopwords
        or any(quality >= STEM for quality in index.vocabulary.match(token).values())
        for token in found
    )


def _months(found: tuple[Token, ...]) -> dict[int, int]:
    """Month (1-12) by position: a month's name, or an inflected one next to a number ("2022
    жылы казанда", "в октябре 2022", "15 Ekim'de"); alone, "Devlet Nişanı'nı" is an order, not
    Nisan (April)."""
    names = month_numbers()
    numbers = {token.position for token in found if token.text.isdigit()}
    months: dict[int, int] = {}
    for token in found:
        if token.text in names:
            months[token.position] = names[token.text]
        # an inflected name only beside a number (looked up only there)
        elif (
            not numbers.isdisjoint(range(token.position - 2, token.position + 3))
            and (month := month_of(token.text)) is not None
        ):
            months[token.position] = month
    return months


MAX_DAY = 31


def _days(found: tuple[Token, ...], months: Mapping[int, int]) -> frozenset[int]:
    """Positions of the days beside a month's name, part of the date as the month is: "on 26
    April 2013", "26–27 апреля", "April 26, 2013", "15 Ekim'de"."""
    by_position = {token.position: token for token in found}

    def is_day(position: int) -> bool:
        token = by_position.get(position)
        return token is not None and token.text.isdigit() and 1 <= int(token.text) <= MAX_DAY

    days: set[int] = set()
    for month in months:
        before = month - 1
        while before in by_position and is_day(before) and month - before <= 2:
            days.add(before)
            before -= 1
        if is_day(month + 1):
            days.add(month + 1)
    return frozenset(days)


def _in_a_row(
    phrase: Phrase, hits: Mapping[str, tuple[float, frozenset[int]]]
) -> list[frozenset[int]]:
    """Each place the phrase's words stand one after another, each itself or its stem (not
    just the start of a longer word: "alma" is not "Almaty")."""
    found = []
    for start in hits[phrase[0]][1]:
        where = frozenset(range(start, start + len(phrase)))
        if all(
            word in hits and hits[word][0] >= STEM and start + n in hits[word][1]
            for n, word in enumerate(phrase)
        ):
            found.append(where)
    return found


def _asides(found: tuple[Token, ...], topical: set[int], named: set[int]) -> frozenset[int]:
    """Words of the clauses that name nothing the pack knows, when another clause does:
    "for my thesis:", "bored, random q -" say who asks, not what. So does a short "... here"
    ("retired teacher here.", "diplomat's assistant here -") that names no side, place,
    person or date, even with a word the pack uses."""
    clauses: dict[int, list[Token]] = {}
    for token in found:
        clauses.setdefault(token.clause, []).append(token)
    introductions = {
        clause
        for clause, words in clauses.items()
        if words[-1].text == SELF_INTRODUCTION
        and len(words) <= MAX_INTRODUCTION
        and not any(token.position in named for token in words)
    }
    about = {token.clause for token in found if token.position in topical} - introductions
    if not about:
        return frozenset()
    return frozenset(token.position for token in found if token.clause not in about)


_MY = frozenset(
    {"my", "benim", "мой", "моя", "мое", "мои", "моего", "моей", "моему", "моим", "менин"}
)
"""First-person possessives, folded: what follows is the asker's ("my boss", "my thesis")."""
ASKER_WORDS = 2
"""How many words after "my" may be about the asker ("my Kazakh friend", "my school project")."""
SELF_INTRODUCTION, MAX_INTRODUCTION = "here", 5
"""A clause of at most 5 words ending in "here" introduces the asker ("student here")."""


def _about_the_asker(found: tuple[Token, ...], topical: set[int]) -> frozenset[int]:
    """The words after "my" that name nothing the pack knows: "my boss needs to know",
    "my grandfather told me", "for my school project"."""
    asker: set[int] = set()
    for token in found:
        if token.text in _MY:
            asker.update(
                t.position
                for t in found[token.position + 1 : token.position + 1 + ASKER_WORDS]
                if t.position not in topical and t.clause == token.clause
            )
    return frozenset(asker)


def _slots(
    index: PackIndex,
    found: tuple[Token, ...],
    hits: Mapping[str, tuple[float, frozenset[int]]],
    checking: bool,
) -> tuple[Slots, Mapping[str, frozenset[int]]]:
    """The question's selectors; `checking`: it checks or reports what someone said."""
    # A decade ("the early 1990s", "90-х", "2010'ların ilk yarısında") is its years.
    decade_years, decade_positions = decade(found)
    dated = [t for t in found if _YEAR.match(t.text) and t.position not in decade_positions]
    # A year in the sentence that asks beats those beside it ("How much was trade in 2011? I
    # need it for a table from 2009 to 2014."): they are context, unexplained but light. Not
    # in a check of what someone said, where both years are the claim and its correction.
    asked = [t for t in dated if t.in_question]
    if asked and len(asked) < len(dated) and not checking:
        dated = asked
    # Years said outright are more precise than the decade beside them ("the 2010s - around
    # 2012 to 2015").
    years = {int(token.text[:4]) for token in dated} or set(decade_years)
    year_positions = frozenset(t.position for t in dated) | decade_positions
    year_positions |= parts_of_years(found, frozenset(t.position for t in dated))
    ordinal, ordinal_positions = None, frozenset[int]()
    undated = [token for token in found if token.position not in decade_positions]
    for token in undated:
        numeric = _NUMERIC_ORDINAL.match(token.text)
        if numeric:
            ordinal, ordinal_positions = int(numeric.group(1)), frozenset({token.position})
    ordinal_words = index.ordinal_words
    for token in undated:
        # Inflected forms too: ikincisi, екіншісі (words of 5+ letters, by prefix).
        prefixes = (token.text[:end] for end in range(MIN_PREFIX + 1, len(token.text)))
        number = ordinal_words.get(token.text) or next(
            (ordinal_words[p] for p in prefixes if p in ordinal_words), None
        )
        if number is not None:
            ordinal, ordinal_positions = number, frozenset({token.position})
    people: set[str] = set()
    people_positions: set[int] = set()
    for key, phrase in keyed_present(index.people_by_word, hits):
        hit = phrase_hit(phrase, hits, exact=False)
        if hit is not None:
            people.add(key)
            people_positions |= hit[1]
    relative, relative_positions = before_or_after(found, people_positions)
    slots = Slots(
        years=frozenset(years),
        ordinal=ordinal,
        people=frozenset(people),
        relative=relative,
        decade=bool(decade_years) and not dated,
    )
    positions = {
        "year": year_positions,
        "ordinal": ordinal_positions,
        "person": frozenset(people_positions),
        "relative": relative_positions,
    }
    return slots, positions
