"""Question -> ranked candidate facts, each with a score and the reason it matched."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.core.analysis import Analysis, Slots, analyse, phrase_hit, present
from bot.core.bulk import bulk_allocation
from bot.core.index import FUZZY, MIN_PREFIX, PREFIX, PackIndex, Phrase, Rule, month_numbers
from bot.core.models import Default, Fact, KnowledgeBase
from bot.core.text import Token, window

_SHORT = 2
UNEXPLAINED_PENALTY = 16.0
"""Score lost per question word that the rule does not explain."""
BOOST_BONUS, BOOST_CAP = 3.0, 9.0
"""Boost words order candidates; they never make up for words a rule does not explain."""
INCOMPLETE_CAP = 60.0
SELECTOR_MISS_CAP = 55.0
SPECIFICITY_BONUS = 5.0
MAX_FACTS_EXPLAINING = 2
TEXT_ANSWER, TEXT_SUGGEST = 75.0, 50.0
"""Scores of the fact-text route: one fact found is an answer, a few are suggestions."""
MAX_TEXT_FACTS = 3
WINDOW_SLACK = 2
"""Other words allowed among the question's words in the fact's text ("Tleuberdi paid an
official visit to Ankara"; not "born" four words away from "Erdoğan")."""
RARE, RARE_LENGTH = 2, 6
"""A word of 6+ letters in at most 2 facts is distinctive enough to find a fact on its own."""
MONTHS = month_numbers()


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
    unexplained: tuple[str, ...] = ()
    """The question's content words that neither the rule nor the chosen facts explain."""
    by_text: bool = False
    """Found by the fact-text route (the fact's own words), not by the rule's keywords."""

    @property
    def fact(self) -> Fact:
        """The fact the candidate answers with (the newest one for a list)."""
        return self.facts[-1] if self.listing else self.facts[0]


class Matcher:
    """Scores every rule that shares a keyword with the question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        with bulk_allocation():
            self.index = PackIndex(kb)

    def rule(self, intent_id: str) -> Rule | None:
        """The compiled rule of an intent."""
        return self.index.rule_by_id.get(intent_id)

    def analyse(self, question: str) -> Analysis:
        """Tokenise the question and find what each word can mean."""
        return analyse(self.index, question)

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
        for phrase in present(rule.exclude_by_word, hits):
            hit = phrase_hit(phrase, hits, exact=False)
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
                words = " ".join(best[0])
                matched.append(words if best[2] else f"{words} (from the conversation)")
        if not groups_hit:
            return None
        boosts = 0
        for phrase in present(rule.boost_by_word, hits):
            hit = phrase_hit(phrase, hits, exact=False)
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
        explained |= analysis.chatter
        loose = [token for token in analysis.content if token.position not in explained]
        penalty = sum(_weight(token) for token in loose)
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
            unexplained=tuple(token.text for token in loose),
        )

    def by_text(self, analysis: Analysis) -> list[Candidate]:
        """Facts whose own texts have every content word of the question (the fact-text route).

        For questions no rule answers because they quote a detail only the fact's text has
        ("kazmunaygas tpao joint exploration", "when did Tleuberdi visit Ankara"). Each word
        must appear, as itself, its stem or a pack word it is a typo of, and the words close
        together in one of the fact's answers (not "chaired" in one clause and "CICA" in
        another); a year must be the fact's; a month narrows a tie. A single word needs to be
        rare in the pack, or a year and a month to pin it down. One fact (or one disputed
        pair) is an answer; a few are suggestions; many are nothing.
        """
        postings = self.index.postings()
        years = analysis.slot_positions["year"]
        words = [
            token
            for token in analysis.content
            if token.position not in analysis.chatter and token.position not in years
        ]
        if not words:
            return []
        wanted = [self._forms(token, analysis) for token in words]
        found: set[str] | None = None
        for token, forms in zip(words, wanted, strict=True):
            if len(token.text) <= _SHORT:
                continue  # too short for the postings ("6 billion"); the window checks it
            facts = set().union(*(postings.get(form, ()) for form in forms))
            found = facts if found is None else found & facts
            if not found:
                return []
        if found is None:
            return []
        chosen = [self.kb.facts[fact_id] for fact_id in sorted(found)]
        if analysis.slots.years:
            chosen = [fact for fact in chosen if fact.years & analysis.slots.years]
        months = {MONTHS[token.text] for token in analysis.tokens if token.text in MONTHS}
        dated = [f for f in chosen if f.date is not None and f.date.start[1] in months]
        if len(wanted) == 1:
            rare = len(found) <= RARE and len(words[0].text) >= RARE_LENGTH
            if not rare and not (analysis.slots.years and len(dated) == 1):
                return []
        if months and len(chosen) > 1:
            chosen = dated or chosen
        chosen = [
            fact
            for fact in chosen
            if fact.id in self.index.rule_of_fact and self._close_together(fact, wanted)
        ]
        distinct = {self._pair_key(fact) for fact in chosen}
        if not chosen or len(distinct) > MAX_TEXT_FACTS:
            return []
        score = TEXT_ANSWER if len(distinct) == 1 else TEXT_SUGGEST
        matched = tuple(token.text for token in words)
        return [
            Candidate(
                rule=self.index.rule_of_fact[fact.id],
                facts=(fact,),
                score=score,
                complete=True,
                matched=matched,
                selectors=tuple(f"year {year}" for year in sorted(analysis.slots.years)),
                rank=score,
                own_groups=1,
                by_text=True,
            )
            for fact in chosen
        ]

    @staticmethod
    def _forms(token: Token, analysis: Analysis) -> frozenset[str]:
        """A question word as it may appear in a fact's text: itself, its stems, or the pack
        word it is a typo of."""
        typos = (
            word
            for word, (quality, where) in analysis.hits.items()
            if token.position in where and quality >= FUZZY and len(word) > _SHORT
        )
        # Short stems match unrelated words of a whole text (Turkish doğdu -> doğ, as in Doğu).
        kept = (stem for stem in token.stems if len(stem) > MIN_PREFIX)
        return frozenset({token.text, *kept, *typos})

    def _close_together(self, fact: Fact, wanted: list[frozenset[str]]) -> bool:
        """Whether one of the fact's answers has all the words within a short stretch."""
        limit = len(wanted) + WINDOW_SLACK
        for text in self.index.fact_texts(fact.id):
            size = window(text, wanted)
            if size is not None and size <= limit:
                return True
        return False

    def _pair_key(self, fact: Fact) -> str:
        """Disputed facts and the fact they dispute count as one answer."""
        ids = [fact.id, *(conflict.fact for conflict in fact.conflicts_with)]
        return min(ids)

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
                # Not answerable, but the nearest years make the best "did you mean".
                dated = [fact for fact in facts if fact.years]
                if dated:
                    gap = {
                        f.id: min(abs(y - w) for y in slots.years for w in f.years) for f in dated
                    }
                    facts = [fact for fact in dated if gap[fact.id] == min(gap.values())]
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


def _in_terms(token: Token, terms: frozenset[str]) -> bool:
    return len(token.text) > _SHORT and (token.text in terms or bool(token.stems & terms))


def _weight(token: Token) -> float:
    if len(token.text) <= _SHORT or token.text.isdigit():
        return 0.3
    return 1.3 if token.capitalised else 1.0


def _best_hit(
    group: Mapping[str, tuple[Phrase, ...]], hits: Mapping[str, tuple[float, frozenset[int]]]
) -> tuple[Phrase, float, frozenset[int]] | None:
    """The group's best phrase in the question, and every word any of its phrases explains."""
    best: tuple[Phrase, float] | None = None
    covered: set[int] = set()
    for phrase in present(group, hits):
        hit = phrase_hit(phrase, hits, exact=False)
        if hit is None:
            continue
        covered |= hit[1]
        # Better quality first, then the longer phrase, then a fixed order (no hash luck).
        key = (hit[0], len(phrase), phrase)
        if best is None or key > (best[1], len(best[0]), best[0]):
            best = (phrase, hit[0])
    return None if best is None else (best[0], best[1], frozenset(covered))
