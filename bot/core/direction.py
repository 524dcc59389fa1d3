"""Which way a one-way question goes: from which side of the relationship to which."""

from __future__ import annotations

from collections.abc import Mapping

from bot.core.index import MIN_PREFIX, PREFIX, PackIndex, Phrase
from bot.core.phrases import keyed_present, phrase_hit
from bot.core.text import Token

_TOWARDS_BEFORE = frozenset({"in", "into", "to", "inside", "within", "в", "во"})
"""A side after these is where something goes or is: "embassies in Turkey", "в Турции"."""
_FROM_BEFORE = frozenset({"from", "из"})
_PEOPLE = frozenset(
    {"kazakhs", "turks", "kazakhstanis", "citizens", "nationals", "people", "travellers"}
    | {"travelers", "tourists", "visitors", "students", "passport", "holders"}
)
"""After "for", the people a rule is for: they are the side that travels or studies."""
_PEOPLE_STEMS = ("citizen", "vatandas", "граждан", "азамат", "turist", "турист")
"""... and the start of the word for them in every language (Türkiye vatandaşları, граждане
Турции, Түркия азаматтарына): after a side, they are its people."""


_RUSSIAN_PEOPLE = ("граждан", "жител", "туристов", "туристам")
"""Russian words for a country's people, which come before it ("граждан Турции"); Kazakh puts
them after ("Түркия азаматтары"), so "Түрік азаматтары Қазақстанда" is not Kazakhstan's."""


def _people(word: str) -> bool:
    return word in _PEOPLE or word.startswith(_PEOPLE_STEMS)


_TRAVELLERS = frozenset(
    {"kazakhs", "turks", "kazakhstanis", "kazaklar", "turkler", "казахи", "казахов", "казахам"}
    | {"казахстанцы", "казахстанцев", "казахстанцам", "турки", "турков", "туркам"}
    | {"казактар", "казактарга", "казакстандыктар", "казакстандыктарга", "туриктер"}
)
"""A side named by its people (folded): they are the ones who travel, the "from" side."""
_PLACES = frozenset(
    {"city", "cities", "town", "towns", "sehir", "sehri", "sehirde", "sehirlerinde", "kent"}
    | {"город", "города", "городе", "городах", "городов", "кала", "каласы", "калада", "калаларда"}
)
"""A side next to one of these is where something is: "which Turkish city", "городах Турции"."""
_PAIRING = frozenset({"and", "ve", "ile", "и", "мен", "пен", "бен", "жане"})
"""Words that join the two sides as a pair, which names no direction."""
_TOWARDS_ENDINGS = (
    # Turkish dative, locative and -ki forms (Türkiye'ye, Türkiye'de, Kazakistan'daki) ...
    *("a", "e", "ya", "ye", "na", "ne", "da", "de", "ta", "te", "nda", "nde"),
    *("daki", "deki", "taki", "teki", "ndaki", "ndeki"),
    # ... and Kazakh ones, folded (Түркияға, Қазақстанда, Қазақстандағы)
    *("га", "ге", "ка", "ке", "на", "не", "да", "де", "та", "те", "нда", "нде"),
    *("дагы", "деги", "тагы", "теги", "ндагы", "ндеги"),
)
_GENITIVE_ENDINGS = frozenset({"in", "nin", "un", "nun", "нын", "нин", "дын", "дин", "тын", "тин"})
"""Turkish and Kazakh genitive endings, folded (Türkiye'nin, Kazakistan'ın, Түркияның)."""
_FROM_ENDINGS = (
    # ablative (Kazakistan'dan, Қазақстаннан), folded. Not the genitive: the owner may be
    # either end ("Türkiye'nin Kazakistan büyükelçisi", "Kazakistan'ın en büyük yatırımcıları").
    *("dan", "den", "tan", "ten", "ndan", "nden"),
    *("дан", "ден", "тан", "тен", "нан", "нен"),
)


def question_direction(
    index: PackIndex, found: tuple[Token, ...], hits: Mapping[str, tuple[float, frozenset[int]]]
) -> tuple[tuple[str, str] | None, bool]:
    """(from, to), or None, and whether one side named alone only implies it (see _one_side).

    With both sides named, a side marked as the place something goes to or is in ("in
    Turkey", "Türkiye'ye", "Түркияға", "в Турции") is the `to`; one marked as the origin
    ("from", "Kazakistan'dan") the `from`; otherwise the first named is the `from` ("Kazakh
    investment in Turkey", "Türkiye'nin Kazakistan büyükelçisi")."""
    first: dict[str, int] = {}
    for side, phrase in keyed_present(index.sides_by_word, hits):
        hit = phrase_hit(phrase, hits, exact=False)
        if hit is not None and hit[1] and (hit[0] > PREFIX or min(map(len, phrase)) > MIN_PREFIX):
            first[side] = min(first.get(side, 10**6), min(hit[1]))
    # A city names its side only as where something is or goes: "the Turkish consulate in
    # Aktau", "Aktau'daki", "в Актау" (a city named bare is often just where a thing happened).
    places: dict[str, int] = {}
    for side, phrase in keyed_present(index.side_places_by_word, hits):
        hit = phrase_hit(phrase, hits, exact=False)
        if side in first or hit is None or not hit[1] or hit[0] <= PREFIX:
            continue
        position = min(hit[1])
        if _case(found, position, index.side_places[side]) == "to":
            places[side] = min(places.get(side, 10**6), position)
    first.update(places)
    if len(first) == 1 and len(index.sides) == 2:
        return _one_side(found, index, first, places), True
    if len(first) != 2 or len(set(first.values())) != 2:
        return None, False
    ordered = sorted(first, key=first.__getitem__)
    marks = {
        side: "to" if side in places else _case(found, first[side], index.sides[side])
        for side in ordered
    }
    low, high = sorted(first.values())
    between = {token.text for token in found if low < token.position < high}
    joined = bool(between) and between <= _PAIRING  # "Turkey and Kazakhstan", "X ile Y"
    bare = not between and not _ending(found, low, index.sides[ordered[0]])  # "Turkey-Kazakhstan"
    if not any(marks.values()) and (joined or bare):
        return None, False  # a pair: both ways
    for mark, goes_first in (("to", False), ("from", True)):
        marked = [side for side in ordered if marks[side] == mark]
        if len(marked) == 1:
            other = next(side for side in ordered if side != marked[0])
            return ((marked[0], other) if goes_first else (other, marked[0])), False
    return (ordered[0], ordered[1]), False


def _one_side(
    found: tuple[Token, ...], index: PackIndex, first: dict[str, int], places: dict[str, int]
) -> tuple[str, str] | None:
    """With two sides, one named as where something goes or is ("in Turkey", "в Актау") has
    the other as its origin, and one named by the people who go ("Türkiye azamattarına",
    "Kazakh citizens") the other as their destination; one named bare says nothing."""
    ((side, position),) = first.items()
    other = next(name for name in index.sides if name != side)
    mark = "to" if side in places else _case(found, position, index.sides[side])
    if mark == "to":
        return other, side
    if mark == "from":
        return side, other
    return None


def _ending(found: tuple[Token, ...], position: int, names: frozenset[Phrase]) -> str:
    """What follows the longest of a side's `names` in the word at `position` ("dan" in
    "kazakistandan"); empty for the bare name or another word."""
    token = next((t for t in found if t.position == position), None)
    if token is None:
        return ""
    stems = [name[0] for name in names if len(name) == 1 and token.text.startswith(name[0])]
    return token.text[len(max(stems, key=len)) :] if stems else ""


def _case(found: tuple[Token, ...], position: int, names: frozenset[Phrase]) -> str | None:
    """ "to", "from" or None: how the side named at `position` is marked, by the word before
    it or by what follows the longest of its `names` in the word ("kazakistan" + "dan")."""
    token = next((t for t in found if t.position == position), None)
    if token is None:
        return None
    before = next((t.text for t in found if t.position == position - 1), "")
    after = next((t.text for t in found if t.position == position + 1), "")
    if before == "for":  # a visa for Kazakhs (who travel) / for Turkey (where they go)
        return "from" if token.text in _PEOPLE or after in _PEOPLE else "to"
    # "let Kazakhs stay", "Turkish citizens need a visa", "для граждан Турции" (the Russian
    # genitive after its people): the people who go
    of_people = _people(after) or before.startswith(_RUSSIAN_PEOPLE)
    if (token.text in _TRAVELLERS or of_people) and before not in _TOWARDS_BEFORE:
        return "from"
    ending = _ending(found, position, names)
    # A genitive belongs to what follows: "Türkiye'nin hangi şehirlerinde" (in which of
    # Turkey's cities), but "біздің қалада Түркияның консулдығы" (Turkey's consulate in our city).
    if ending in _GENITIVE_ENDINGS:
        places = {t.text for t in found if 0 < t.position - position <= 2}
    elif token.text.isascii() and not ending:
        # A bare name after a place word is no place of it: "in which Kazakh cities Turkey
        # has consulates" (but "городах Турции", "Kazakh cities").
        places = {after}
    else:
        places = {before, after}
    if before in _TOWARDS_BEFORE or not _PLACES.isdisjoint(places):
        return "to"
    if before in _FROM_BEFORE:
        return "from"
    if ending in _TOWARDS_ENDINGS:
        return "to"
    if ending in _FROM_ENDINGS:
        return "from"
    return None
