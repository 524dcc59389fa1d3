"""The fact-text route: questions that quote a detail only a fact's own text names."""

from __future__ import annotations

from bot.core.analysis import Analysis
from bot.core.candidate import Candidate
from bot.core.gazetteer import inflects
from bot.core.index import FUZZY, MIN_PREFIX, SHORT_WORD, PackIndex
from bot.core.models import Fact, KnowledgeBase
from bot.core.text import Token, window

TEXT_ANSWER, TEXT_SUGGEST = 75.0, 50.0
"""Scores of the fact-text route: one fact found is an answer, a few are suggestions."""
MAX_TEXT_FACTS = 3
WINDOW_SLACK = 2
"""Other words allowed among the question's words in the fact's text ("Tleuberdi paid an
official visit to Ankara"; not "born" four words away from "Erdoğan")."""
NAME_SLACK = 2
"""More other words allowed for each person named beyond the first."""
OLD_YEARS = 10
"""A fact whose time ended this many years before the pack's newest is no answer about now."""
RARE, RARE_LENGTH = 2, 6
"""A word of 6+ letters in at most 2 facts is distinctive enough to find a fact on its own."""


class FactTexts:
    """Finds facts by the words of their answers (all languages), for what no rule names."""

    def __init__(self, kb: KnowledgeBase, index: PackIndex) -> None:
        self.kb = kb
        self.index = index

    def candidates(self, analysis: Analysis) -> list[Candidate]:
        """Facts whose own texts have every content word of the question (the fact-text route).

        For questions no rule answers because they quote a detail only the fact's text has
        ("kazmunaygas tpao joint exploration", "when did Tleuberdi visit Ankara"). Each word
        must appear, as itself, its stem or a pack word it is a typo of, and the words close
        together in one of the fact's answers (not "chaired" in one clause and "CICA" in
        another); a year must be the fact's; a month narrows a tie. A single word needs to be
        rare in the pack, or a year and a month to pin it down. One fact (or one disputed
        pair) is an answer; a few are suggestions; many are nothing. Someone before or after the
        person named ("the ambassador before Tuimebayev") is not that person's fact.
        """
        if analysis.slots.relative is not None:
            return []
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
        # Two people named are specific enough to be further apart ("Fidan agreed with Foreign
        # Minister Murat Nurtleu").
        names = sum(token.position in analysis.slot_positions["person"] for token in words)
        slack = WINDOW_SLACK + NAME_SLACK * max(0, names - 1)
        # Rarest word first, then only its facts are checked against the others: a word in
        # thousands of facts of a big pack costs nothing once a rare one has narrowed it down.
        lists = [
            [postings[form] for form in forms if form in postings]
            for token, forms in zip(words, wanted, strict=True)
            if len(token.text) > SHORT_WORD  # shorter ("6 billion"): only the window checks it
        ]
        if not lists:
            return []
        lists.sort(key=lambda sets: sum(map(len, sets)))
        found: set[str] = set().union(*lists[0])
        for sets in lists[1:]:
            found = {fact_id for fact_id in found if any(fact_id in ids for ids in sets)}
            if not found:
                return []
        # A city named is where the detail happened: the fact's text must name it too ("the
        # consulate in Aktau" is not the one in Shymkent), though it finds no fact by itself.
        for token in analysis.tokens:
            place = self._home_place(token.text)
            if place is not None and token.position not in years:
                forms = {place, *self._forms(token, analysis)}
                found &= set().union(*(postings.get(form, ()) for form in forms))
        chosen = [self.kb.facts[fact_id] for fact_id in sorted(found)]
        if (
            analysis.who
        ):  # "who is the consul general in Aktau": a fact that names no one is no answer
            chosen = [fact for fact in chosen if fact.people]
        if analysis.direction is not None:  # "Turkish tourists in Kazakhstan": not the reverse
            chosen = [f for f in chosen if f.direction in (None, analysis.direction)]
        if analysis.slots.years:
            chosen = [fact for fact in chosen if fact.years & analysis.slots.years]
        elif analysis.now:
            # "Who is TÜRKSOY's secretary general today?": a text about 1993 does not say.
            newest = self.index.newest_year
            chosen = [f for f in chosen if f.when is None or f.when.end_year > newest - OLD_YEARS]
        months = analysis.months
        dated = [f for f in chosen if f.date is not None and f.date.start[1] in months]
        if months and len(chosen) > 1:
            chosen = dated or chosen
        if len(wanted) == 1:
            # One word finds a fact when it is rare, or when a date leaves few facts with it
            # ("Erdoğan in Kazakhstan, October 2022").
            # A decade's ten years pin nothing down ("ambassador in the 1990s").
            rare = len(found) <= RARE and len(words[0].text) >= RARE_LENGTH
            if not rare and (not analysis.slots.years or analysis.slots.decade):
                return []
        chosen = [
            fact
            for fact in chosen
            if fact.id in self.index.rule_of_fact and self._close_together(fact, wanted, slack)
        ]
        distinct = {fact.answer_key for fact in chosen}
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

    def _home_place(self, text: str) -> str | None:
        """The place inside the pair a word names, with its endings ("Алматыдағы": Almaty)."""
        if text in self.index.home_places:
            return text
        for end in range(len(text) - 1, MIN_PREFIX - 1, -1):
            if text[:end] in self.index.home_places and inflects(text, text[:end]):
                return text[:end]
        return None

    @staticmethod
    def _forms(token: Token, analysis: Analysis) -> frozenset[str]:
        """A question word as it may appear in a fact's text: itself, its stems, or the pack
        word it is a typo of."""
        typos = (
            word
            for word, (quality, where) in analysis.hits.items()
            if token.position in where and quality >= FUZZY and len(word) > SHORT_WORD
        )
        # Short stems match unrelated words of a whole text (Turkish doğdu -> doğ, as in Doğu).
        kept = (stem for stem in token.stems if len(stem) > MIN_PREFIX)
        return frozenset({token.text, *kept, *typos})

    def _close_together(self, fact: Fact, wanted: list[frozenset[str]], slack: int) -> bool:
        """Whether one of the fact's answers has all the words within a short stretch."""
        limit = len(wanted) + slack
        for text in self.index.fact_texts(fact.id):
            size = window(text, wanted)
            if size is not None and size <= limit:
                return True
        return False
