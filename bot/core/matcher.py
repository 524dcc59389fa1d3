"""Question -> ranked candidate facts, each with a score and the reason it matched."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from bot.core.analysis import Analysis, Slots, analyse
from bot.core.bulk import bulk_allocation
from bot.core.candidate import Candidate
from bot.core.facttext import FactTexts
from bot.core.index import PREFIX, SHORT_WORD, PackIndex, Phrase, Rule
from bot.core.models import Default, Fact, KnowledgeBase
from bot.core.phrases import phrase_hit, present
from bot.core.selection import Selector
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
        self.selector = Selector(kb, self.index)

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
        vetoes: set[int] = set()
        for phrase in present(rule.exclude_by_word, hits):
            hit = hits[phrase[0]] if len(phrase) == 1 else phrase_hit(phrase, hits, exact=False)
            # Only the question's own words veto, never those a follow-up borrows from context.
            if hit is not None and hit[0] >= PREFIX and hit[1]:
                if not analysis.in_question:
                    return None
                vetoes |= hit[1]
        named = set(explained)  # the words of the rule's keyword groups
        boosts = own_boosts = 0
        for phrase in present(rule.boost_by_word, hits):
            hit = hits[phrase[0]] if len(phrase) == 1 else phrase_hit(phrase, hits, exact=False)
            if hit is not None:
                boosts += 1
                own_boosts += bool(hit[1] - analysis.general)
                explained |= hit[1]
        narrowed, selectors, missed = self.selector.select(rule, slots, analysis, explained, named)
        # A definite answer's own words are part of its topic ("rector", "factories"); a long
        # list's texts together would explain almost anything, so only a narrow choice counts.
        if len(narrowed) <= MAX_FACTS_EXPLAINING:
            ids = frozenset(fact.id for fact in narrowed)
            explained.update(
                token.position for token in analysis.content if self.selector.mentioned(token, ids)
            )
        facts = self.selector.choose(rule, narrowed, slots, analysis, explained)
        # The clause or sentence that asks names the whole topic: the rest is context ("I'm from
        # Germany.", "A Romanian site says ...") and its words, even foreign places, weigh less.
        asked = question[0] if question and groups_hit == len(rule.groups) else None
        # "Türkiye mi, yoksa Rusya mı?" asks who was the first: a fact that says it was the
        # first answers, and the rival offered is no topic of its own.
        rivals = analysis.rivals if self._says_first(analysis, facts) else frozenset()
        explained |= rivals
        if any(
            position not in explained
            and position not in rivals
            and (asked is None or position in asked or position in analysis.partners)
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
        missed = missed or (
            analysis.counting and not any(self.selector.gives_figure(f) for f in facts)
        )
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

    def _says_first(self, analysis: Analysis, facts: tuple[Fact, ...]) -> bool:
        """Whether the question asks about the first and every answer says it was the first."""
        return (
            bool(analysis.rivals)
            and analysis.slots.ordinal == 1
            and bool(facts)
            and all(self.selector.says_ordinal(1, fact) for fact in facts)
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

    def _answer_says(
        self, analysis: Analysis, where: frozenset[int], facts: tuple[Fact, ...]
    ) -> bool:
        """Whether the answer's own text has one of the words at `where`."""
        ids = frozenset(fact.id for fact in facts)
        return any(self.selector.mentioned(analysis.tokens[position], ids) for position in where)


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
