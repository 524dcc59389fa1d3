"""Selectors: which of a rule's facts a question's years, ordinal, people, direction and
figures leave, and which of those is the answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.core.analysis import Analysis, Slots
from bot.core.index import SHORT_WORD, PackIndex, Rule, has_figure
from bot.core.models import Default, Fact, KnowledgeBase
from bot.core.text import Token, scale_of, words

MAX_NUMBER = 30
"""The highest bare number read as a meeting's or a session's number ("hlscc 4")."""
SUCCESSION_GAP = 12
"""Months between one holder's last attested time and the next one's first, at most, for the
pack to say who came before or after whom."""
CHECK_YEARS = 3
"""How far off a yes/no check's year may be and still be about the family's one fact."""


class Selector:
    """Narrows a rule's facts by the question's selectors (one per pack)."""

    def __init__(self, kb: KnowledgeBase, index: PackIndex) -> None:
        self.kb = kb
        self.index = index
        self._figures: dict[str, bool] = {}
        self._figure_numbers: dict[str, Mapping[str, frozenset[str | None]]] = {}

    def select(
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
        # "Who is the ambassador now, and when did he first come to Turkey?": the first is
        # of something the one asked about did, not the family's first.
        if ordinal == 1 and analysis.now:
            state.explained |= analysis.slot_positions["ordinal"]
            ordinal = None
        if ordinal is None and any(fact.ordinal for fact in facts):
            ordinal = _numbered(analysis, named, explained)
        people = bool(slots.people)
        # "Who is the ambassador now? It used to be Saparbekuly, I think": the one named in a
        # claim, or beside the question that asks about now, is what someone thought.
        person = analysis.slot_positions["person"]
        asked = analysis.in_question
        if people and analysis.now and (analysis.reported or (asked and person.isdisjoint(asked))):
            state.explained |= person
            people = False
        # The family's one fact, checked: an ordinal is part of the claim it corrects ("became
        # the OTS in 2019, on its 10th anniversary. Is that correct?": its 8th summit).
        if checking and ordinal is not None:
            state.explained |= analysis.slot_positions["ordinal"]
            ordinal = None
        if (analysis.yes_no or analysis.claim) and slots.years and not checking:
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
            # in 1998. Is that correct?"), in a family of one or two things (the move and what
            # came before it): the year is theirs to be corrected, however far off.
            few = len({fact.answer_key for fact in state.facts}) <= 2
            checked = analysis.yes_no and analysis.reported and beside and few
            self._by_year(
                state,
                slots.years,
                analysis,
                checking or claimed or checked,
                quoted=claimed or checked,
                decade=slots.decade,
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
        given = [{t for t in numbers if self._gives(f.id, t)} for f in state.facts]
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
        *,
        quoted: bool = False,
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
        nearest = [] if chosen else _nearest(facts, years)
        if chosen:
            state.take(chosen, analysis.slot_positions["year"], "year " + _joined(years))
        elif checking and (quoted or self._near(facts, years)):
            state.explained |= analysis.slot_positions["year"]
        elif (
            analysis.yes_no
            and not decade
            and max(years) <= self.index.newest_year
            and len({fact.answer_key for fact in nearest}) == 1
            and self._near(nearest, years)
        ):
            # "Kazakhstan's embassy in Ankara opened in 1995, didn't it?": a check of the one
            # fact a few years off, whose date corrects it (not a plan for a year to come).
            state.take(nearest, analysis.slot_positions["year"], f"year {_joined(years)} (checked)")
        else:
            state.missed = True
            # Not answerable, but the nearest years make the best "did you mean".
            state.facts = nearest or facts
        if analysis.months and len(state.facts) > 1:
            # "ambassador in February 2023": the one whose time certainly includes that month
            dated = [f for f in state.facts if self._covers(f, years, analysis.months)]
            state.facts = dated or state.facts
        if analysis.days and len(state.facts) > 1:
            # "on 23 February 1994": the fact of that very day, when there is one
            exact = [f for f in state.facts if _on_day(f, years, analysis.months, analysis.days)]
            state.facts = exact or state.facts

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
            chosen = [fact for fact in state.facts if self.says_ordinal(ordinal, fact)]
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
        # One who travelled the other way is no host ("Erdoğan's visit to Kazakhstan in 2024"
        # is not the Kazakh prime minister's visit to Ankara, where he met Erdoğan).
        names = [t for t in analysis.tokens if t.position in positions]
        dated = bool(slots.years and analysis.months)
        way = analysis.direction
        hosts = [
            fact
            for fact in state.facts
            if all(self.mentioned(name, frozenset({fact.id})) for name in names)
            and (not dated or self._covers(fact, slots.years, analysis.months))
            and (way is None or fact.direction in (way, None))
        ]
        if hosts or checking:
            state.facts = hosts or state.facts
            state.explained |= positions
        else:
            state.missed = True

    def choose(
        self, rule: Rule, facts: list[Fact], slots: Slots, analysis: Analysis, explained: set[int]
    ) -> tuple[Fact, ...]:
        """The answer among the facts the selectors left: relevance first, then the default."""
        if len(facts) > 1:
            facts = self._most_relevant(facts, analysis, explained)
        default = rule.intent.default
        if slots.ordinal == 1 and not analysis.now and not any(fact.ordinal for fact in facts):
            default = Default.EARLIEST  # "the first visit" in a family without numbered facts
        return _by_default(default, facts)

    def says_ordinal(self, number: int, fact: Fact) -> bool:
        """Whether the fact's own text has that ordinal in any of its forms (third, 3rd)."""
        ids = frozenset({fact.id})
        forms = {phrase[0] for phrase in self.index.ordinals.get(number, ()) if len(phrase) == 1}
        forms.update(f"{number}{ending}" for ending in ("", "st", "nd", "rd", "th", "dot"))
        return any(not ids.isdisjoint(self.index.facts_with(form, frozenset())) for form in forms)

    def gives_figure(self, fact: Fact) -> bool:
        """Whether the fact's text has a number other than its dates (cached per fact)."""
        found = self._figures.get(fact.id)
        if found is None:
            found = self._figures[fact.id] = has_figure(fact.answer["en"])
        return found

    def mentioned(self, token: Token, fact_ids: frozenset[str]) -> bool:
        """Whether any of the facts' own texts has the word (itself or a stem), or one of their
        figures has the number ("17 agreements worth over $1 billion": the visit with those)."""
        if token.text.isdigit():
            return any(self._gives(fact_id, token) for fact_id in fact_ids)
        if len(token.text) <= SHORT_WORD:
            return False
        return not fact_ids.isdisjoint(self.index.facts_with(token.text, token.stems))

    def _gives(self, fact_id: str, number: Token) -> bool:
        """Whether one of the fact's figures, or its own number, is the number the question
        writes, at the scale it says ("$15 billion" is no 15-fold growth)."""
        scales = self._figure_words(fact_id).get(number.text)
        return scales is not None and (number.scale is None or number.scale in scales)

    def _figure_words(self, fact_id: str) -> Mapping[str, frozenset[str | None]]:
        """The numbers of a fact's figures as a question's words (17, and 4 and 1 for 4.1), and
        its own number ("на 5 заседании": the fifth meeting, or the one with 5 agreements),
        each with the scales its figures have (`billion` for a unit of "billion USD")."""
        found = self._figure_numbers.get(fact_id)
        if found is None:
            fact = self.kb.facts[fact_id]
            scales: dict[str, set[str | None]] = {}
            for figure in fact.figures:
                scale = next(filter(None, map(scale_of, words(figure.unit))), None)
                for part in _number_text(figure.value).split("."):
                    scales.setdefault(part, set()).add(scale)
            if fact.ordinal:
                scales.setdefault(str(fact.ordinal), set()).add(None)
            found = {number: frozenset(given) for number, given in scales.items()}
            self._figure_numbers[fact_id] = found
        return found

    def _most_relevant(
        self, facts: list[Fact], analysis: Analysis, explained: set[int]
    ) -> list[Fact]:
        """The facts whose own text shares most of the question's remaining words (those of
        the sentence that asks, when the message has others and reports no claim to check:
        "Who's the ambassador now? Asking for a friend who writes to the embassy" is not
        about the embassy)."""
        asked = frozenset() if analysis.reported else analysis.in_question
        extra = [
            t
            for t in analysis.content
            if t.position not in explained and (not asked or t.position in asked)
        ]
        if not extra:
            return facts
        overlap = [
            sum(self.mentioned(token, frozenset({fact.id})) for token in extra) for fact in facts
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


def _nearest(facts: list[Fact], years: frozenset[int]) -> list[Fact]:
    """The dated facts closest in time to the years asked."""
    dated = [fact for fact in facts if fact.years]
    if not dated:
        return []
    gap = {f.id: min(abs(y - w) for y in years for w in f.years) for f in dated}
    return [fact for fact in dated if gap[fact.id] == min(gap.values())]


def _on_day(
    fact: Fact, years: frozenset[int], months: frozenset[int], days: frozenset[int]
) -> bool:
    """Whether the fact is dated on one of those days."""
    when = fact.date
    if when is None:
        return False
    year, month, day = when.start
    return year in years and month in months and day in days


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
