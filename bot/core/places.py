"""Where a question's places stand: foreign ones (the scope guard), a rival offered as the
first, a partner joined to one of the pair, and whose press a claim was read in."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core.gazetteer import inflects
from bot.core.index import MIN_PREFIX, PackIndex
from bot.core.text import Token, fold

_ALTERNATIVES = frozenset(
    map(fold, ("or", "not", "yoksa", "veya", "değil", "или", "не", "а", "әлде", "немесе", "емес"))
)
_PARTICLE_STARTS = tuple(map(fold, ("mi", "mı", "mu", "mü", "ма", "ме", "ба", "бе", "па", "пе")))
RIVAL_DISTANCE = 4
"""How close a foreign country and one of the pair stand to be offered as alternatives."""


_JOINS = frozenset(map(fold, ("and", "ve", "и", "мен", "бен", "пен", "with", "ile", "с")))
"""Words that join two countries into the pair a question is about ("Kazakhstan and China")."""


def partners(
    found: tuple[Token, ...], foreign: Mapping[int, str], pair: set[int]
) -> frozenset[int]:
    """Foreign countries joined to one of the pair ("Казахстан и Китай: какой товарооборот?",
    "Türkiye ile İran"): the pair asked about is another, wherever the words stand."""
    joined = set()
    for place in foreign:
        for side in pair:
            low, high = sorted((place, side))
            between = [token.text for token in found[low + 1 : high]]
            if found[low].clause != found[high].clause:
                continue  # "I live in Germany. Kazakhstan's embassy ...": two sentences
            if high - low == 1 or (len(between) == 1 and between[0] in _JOINS):
                joined.add(place)
    return frozenset(joined)


def rivals(found: tuple[Token, ...], foreign: Mapping[int, str], pair: set[int]) -> frozenset[int]:
    """Foreign countries offered as the alternative to one of the pair ("Turkey or Russia",
    "Türkiye değil Rusya", "Rusya mıydı, Türkiye mi", "Россия. Или всё-таки Турция?",
    "Түркия ма, әлде Ресей ме"): a rival answer to check, not the topic."""

    def asked(position: int) -> bool:
        after = found[position + 1].text if position + 1 < len(found) else ""
        return after.startswith(_PARTICLE_STARTS) and len(after) <= 5

    rivals = set()
    for place in foreign:
        for side in pair:
            low, high = sorted((place, side))
            if high - low > RIVAL_DISTANCE:
                continue
            between = {token.text for token in found[low + 1 : high]}
            if between & _ALTERNATIVES or (asked(place) and asked(side)):
                rivals.add(place)
    return frozenset(rivals)


_SOURCE_NOUNS = tuple(
    map(
        fold,
        (
            *("paper", "newspaper", "agency", "website", "media", "press", "source", "outlet"),
            *("channel", "radio", "journalist", "gazete", "ajans", "kaynak", "газет", "агентств"),
            *("источник", "издани", "агенттік", "дереккөз", "басылым"),
        ),
    )
)
"""Words for where a claim was read ("a Russian paper quoted Erdoğan", "a Chinese agency"),
matched with their endings; the country before them only says whose source it is."""
_SOURCE_WORDS = frozenset(map(fold, ("tv", "site", "сми", "сайт", "сайтта", "сайте")))
"""Short ones, matched whole ("on TV", "СМИ")."""


def _is_source(text: str) -> bool:
    return text in _SOURCE_WORDS or text.startswith(_SOURCE_NOUNS)


def sources(found: tuple[Token, ...], topical: set[int]) -> frozenset[int]:
    """Where a claim was read and the word before it ("Arab media wrote", "в арабских СМИ"):
    no fact is about the press, so these are the asker's context; the word before only when
    no rule needs it ("туристік агенттікте": a travel agency)."""
    found_at = {token.position for token in found if _is_source(token.text)}
    before = {position - 1 for position in found_at if position - 1 >= 0}
    return frozenset(found_at | (before - topical))


def foreign(index: PackIndex, found: tuple[Token, ...], general: set[int]) -> dict[int, str]:
    places = _places(index, found, general)
    # "A Russian paper quoted Erdoğan saying 20": the source's country, not the topic.
    return {
        position: place
        for position, place in places.items()
        if position + 1 >= len(found) or not _is_source(found[position + 1].text)
    }


def _places(index: PackIndex, found: tuple[Token, ...], general: set[int]) -> dict[int, str]:
    places: dict[int, str] = {}
    texts = [token.text for token in found]
    # ISO codes count only when written in capitals inside ordinary text (USA, US; not SHOUTING).
    shouting = all(token.upper for token in found if token.text.isalpha())
    # Where the asker writes names with capitals, a city written small is an ordinary word
    # ("I keep reading the news" is not about Reading).
    cased = any(token.capitalised for token in found)
    for token in found:
        if token.position in general:
            continue
        if token.upper and not shouting and token.text in index.codes:
            places[token.position] = token.text
        # Inflected names: Germany's, Германияға, Gürcistan'ı (suffix already cut), Грузию.
        forms = {token.text, *token.stems}
        forms.update(token.text[:end] for end in range(MIN_PREFIX + 1, len(token.text)))
        for form in forms & index.foreign_first:
            if not inflects(token.text, form):
                continue
            for place in index.foreign_by_first[form]:
                if cased and not token.capitalised and token.position and place in index.cities:
                    continue
                if len(place) == 1:
                    places[token.position] = place[0]
                    continue
                end = token.position + len(place)
                if tuple(texts[token.position + 1 : end]) == place[1:]:
                    places[token.position] = " ".join(place)
    return places
