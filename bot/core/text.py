"""Normalisation and tokenisation of questions and keywords, for every script we serve."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

MAX_QUESTION_CHARS = 500
"""Only the start of a message is matched: a question never needs more, and it bounds the work."""

MAX_TOKENS = 40

# Letters NFD cannot split: Turkish dotless i and the Kazakh Cyrillic letters, folded to the
# look-alikes people type on a Russian or Latin keyboard (Қазақстан = Казакстан, ı = i).
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ё": "е",
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ł": "l",
    }
)
_APOSTROPHES = "'’ʼ`´‘"
# Turkish writes case endings after an apostrophe (Kazakistan'ın, Türkiye'deki): joining them
# keeps the ending for prefix matching (`türkiye` still matches, `türkiye'de` only the locative).
_APOSTROPHE_IN_WORD = re.compile(rf"(?<=\w)[{_APOSTROPHES}](?=\w)")
_STRAY_APOSTROPHE = re.compile(rf"[{_APOSTROPHES}]")
_POSSESSIVE = re.compile(rf"(?<=[A-Za-z])[{_APOSTROPHES}][sS]\b")
"""English 's (Gül's, Turkey's, what's): dropped, not joined like a Turkish case ending; no
Turkish suffix is a lone s."""
_COMMAND = re.compile(r"^\s*/\w+(@\w+)?", re.ASCII)
_MENTION = re.compile(r"@\w+")
_ORDINAL_DOT = re.compile(r"\b(\d{1,2})\.(?=\s+(?![A-ZÇĞİÖŞÜА-ЯЁӘҒҚҢӨҰҮҺІ])\w)|^\s*(\d{1,2})\.\s*$")
"""Turkish "2. toplantı" (2nd meeting): a number with a dot before a word, or alone (the
keyword "2."); at the end of a sentence ("я видел 6.", "Izvestia says 20. Which is it?") it
is a number."""
_NUMBER_ENDING = re.compile(r"\b(\d{1,4})-(?=[^\W\d]{1,3}\b)")
"""12-е, 12-й, 12-ші, 2022-ci: a case ending after a hyphen belongs to its number."""
_NUMBERED_NOUN = re.compile(r"\b(\d{1,2})-(?=[\u0400-\u04ff]{4,})")
"""Kazakh writes an ordinal as a number and a hyphen before its noun ("12-отырысында", at the
12th session): the number is an ordinal, like Turkish "12. toplantı"."""
_NUMBER_UNIT = re.compile(r"(?<=\d)(?=(?:bn|bln|mn|mln|mlrd|млрд|млн|m|b|k)\b)", re.IGNORECASE)
"""A figure typed with its unit ("4.1bn", "$85m", "10млрд"): the unit is a word of its own."""
_WORD = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[!?;:,]|\.(?!\w)|(?<!\w)[-–—]+(?!\w)")
"""What ends a clause between two words: "retired teacher here. when ...", "for my thesis:
...", "bored, random q - ..."; not the point of 4.5, nor a dash with a letter either side
(Turkey-Kazakhstan, Azerbaijan–Turkey)."""
_SENTENCE_BREAK = re.compile(r"[!?;:]|\.(?!\w)|(?<!\w)[-–—]+(?!\w)")
"""What ends a sentence: a clause break other than a comma."""
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")

_STEMMERS = {
    "english": snowballstemmer.stemmer("english"),
    "turkish": snowballstemmer.stemmer("turkish"),
    "russian": snowballstemmer.stemmer("russian"),
}


def lower(text: str) -> str:
    """NFKC and casefold with the Turkish capital dotted İ kept as a plain i."""
    text = unicodedata.normalize("NFKC", text).replace("İ", "i")
    return text.casefold().replace("i̇", "i")


def fold(text: str) -> str:
    """Lower-case and strip diacritics: `Erdoğan` -> `erdogan`, `Қазақстан` -> `казакстан`."""
    if text.isascii():
        return text.lower()  # nothing to normalise or strip: the common case, kept fast
    decomposed = unicodedata.normalize("NFD", lower(text).translate(_FOLD))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept).translate(_FOLD)


def clean(message: str) -> str:
    """The question in a chat message: no `/ask@bot` command or mentions; apostrophes joined."""
    text = message[:MAX_QUESTION_CHARS]
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    # Each rewrite only where its character occurs: indexing a big pack cleans every phrase.
    if "/" in text:
        text = _COMMAND.sub(" ", text, count=1)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if "." in text:
        text = _ORDINAL_DOT.sub(lambda match: f"{match[1] or match[2]}dot", text)
    if "-" in text:
        text = _NUMBER_ENDING.sub(r"\1", _NUMBERED_NOUN.sub(r"\1dot ", text))
    text = _NUMBER_UNIT.sub(" ", text)
    if _STRAY_APOSTROPHE.search(text):
        text = _POSSESSIVE.sub("", text)
        text = _STRAY_APOSTROPHE.sub(" ", _APOSTROPHE_IN_WORD.sub("", text))
    return text


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a question: its folded form, its stems and where it stood."""

    text: str
    """The folded word."""
    stems: frozenset[str]
    position: int
    capitalised: bool
    """Written with a capital letter somewhere other than the start of the message."""
    upper: bool = False
    """Written all in capitals (an abbreviation such as USA or HLSCC)."""
    clause: int = 0
    """Which clause of the message the word is in (counted from 0, split at punctuation)."""
    asking: bool = False
    """In a clause that ends with a question mark, in a message that also has other clauses:
    "I'm planning a trip, [do Kazakhs need a visa?]"."""
    in_question: bool = False
    """In a sentence that ends with a question mark, in a message that also has others: "I
    used to go to the embassy in Almaty. [When did Turkey move it, and when exactly?]"."""
    scale: str | None = None
    """For a number, the scale word after it: `billion` for "$4.1 billion", "15 млрд"."""


_SCALES = (
    ("billion", tuple(map(fold, ("billion", "bn", "млрд", "миллиард", "milyar")))),
    ("million", tuple(map(fold, ("million", "mln", "млн", "миллион", "milyon")))),
)


def scale_of(word: str) -> str | None:
    """`billion` or `million` for a folded word that says it (milyar, млрд), else None."""
    for scale, starts in _SCALES:
        if word.startswith(starts):
            return scale
    return None


def tokens(message: str) -> tuple[Token, ...]:
    """Split a message into folded tokens with their stems (at most MAX_TOKENS)."""
    text = clean(message)
    words: list[tuple[str, str, int, int, int]] = []  # raw, folded, position, clause, sentence
    clause, sentence, end = 0, 0, 0
    asking: set[int] = set()
    questions: set[int] = set()
    for position, match in enumerate(_WORD.finditer(text)):
        if position >= MAX_TOKENS:
            break
        # The gap with a letter either side, so "4.5" and "Turkey-Kazakhstan" stay one clause.
        gap = text[end - 1 : match.start() + 1]
        if words and _CLAUSE_BREAK.search(gap):
            if "?" in gap:
                asking.add(clause)
                questions.add(sentence)
            clause += 1
            sentence += bool(_SENTENCE_BREAK.search(gap))
        end = match.end()
        raw = match.group()
        folded = fold(raw)
        if folded and folded != "_" * len(folded):
            words.append((raw, folded, position, clause, sentence))
    if "?" in text[end:]:
        asking.add(clause)
        questions.add(sentence)
    if not clause:  # one clause: nothing to tell apart
        asking.clear()
    if not sentence:
        questions.clear()
    # The scale of a number is the first word after its digits ("4.1 billion": both 4 and 1).
    scales: list[str | None] = []
    after: str | None = None
    for _, folded, *_ in reversed(words):
        after = after if folded.isdigit() else scale_of(folded)
        scales.append(after if folded.isdigit() else None)
    scales.reverse()
    return tuple(
        Token(
            text=folded,
            stems=stems(lower(raw)),
            position=n,
            capitalised=position > 0 and raw[:1].isupper(),
            upper=len(raw) > 1 and raw.isupper(),
            clause=at_clause,
            asking=at_clause in asking,
            in_question=at_sentence in questions,
            scale=scale,
        )
        for n, ((raw, folded, position, at_clause, at_sentence), scale) in enumerate(
            zip(words, scales, strict=True)
        )
    )


# Kazakh written in Latin letters: the 2021 alphabet (ä ğ ı ñ ö ş ū ü q) and the informal way
# people type it on any keyboard (sh, ch, zh, ia, iu; y for ы; i for і, и and, after a vowel, й).
@dataclass(frozen=True)
class _LatinAlphabet:
    """How a language is typed in Latin letters, to read it back in Cyrillic."""

    clusters: tuple[tuple[str, str], ...]
    """Letter groups for one Cyrillic letter, longest first ("shch" before "sh")."""
    letters: Mapping[str, str]
    vowels: frozenset[str]
    after_vowel: tuple[str, str]
    """A letter that is й after a vowel (Kazakh qai: i; Russian kakoy: y)."""

    def to_cyrillic(self, text: str) -> str:
        """The text in Cyrillic, one character at a time (lower-casing a whole text can change
        its length: İ, ß); other characters are kept."""
        lowered = [ch.lower() if len(ch.lower()) == 1 else ch for ch in text]
        out: list[str] = []
        position = 0
        while position < len(text):
            letter = lowered[position]
            ahead = "".join(lowered[position : position + 4])
            cluster = next((pair for pair in self.clusters if ahead.startswith(pair[0])), None)
            if cluster is not None:
                cyrillic, size = cluster[1], len(cluster[0])
            elif (
                letter == self.after_vowel[0] and position and lowered[position - 1] in self.vowels
            ):
                cyrillic, size = self.after_vowel[1], 1
            else:
                cyrillic, size = self.letters.get(letter, text[position]), 1
            out.append(cyrillic.upper() if text[position].isupper() else cyrillic)
            position += size
        return "".join(out)


# Kazakh in the 2021 Latin alphabet (ä ğ ı ñ ö ş ū ü q) and as people type it on any keyboard
# (sh, ch, zh, ia, iu; y for ы; i for і, и and, after a vowel, й).
_KAZAKH = _LatinAlphabet(
    clusters=tuple(
        {"sh": "ш", "ch": "ч", "zh": "ж", "ia": "я", "iu": "ю", "ya": "я", "yu": "ю"}.items()
    ),
    letters={
        **dict(
            zip("abdefgğhıijklmnñoöpqrsştuūüvwyz", "абдефгғхыіжклмнңоөпқрсштуұүвуыз", strict=True)
        ),
        **{"ä": "ә", "á": "ә", "ń": "ң", "ó": "ө", "ú": "ұ", "ý": "й", "c": "с", "x": "х"},
    },
    vowels=frozenset("aäeıioöuūüy"),
    after_vowel=("i", "й"),
)
_KAZAKH_MARKERS = frozenset(
    {"qashan", "qaşan", "qansha", "qanşa", "qandai", "qandaı", "qai", "qaı", "neshe", "neşe"}
    | {"jyly", "jylğy", "jylgy", "boldy", "bolady", "turaly", "arasynda", "arasyndağy"}
    | {"arasyndagy", "boiynsha", "boıynşa", "keldi", "bardy", "ornatyldy", "qabyldandy"}
)
_KAZAKH_STEMS = ("qazaqstan", "türkiia", "turkiia", "türkıia", "türkiya")
"""Words only Kazakh in Latin letters has ("qashan", "jyly", "Qazaqstanğa", "Türkiiağa")."""


def latin_readings(message: str) -> tuple[tuple[str, str], ...]:
    """For a message in Latin letters with a word only Kazakh or only Russian has ("qashan",
    "kogda"): the language and the message in Cyrillic, for each it may be (none otherwise).
    The matcher keeps a reading only when the pack understands more of it."""
    if _CYRILLIC.search(message):
        return ()
    found = [word.casefold() for word in _WORD.findall(message)]
    readings = []
    # Kazakh: its marker words, and q before a vowel other than u (qazaq, qansha; not quick)
    if any(
        word in _KAZAKH_MARKERS or word.startswith(_KAZAKH_STEMS) or _KAZAKH_Q.search(word)
        for word in found
    ):
        readings.append(("kk", kazakh_latin_to_cyrillic(message)))
    if any(word in _RUSSIAN_MARKERS or word.startswith(_RUSSIAN_STEMS) for word in found):
        readings.append(("ru", russian_latin_to_cyrillic(message)))
    return tuple(readings)


_KAZAKH_Q = re.compile(r"q[aeıioöyäūü]")


def kazakh_latin_to_cyrillic(text: str) -> str:
    """Kazakh typed in Latin letters, in Cyrillic: "Qazaqstan men Türkiia arasyndağy sauda"
    -> "Қазақстан мен Түркия арасындағы сауда" (other characters are kept)."""
    return _KAZAKH.to_cyrillic(text)


# Russian typed in Latin letters ("translit"), as on a phone without a Cyrillic keyboard:
# "kogda turciya priznala kazahstan", "skolko tovarooborot v 2023 godu".
_RUSSIAN = _LatinAlphabet(
    clusters=(
        ("shch", "щ"),
        ("sch", "щ"),
        ("sh", "ш"),
        ("ch", "ч"),
        ("zh", "ж"),
        ("kh", "х"),
        ("ts", "ц"),
        ("ya", "я"),
        ("yu", "ю"),
        ("yo", "ё"),
        ("ia", "я"),
        ("iu", "ю"),
    ),
    letters=dict(zip("abvgdezijklmnoprstufhcwxq'y", "абвгдезийклмнопрстуфхцвхкьы", strict=True)),
    vowels=frozenset("aeiouy"),
    after_vowel=("y", "й"),  # ы after a consonant, й after a vowel (kakoy, pervyy)
)
_RUSSIAN_MARKERS = frozenset(
    {"kogda", "skolko", "gde", "kto", "chto", "kakoy", "kakoi", "kakaya", "kakie", "kakih"}
    | {"posol", "posla", "posolstvo", "konsulstvo", "vizit", "godu", "goda", "mezhdu", "byl"}
    | {"bylo", "byla", "tovarooborot", "soglashenie", "soglasheniya", "priznala", "otkryli"}
    | {"turciya", "turtsiya", "turcii", "turtsii", "turciey", "kazahstan", "kazahstana"}
    | {"kazakhstana", "kazahstanom", "turecki", "tureckie", "kazahskie", "sammit", "vstrecha"}
    | {"dlya", "kakogo", "kakom", "kotoryy", "kotoryi", "reisy", "bezviz", "dnei"}
)
_RUSSIAN_STEMS = (
    "kazahstan", "kazakhstane", "turci", "turts", "tureck", "turetsk", "kazahsk", "soglashen",
    "tovaroobor", "posolstv", "konsulstv", "sotrudnichest", "zasedan", "nachal", "sozdal",
)  # fmt: skip
"""Words (and starts of words) of Russian in Latin letters that no English, Turkish or
Kazakh question has."""


def russian_latin_to_cyrillic(text: str) -> str:
    """Russian typed in Latin letters, in Cyrillic: "kogda turciya priznala kazahstan" ->
    "когда турция признала казахстан" (other characters are kept)."""
    return _RUSSIAN.to_cyrillic(text)


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """Folded stems of a lower-cased word by the stemmers of its script."""
    if _CYRILLIC.search(word):
        names: tuple[str, ...] = ("russian",)
    elif _LATIN.search(fold(word)):
        names = ("english", "turkish")
    else:
        return frozenset({fold(word)})
    return frozenset(fold(_STEMMERS[name].stemWord(word)) for name in names)


@lru_cache(maxsize=262144)
def words(phrase: str) -> tuple[str, ...]:
    """Folded words of a keyword phrase, split the same way as questions (no stems)."""
    found = (fold(match.group()) for match in _WORD.finditer(clean(phrase)))
    return tuple(word for word in found if word and word != "_" * len(word))[:MAX_TOKENS]


def script_of(text: str) -> str:
    """`cyrillic`, `latin` or `other`, by the letters the text has most of."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = sum(1 for ch in lower(text) if "a" <= ch <= "z" or ch in "çğıöşü")
    if cyrillic == latin == 0:
        return "other"
    return "cyrillic" if cyrillic >= latin else "latin"


def terms(text: str, min_length: int = 3) -> frozenset[str]:
    """Folded words and stems of a whole text of any length (facts' answers, not questions)."""
    found: set[str] = set()
    for raw in set(_WORD.findall(_APOSTROPHE_IN_WORD.sub("", text))):
        found.update(_word_terms(raw, min_length))
    return frozenset(found)


@lru_cache(maxsize=262144)
def _word_terms(raw: str, min_length: int) -> tuple[str, ...]:
    folded = fold(raw)
    if len(folded) < min_length:
        return ()
    return (folded, *stems(lower(raw)))


def word_forms(text: str) -> tuple[frozenset[str], ...]:
    """Each word of a text in order, as the set of its folded form and stems (for proximity)."""
    return tuple(
        frozenset(_word_terms(raw, 1)) for raw in _WORD.findall(_APOSTROPHE_IN_WORD.sub("", text))
    )


def window(text: Sequence[frozenset[str]], wanted: Sequence[frozenset[str]]) -> int | None:
    """The fewest consecutive words of `text` holding one form of every `wanted` word, or
    None when one is missing."""
    hits = sorted(
        (position, number)
        for position, forms in enumerate(text)
        for number, options in enumerate(wanted)
        if forms & options
    )
    need, counts, have, best, start = len(wanted), [0] * len(wanted), 0, None, 0
    for position, number in hits:
        counts[number] += 1
        have += counts[number] == 1
        while have == need:
            first, dropped = hits[start]
            size = position - first + 1
            best = size if best is None else min(best, size)
            counts[dropped] -= 1
            have -= counts[dropped] == 0
            start += 1
    return best
