"""Where a rule's words stand in a question: phrases by their first word, close together."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from bot.core.index import Phrase

K = TypeVar("K")


def keyed_present(
    by_word: Mapping[str, tuple[tuple[K, Phrase], ...]], hits: Mapping[str, object]
) -> list[tuple[K, Phrase]]:
    """(key, phrase) entries whose phrase's first word the question has."""
    return [entry for word in by_word.keys() & hits.keys() for entry in by_word[word]]


def present(by_word: Mapping[str, tuple[Phrase, ...]], hits: Mapping[str, object]) -> list[Phrase]:
    """The phrases whose first word the question has (the common words found in C)."""
    return [phrase for word in by_word.keys() & hits.keys() for phrase in by_word[word]]


def phrase_hit(
    phrase: Phrase, hits: Mapping[str, tuple[float, frozenset[int]]], *, exact: bool
) -> tuple[float, frozenset[int]] | None:
    if len(phrase) == 1:  # most phrases: the hit itself
        hit = hits.get(phrase[0])
        return None if hit is None or (exact and hit[0] < 1.0) else hit
    quality = 1.0
    positions: set[int] = set()
    places = []
    for word in phrase:
        hit = hits.get(word)
        if hit is None or (exact and hit[0] < 1.0):
            return None
        quality = min(quality, hit[0])
        positions |= hit[1]
        places.append(hit[1])
    if span(places) > len(phrase) + PHRASE_SLACK:
        return None  # the words are there, but not together ("я из ... Турцию": not "я из Турции")
    return quality, frozenset(positions)


PHRASE_SLACK = 3
"""Other words allowed among a phrase's words ("strategic and cooperation council")."""


def span(places: list[frozenset[int]]) -> int:
    """The fewest consecutive positions holding one place of each word."""
    hits = sorted((position, n) for n, where in enumerate(places) for position in where)
    counts, have, best, start = [0] * len(places), 0, len(hits) + 10**6, 0
    for position, n in hits:
        counts[n] += 1
        have += counts[n] == 1
        while have == len(places):
            first, m = hits[start]
            best = min(best, position - first + 1)
            counts[m] -= 1
            have -= counts[m] == 0
            start += 1
    return best
