"""One rule's verdict on a question: the facts it would answer with, its score and why."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.index import Rule
from bot.core.models import Fact


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
    own_boosts: int = 0
    """Boost words matched by the question's own content words (a follow-up's own evidence)."""
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
