"""Question -> ranked candidate facts, each with a score and the reason it matched."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.core.analysis import Analysis, Slots, analyse
from bot.core.bulk import bulk_allocation
from bot.core.candidate import Candidate
from bot.core.facttext import FactTexts
from bot.core.index import PREFIX, SHORT_WORD, PackIndex, Phrase, Rule, has_figure
from bot.core.models import Default, Fact, KnowledgeBase
from bot.core.phrases import phrase_hit, present
from bot.core.text import Token

UNEXPLAINED_PENALTY = 16.0
"""Score lost per question word that the rule does not explain."""
BOOST_BONUS, BOOST_CAP = 3.0, 9.0
"""Boost words order candidates; they never make up for words a rule does not explain."""
INCOMPLETE_CAP = 60.0
SELECTOR_MISS_CAP = 55.0
SPECIFICITY_BONUS = 5.0
MAX_FACTS_EXPLAINING = 2
_IMPLIED: tuple[float, frozenset[int]] = (1.0, frozenset())
"""A word a follow-up borrows from the last answer: exact, at no position of the question."""
CONTEXT_WEIGHT = 0.5
"""What an unexplained word outside the clause or sentence that asks weighs, against 1 in it."""
MAX_NUMBER = 30
"""The highest bare number read as a meeting's or a session's number ("hlscc 4")."""
SUCCESSION_GAP = 12
"""Months between one holder's last attested time and the next one's first, at most, for the
pack to say who came before or after whom."""
CHECK_YEARS = 3
"""How far off a yes/no check's year may be and still be about the family's one fact."""
LONG_QUESTION = 5
"""Content words after which unexplained words weigh proportionally less (5: on the tuning
sets it answered more than 6 and added no wrong answer; 4 added wrong answers)."""


class Matcher:
    """Scores every rule that shares a keyword with the question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        with bulk_allocation():
            self.index = PackIndex(kb)
        self.texts = FactTexts(kb, self.index)
        self._figures: dict[str, bool] = {}
        self._figure_numbers: dict[str, frozenset[str]] = {}

    def rule(self, intent_id: str) -> Rule | None:
        """The compiled rule of an intent."""
        return self.index.rule_by_id.get(intent_id)

    def analyse(self, question: str) -> Analysis:
        """Tokenise the question and find what each word can mean."""
        return analyse(self.index, question)

    def reachable(self, analysis: Analysis) -> frozenset[str]:
        """Intents whose keywords or boost words the question's own content words name."""
        index = self.index
        numbers: set[int] = set()
        for word, (_, where) in analysis.hits.items():
            if where - analysis.general:
                numbers.update(index.rules_by_word.get(word, ()))
                numbers.update(index.rules_by_boost_word.get(word, ()))
        return frozenset(index.rules[number].intent.id for number in numbers)

    def rank(
        self,
        analysis: Analysis,
        *,
        slots: Slots | None = None,
        rules: frozenset[str] | None = None,
    ) -> list[Candidate]:
        """Candidates for every rule sharing a keyword with the question, best first."""
        numbers: set[int] = set()
        own: set[int] = set()  # the rules a word of the question's own names
        for word, (_, where) in analysis.hits.items():
            numbers.update(self.index.rules_by_first_word.get(word, ()))
            if where - analysis.general or not where:
                own.update(self.index.rules_by_word.get(word, ()))
        hits = analysis.hits.keys()
        candidates = []
        for number in sorted(numbers):
            rule = self.index.rules[number]
            if rules is not None and rule.intent.id not in rules:
                continue
            # Named by stop words alone ("when", "Turkey") and missing one of its groups: no
            # answer, nor a suggestion worth making.
            if number not in own and any(words.isdisjoint(hits) for words in rule.group_words):
                continue
            candidate = self.score(rule, analysis, slots or analysis.slots)
            if candidate is not None:
                candidates.append(candidate)
        candidates.sort(key=lambda c: (-c.rank, -c.score, c.rule.intent.id))
        return candidates

    def score(self, rule: Rule, analysis: Analysis, slots: Slots) -> Candidate | None:
        """One rule's candidate for the question, or None when it does not apply at all."""
        hits = analysis.hits
        vetoes: set[int] = set()
        for phrase in present(rule.exclude_by_word, hits):
            hit = hits[phrase[0]] if len(phrase) == 1 else phrase_hit(phrase, hits, exact=False)
            # Only the question's own words veto, never those a follow-up borrows from context.
            if hit is not None and hit[0] >= PREFIX and hit[1]:
                if not analysis.in_question:
                    return None
                vetoes |= hit[1]
        explained: set[int] = set()
        matched: list[str] = []
        quality = 0.0
        groups_hit = own_groups = 0
        # The clause that asks (or else the sentence) if it names every group the rule hits.
        question = [part for part in (analysis.asking, analysis.in_question) if part]
        for group in rule.groups_by_word:
            best = _best_hit(group, hits)
            if best is not None:
                groups_hit += 1
                own_groups += bool(best[2])
                question = [part for part in question if not best[2].isdisjoint(part)]
                quality += best[1]
                explained |= best[2]
                words = " ".join(best[0])
                matched.append(words if best[2] else f"{words} (from the conversation)")
        if not groups_hit:
            return None
        named = set(explained)  # the words of the rule's keyword groups
        boosts = own_boosts = 0
        for phrase in present(rule.boost_by_word, hits):
            hit = hits[phrase[0]] if len(phrase) == 1 else phrase_hit(phrase, hits, exact=False)
            if hit is not None:
                boosts += 1
                own_boosts += bool(hit[1] - analysis.general)
                explained |= hit[1]
        narrowed, selectors, missed = self._select(rule, slots, analysis, explained, named)
        # A definite answer's own words are part of its topic ("rector", "factories"); a long
        # list's texts together would explain almost anything, so only a narrow choice counts.
        if len(narrowed) <= MAX_FACTS_EXPLAINING:
            ids = frozenset(fact.id for fact in narrowed)
            explained.update(
                token.position for token in analysis.content if self._mentioned(token, ids)
            )
        facts = self._choose(rule, narrowed, slots, analysis, explained)
        # The clause or sentence that asks names the whole topic: the rest is context ("I'm from
        # Germany.", "A Romanian site says ...") and its words, even foreign places, weigh less.
        asked = question[0] if question and groups_hit == len(rule.groups) else None
        if any(
            position not in explained and (asked is None or position in asked)
            for position in analysis.foreign
        ):
            return None
        # An excluded word vetoes too, unless it only stands beside the sentence that asks
        # ("I trade dried fruit. What was total trade in 2025?").
        if vetoes and (asked is None or not vetoes.isdisjoint(asked)):
            return None
        # Asked for what neither the rule's words nor its answer state (who founded Aselsan,
        # the lyceum's address): a suggestion at most.
        missed = missed or any(
            not where <= explained and not self._answer_says(analysis, where - explained, facts)
            for where in analysis.unanswerable
        )
        # "How many agreements were signed at the second meeting?": an answer with no figure
        # but its dates gives no count.
        missed = missed or (analysis.counting and not any(self._gives_figure(f) for f in facts))
        explained |= analysis.chatter
        loose = [token for token in analysis.content if token.position not in explained]
        penalty = sum(
            _weight(token) * (1.0 if asked is None or token.position in asked else CONTEXT_WEIGHT)
            for token in loose
        )
        # A long question carries more words of its own (politeness, context), each saying
        # less: past LONG_QUESTION content words, each unexplained one costs proportionally less.
        penalty *= min(1.0, LONG_QUESTION / max(1, len(analysis.content)))
        score = 100.0 * quality / len(rule.groups) - UNEXPLAINED_PENALTY * penalty
        bonus = min(BOOST_BONUS * boosts, BOOST_CAP)
        # A rule that needs more of the question's words to agree is the more specific one.
        rank = score + SPECIFICITY_BONUS * (groups_hit - 1 + len(selectors))
        rank += bonus
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
            own_boosts=own_boosts,
            unexplained=tuple(token.text for token in loose),
        )

    def by_text(self, analysis: Analysis) -> list[Candidate]:
        """Facts whose own texts have every content word of the question (see FactTexts)."""
        return self.texts.candidates(analysis)

    def with_context(self, analysis: Analysis, rule: Rule) -> Analysis:
        """The analysis as if the question also said the keywords of `rule` (the last answer's)."""
        implied: dict[str, tuple[float, frozenset[int]]] = {}
        for words, by_word in zip(rule.group_words, rule.groups_by_word, strict=True):
            if _best_hit(by_word, analysis.hits) is None:
                # every way of saying it: another rule may know the topic by another synonym
                implied.update(dict.fromkeys(words, _IMPLIED))
        implied.update(analysis.hits)  # the question's own words keep their positions
        return replace(analysis, hits=implied)

    def score_follow_up(self, rule: Rule, analysis: Analysis, slots: Slots) -> Candidate | None:
        """Score a follow-up against the previous rule: the context supplies its keywords."""
        return self.score(rule, self.with_context(analysis, rule), slots)

    def _select(
        self, rule: Rule, slots: Slots, analysis: Analysis, explained: set[int], named: set[int]
    ) -> tuple[list[Fact], tuple[str, ...], bool]:
        """The rule's facts the question's selectors leave, their names, and whether one of
        them found nothing; `explained` gains the selectors' words."""
        facts = [self.kb.facts[fact_id] for fact_id in rule.intent.facts]
        state = _Selection(facts, explained)
        # "Did Erdoğan sign the strategic partnership in 2010?": a check of the one thing the
        # family knows; its answer, with its own date and people, corrects the year or name.
        checking = analysis.yes_no and len({fact.answer_key for fact in facts}) == 1
        # An ordinal the rule's own keywords name ("first visit as president") selects nothing.
        ordinal = slots.ordinal
        if ordinal is not None and analysis.slot_positions["ordinal"] <= named:
            ordinal = None
        if ordinal is None and any(fact.ordinal for fact in facts):
            ordinal = _numbered(analysis, named, explained)
        people = bool(slots.people)
        if analysis.yes_no and slots.years and not checking:
            # "Was the first HLSCC meeting held in 2013?", "Tokayev's first visit as president
            # was in 2019, right?": the ordinal or the person names the one fact, and the year
            # is what the check claims of it.
            if ordinal is not None and sum(fact.ordinal == ordinal for fact in facts) == 1:
                self._by_ordinal(state, ordinal, analysis)
                ordinal = None
            theirs = {f.answer_key for f in state.facts if slots.people & set(f.people)}
            if people and len(theirs) == 1:
                self._by_person(state, slots, analysis, checking)
                people = False
            checking = len({fact.answer_key for fact in state.facts}) == 1
        if slots.years:
            # A year only beside the sentence that asks is what someone claimed ("my neighbour
            # insists it was 1995. When did the embassy open?"): near the fact's, not a miss.
            beside = analysis.slot_positions["year"].isdisjoint(analysis.in_question)
            claimed = analysis.claim and beside
            # What someone is reported to say, checked ("my grandfather says the embassy moved
            # in 1998. Is that correct?"): the year is theirs to be corrected, however far off.
            quoted = claimed or (checking and analysis.reported and beside)
            self._by_year(
                state, slots.years, analysis, checking or claimed, quoted, decade=slots.decade
            )
        if ordinal is not None:
            self._by_ordinal(state, ordinal, analysis)
        if people:
            self._by_person(state, slots, analysis, checking)
        if analysis.direction is not None and any(fact.direction for fact in state.facts):
            _by_direction(state, analysis.direction, implied=analysis.direction_implied)
        self._by_figure(state, analysis)
        return state.facts, tuple(state.selectors), state.missed

    def _by_figure(self, state: _Selection, analysis: Analysis) -> None:
        """Numbers the question quotes pick the facts that give them ("the trip with 17
        agreements worth over $1 billion"); a number none gives picks nothing."""
        numbers = [
            token
            for token in analysis.content
            if token.text.isdigit() and token.position not in state.explained
        ]
        if not numbers or len(state.facts) < 2:
            return
        given = [{t for t in numbers if t.text in self._figure_words(f.id)} for f in state.facts]
        most = max(map(len, given))
        if most:
            chosen = [
                fact for fact, found in zip(state.facts, given, strict=True) if len(found) == most
            ]
            if len(chosen) < len(state.facts):
                found = {t for tokens in given if len(tokens) == most for t in tokens}
                where = frozenset(t.position for t in found)
                state.take(chosen, where, "figure " + ", ".join(sorted({t.text for t in found})))

    def _by_year(
        self,
        state: _Selection,
        years: frozenset[int],
        analysis: Analysis,
        checking: bool,
        quoted: bool = False,
        *,
        decade: bool = False,
    ) -> None:
        facts = state.facts
        # A fact dated that year beats one that merely mentions it or conflicts with it (a
        # decade's ten years: only facts dated in it).
        chosen = [fact for fact in facts if years & fact.years] or [
            fact for fact in facts if not decade and self._touches(fact, years)
        ]
        # A span asked ("from 2017 to 2022", "2021-2023"): the fact whose time covers it all.
        chosen = [fact for fact in chosen if years <= fact.years] or chosen
        if chosen:
            state.take(chosen, analysis.slot_positions["year"], "year " + _joined(years))
        elif checking and (quoted or self._near(facts, years)):
            state.explained |= analysis.slot_positions["year"]
        else:
            state.missed = True
            # Not answerable, but the nearest years make the best "did you mean".
            dated = [fact for fact in facts if fact.years]
            if dated:
                gap = {f.id: min(abs(y - w) for y in years for w in f.years) for f in dated}
                state.facts = [fact for fact in dated if gap[fact.id] == min(gap.values())]
        if analysis.months and len(state.facts) > 1:
            # "ambassador in February 2023": the one whose time certainly includes that month
            dated = [f for f in state.facts if self._covers(f, years, analysis.months)]
            state.facts = dated or state.facts

    def _by_ordinal(self, state: _Selection, ordinal: int, analysis: Analysis) -> None:
        state.explained |= analysis.slot_positions["ordinal"]
        if any(fact.ordinal for fact in state.facts):
            chosen = [fact for fact in state.facts if fact.ordinal == ordinal]
            if chosen:
                state.take(chosen, frozenset(), f"ordinal {ordinal}")
            else:
                state.missed = True
        elif ordinal > 1:
            # A family that does not number its facts: the ones whose text says that ordinal
            # ("the second trilateral meeting", "third-largest supplier"); otherwise which one
            # is meant cannot be told ("the second to recognise").
            chosen = [fact for fact in state.facts if self._says_ordinal(ordinal, fact)]
            state.facts = chosen or state.facts
            state.missed = state.missed or not chosen

    def _by_person(
        self, state: _Selection, slots: Slots, analysis: Analysis, checking: bool
    ) -> None:
        positions = analysis.slot_positions["person"]
        if {person for fact in state.facts for person in fact.people} & slots.people:
            chosen = [fact for fact in state.facts if slots.people & set(fact.people)]
            named = "person " + ", ".join(sorted(slots.people))
            if slots.relative is not None:
                # "the ambassador before Kapucu": the fact next to theirs in time, when their
                # times meet (within SUCCESSION_GAP months); with a gap between them, someone
                # the pack does not know may have come in between.
                positions |= analysis.slot_positions["relative"]
                neighbour = _next_to(state.facts, chosen, slots.relative)
                state.missed = state.missed or not neighbour
                chosen = neighbour or chosen
                named = f"{slots.relative} {named}"
            state.take(chosen, positions, named)
            return
        if not any(fact.people for fact in state.facts):
            return
        # Not the one the facts are about (the visitor), but maybe the one they met, at the
        # time asked about ("met Nazarbayev in February 2016").
        names = [t for t in analysis.tokens if t.position in positions]
        dated = bool(slots.years and analysis.months)
        hosts = [
            fact
            for fact in state.facts
            if all(self._mentioned(name, frozenset({fact.id})) for name in names)
            and (not dated or self._covers(fact, slots.years, analysis.months))
        ]
        if hosts or checking:
            state.facts = hosts or state.facts
            state.explained |= positions
        else:
            state.missed = True

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

    def _says_ordinal(self, number: int, fact: Fact) -> bool:
        """Whether the fact's own text has that ordinal in any of its forms (third, 3rd)."""
        ids = frozenset({fact.id})
        forms = {phrase[0] for phrase in self.index.ordinals.get(number, ()) if len(phrase) == 1}
        forms.update(f"{number}{ending}" for ending in ("", "st", "nd", "rd", "th", "dot"))
        return any(not ids.isdisjoint(self.index.facts_with(form, frozenset())) for form in forms)

    def _gives_figure(self, fact: Fact) -> bool:
        """Whether the fact's text has a number other than its dates (cached per fact)."""
        found = self._figures.get(fact.id)
        if found is None:
            found = self._figures[fact.id] = has_figure(fact.answer["en"])
        return found

    def _mentioned(self, token: Token, fact_ids: frozenset[str]) -> bool:
        """Whether any of the facts' own texts has the word (itself or a stem), or one of their
        figures has the number ("17 agreements worth over $1 billion": the visit with those)."""
        if token.text.isdigit():
            return any(token.text in self._figure_words(fact_id) for fact_id in fact_ids)
        if len(token.text) <= SHORT_WORD:
            return False
        return not fact_ids.isdisjoint(self.index.facts_with(token.text, token.stems))

    def _figure_words(self, fact_id: str) -> frozenset[str]:
        """The numbers of a fact's figures as a question's words (17, and 4 and 1 for 4.1), and
        its own number ("на 5 заседании": the fifth meeting, or the one with 5 agreements)."""
        found = self._figure_numbers.get(fact_id)
        if found is None:
            fact = self.kb.facts[fact_id]
            found = frozenset(
                part for figure in fact.figures for part in _number_text(figure.value).split(".")
            ) | ({str(fact.ordinal)} if fact.ordinal else set())
            self._figure_numbers[fact_id] = found
        return found

    def _answer_says(
        self, analysis: Analysis, where: frozenset[int], facts: tuple[Fact, ...]
    ) -> bool:
        """Whether the answer's own text has one of the words at `where`."""
        ids = frozenset(fact.id for fact in facts)
        return any(self._mentioned(analysis.tokens[position], ids) for position in where)

    def _most_relevant(
        self, facts: list[Fact], analysis: Analysis, explained: set[int]
    ) -> list[Fact]:
        """The facts whose own text shares most of the question's remaining words."""
        extra = [t for t in analysis.content if t.position not in explained]
        if not extra:
            return facts
        overlap = [
            sum(self._mentioned(token, frozenset({fact.id})) for token in extra) for fact in facts
        ]
        best = max(overlap)
        if not best:
            return facts
        return [fact for fact, n in zip(facts, overlap, strict=True) if n == best]

    @staticmethod
    def _near(facts: list[Fact], years: frozenset[int]) -> bool:
        """Whether a year asked about is within CHECK_YEARS of the facts' own: a check that
        misremembers the year ("signed in 2010?") and not another event ("the 1999 quake")."""
        return any(abs(y - w) <= CHECK_YEARS for f in facts for w in f.years for y in years)

    @staticmethod
    def _covers(fact: Fact, years: frozenset[int], months: frozenset[int]) -> bool:
        return any(
            when is not None and when.covers_month(year, month)
            for when in (fact.date, fact.as_of)
            for year in years
            for month in months
        )

    def _touches(self, fact: Fact, years: frozenset[int]) -> bool:
        if years & fact.years:
            return True
        for conflict in fact.conflicts_with:
            other = self.kb.facts.get(conflict.fact)
            if other is not None and years & other.years:
                return True
        return any(str(year) in fact.answer["en"] for year in years)


@dataclass
class _Selection:
    """The facts a rule's selectors have left so far, and what the selectors said."""

    facts: list[Fact]
    explained: set[int]
    """The question's positions explained so far (the caller's set, updated in place)."""
    selectors: list[str] = field(default_factory=list)
    missed: bool = False

    def take(self, facts: list[Fact], positions: frozenset[int], selector: str) -> None:
        """Keep `facts`, chosen by the words at `positions`, and name the selector."""
        self.facts = facts
        self.explained |= positions
        self.selectors.append(selector)


def _by_direction(state: _Selection, direction: tuple[str, str], *, implied: bool) -> None:
    chosen = [f for f in state.facts if f.direction in (direction, None)]
    if implied:
        state.facts = chosen or state.facts  # only narrows: no selector, never a miss
    elif any(fact.direction for fact in chosen):
        state.take(chosen, frozenset(), "direction " + ">".join(direction))
    elif chosen:
        state.facts = chosen
    else:
        state.missed = True


def _attested(fact: Fact) -> tuple[int, int] | None:
    """The first and last month (counted from year 0) of the fact's date and as_of together."""
    times = [when for when in (fact.date, fact.as_of) if when is not None]
    if not times:
        return None
    first = min(when.start[0] * 12 + (when.start[1] or 1) for when in times)
    last = max(
        (when.end or when.start)[0] * 12 + ((when.end or when.start)[1] or 12) for when in times
    )
    return first, last


def _next_to(facts: list[Fact], named: list[Fact], side: str) -> list[Fact]:
    """The fact just before the first of `named`, or just after the last, whose time meets
    theirs; none when the nearest one is further away than SUCCESSION_GAP months."""
    timed = sorted((span, n) for n, f in enumerate(facts) if (span := _attested(f)) is not None)
    order = [facts[n] for _, n in timed]
    spans = [span for span, _ in timed]
    at = [n for n, fact in enumerate(order) if fact in named]
    if not at:
        return []
    near = at[0] - 1 if side == "before" else at[-1] + 1
    if not 0 <= near < len(order):
        return []
    earlier, later = (
        (spans[near], spans[at[0]]) if side == "before" else (spans[at[-1]], spans[near])
    )
    return [order[near]] if later[0] - earlier[1] <= SUCCESSION_GAP else []


def _numbered(analysis: Analysis, named: set[int], explained: set[int]) -> int | None:
    """A bare number right after the rule's own word, in a family that numbers its facts:
    "hlscc 4", "jspg 7" (the 4th, the 7th; before a word it counts: "20 documents");
    `explained` gains it."""
    for token in analysis.content:
        if token.text.isdigit() and token.position - 1 in named and int(token.text) <= MAX_NUMBER:
            explained.add(token.position)
            return int(token.text)
    return None


def _joined(years: frozenset[int]) -> str:
    """2019, 2020; a run of three or more as 1990-1994."""
    ordered = sorted(years)
    if len(ordered) > 2 and ordered[-1] - ordered[0] == len(ordered) - 1:
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(map(str, ordered))


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


def _number_text(value: float) -> str:
    """A figure as it is written: 17, 4.1 (never 1.5e+06)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _weight(token: Token) -> float:
    if len(token.text) <= SHORT_WORD or token.text.isdigit():
        return 0.3
    return 1.3 if token.capitalised else 1.0


def _best_hit(
    group: Mapping[str, tuple[Phrase, ...]], hits: Mapping[str, tuple[float, frozenset[int]]]
) -> tuple[Phrase, float, frozenset[int]] | None:
    """The group's best phrase in the question, and every word any of its phrases explains."""
    best: tuple[Phrase, float] | None = None
    covered: set[int] = set()
    for phrase in present(group, hits):
        # present() found the first word; a one-word phrase is that hit (most of them)
        hit = hits[phrase[0]] if len(phrase) == 1 else phrase_hit(phrase, hits, exact=False)
        if hit is None:
            continue
        covered |= hit[1]
        # Better quality first, then the longer phrase, then a fixed order (no hash luck).
        key = (hit[0], len(phrase), phrase)
        if best is None or key > (best[1], len(best[0]), best[0]):
            best = (phrase, hit[0])
    return None if best is None else (best[0], best[1], frozenset(covered))
