"""Dates: ISO text <-> When, and rendering per language from CLDR (babel)."""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.dates import (
    fact_date_text,
    parse_when,
    render_as_of,
    render_published,
    render_when,
)
from bot.core.models import LANGUAGES, Fact, Source, When

Point = tuple[int, int | None, int | None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1991-12-16", When((1991, 12, 16))),
        ("2009-10", When((2009, 10, None))),
        ("2012", When((2012, None, None))),
        ("2012-05-22/2012-05-24", When((2012, 5, 22), (2012, 5, 24))),
        ("2012-10-11/2013-10-12", When((2012, 10, 11), (2013, 10, 12))),
        ("2008/2014", When((2008, None, None), (2014, None, None))),
        ("2012-05/2012-05-03", When((2012, 5, None), (2012, 5, 3))),
        (" 2012 ", When((2012, None, None))),
        ("2012-02-29", When((2012, 2, 29))),
    ],
)
def test_parse_when(text: str, expected: When) -> None:
    assert parse_when(text) == expected


FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD (two-digit month and day), or START/END"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2012-13", "month 13 is not between 1 and 12"),
        ("2012-02-30", "2012-02 has days 1 to 29"),
        ("1900-02-29", "1900-02 has days 1 to 28"),
        ("2012-04-31", "2012-04 has days 1 to 30"),
        ("2012-05-00", "2012-05 has days 1 to 31"),
        ("0000", "there is no year 0"),
        ("2013/2012", "the interval ends before it starts"),
        ("2012-05-24/2012-05-22", "the interval ends before it starts"),
        ("2012/2012", "start and end are the same"),
        ("2012/2013/2014", "an interval has one '/'"),
        ("2012-5-1", FORMS),
        ("May 2012", FORMS),
        ("٢٠١٢", FORMS),  # Arabic-Indic digits are digits to Python, not to ISO 8601
        ("", FORMS),
        ("2012-05-22–2012-05-24", FORMS),
    ],
)
def test_parse_when_says_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_when(text)
    assert str(caught.value) == f"'{text}' is not a valid date: {reason}"


@pytest.mark.parametrize(
    ("text", "en", "tr", "ru", "kk"),
    [
        (
            "1991-12-16",
            "16 December 1991",
            "16 Aralık 1991",
            "16 декабря 1991 г.",
            "1991 ж. 16 желтоқсан",
        ),
        ("2009-10", "October 2009", "Ekim 2009", "октябрь 2009 г.", "2009 ж. қазан"),
        ("2012", "2012", "2012", "2012 г.", "2012 ж."),
        # CLDR's Russian ranges use an em dash.
        (
            "2012-05-22/2012-05-24",
            "22–24 May 2012",
            "22–24 Mayıs 2012",
            "22—24 мая 2012 г.",
            "2012 ж. 22–24 мамыр",
        ),
        (
            "2012-10-11/2013-10-12",
            "11 October 2012 – 12 October 2013",
            "11 Ekim 2012 – 12 Ekim 2013",
            "11 октября 2012 г. — 12 октября 2013 г.",
            "2012 ж. 11 қазан – 2013 ж. 12 қазан",
        ),
        (
            "2012-10-11/2012-11-12",
            "11 October – 12 November 2012",
            "11 Ekim – 12 Kasım 2012",
            "11 октября — 12 ноября 2012 г.",
            "2012 ж. 11 қазан – 12 қараша",
        ),
        (
            "2012-10/2012-12",
            "October – December 2012",
            "Ekim – Aralık 2012",
            "октябрь — декабрь 2012 г.",
            "2012 ж. қазан – желтоқсан",
        ),
        ("2008/2014", "2008–2014", "2008–2014", "2008—2014", "2008–2014"),
        (
            "2012/2013-05",
            "2012 – May 2013",
            "2012 – Mayıs 2013",
            "2012 г. — май 2013 г.",
            "2012 ж. - 2013 ж. мамыр",
        ),
    ],
)
def test_render_when(text: str, en: str, tr: str, ru: str, kk: str) -> None:
    when = parse_when(text)
    assert [render_when(when, language) for language in LANGUAGES] == [en, tr, ru, kk]


def test_render_when_uses_plain_spaces() -> None:
    for language in LANGUAGES:
        text = render_when(parse_when("2012-10-11/2013-10-12"), language)
        assert "\u2009" not in text and "\u202f" not in text and "\xa0" not in text


def test_render_when_falls_back_to_english() -> None:
    assert render_when(parse_when("1991-12-16"), "de") == "16 December 1991"


def test_render_as_of() -> None:
    when = parse_when("2013")
    assert [render_as_of(when, language) for language in LANGUAGES] == [
        "as of 2013",
        "2013 itibarıyla",
        "по состоянию на 2013 г.",
        "2013 ж. жағдай бойынша",
    ]
    assert render_as_of(parse_when("2026-01-31"), "en") == "as of 31 January 2026"


def _source(published: str | None, estimate: bool) -> Source:
    when = None if published is None else parse_when(published)
    return Source("s", "Publisher", "Title", "https://example.org", when, estimate, "en")


def test_render_published_marks_estimates() -> None:
    source = _source("2013", estimate=True)
    assert [render_published(source, language) for language in LANGUAGES] == [
        "published about 2013",
        "yaklaşık 2013",
        "примерно 2013 г.",
        "шамамен 2013 ж.",
    ]


def test_render_published_exact_and_unknown() -> None:
    exact = _source("2022-05-10", estimate=False)
    assert render_published(exact, "en") == "published 10 May 2022"
    assert render_published(exact, "tr") == "10 Mayıs 2022"
    assert render_published(_source(None, estimate=True), "en") == ""
    assert (
        render_published(_source("2008/2014", estimate=True), "en") == "published about 2008–2014"
    )


def _fact(date: str | None = None, as_of: str | None = None, undated: bool = False) -> Fact:
    return Fact(
        id="f",
        topic="t",
        answer={"en": "text"},
        sources=("s",),
        date=None if date is None else parse_when(date),
        as_of=None if as_of is None else parse_when(as_of),
        undated=undated,
    )


def test_fact_date_text_prefers_date_then_as_of_then_undated() -> None:
    assert fact_date_text(_fact(date="2009-10-22", as_of="2013"), "en") == "22 October 2009"
    assert fact_date_text(_fact(as_of="2013"), "tr") == "2013 itibarıyla"
    assert [fact_date_text(_fact(undated=True), language) for language in LANGUAGES] == [
        "undated",
        "tarihsiz",
        "без даты",
        "күні белгісіз",
    ]


@st.composite
def points(draw: st.DrawFn) -> Point:
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return (year, None, None)
    day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return (year, month, day)


def _span(point: Point) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    year, month, day = point
    last_month = month or 12
    last_day = day or calendar.monthrange(year, last_month)[1]
    return (year, month or 1, day or 1), (year, last_month, last_day)


@st.composite
def whens(draw: st.DrawFn) -> When:
    start = draw(points())
    if draw(st.booleans()):
        return When(start)
    end = draw(points().filter(lambda end: end != start and _span(end)[1] >= _span(start)[0]))
    return When(start, end)


@given(whens())
def test_iso_round_trip(when: When) -> None:
    assert parse_when(when.iso()) == when


@given(whens(), st.sampled_from([*LANGUAGES, "xx"]))
def test_render_never_raises(when: When, language: str) -> None:
    assert render_when(when, language).strip()
    assert render_as_of(when, language).strip()
    assert str(when.year) in render_when(when, language)


@given(st.text(max_size=30))
def test_parse_when_raises_only_value_error(text: str) -> None:
    try:
        when = parse_when(text)
    except ValueError:
        return
    assert parse_when(when.iso()) == when


def test_a_time_covers_a_month_only_when_it_certainly_includes_it() -> None:
    tenure = When((2021, 3, 2), (2023, 2, 20))
    assert tenure.covers_month(2023, 2) and tenure.covers_month(2022, 7)
    assert not tenure.covers_month(2023, 3) and not tenure.covers_month(2021, 2)
    assert When((2023, 2, None)).covers_month(2023, 2)
    assert not When((2023, None, None)).covers_month(2023, 2)  # a bare year does not say
