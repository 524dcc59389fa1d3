"""Responder: a question (and what came before it) -> a Reply."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.analysis import Analysis, Slots
from bot.core.candidate import Candidate
from bot.core.language import detect
from bot.core.matcher import Matcher
from bot.core.models import LANGUAGES, Fact, KnowledgeBase, Reply, Status, Suggestion

ANSWER_THRESHOLD = 70.0
"""A complete candidate at or above this score is answered (tuned on dev.yaml)."""
SUGGEST_THRESHOLD = 40.0
"""Candidates at or above this score are offered as "did you mean"."""
MAX_SUGGESTIONS = 3
FOLLOW_UP_MAX_CONTENT = 4
"""A follow-up is short: "and in 2019?", "the third one?", "who signed it?"."""
SMALLTALK_MAX_CONTENT = 3
""""Thanks!" or "hello, what can you do" is small talk; "how did Kazakhstan help..." is not."""


@dataclass(frozen=True, slots=True)
class Turn:
    """What a conversation remembers of the last answer, for follow-up questions."""

    intent_id: str
    fact_id: str
    slots: Slots
    language: str


class Responder:
    """Turns questions into replies over one knowledge base; holds no per-chat state."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = Matcher(kb)

    def warm(self) -> Responder:
        """Build now what is otherwise built on first use (the index of the facts' texts, the
        typo filter's), so that no question pays for it: for a long-running bot, not a one-off
        `factbot ask`."""
        self.matcher.index.postings()
        self.matcher.index.vocabulary.warm()
        return self

    def reply(self, question: str, *, language: str | None = None) -> Reply:
        """The reply to a question asked on its own."""
        return self.converse(question, None, language=language)[0]

    def converse(
        self, question: str, previous: Turn | None, *, language: str | None = None
    ) -> tuple[Reply, Turn | None]:
        """The reply to a question in a conversation, and what to remember of it."""
        analysis = self.matcher.analyse(question)
        hint = language or (previous.language if previous else None)
        index = self.matcher.index
        lang = analysis.reading or detect(
            question, analysis.tokens, index.language_words, hint, index.name_words
        )
        if not analysis.tokens:
            return self._unknown(question, lang, [], "empty question"), previous
        candidates = self.matcher.rank(analysis)
        best = candidates[0] if candidates else None
        alone = best if best and best.complete and best.score >= ANSWER_THRESHOLD else None
        chatter = bool(analysis.smalltalk) and len(analysis.content) <= SMALLTALK_MAX_CONTENT
        # A question that stands alone with selectors of its own is no follow-up (_continues).
        maybe = alone is None or not (analysis.slots or alone.selectors)
        follow = (
            self._follow_up(analysis, previous)
            if previous is not None and not chatter and maybe
            else None
        )
        if follow is not None and (alone is None or _continues(follow, alone, analysis)):
            understood = self._understood(follow, lang)
            return self._answer(question, lang, follow, candidates, understood)
        if alone is not None and alone.unexplained and not analysis.foreign:
            # The rule left words unexplained; one fact's own text that has them all is the
            # more precise answer ("Turkish projects worth 6 billion, Tokayev").
            exact = self.matcher.by_text(analysis)
            if len(exact) == 1 and exact[0].score >= ANSWER_THRESHOLD:
                alone = exact[0]
        if alone is not None:
            return self._answer(question, lang, alone, candidates, None)
        if not chatter and not analysis.foreign:
            by_text = self.matcher.by_text(analysis)
            if len(by_text) == 1 or (by_text and by_text[0].score >= ANSWER_THRESHOLD):
                return self._answer(question, lang, by_text[0], candidates, None)
            candidates = sorted(
                [*by_text, *candidates], key=lambda c: (-c.score, -c.rank, c.rule.intent.id)
            )
            best = candidates[0] if candidates else None
        if chatter and (best is None or best.score < SUGGEST_THRESHOLD):
            kind = analysis.smalltalk[0]
            reply = Reply(question, "smalltalk", lang, smalltalk=kind, reason=f"small talk: {kind}")
            return reply, previous
        reason = _unknown_reason(analysis, best)
        return self._unknown(question, lang, candidates, reason), previous

    def _follow_up(self, analysis: Analysis, previous: Turn) -> Candidate | None:
        """Resolve a short question against the last answer, or None when it stands alone."""
        if len(analysis.content) > FOLLOW_UP_MAX_CONTENT:
            return None
        rule = self.matcher.rule(previous.intent_id)
        fact = self.kb.facts.get(previous.fact_id)
        if rule is None or fact is None:
            return None
        options: list[Candidate] = []
        if analysis.slots:
            # "and in 2019?", "the third one?", "what about Erdoğan?": same family, new selector.
            options.extend(_kept(self.matcher.score_follow_up(rule, analysis, analysis.slots)))
        # "what was signed?", "when did it first meet?": another rule, with the last answer's
        # keywords understood and, for an event, its year.
        event_years = fact.date.years() if fact.date is not None else frozenset()
        context = Slots(years=event_years if len(event_years) == 1 else frozenset())
        implied = self.matcher.with_context(analysis, rule)
        # Only rules the question's own words name can qualify (_own_evidence): score only those.
        reach = self.matcher.reachable(analysis)
        ranked = [
            candidate
            for candidate in self.matcher.rank(
                implied, slots=context.merged(analysis.slots), rules=reach
            )
            if _own_evidence(candidate, analysis)
        ]
        options.extend(ranked)
        missed = frozenset(c.rule.intent.id for c in ranked if c.score < ANSWER_THRESHOLD)
        if context and not analysis.slots and missed:
            # The last event's year narrows, but need not apply: "and the target they aim for?"
            # after trade in 2023 asks for the target, whenever it was set.
            options.extend(
                candidate
                for candidate in self.matcher.rank(implied, slots=analysis.slots, rules=missed)
                if _own_evidence(candidate, analysis)
            )
        options = [c for c in options if c.complete and c.score >= ANSWER_THRESHOLD]
        if not options:
            # "when?", "where was it?", "who signed it?": the same fact again.
            same = self.matcher.score_follow_up(rule, analysis, previous.slots)
            if same is not None and same.fact.id == fact.id:
                options.append(same)
        options = [c for c in options if c.complete and c.score >= ANSWER_THRESHOLD]
        return max(options, key=lambda c: c.score, default=None)

    def _understood(self, candidate: Candidate, language: str) -> str:
        """What a follow-up was taken to mean: "Trade volume, 2019" (label and selectors)."""
        intent = candidate.rule.intent
        label = intent.label.get(language) or intent.label.get("en")
        if label is None:
            examples = intent.examples.get(language) or intent.examples.get("en") or ()
            label = examples[0] if examples else intent.id.replace("-", " ")
        values = [self._selector_value(selector) for selector in candidate.selectors]
        return ", ".join([label, *(value for value in values if value)])

    def _selector_value(self, selector: str) -> str:
        """ "year 2019" -> "2019", "ordinal 3" -> "#3", "person erdogan" -> "Erdoğan"."""
        kind, _, value = selector.partition(" ")
        if kind == "ordinal":
            return f"#{value}"
        if kind == "person":
            people = self.kb.lexicon.people
            names = [people[key][0] if people.get(key) else key for key in value.split(", ")]
            return ", ".join(name[:1].upper() + name[1:] for name in names)
        return "" if kind == "direction" else value

    def _answer(
        self,
        question: str,
        language: str,
        best: Candidate,
        candidates: list[Candidate],
        understood: str | None,
    ) -> tuple[Reply, Turn]:
        fact = self._undisputed(best.fact)
        what = "words of the fact's own text" if best.by_text else "keywords"
        reason = f"matched {what}: " + ", ".join(best.matched)
        if best.selectors:
            reason += "; selectors: " + ", ".join(best.selectors)
        if understood:
            reason += f"; follow-up understood as: {understood}"
        reply = Reply(
            question=question,
            status="answered",
            language=language,
            score=best.score,
            fact=fact,
            facts=best.facts if best.listing else (),
            conflicts=self._conflicts(fact),
            reason=reason,
            understood=understood,
        )
        turn = Turn(best.rule.intent.id, fact.id, self._slots_of(best, fact), language)
        return reply, turn

    def _slots_of(self, candidate: Candidate, fact: Fact) -> Slots:
        people = frozenset(fact.people) if len(fact.people) == 1 else frozenset()
        years = fact.years if len(fact.years) == 1 and not candidate.listing else frozenset()
        return Slots(years=years, ordinal=fact.ordinal, people=people)

    def _undisputed(self, fact: Fact) -> Fact:
        if not fact.disputed:
            return fact
        for conflict in fact.conflicts_with:
            other = self.kb.facts.get(conflict.fact)
            if other is not None and not other.disputed:
                return other
        return fact

    def _conflicts(self, fact: Fact) -> tuple[Fact, ...]:
        found = []
        for conflict in fact.conflicts_with:
            other = self.kb.facts.get(conflict.fact)
            if other is not None and other.id != fact.id:
                found.append(other)
        return tuple(found)

    def _unknown(
        self, question: str, language: str, candidates: list[Candidate], reason: str
    ) -> Reply:
        suggestions = self._suggestions(candidates, language)
        status: Status = "suggest" if suggestions else "unknown"
        score = candidates[0].score if candidates else 0.0
        return Reply(
            question, status, language, score=score, suggestions=suggestions, reason=reason
        )

    def _suggestions(self, candidates: list[Candidate], language: str) -> tuple[Suggestion, ...]:
        found: list[Suggestion] = []
        seen: set[str] = set()
        for candidate in candidates:
            if len(found) >= MAX_SUGGESTIONS:
                break
            if candidate.score < SUGGEST_THRESHOLD:
                continue
            fact = self._undisputed(candidate.fact)
            if fact.id in seen:
                continue
            seen.add(fact.id)
            found.append(
                Suggestion(fact.id, self.question_for(candidate, language), candidate.score)
            )
        return tuple(found)

    def question_for(self, candidate: Candidate, language: str) -> str:
        """A button text in `language` for the candidate: its intent's example question, or
        for one fact of a family its label and year ("Trade volume, 2025")."""
        intent = candidate.rule.intent
        label = intent.label.get(language) or intent.label.get("en")
        when = candidate.fact.when
        if len(intent.facts) > 1 and label and when is not None:
            return f"{label}, {when.year}"
        return (intent.examples.get(language) or intent.examples.get("en") or (intent.id,))[0]

    def examples(self, language: str, n: int = 3) -> list[Suggestion]:
        """Featured example questions, for /start and for questions the bot cannot answer."""
        return featured_examples(self.kb, language, n)

    def answer_fact(self, fact_id: str, language: str) -> Reply | None:
        """The answer card of one chosen fact (a button, a deep link, an inline result)."""
        fact = self.kb.facts.get(fact_id)
        if fact is None:
            return None
        fact = self._undisputed(fact)
        return Reply(
            question="",
            status="answered",
            language=language,
            score=100.0,
            fact=fact,
            conflicts=self._conflicts(fact),
            reason=f"chosen fact {fact.id}",
        )


def featured_examples(kb: KnowledgeBase, language: str, n: int = 3) -> list[Suggestion]:
    """Example questions of the featured intents (else the first intents), in `language`."""
    intents = [kb.intents[i] for i in kb.lexicon.featured if i in kb.intents]
    found = []
    for intent in (intents or list(kb.intents.values()))[:n]:
        question = (intent.examples.get(language) or intent.examples.get("en") or ("",))[0]
        if question and intent.facts:
            found.append(Suggestion(intent.facts[0], question, 100.0))
    return found


def _continues(follow: Candidate, alone: Candidate, analysis: Analysis) -> bool:
    """A short question without selectors of its own ("how many agreements?") that the last
    answer's time narrows down is a follow-up, even though it also makes sense alone."""
    return (
        not analysis.slots
        and not alone.selectors
        and bool(follow.selectors)
        and follow.score >= alone.score
    )


def _own_evidence(candidate: Candidate, analysis: Analysis) -> bool:
    """Whether a follow-up reads as this rule by its own words: a keyword group, or a boost
    word together with a selector of its own ("when did it first meet?")."""
    return bool(candidate.own_groups or (candidate.own_boosts and analysis.slots))


def _kept(candidate: Candidate | None) -> list[Candidate]:
    return [candidate] if candidate is not None else []


def _unknown_reason(analysis: Analysis, best: Candidate | None) -> str:
    if analysis.foreign:
        places = ", ".join(sorted(set(analysis.foreign.values())))
        return f"about {places}, which the Turkey–Kazakhstan pack does not cover"
    if best is None:
        return "no keyword of any intent matched"
    reason = f"best candidate {best.rule.intent.id} scored {best.score} (below {ANSWER_THRESHOLD})"
    if best.unexplained:
        reason += "; words it does not explain: " + ", ".join(best.unexplained)
    return reason


def example_problems(kb: KnowledgeBase) -> list[tuple[str, str, str]]:
    """(intent id, example, problem) for every example question its intent does not answer."""
    responder = Responder(kb)
    problems = []
    for intent in kb.intents.values():
        for language in LANGUAGES:
            for example in intent.examples.get(language, ()):
                analysis = responder.matcher.analyse(example)
                ranked = responder.matcher.rank(analysis)
                top = [c for c in ranked if c.complete and c.score >= ANSWER_THRESHOLD]
                if not top:
                    best = ranked[0].score if ranked else 0.0
                    problems.append((intent.id, example, f"not answered (best score {best})"))
                elif top[0].rule.intent.id != intent.id:
                    other = top[0].rule.intent.id
                    if (
                        len(top) > 1
                        and top[1].rule.intent.id == intent.id
                        and (top[1].score == top[0].score)
                    ):
                        problems.append((intent.id, example, f"ties with intent '{other}'"))
                    elif intent.facts and top[0].fact.id not in intent.facts:
                        problems.append((intent.id, example, f"lands on intent '{other}'"))
    return problems
