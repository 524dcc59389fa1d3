"""Which of our languages a question is written in."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from bot.core.models import LANGUAGES
from bot.core.text import Token, fold, lower, script_of

_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
_TURKISH_LETTERS = frozenset("çğış")
_LETTER_WEIGHT = 3.0
_WORD = re.compile(r"\w+")


def detect(
    question: str,
    found: tuple[Token, ...],
    language_words: Mapping[str, Mapping[str, float]],
    hint: str | None = None,
    names: frozenset[str] = frozenset(),
) -> str:
    """The question's language: script and letters first, then vocabulary, then the hint."""
    fallback = hint if hint in LANGUAGES else "en"
    script = script_of(question)
    if script == "other":
        return fallback
    candidates = ("ru", "kk") if script == "cyrillic" else ("en", "tr")
    votes: defaultdict[str, float] = defaultdict(float)
    # Names keep their own letters in every language (Erdoğan, Тоқаев): they tell nothing.
    letters = {
        letter
        for word in _WORD.findall(question)
        if fold(word) not in names
        for letter in lower(word)
    }
    if letters & _KAZAKH_LETTERS:
        votes["kk"] += _LETTER_WEIGHT
    if letters & _TURKISH_LETTERS:
        votes["tr"] += _LETTER_WEIGHT
    for token in found:
        shares = language_words.get(token.text)
        if shares:
            for language in candidates:
                votes[language] += shares.get(language, 0.0)
    best = max(candidates, key=lambda language: (votes[language], language == fallback))
    if votes[best] == 0.0:
        return fallback if fallback in candidates else candidates[0]
    return best
