"""Question -> ranked candidate facts, each with a score and the reason it matched."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.core.index import EXACT, MIN_PREFIX, PREFIX, PackIndex, Phrase, Rule
from bot.core.models import Default, Fact, KnowledgeBase
from bot.core.text import Token, tokens

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)(?:[^\W\d]{1,5})?$")
"""A year, with a case ending attached as in 2022'de, 2012ye, 2019г."""
# 12th, 2nd, 3rd; Turkish "12." (kept as 12dot by the tokeniser); Russian/Kazakh 12-й, 12-ші.
_NUMERIC_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|dot|и|е|ои|ыи|ши|шы|нши|ншы|инши)$")
_SHORT = 2
UNEXPLAINED_PENALTY = 16.0
"""Score lost per question word that the rule does not explain."""
BOOST_BONUS, BOOST_CAP = 3.0, 9.0
BOOST_IN_SCORE = False
INCOMPLETE_CAP = 60.0
SELECTOR_MISS_CAP = 55.0
SPECIFICITY_BONUS = 5.0
MAX_FACTS_EXPLAINING = 2


@dataclass(frozen=True, slots=True)
class Slots:
    """Selectors read from a question: years, an ordinal, people."""

    years: frozenset[int] = frozenset()
    ordinal: int | None = None
    people: frozenset[str] = frozenset()

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
    smalltalk: tuple[str, ...] = ()
    direction: tuple[str, str] | None = None
    """(first, second) side named, when the question names both: "Kazakh investment in
    Turkey", "Türkiye'nin Kazakistan büyükelçisi", "граждане Казахстана в Турции"."""

    @property
    def content(self) -> tuple[Token, ...]:
        """The question words that carry meaning."""
        return tuple(token for token in self.tokens if token.position not in self.general)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule's verdict on a question."""

    rule: Rule
    facts: tuple[Fact, ...]
    score: float
    complete: bool
    matched: tuple[str, ...] = ()
    selectors: tuple[str, ...] = ()
    listing: bool = False
    rank: float = 0.0
    """Score before clamping, plus specificity: orders candidates of equal score."""
    own_groups: int = 0
    """Keyword groups matched by the question's own words (not implied by context)."""

    @property
    def fact(self) -> Fact:
        """The fact the candidate answers with (the newest one for a list)."""
        return self.facts[-1] if self.listing else self.facts[0]


class Matcher:
    """Scores every rule that shares a keyword with the question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index = PackIndex(kb)

    def rule(self, intent_id: str) -> Rule | None:
        """The compiled rule of an intent."""
        return self.index.rule_by_id.get(intent_id)

    def analyse(self, question: str) -> Analysis:
        """Tokenise the question and find what each word can mean."""
        index = self.index
        found = tokens(question)
        general = {
            token.position
            for token in found
            if token.text in index.stopwords
            or token.text in index.months
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
        for token in found:
            if token.text in index.pair or any(
                word in index.pair and (quality > PREFIX or len(word) > MIN_PREFIX)
                for word, quality in index.vocabulary.match(token).items()
            ):
                general.add(token.position)
        slots, slot_positions = self._slots(found, frozen_hits)
        return Analysis(
            tokens=found,
            hits=frozen_hits,
            slots=slots,
            slot_positions=slot_positions,
            general=frozenset(general),
            foreign=self._foreign(found, general),
            direction=self._direction(frozen_hits),
            smalltalk=tuple(
                kind
                for kind, phrases in index.smalltalk.items()
                if any(_phrase_hit(phrase, frozen_hits, exact=True) for phrase in phrases)
            ),
        )

    def _direction(
        self, hits: Mapping[str, tuple[float, frozenset[int]]]
    ) -> tuple[str, str] | None:
        first: dict[str, int] = {}
        for side, phrases in self.index.sides.items():
            for phrase in phrases:
                hit = _phrase_hit(phrase, hits, exact=False)
                if (
                    hit is not None
                    and hit[1]
                    and (hit[0] > PREFIX or min(map(len, phrase)) > MIN_PREFIX)
                ):
                    first[side] = min(first.get(side, 10**6), min(hit[1]))
        if len(first) != 2 or len(set(first.values())) != 2:
            return None
        ordered = sorted(first, key=first.__getitem__)
        return ordered[0], ordered[1]

    def _slots(
        self, found: tuple[Token, ...], hits: Mapping[str, tuple[float, frozenset[int]]]
    ) -> tuple[Slots, Mapping[str, frozenset[int]]]:
        years = {int(token.text[:4]) for token in found if _YEAR.match(token.text)}
        year_positions = frozenset(t.position for t in found if _YEAR.match(t.text))
        ordinal, ordinal_positions = None, frozenset[int]()
        for token in found:
            numeric = _NUMERIC_ORDINAL.match(token.text)
            if numeric:
                ordinal, ordinal_positions = int(numeric.group(1)), frozenset({token.position})
        ordinal_words = self.index.ordinal_words
        for token in found:
            # Inflected forms too: ikincisi, екіншісі (words of 5+ letters, by prefix).
            prefixes = (token.text[:end] for end in range(MIN_PREFIX + 1, len(token.text)))
            number = ordinal_words.get(token.text) or next(
                (ordinal_words[p] for p in prefixes if p in ordinal_words), None
            )
            if number is not None:
                ordinal, ordinal_positions = number, frozenset({token.position})
        people: set[str] = set()
        people_positions: set[int] = set()
        for key, phrases in self.index.people.items():
            for phrase in phrases:
                hit = _phrase_hit(phrase, hits, exact=False)
                if hit is not None:
                    people.add(key)
                    people_positions |= hit[1]
        slots = Slots(years=frozenset(years), ordinal=ordinal, people=frozenset(people))
        positions = {
            "year": year_positions,
            "ordinal": ordinal_positions,
            "person": frozenset(people_positions),
        }
        return slots, positions

    def _foreign(self, found: tuple[Token, ...], general: set[int]) -> Mapping[int, str]:
        index = self.index
        places: dict[int, str] = {}
        texts = [token.text for token in found]
        for token in found:
            if token.position in general:
                continue
            if token.upper and token.text in index.codes:
                places[token.position] = token.text
            # Inflected names: Germany's, Германияға, Gürcistan'ı (suffix already cut), Грузию.
            forms = {token.text, *token.stems}
            forms.update(token.text[:end] for end in range(MIN_PREFIX + 1, len(token.text)))
            for form in forms & index.foreign_first:
                for place in index.foreign_by_first[form]:
                    if len(place) == 1:
                        places[token.position] = place[0]
                        continue
                    end = token.position + len(place)
                    if tuple(texts[token.position + 1 : end]) == place[1:]:
                        places[token.position] = " ".join(place)
        return places

    def rank(
        self,
        analysis: Analysis,
        *,
        slots: Slots | None = None,
        rules: frozenset[str] | None = None,
    ) -> list[Candidate]:
        """Candidates for every rule sharing a keyword with the question, best first."""
        numbers: set[int] = set()
        for word in analysis.hits:
            numbers.update(self.index.rules_by_word.get(word, ()))
        candidates = []
        for number in sorted(numbers):
            rule = self.index.rules[number]
            if rules is not None and rule.intent.id not in rules:
                continue
            candidate = self.score(rule, analysis, slots or analysis.slots)
            if candidate is not None:
                candidates.append(candidate)
        candidates.sort(key=lambda c: (-c.rank, -c.score, c.rule.intent.id))
        return candidates

    def score(self, rule: Rule, analysis: Analysis, slots: Slots) -> Candidate | None:
        """One rule's candidate for the question, or None when it does not apply at all."""
        hits = analysis.hits
        for phrase in _present(rule.exclude_by_word, hits):
            hit = _phrase_hit(phrase, hits, exact=False)
            if hit is not None and hit[0] >= PREFIX:
                return None
        explained: set[int] = set()
        matched: list[str] = []
        quality = 0.0
        groups_hit = own_groups = 0
        for group in rule.groups_by_word:
            best = _best_hit(group, hits)
            if best is not None:
                groups_hit += 1
                own_groups += bool(best[2])
                quality += best[1]
                explained |= best[2]
                matched.append(" ".join(best[0]))
        if not groups_hit:
            return None
        boosts = 0
        for phrase in _present(rule.boost_by_word, hits):
            hit = _phrase_hit(phrase, hits, exact=False)
            if hit is not None:
                boosts += 1
                explained |= hit[1]
        narrowed, selectors, missed = self._select(rule, slots, analysis, explained)
        # A definite answer's own words are part of its topic ("rector", "factories"); a long
        # list's texts together would explain almost anything, so only a narrow choice counts.
        if len(narrowed) <= MAX_FACTS_EXPLAINING:
            terms = frozenset().union(*(self.index.fact_terms(fact.id) for fact in narrowed))
            explained.update(
                token.position for token in analysis.content if _in_terms(token, terms)
            )
        facts = self._choose(rule, narrowed, slots, analysis, explained)
        if any(position not in explained for position in analysis.foreign):
            return None
        penalty = sum(
            _weight(token) for token in analysis.content if token.position not in explained
        )
        score = 100.0 * quality / len(rule.groups) - UNEXPLAINED_PENALTY * penalty
        bonus = min(BOOST_BONUS * boosts, BOOST_CAP)
        score += bonus if BOOST_IN_SCORE else 0.0
        # A rule that needs more of the question's words to agree is the more specific one.
        rank = score + SPECIFICITY_BONUS * (groups_hit - 1 + len(selectors))
        rank += 0.0 if BOOST_IN_SCORE else bonus
        complete = groups_hit == len(rule.groups) and not missed
        if groups_hit < len(rule.groups):
            score = min(score, INCOMPLETE_CAP * groups_hit / len(rule.groups))
        if missed:
            score = min(score, SELECTOR_MISS_CAP)
        listing = rule.intent.default is Default.LIST and len(facts) > 1
        return Candidate(
            rule=rule,
            facts=facts,
            score=round(max(0.0, min(100.0, score)), 1),
            rank=rank if complete else min(rank, score),
            complete=complete,
            matched=tuple(matched),
            selectors=selectors,
            listing=listing,
            own_groups=own_groups,
        )

    def with_context(self, analysis: Analysis, rule: Rule) -> Analysis:
        """The analysis as if the question also said the keywords of `rule` (the last answer's)."""
        implied = dict(analysis.hits)
        for group, by_word in zip(rule.groups, rule.groups_by_word, strict=True):
            if _best_hit(by_word, analysis.hits) is None and group:
                for word in min(group):
                    implied.setdefault(word, (1.0, frozenset()))
        return replace(analysis, hits=implied)

    def score_follow_up(self, rule: Rule, analysis: Analysis, slots: Slots) -> Candidate | None:
        """Score a follow-up against the previous rule: the context supplies its keywords."""
        return self.score(rule, self.with_context(analysis, rule), slots)

    def _select(
        self, rule: Rule, slots: Slots, analysis: Analysis, explained: set[int]
    ) -> tuple[list[Fact], tuple[str, ...], bool]:
        facts = [self.kb.facts[fact_id] for fact_id in rule.intent.facts]
        selectors: list[str] = []
        missed = False
        positions = analysis.slot_positions
        if slots.years:
            # A fact dated that year beats one that merely mentions it or conflicts with it.
            chosen = [fact for fact in facts if slots.years & fact.years] or [
                fact for fact in facts if self._touches(fact, slots.years)
            ]
            if chosen:
                facts = chosen
                explained |= positions["year"]
                selectors.append("year " + ", ".join(map(str, sorted(slots.years))))
            else:
                missed = True
        if slots.ordinal is not None:
            explained |= positions["ordinal"]
            if any(fact.ordinal for fact in facts):
                chosen = [fact for fact in facts if fact.ordinal == slots.ordinal]
                if chosen:
                    facts = chosen
                    selectors.append(f"ordinal {slots.ordinal}")
                else:
                    missed = True
        if slots.people:
            family = {person for fact in facts for person in fact.people}
            if family & slots.people:
                chosen = [fact for fact in facts if slots.people & set(fact.people)]
                facts = chosen
                explained |= positions["person"]
                selectors.append("person " + ", ".join(sorted(slots.people)))
            elif any(fact.people for fact in facts):
                missed = True
        if analysis.direction is not None and any(fact.direction for fact in facts):
            chosen = [f for f in facts if f.direction in (analysis.direction, None)]
            if any(fact.direction for fact in chosen):
                facts = chosen
                selectors.append("direction " + ">".join(analysis.direction))
            elif chosen:
                facts = chosen
            else:
                missed = True
        return facts, tuple(selectors), missed

    def _choose(
        self, rule: Rule, facts: list[Fact], slots: Slots, analysis: Analysis, explained: set[int]
    ) -> tuple[Fact, ...]:
        """The answer among the facts the selectors left: relevance first, then the default."""
        if len(facts) > 1:
            facts = self._most_relevant(facts, analysis, explained)
        default = rule.intent.default
        if slots.ordinal == 1 and not any(fact.ordinal for fact in facts):
            default = Default.EARLIEST  # "the first visit" in a family without numbered facts
        return _by_default(default, facts)

    def _most_relevant(
        self, facts: list[Fact], analysis: Analysis, explained: set[int]
    ) -> list[Fact]:
        """The facts whose own text shares most of the question's remaining words."""
        extra = [t for t in analysis.content if t.position not in explained]
        if not extra:
            return facts
        overlap = [
            sum(_in_terms(token, self.index.fact_terms(fact.id)) for token in extra)
            for fact in facts
        ]
        best = max(overlap)
        if not best:
            return facts
        return [fact for fact, n in zip(facts, overlap, strict=True) if n == best]

    def _touches(self, fact: Fact, years: frozenset[int]) -> bool:
        if years & fact.years:
            return True
        for conflict in fact.conflicts_with:
            other = self.kb.facts.get(conflict.fact)
            if other is not None and years & other.years:
                return True
        return any(str(year) in fact.answer["en"] for year in years)


def _by_default(default: Default, facts: list[Fact]) -> tuple[Fact, ...]:
    if len(facts) <= 1 or default is Default.FIRST:
        return tuple(facts[:1])
    dated = sorted(facts, key=lambda fact: fact.when.sort_key() if fact.when else (0, 0, 0))
    if default is Default.LATEST:
        # The newest year wins; within it the curator's order (official figures first), so a
        # remark dated to the day does not beat the year's statistics.
        newest = max(fact.when.end_year if fact.when else 0 for fact in facts)
        return (next(f for f in facts if (f.when.end_year if f.when else 0) == newest),)
    if default is Default.EARLIEST:
        return (dated[0],)
    return tuple(dated)


def _present(by_word: Mapping[str, tuple[Phrase, ...]], hits: Mapping[str, object]) -> list[Phrase]:
    """The phrases whose first word the question has."""
    return [phrase for word in hits for phrase in by_word.get(word, ())]


def _in_terms(token: Token, terms: frozenset[str]) -> bool:
    return len(token.text) > _SHORT and (token.text in terms or bool(token.stems & terms))


def _weight(token: Token) -> float:
    if len(token.text) <= _SHORT or token.text.isdigit():
        return 0.3
    return 1.3 if token.capitalised else 1.0


def _phrase_hit(
    phrase: Phrase, hits: Mapping[str, tuple[float, frozenset[int]]], *, exact: bool
) -> tuple[float, frozenset[int]] | None:
    quality = 1.0
    positions: set[int] = set()
    for word in phrase:
        hit = hits.get(word)
        if hit is None or (exact and hit[0] < 1.0):
            return None
        quality = min(quality, hit[0])
        positions |= hit[1]
    return quality, frozenset(positions)


def _best_hit(
    group: Mapping[str, tuple[Phrase, ...]], hits: Mapping[str, tuple[float, frozenset[int]]]
) -> tuple[Phrase, float, frozenset[int]] | None:
    """The group's best phrase in the question, and every word any of its phrases explains."""
    best: tuple[Phrase, float] | None = None
    covered: set[int] = set()
    for phrase in _present(group, hits):
        hit = _phrase_hit(phrase, hits, exact=False)
        if hit is None:
            continue
        covered |= hit[1]
        # Better quality first, then the longer phrase, then a fixed order (no hash luck).
        key = (hit[0], len(phrase), phrase)
        if best is None or key > (best[1], len(best[0]), best[0]):
            best = (phrase, hit[0])
    return None if best is None else (best[0], best[1], frozenset(covered))
