"""The compiled form of a knowledge base's word lists: what each question word can mean."""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import TypeVar

from babel import Locale
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.core.bulk import bulk_allocation
from bot.core.gazetteer import country_codes, foreign_cities, foreign_countries, home_words
from bot.core.models import LANGUAGES, Intent, KnowledgeBase
from bot.core.text import Token, fold, script_of, stems, terms, word_forms, words

Phrase = tuple[str, ...]
_Key = TypeVar("_Key")

EXACT, STEM, PREFIX, FUZZY = 1.0, 0.95, 0.9, 0.8
"""How much a question word that matches a keyword this way is worth."""
MIN_PREFIX = 4
SHORT_WORD = 2
"""Words this long or shorter (in, of, 6) decide nothing on their own."""
MIN_FUZZY = 5
ANY_FIRST_LETTER = 8
"""Words this long may have a typo in their first letter too; shorter ones keep it."""
TWO_TYPOS = 9
"""Words this long may have two typos; shorter ones one."""
MAX_STEM_SUFFIX = 2
LANGUAGE_SAMPLE = 1000
MAX_SAMPLE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Rule:
    """An intent with its keyword lists expanded into folded phrases."""

    intent: Intent
    groups: tuple[frozenset[Phrase], ...]
    boost: frozenset[Phrase]
    exclude: frozenset[Phrase]

    groups_by_word: tuple[Mapping[str, tuple[Phrase, ...]], ...] = ()
    boost_by_word: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    exclude_by_word: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    """The boost and exclude phrases by their first word, so a question visits only its own."""
    group_words: tuple[frozenset[str], ...] = ()
    """Every word of each keyword group (what a follow-up borrows from this rule)."""


def by_first_word(phrases: Iterable[Phrase]) -> Mapping[str, tuple[Phrase, ...]]:
    """Phrases grouped by their first word."""
    found: defaultdict[str, list[Phrase]] = defaultdict(list)
    for phrase in phrases:
        found[phrase[0]].append(phrase)
    return {word: tuple(group) for word, group in found.items()}


def compile_rule(intent: Intent, aliases: Mapping[str, frozenset[Phrase]]) -> Rule:
    """An intent's keyword lists as folded phrases, indexed for scoring."""
    boost = phrases_of(intent.boost, aliases)
    exclude = phrases_of(intent.exclude, aliases)
    groups = tuple(phrases_of(group, aliases) for group in intent.keywords)
    return Rule(
        intent=intent,
        groups=groups,
        groups_by_word=tuple(by_first_word(group) for group in groups),
        boost=boost,
        exclude=exclude,
        boost_by_word=by_first_word(boost),
        exclude_by_word=by_first_word(exclude),
        group_words=tuple(
            frozenset(word for phrase in group for word in phrase) for group in groups
        ),
    )


class Vocabulary:
    """Every word the pack's rules use, with exact, stem, prefix and typo-tolerant lookup."""

    def __init__(
        self,
        phrases: Iterable[Phrase],
        literal: frozenset[str] = frozenset(),
        exact: frozenset[str] = frozenset(),
    ) -> None:
        self.words: frozenset[str] = frozenset(word for phrase in phrases for word in phrase)
        by_stem: defaultdict[str, set[str]] = defaultdict(set)
        by_length: defaultdict[int, list[str]] = defaultdict(list)
        by_start: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
        for word in self.words:
            by_start[len(word), word[:1]].append(word)
            for stem in stems(word):
                # An inflected keyword (türkiye'deki, Türkiye'de) means that form, not its root.
                if word not in literal and len(word) - len(stem) <= MAX_STEM_SUFFIX:
                    by_stem[stem].add(word)
            by_length[len(word)].append(word)
        self._by_stem = {stem: frozenset(found) for stem, found in by_stem.items()}
        self._by_length = {length: tuple(found) for length, found in by_length.items()}
        self._by_start = {key: tuple(found) for key, found in by_start.items()}
        self._exact = exact
        self._caches()

    def _caches(self) -> None:
        self.lookup = lru_cache(maxsize=65536)(self._lookup)
        self._parts: dict[tuple[int | tuple[int, str], int], Mapping[tuple[int, str], list[int]]]
        self._parts = {}  # each bucket's words by their parts, made when first needed

    def __getstate__(self) -> dict[str, object]:
        state = dict(vars(self))
        del state["lookup"], state["_parts"]  # caches of this process
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self._caches()

    def _lookup(self, text: str, token_stems: frozenset[str]) -> Mapping[str, float]:
        found: dict[str, float] = {}
        if text in self.words:
            found[text] = EXACT
        for stem in token_stems:
            # Short stems of different languages collide (Turkish "ön" from both önem and one).
            if len(stem) < MIN_PREFIX:
                continue
            for word in self._by_stem.get(stem, ()):
                found.setdefault(word, STEM)
        whole = text in found
        for end in range(MIN_PREFIX, len(text)):
            prefix = text[:end]
            if prefix in self.words and prefix not in self._exact:
                found.setdefault(prefix, PREFIX)
        # A typo can leave a shorter word as a prefix ("partnrship" starts with "part") or
        # stem to another word ("planing": plane): only a word matched whole rules typos out.
        # A number has no typos: "11." (11th) is not "10.", 2015 is not 2016.
        if not whole and len(text) >= MIN_FUZZY and not any(ch.isdigit() for ch in text):
            self._fuzzy(text, found)
        return found

    def _fuzzy(self, text: str, found: dict[str, float]) -> None:
        limit = 1 if len(text) < TWO_TYPOS else 2
        typos: set[str] = set()
        # A short word's typo keeps its first letter: only those words are compared.
        anywhere = len(text) >= ANY_FIRST_LETTER
        for length in range(len(text) - limit, len(text) + limit + 1):
            key: int | tuple[int, str] = length if anywhere else (length, text[0])
            bucket = (
                self._by_length.get(length) if anywhere else self._by_start.get((length, text[0]))
            )
            choices = self._within_reach(text, key, bucket, limit) if bucket else ()
            if choices:
                typos.update(
                    word
                    for word, _, _ in process.extract(
                        text, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=3
                    )
                )
        # An inflected word with a typo in its stem: "kazakstanin" for "kazakistan".
        if not typos:
            for length in range(MIN_FUZZY + 2, len(text)):
                starting = self._by_start.get((length, text[0]))
                if starting:
                    typos.update(
                        word
                        for word, _, _ in process.extract(
                            text[:length],
                            starting,
                            scorer=Levenshtein.distance,
                            score_cutoff=1,
                            limit=None,
                        )
                    )
        for word in typos:
            found.setdefault(word, FUZZY)
            # ... and the words it starts with, as the word written right would
            # ("recogntion" is "recognition", which starts with the keyword "recogni").
            for end in range(MIN_PREFIX, len(word)):
                prefix = word[:end]
                if prefix in self.words and prefix not in self._exact:
                    found.setdefault(prefix, FUZZY)

    def warm(self) -> None:
        """Cut the words long enough to be compared whatever their first letter (the biggest
        buckets) now, so that no question pays for it."""
        with bulk_allocation():
            for length, bucket in self._by_length.items():
                # within reach of a question word compared so, with one typo or with two
                if ANY_FIRST_LETTER - 1 <= length <= TWO_TYPOS:
                    self._within_reach("", length, bucket, 1)
                if length >= TWO_TYPOS - 2:
                    self._within_reach("", length, bucket, 2)

    def _within_reach(
        self, text: str, key: int | tuple[int, str], bucket: tuple[str, ...], limit: int
    ) -> tuple[str, ...]:
        """The words of a bucket (all of one length) that may be within `limit` edits of
        `text`, in the bucket's order: cut into limit + 1 parts, a word that close has one
        part that no edit touched, standing in `text` at most `limit` places from where it
        stands in the word (the pigeonhole filter of approximate search). Comparing only
        those is the same as comparing them all, and a few times faster."""
        parts = self._parts.get((key, limit))
        if parts is None:
            parts = self._parts[key, limit] = _parts_index(bucket, limit)
        found: set[int] = set()
        for part, (start, size) in enumerate(_cuts(len(bucket[0]), limit)):
            for at in range(max(0, start - limit), min(start + limit, len(text) - size) + 1):
                found.update(parts.get((part, text[at : at + size]), ()))
        return tuple(bucket[n] for n in sorted(found))

    def match(self, token: Token) -> Mapping[str, float]:
        """Vocabulary words that this question word can stand for, with their quality."""
        return self.lookup(token.text, token.stems)


def _cuts(length: int, limit: int) -> list[tuple[int, int]]:
    """(start, size) of the limit + 1 nearly equal parts of a word of that length."""
    size, longer = divmod(length, limit + 1)
    cuts, start = [], 0
    for part in range(limit + 1):
        width = size + (part < longer)
        cuts.append((start, width))
        start += width
    return cuts


def _parts_index(bucket: tuple[str, ...], limit: int) -> Mapping[tuple[int, str], list[int]]:
    """The bucket's words (by their place in it) under each of their parts."""
    index: defaultdict[tuple[int, str], list[int]] = defaultdict(list)
    for part, (start, size) in enumerate(_cuts(len(bucket[0]), limit)):
        end = start + size
        for n, word in enumerate(bucket):
            index[part, word[start:end]].append(n)
    return dict(index)


def phrases_of(
    entries: Iterable[str], aliases: Mapping[str, frozenset[Phrase]] | None = None
) -> frozenset[Phrase]:
    """Folded phrases for keyword entries, `$alias` references expanded (see compile_aliases)."""
    found: set[Phrase] = set()
    for entry in entries:
        if entry.startswith("$") and aliases is not None:
            found |= aliases.get(entry[1:], frozenset())
        elif phrase := words(entry):
            found.add(phrase)
    return frozenset(found)


def compile_aliases(aliases: Mapping[str, tuple[str, ...]]) -> Mapping[str, frozenset[Phrase]]:
    """Each alias's folded phrases, once per pack rather than once per reference."""
    return {name: phrases_of(entries) for name, entries in aliases.items()}


@lru_cache(maxsize=1)
def month_numbers() -> Mapping[str, int]:
    """Month name (folded, every language served and grammatical form CLDR has) -> 1..12."""
    found: dict[str, int] = {}
    for code in LANGUAGES:
        months = Locale(code).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    for word in words(name):
                        found.setdefault(word, number)
    found.setdefault("sept", 9)  # the common English abbreviation CLDR writes as "Sep"
    # Russian "в мае, в июне, в июле": stems too short to find (the longer ones are found)
    found.update({"мае": 5, "июне": 6, "июле": 7})
    return found


MONTH_ENDING = 3
"""Letters a case ending adds to a month name: Ekim'de, қазанда, октябре (not English)."""


@lru_cache(maxsize=4096)
def month_of(word: str) -> int | None:
    """The month (1-12) a folded word names, also with a case ending: "ekimde", "казанда",
    "октябре" (CLDR has the nominative and genitive only). English months take none."""
    numbers = month_numbers()
    if word in numbers:
        return numbers[word]
    for end in range(len(word) - 1, max(MIN_PREFIX, len(word) - MONTH_ENDING) - 1, -1):
        stem = word[:end]
        if stem in numbers and stem not in _english_months():
            return numbers[stem]
    by_stem = _month_stems()
    return next((by_stem[stem] for stem in stems(word) if stem in by_stem), None)


@lru_cache(maxsize=1)
def _month_stems() -> Mapping[str, int]:
    """Stems of the month names other than English ones (октябр for октября, октябре)."""
    english = _english_months()
    return {
        stem: number
        for word, number in month_numbers().items()
        if word not in english
        for stem in stems(word)
        if len(stem) >= MIN_PREFIX
    }


@lru_cache(maxsize=1)
def _english_months() -> frozenset[str]:
    found: set[str] = set()
    months = Locale("en").months
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for name in months[context][width].values():
                found.update(words(name))
    return frozenset(found | {"sept"})


_NUMBER_WORDS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"}
    | {"twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds"}
    | {"thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "half"}
)


def has_figure(text: str) -> bool:
    """Whether an (English) answer gives a figure: a number word, or a number that is not
    part of a date (a year; a day or a span of days beside a month: "15-17 April 2015")."""
    words = [fold(word) for word in re.findall(r"\w+", text)]  # no stems needed here
    months = month_numbers()
    for n, word in enumerate(words):
        if word in _NUMBER_WORDS:
            return True
        if not word.isdigit() or (len(word) == 4 and 1900 <= int(word) <= 2099):
            continue
        after = words[n + 1 : n + 3]
        beside = {*words[max(0, n - 1) : n], *after[:1]}
        span = len(after) == 2 and after[0].isdigit() and after[1] in months
        if beside.isdisjoint(months) and not span:
            return True
    return False


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    """Month names in every language served, in every grammatical form CLDR has."""
    return frozenset(month_numbers())


class PackIndex:
    """Everything the matcher needs from a knowledge base, computed once per load."""

    def __init__(self, kb: KnowledgeBase) -> None:
        lexicon = kb.lexicon
        aliases = compile_aliases(lexicon.aliases)
        self.rules = tuple(compile_rule(intent, aliases) for intent in kb.intents.values())
        self.rule_by_id = {rule.intent.id: rule for rule in self.rules}
        self.name_words = frozenset(
            word for names in lexicon.people.values() for name in names for word in words(name)
        )
        self.people = {key: phrases_of(names, aliases) for key, names in lexicon.people.items()}
        self.ordinals = {number: phrases_of(names) for number, names in lexicon.ordinals.items()}
        self.ordinal_words = {
            phrase[0]: number
            for number, phrases in self.ordinals.items()
            for phrase in phrases
            if len(phrase) == 1
        }
        self.smalltalk = {kind: phrases_of(names) for kind, names in lexicon.smalltalk.items()}
        self.sides = {side: phrases_of(names, aliases) for side, names in lexicon.sides.items()}
        self.side_places = {
            side: phrases_of(names, aliases) for side, names in lexicon.side_places.items()
        }
        # The same tables by first word, so a question visits only the phrases it can match.
        self.people_by_word = _keyed_by_first_word(self.people)
        self.smalltalk_by_word = _keyed_by_first_word(self.smalltalk)
        self.sides_by_word = _keyed_by_first_word(self.sides)
        self.side_places_by_word = _keyed_by_first_word(self.side_places)
        self.stopwords = frozenset(word for entry in lexicon.stopwords for word in words(entry))
        self.stopword_stems = frozenset(
            stem for word in self.stopwords if len(word) > MIN_PREFIX for stem in stems(word)
        )
        self.pair = (
            frozenset(
                word
                for phrase in phrases_of(("$turkey", "$kazakhstan", *lexicon.home_places), aliases)
                for word in phrase
            )
            | home_words()
        )
        self.home_places = frozenset(
            word for phrase in phrases_of(lexicon.home_places, aliases) for word in phrase
        )
        """Folded words of the places inside Turkey and Kazakhstan (Aktau, Antalya)."""
        self.months = month_words()
        self.unanswerable = phrases_of(lexicon.unanswerable, aliases)
        self.unanswerable_by_word = by_first_word(self.unanswerable)
        framing = phrases_of(lexicon.framing, aliases)
        self.framing_by_word = by_first_word(framing)
        all_phrases: list[Phrase] = [*self.unanswerable, *framing]
        for rule in self.rules:
            for group in rule.groups:
                all_phrases.extend(group)
            all_phrases.extend(rule.boost)
            all_phrases.extend(rule.exclude)
        for table in (self.people, self.smalltalk, self.sides, self.side_places):
            for phrases in table.values():
                all_phrases.extend(phrases)
        all_phrases.extend((word,) for word in self.pair)
        literal = frozenset(
            word for entry in _entries(kb) if any(a in entry for a in "'’") for word in words(entry)
        )
        # `=türk`: this word only, never the start of a longer one (Türkmenistan, Turkistan).
        exact = frozenset(
            word for entry in _entries(kb) if entry.startswith("=") for word in words(entry)
        )
        self.vocabulary = Vocabulary(all_phrases, literal, exact)
        self.rules_by_word: dict[str, tuple[int, ...]] = _rules_by_word(self.rules)
        self.rules_by_first_word = _rules_by_word(self.rules, first=True)
        """Rules by the first words of their keyword phrases: a rule none of whose phrases
        starts with a word of the question hits no group, so it need not be scored."""
        self.rules_by_boost_word = _rules_by_word(self.rules, boosts=True)
        # A rule that is really about a foreign place names it in its keywords or boost words,
        # which explain it for that rule only; so only function words are taken out here.
        # Words a rule requires are our own vocabulary even when a gazetteer knows them as a
        # place too (Kazakh "сапар" is a trip, not the town of Sapara).
        required = frozenset(
            word for rule in self.rules for group in rule.groups for p in group for word in p
        )
        # Greetings are never places either (Kazakh "сәлем" folds to Salem).
        greetings = frozenset(w for phrases in self.smalltalk.values() for p in phrases for w in p)
        known = self.stopwords | self.months | self.pair | greetings
        ours = known | required
        countries = frozenset(p for p in foreign_countries() if p[0] not in known)
        cities = frozenset(p for p in foreign_cities() if p[0] not in ours)
        self.foreign = countries | cities | phrases_of(lexicon.uncovered, aliases)
        self.cities = cities
        by_first: defaultdict[str, list[Phrase]] = defaultdict(list)
        for place in self.foreign:
            by_first[place[0]].append(place)
        for place in self.foreign:
            if len(place) > 1:
                continue
            # A country is always foreign; a city's inflected forms only where no rule needs
            # the word for itself.
            taken = known if place in countries else ours
            # Inflected single-word names: Грузию, Russian -> Грузия, Russia.
            forms = {place[0][:-1]} if len(place[0]) > MIN_PREFIX + 1 else set()
            # Russian endings change a stem's last letters (Москва, Москву); a Latin name is
            # matched as the start of the word instead (the Turkish stemmer would cut
            # Petrolina down to "petrol").
            if script_of(place[0]) == "cyrillic":
                forms |= {stem for stem in stems(place[0]) if len(stem) > MIN_PREFIX}
            # The people of a -stan country: Uzbek, Kyrgyz, Tajik, Turkmen, Afghan (узбек).
            if place in countries:
                forms |= {
                    place[0][: -len(end)]
                    for end in ("istan", "stan", "истан", "стан")
                    if place[0].endswith(end) and len(place[0]) - len(end) > MIN_PREFIX
                }
            for form in forms - taken:
                by_first[form].append(place)
        self.foreign_by_first = {word: tuple(places) for word, places in by_first.items()}
        self.foreign_first = frozenset(by_first)
        self.codes = country_codes()
        self.language_words = _language_words(kb)
        self._kb = kb
        self._caches()
        self._postings: Mapping[str, frozenset[str]] | None = None
        self.newest_year = max(
            (fact.when.end_year for fact in kb.facts.values() if fact.when), default=0
        )
        """The latest year any fact covers: the pack's "now"."""
        self.rule_of_fact: dict[str, Rule] = {}
        for rule in self.rules:
            for fact_id in rule.intent.facts:
                self.rule_of_fact.setdefault(fact_id, rule)

    def __getstate__(self) -> dict[str, object]:
        state = dict(vars(self))
        for cached in ("fact_texts", "facts_with", "_postings_lock"):
            del state[cached]  # caches and a lock of this process
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)
        self._caches()

    def _caches(self) -> None:
        self.fact_texts = lru_cache(maxsize=1024)(self._fact_texts)
        self.facts_with = lru_cache(maxsize=65536)(self._facts_with)
        self._postings_lock = threading.Lock()

    def _facts_with(self, text: str, token_stems: frozenset[str]) -> frozenset[str]:
        """The facts whose own texts have a question word (itself or one of its stems)."""
        postings = self.postings()
        return frozenset().union(*(postings.get(form, ()) for form in (text, *token_stems)))

    def postings(self) -> Mapping[str, frozenset[str]]:
        """Word or stem -> the facts whose texts have it: built on first use (the fact-text
        route only needs it when no rule answers), or ahead of time by `warm()`."""
        if self._postings is None:
            with self._postings_lock:
                if self._postings is None:
                    found: defaultdict[str, set[str]] = defaultdict(set)
                    with bulk_allocation():
                        for fact_id in self._kb.facts:
                            for term in self.fact_terms(fact_id):
                                found[term].add(fact_id)
                        self._postings = {term: frozenset(ids) for term, ids in found.items()}
        return self._postings

    def _fact_texts(self, fact_id: str) -> tuple[tuple[frozenset[str], ...], ...]:
        """A fact's answers, one per language, as word forms in order (for proximity)."""
        return tuple(word_forms(text) for text in self._kb.facts[fact_id].answer.values())

    def fact_terms(self, fact_id: str) -> frozenset[str]:
        """Folded words and stems of a fact's answers and its primary source's publisher."""
        fact = self._kb.facts[fact_id]
        texts = list(fact.answer.values())
        source = self._kb.sources.get(fact.sources[0]) if fact.sources else None
        if source is not None:
            texts.append(source.publisher)
        return terms(" ".join(texts), MIN_PREFIX - 1)


def _keyed_by_first_word(
    table: Mapping[_Key, frozenset[Phrase]],
) -> Mapping[str, tuple[tuple[_Key, Phrase], ...]]:
    found: defaultdict[str, list[tuple[_Key, Phrase]]] = defaultdict(list)
    for key, phrases in table.items():
        for phrase in sorted(phrases):
            found[phrase[0]].append((key, phrase))
    return {word: tuple(entries) for word, entries in found.items()}


def _entries(kb: KnowledgeBase) -> list[str]:
    """Every keyword, boost, exclude and alias entry as the curator wrote it."""
    lexicon = kb.lexicon
    found = [entry for names in lexicon.aliases.values() for entry in names]
    for table in (lexicon.people, lexicon.sides, lexicon.smalltalk):
        found.extend(entry for names in table.values() for entry in names)
    for intent in kb.intents.values():
        found.extend(entry for group in intent.keywords for entry in group)
        found.extend(intent.boost)
        found.extend(intent.exclude)
    return found


def _rules_by_word(
    rules: tuple[Rule, ...], *, boosts: bool = False, first: bool = False
) -> dict[str, tuple[int, ...]]:
    """Rule numbers by the words of their keyword groups (or of their boost phrases)."""
    found: defaultdict[str, set[int]] = defaultdict(set)
    for number, rule in enumerate(rules):
        for group in (rule.boost,) if boosts else rule.groups:
            for phrase in group:
                for word in phrase[:1] if first else phrase:
                    found[word].add(number)
    return {word: tuple(sorted(numbers)) for word, numbers in found.items()}


def _language_words(kb: KnowledgeBase) -> Mapping[str, Mapping[str, float]]:
    """For each folded word, the share of its uses in each language (answers and examples).

    Function words decide a language, and a sample shows them all: the first facts and
    intents are enough, which keeps indexing a pack of 100,000 facts fast."""
    counts: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for fact in islice(kb.facts.values(), LANGUAGE_SAMPLE):
        for language, answer in fact.answer.items():
            for word in set(words(answer[:MAX_SAMPLE_CHARS])):
                counts[word][language] += 1
    for intent in islice(kb.intents.values(), LANGUAGE_SAMPLE):
        for language, examples in intent.examples.items():
            for example in examples:
                for word in set(words(example)):
                    counts[word][language] += 3
    shares: dict[str, Mapping[str, float]] = {}
    for word, by_language in counts.items():
        total = sum(by_language.values())
        shares[word] = {language: count / total for language, count in by_language.items()}
    return shares
