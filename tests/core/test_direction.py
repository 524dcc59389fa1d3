"""Which way a one-way question goes (from which side to which), on the shipped pack's sides."""

from __future__ import annotations

import pytest

from bot.config import default_pack_dirs
from bot.core.loader import load_pack
from bot.core.matcher import Matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_pack(*default_pack_dirs()))


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        # the first side named goes first when nothing marks either
        ("Kazakh investment in Turkey", ("kz", "tr")),
        ("Turkish companies Kazakhstan", ("tr", "kz")),
        ("Türkiye'nin Kazakistan büyükelçisi kim?", ("tr", "kz")),
        # a place marked as where something goes or is, whichever comes first
        ("In Turkey, how many Kazakh consulates are there?", ("kz", "tr")),
        ("2024 жылы Түркияға қанша қазақстандық барды?", ("kz", "tr")),
        ("Kazakistan'daki Türkiye yatırımları", ("tr", "kz")),
        ("в Турции консульства Казахстана", ("kz", "tr")),
        # and an origin
        ("Kazakistan'dan Türkiye'ye kaç turist geldi?", ("kz", "tr")),
        ("Türkiye'ye Kazakistan'dan kaç turist geldi?", ("kz", "tr")),
        ("from Kazakhstan, how many tourists visit Turkey", ("kz", "tr")),
        # "for" people: they travel; "for" a country: it is where they go
        ("When did Turkey extend visa-free stays for Kazakhs to 90 days?", ("kz", "tr")),
        ("do Kazakh citizens need a visa for Turkey", ("kz", "tr")),
        ("Kazakhstan's visa rules for Turkish citizens", ("tr", "kz")),
        # a side named by its people: they are the ones who go
        ("when did turkey let kazakhs stay 90 days", ("kz", "tr")),
        ("Туркам нужна виза в Казахстан?", ("tr", "kz")),
        ("When did Kazakhstan let Turkish citizens stay 90 days?", ("tr", "kz")),
        # ... and in Russian after them, in the genitive ("для граждан Турции")
        ("безвиз казахстан для граждан турции 90 дней", ("tr", "kz")),
        ("Когда Турция продлила безвиз для граждан Казахстана до 90 дней?", ("kz", "tr")),
        # (Kazakh puts them after: "Түрік азаматтары" are Turkish citizens, in Kazakhstan)
        ("Түрік азаматтары Қазақстанда визасыз қанша күн бола алады", ("tr", "kz")),
        # a city names its side where it is marked as the place something is or goes to
        ("who is turkey's consul general in aktau", ("tr", "kz")),
        ("Antalya'daki Kazakistan konsolosluğu", ("kz", "tr")),
        ("Есть ли генконсульство Турции в Актау?", ("tr", "kz")),
        # one side named as where something is, or by the people who go: the other is the
        # origin, or the destination
        ("how much was invested in Turkey", ("kz", "tr")),
        ("Түркия азаматтарына визасыз неше күн", ("tr", "kz")),
        ("Kazakh citizens visa-free days", ("kz", "tr")),
        # a side next to a word for a city is where something is
        ("which turkish city is the kazakh embassy in", ("kz", "tr")),
        ("В каких городах Турции есть генконсульства Казахстана?", ("kz", "tr")),
        # ... but a bare name after it is not ("in which Kazakh cities Türkiye has ...")
        ("Tell me in which Kazakh cities Türkiye has consulates general.", ("tr", "kz")),
        ("in which turkish cities kazakhstan has consulates", ("kz", "tr")),
        # the genitive marks an owner at either end, so it decides nothing
        ("Türkiye'nin Kazakistan büyükelçisi", ("tr", "kz")),
        # a side's own name is not an ending: Kazakhstan is not "kazakhs" + "tan"
        ("is turkiye among kazakhstan's top investors", ("tr", "kz")),
        # the sentence that asks, when it names both sides, over what the asker says before
        (
            "I have a shop in southern Turkey and sometimes need Kazakh consular help. "
            "In which Turkish cities does Kazakhstan have consulates general?",
            ("kz", "tr"),
        ),
    ],
)
def test_direction(matcher: Matcher, question: str, direction: tuple[str, str]) -> None:
    assert matcher.analyse(question).direction == direction


@pytest.mark.parametrize(
    "question",
    [
        "Turkish embassy",  # one side only
        "Astana Turkish embassy",  # a city named bare marks no side
        "latest presidential visit between turkey and kazakhstan",  # a pair: both ways
        "Türkiye ile Kazakistan arasındaki ticaret",
        "товарооборот между Турцией и Казахстаном",
        "Turkey-Kazakhstan trade",
        "Türkiye Kazakistan'ın en büyük yatırımcıları arasında mı?",  # the genitive decides nothing
        # a genitive owns what follows it, not the city word before it ("Turkey's consulate
        # in our city": one side named, by its consulate, says no direction)
        "Біздің қалада Түркияның бас консулдығы бар ма?",
    ],
)
def test_no_direction(matcher: Matcher, question: str) -> None:
    assert matcher.analyse(question).direction is None
