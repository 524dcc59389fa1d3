"""Normalisation: folding, tokenising, stems; idempotent and total on any Unicode."""

from hypothesis import example, given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from bot.core.index import FUZZY, PREFIX, Vocabulary
from bot.core.text import (
    MAX_TOKENS,
    clean,
    fold,
    kazakh_latin_to_cyrillic,
    latin_readings,
    lower,
    russian_latin_to_cyrillic,
    script_of,
    stems,
    tokens,
    window,
    word_forms,
    words,
)


def test_turkish_dotted_and_dotless_i_fold_to_plain_i() -> None:
    assert fold("İSTANBUL") == "istanbul"
    assert fold("Kazakistan'ı") == "kazakistan'i"
    assert words("Kazakistan'ı") == ("kazakistani",)
    assert fold("ılık") == "ilik"


def test_diacritics_and_kazakh_letters_fold_to_keyboard_letters() -> None:
    assert fold("Erdoğan") == "erdogan"
    assert fold("Türkiye") == "turkiye"
    assert fold("Қазақстан") == "казакстан"
    assert fold("Түркия") == fold("Туркия")
    assert fold("ёлка") == "елка"


def test_apostrophes_are_joined_and_commands_and_mentions_dropped() -> None:
    assert words("Kazakistan'ın başkenti") == ("kazakistanin", "baskenti")
    assert words("/ask@factbot when was it?") == ("when", "was", "it")
    assert words("@factbot Kazakhstan’s embassy") == ("kazakhstan", "embassy")
    assert words("Gül's visit, what's new") == ("gul", "visit", "what", "new")  # English 's
    assert words("'quoted' words") == ("quoted", "words")


def test_turkish_ordinal_with_dot_is_kept_as_one_word() -> None:
    assert words("2. toplantı") == ("2dot", "toplanti")
    assert words("in 2012.") == ("in", "2012")
    assert words("я видел 6.") == ("я", "видел", "6")  # a number ending a sentence
    # ... also when the next sentence follows, with its capital: "Izvestia says 20. Which?"
    assert words("says 20. Which") == ("says", "20", "which")
    assert words("другом месте — 14. Сколько") == ("другом", "месте", "14", "сколько")


def test_tokens_record_capitals_and_abbreviations() -> None:
    found = tokens("When did Nazarbayev visit the USA")
    by_text = {token.text: token for token in found}
    assert by_text["nazarbayev"].capitalised
    assert not by_text["when"].capitalised
    assert by_text["usa"].upper


def test_stems_use_the_stemmer_of_the_script() -> None:
    assert "visit" in stems("visiting")
    assert stems("партнерства") & stems("партнерство")
    assert fold("ortaklık") in stems("ortaklığı") or "ortak" in stems("ortaklığı")


def test_script_detection() -> None:
    assert script_of("Когда?") == "cyrillic"
    assert script_of("When?") == "latin"
    assert script_of("2012") == "other"


def test_long_messages_are_bounded() -> None:
    assert len(tokens("word " * 100_000)) == MAX_TOKENS
    assert len(clean("x" * 100_000)) <= 500


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text())
def test_lower_is_idempotent(text: str) -> None:
    once = lower(text)
    assert lower(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("İıĞğŞşҚқӘәЁё'’@/")))
def test_tokens_never_raise_and_are_folded(text: str) -> None:
    for token in tokens(text):
        assert token.text
        assert fold(token.text) == token.text


def test_a_typo_is_found_even_when_a_shorter_word_is_its_prefix() -> None:
    vocabulary = Vocabulary([("part",), ("partnership",), ("trade",)])
    (typo,) = tokens("partnrship")
    assert vocabulary.match(typo) == {"part": PREFIX, "partnership": FUZZY}
    (whole,) = tokens("partnership")
    assert "trade" not in vocabulary.match(whole)


def test_a_typo_stands_for_the_words_its_word_starts_with_too() -> None:
    # A keyword written as the start of a word ("recogni") matches the word with a typo as
    # it matches the word written right.
    vocabulary = Vocabulary([("recogni",), ("recognition",)])
    (typo,) = tokens("recogntion")
    assert vocabulary.match(typo) == {"recognition": FUZZY, "recogni": FUZZY}


def test_window_is_the_shortest_stretch_with_every_word() -> None:
    text = word_forms("Tleuberdi paid an official visit to Ankara, then Tleuberdi met Erdoğan")
    wanted = [frozenset({"tleuberdi"}), frozenset({"visit"})]
    assert window(text, wanted) == 5
    # the nearest pair counts, wherever it is
    assert window(text, [frozenset({"tleuberdi"}), frozenset({"erdogan"})]) == 3
    assert window(text, [frozenset({"official"}), frozenset({"erdogan"})]) == 8
    assert window(text, [frozenset({"tleuberdi"}), frozenset({"moscow"})]) is None
    assert window(text, []) is None


def test_tokens_know_their_clause() -> None:
    clauses = [
        (t.text, t.clause) for t in tokens("retired teacher here. trade 4.5 bn: Turkey-Kazakhstan")
    ]
    assert clauses == [
        ("retired", 0), ("teacher", 0), ("here", 0), ("trade", 1), ("4", 1), ("5", 1),
        ("bn", 1), ("turkey", 2), ("kazakhstan", 2),
    ]  # fmt: skip
    assert {t.clause for t in tokens("bored, random q - when?")} == {0, 1, 2}
    assert {t.clause for t in tokens("Azerbaijan–Turkey trade — 2023?")} == {0, 1}


def test_a_figure_typed_with_its_unit_is_two_words() -> None:
    assert [t.text for t in tokens("4.1bn or $85M, 10млрд")] == [
        "4", "1", "bn", "or", "85", "m", "10", "млрд",
    ]  # fmt: skip
    # Ordinals, decades and case endings stay whole.
    assert [t.text for t in tokens("12th 1990s 2022de")] == ["12th", "1990s", "2022de"]


def test_tokens_know_whether_their_clause_asks() -> None:
    asking = [(t.text, t.asking) for t in tokens("I found two lists. Which is right? Thanks")]
    assert asking == [
        ("i", False), ("found", False), ("two", False), ("lists", False),
        ("which", True), ("is", True), ("right", True), ("thanks", False),
    ]  # fmt: skip
    # The sentence that asks, past its commas: "which is right" and "thanks" are in one.
    sentence = [(t.text, t.in_question) for t in tokens("I found lists. Which, then? Thanks")]
    assert sentence == [
        ("i", False), ("found", False), ("lists", False), ("which", True), ("then", True),
        ("thanks", False),
    ]  # fmt: skip
    # One clause asks alone: nothing to tell apart.
    assert not any(t.asking for t in tokens("when was it signed?"))
    assert not any(t.asking for t in tokens("retired teacher. when was it signed"))


def test_kazakh_typed_in_latin_letters_has_a_cyrillic_reading() -> None:
    readings = dict(latin_readings("Qazaqstan men Türkiia arasyndağy sauda qansha?"))
    assert [t.text for t in tokens(readings["kk"])] == [
        "казакстан", "мен", "туркия", "арасындагы", "сауда", "канша",
    ]  # fmt: skip
    assert kazakh_latin_to_cyrillic("qai qalada boiynsha") == "қай қалада бойынша"
    # English and Turkish have none (q before u is English: "quick question")
    assert latin_readings("quick question: trade 2020") == ()
    assert latin_readings("Kazakistan ile ticaret ne kadar") == ()


@given(st.text())
def test_latin_kazakh_transliteration_keeps_what_it_does_not_spell(text: str) -> None:
    out = kazakh_latin_to_cyrillic(text)
    assert len(out) <= len(text)
    assert [ch for ch in out if ch.isdigit()] == [ch for ch in text if ch.isdigit()]


def test_russian_typed_in_latin_letters_has_a_cyrillic_reading() -> None:
    readings = dict(latin_readings("kogda turciya priznala kazahstan"))
    assert [t.text for t in tokens(readings["ru"])] == ["когда", "турция", "признала", "казахстан"]
    assert russian_latin_to_cyrillic("kakoy pervyy vizit") == "какой первый визит"


def test_a_number_keeps_a_short_ending_and_a_kazakh_numbered_noun_is_an_ordinal() -> None:
    def texts(question: str) -> list[str]:
        return [t.text for t in tokens(question)]

    assert texts("12-е заседание, 12-ші отырыс, 2022-ci") == [
        "12е", "заседание", "12ши", "отырыс", "2022ci",
    ]  # fmt: skip
    # "12-отырысында" (at the 12th session): the number is an ordinal, its noun a word.
    assert texts("12-отырысында") == ["12dot", "отырысында"]
    # A year with a long word, or a Latin compound, keeps its number plain.
    assert texts("2022-жылы 5-year plan") == ["2022", "жылы", "5", "year", "plan"]


@given(
    st.lists(st.text(alphabet="abcdeqz", min_size=6, max_size=6), min_size=1, max_size=40),
    st.text(alphabet="abcdeqz", min_size=5, max_size=8),
    st.sampled_from([1, 2]),
)
@example(["kazakh"], "qkazakh", 1)  # every part stands one place further on
@example(["abcdef"], "xyabcdef", 2)
def test_the_typo_filter_keeps_every_word_within_reach(
    bucket: list[str], text: str, limit: int
) -> None:
    # Comparing only the words the filter keeps is the same as comparing them all.
    words = tuple(dict.fromkeys(bucket))
    vocabulary = Vocabulary([(word,) for word in words])
    kept = vocabulary._within_reach(text, 6, words, limit)
    assert {word for word in words if Levenshtein.distance(text, word) <= limit} <= set(kept)
    assert list(kept) == [word for word in words if word in kept]  # in the bucket's order
