"""ISO dates of facts and sources: parse them into `When`, render them per language."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, parse_pattern

from bot.core.models import Fact, Source, When

Point = tuple[int, int | None, int | None]

_POINT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD (two-digit month and day), or START/END"

# English dates read day-month-year ("16 December 1991"), which is CLDR's en_GB variant.
_CLDR_LOCALES = {"en": "en_GB", "tr": "tr", "ru": "ru", "kk": "kk"}

# Phrases CLDR does not have. `{0}` is the date as CLDR writes it.
_AS_OF = {
    "en": "as of {0}",
    "tr": "{0} itibarıyla",
    "ru": "по состоянию на {0}",
    "kk": "{0} жағдай бойынша",
}
_ABOUT = {"en": "about {0}", "tr": "yaklaşık {0}", "ru": "примерно {0}", "kk": "шамамен {0}"}
# Only the English source line names the event; the others show the bare date.
_PUBLISHED = {"en": "published {0}", "tr": "{0}", "ru": "{0}", "kk": "{0}"}
_UNDATED = {"en": "undated", "tr": "tarihsiz", "ru": "без даты", "kk": "күні белгісіз"}

# CLDR separates interval parts with thin and narrow no-break spaces, which terminals and
# some Telegram clients render unevenly, so they become plain spaces; and a range of two
# bare numbers ("22–24 May", "2012–2013") is closed up as English and Turkish write it.
_SPACED_NUMBER_DASH = re.compile(r"(?<=[dy])[\u2009\u202f\xa0 ]*([–—])[\u2009\u202f\xa0 ]*$")
_ODD_SPACES = str.maketrans({"\u2009": " ", "\u202f": " ", "\xa0": " "})
_ABBREVIATED_MONTH = re.compile(r"(?<![ML])(?:MMM|LLL)(?![ML])")


def parse_when(text: str) -> When:
    """Parse `1991-12-16`, `2009-10`, `2012` or an interval `a/b`; ValueError says what is wrong."""
    raw = text.strip()
    parts = raw.split("/")
    if len(parts) > 2:
        raise ValueError(f"'{raw}' is not a valid date: an interval has one '/'")
    start = _parse_point(parts[0], raw)
    if len(parts) == 1:
        return When(start)
    end = _parse_point(parts[1], raw)
    if end == start:
        raise ValueError(f"'{raw}' is not a valid date: start and end are the same")
    if _last_day(end) < _first_day(start):
        raise ValueError(f"'{raw}' is not a valid date: the interval ends before it starts")
    return When(start, end)


def _parse_point(part: str, raw: str) -> Point:
    match = _POINT.fullmatch(part)
    if match is None:
        raise ValueError(f"'{raw}' is not a valid date: {_FORMS}")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if year == 0:
        raise ValueError(f"'{raw}' is not a valid date: there is no year 0")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{raw}' is not a valid date: month {month} is not between 1 and 12")
    if month is not None and day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise ValueError(
                f"'{raw}' is not a valid date: {year:04d}-{month:02d} has days 1 to {days}"
            )
    return (year, month, day)


def _first_day(point: Point) -> date:
    year, month, day = point
    return date(year, month or 1, day or 1)


def _last_day(point: Point) -> date:
    year, month, day = point
    last_month = month or 12
    return date(year, last_month, day or calendar.monthrange(year, last_month)[1])


@dataclass(frozen=True, slots=True)
class _Patterns:
    """CLDR patterns of one language, chosen once."""

    locale: Locale
    day: str
    month: str
    year: str


@cache
def _patterns(language: str) -> _Patterns:
    locale = Locale.parse(_CLDR_LOCALES.get(language, _CLDR_LOCALES["en"]))
    skeletons = locale.datetime_skeletons
    month = str(skeletons["yMMMM"].pattern)
    return _Patterns(
        locale=locale,
        day=str(skeletons["yMMMMd"].pattern),
        month=month,
        # CLDR's bare `y` drops the year marker Russian and Kazakh dates carry ("2013 г.",
        # "2013 ж."), so a lone year is the locale's month-and-year pattern without the month.
        year=_drop_month(month),
    )


def _drop_month(pattern: str) -> str:
    pieces = pattern.split("'")
    for index in range(0, len(pieces), 2):  # even pieces are outside quotes
        pieces[index] = re.sub(r"[ML]+", "", pieces[index])
    return " ".join("'".join(pieces).split()).strip(" ,")


def _widen(pattern: str) -> str:
    """Full month names in an abbreviated-month pattern (TR35: adjust the field widths).

    CLDR has day intervals only for `yMMMd`; TR35 says to use the closest skeleton and
    widen its fields, which babel's format_interval does not do.
    """
    pieces = pattern.split("'")
    for index in range(0, len(pieces), 2):
        pieces[index] = _ABBREVIATED_MONTH.sub(lambda match: match[0] + match[0][0], pieces[index])
    return "'".join(pieces)


def _close_up(head: str, tail: str) -> str:
    """`d – ` before `d MMMM y` becomes `d–`: one number to another needs no spaces."""
    match = _SPACED_NUMBER_DASH.search(head)
    if match and tail[:1] == head[match.start() - 1]:
        return head[: match.start()] + match[1]
    return head


def _format_point(point: Point, patterns: _Patterns) -> str:
    year, month, day = point
    pattern = patterns.year if month is None else patterns.month if day is None else patterns.day
    return str(format_date(date(year, month or 1, day or 1), pattern, locale=patterns.locale))


def _precision(point: Point) -> str:
    return "year" if point[1] is None else "month" if point[2] is None else "day"


def _format_interval(start: Point, end: Point, patterns: _Patterns) -> str:
    locale = patterns.locale
    precision = _precision(start)
    if precision == _precision(end):
        # Day intervals use the abbreviated-month skeleton widened to full month names.
        skeleton = {"day": "yMMMd", "month": "yMMMM", "year": "y"}[precision]
        formats = locale.interval_formats.get(skeleton)
        first, last = _first_day(start), _first_day(end)
        differs = {"y": first.year != last.year, "M": first.month != last.month, "d": True}
        for field in ("y", "M", "d"):
            if formats and field in formats and differs[field]:
                head, tail = (_widen(part) for part in formats[field])
                return str(
                    parse_pattern(_close_up(head, tail)).apply(first, locale)
                    + parse_pattern(tail).apply(last, locale)
                )
    fallback = str(locale.interval_formats.get(None) or "{0} – {1}")
    return fallback.format(_format_point(start, patterns), _format_point(end, patterns))


@lru_cache(maxsize=16384)
def render_when(when: When, language: str) -> str:
    """The date as a reader of `language` writes it (CLDR), e.g. `16 December 1991`."""
    patterns = _patterns(language)
    if when.end is None:
        text = _format_point(when.start, patterns)
    else:
        text = _format_interval(when.start, when.end, patterns)
    return text.translate(_ODD_SPACES)


def _phrase(table: dict[str, str], language: str) -> str:
    return table.get(language, table["en"])


def render_as_of(when: When, language: str) -> str:
    """A state's time, e.g. `as of 2013`, `2013 itibarıyla`, `по состоянию на 2013 г.`."""
    return _phrase(_AS_OF, language).format(render_when(when, language))


def render_published(source: Source, language: str) -> str:
    """When a source was published, marking estimates; empty when unknown."""
    if source.published is None:
        return ""
    text = render_when(source.published, language)
    if source.published_estimate:
        text = _phrase(_ABOUT, language).format(text)
    return _phrase(_PUBLISHED, language).format(text)


def render_undated(language: str) -> str:
    """The word for a fact whose source gives no time at all."""
    return _phrase(_UNDATED, language)


def fact_date_text(fact: Fact, language: str) -> str:
    """The fact's date, else its as_of, else 'undated', in `language`."""
    if fact.date is not None:
        return render_when(fact.date, language)
    if fact.as_of is not None:
        return render_as_of(fact.as_of, language)
    return render_undated(language)
