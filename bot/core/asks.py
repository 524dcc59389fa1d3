"""What kind of thing a question asks: yes or no, a count, a check of what someone claims,
or someone before or after a person it names."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.core.text import Token, fold

_AUXILIARIES = frozenset(
    {"did", "was", "were", "is", "are", "does", "do", "has", "have", "had", "can", "could"}
    | {"didnt", "wasnt", "werent", "isnt", "arent", "doesnt", "dont", "hasnt", "havent"}
)
"""A clause that starts with one of these asks yes or no (English; the negative forms ask it
in a tag: "The third HLSCC took place in 2017, didn't it?")."""
_PARTICLES = frozenset({"mi", "mu", "ли", "ма", "ме", "ба", "бе", "па", "пе"})
"""Question particles (folded): Turkish mı/mi/mu/mü, Russian ли, Kazakh ма/ме/ба/бе/па/пе."""
_CHECKS = frozenset(
    map(
        fold,
        {"true", "correct", "right", "wrong", "surely", "верно", "правда", "правильно", "так"}
        | {"confirm", "check", "verify", "accurate", "teyit", "подтвердите", "проверьте"}
        | {"тексеріңіз", "растаңыз"},
    )
)
"""Words that check what was said, in the clause that asks ("True?", "That doesn't sound
right to me?", "Верно?")."""
_CLAIMS = frozenset(
    map(
        fold,
        {"says", "said", "say", "claims", "claimed", "insists", "insisted", "swears", "thinks"}
        | {"heard", "duydum", "слышал", "слышала", "естідім"}
        | {"told", "wrote", "reckons", "söylüyor", "söyledi", "iddia", "diyor", "dedi"}
        | {"говорит", "сказал", "утверждает", "считает", "уверяет", "писали", "айтады", "дейді"}
        | {"деді", "айтты"}
        | {"noted", "notes", "mentioned", "assumed", "remember", "read", "okudum", "hatırlıyorum"}
        | {"помню", "читал", "читала", "оқыдым", "есімде"}
        | {"believes", "writes", "yazıyor", "yazmış", "okumuş", "sanıyor", "düşünüyor"}
        | {"пишет", "пишут", "уверен", "уверена", "думает", "оқыпты", "жазыпты", "айтыпты"}
        | {"естіпті", "ойлайды", "жазады", "жазды"},
    )
)
"""Words that report a claim, folded."""
_WHEN = frozenset(
    map(fold, ("when", "year", "zaman", "yıl", "yılda", "когда", "году", "қашан", "жылы"))
)
"""Words that ask when (folded): when, ne zaman, hangi yıl, когда, в каком году, қашан, қай жылы."""
_HOW_MANY = frozenset({"kac", "сколько", "канша", "неше", "количество", "sayisi", "саны"})
"""Words that ask for a count or an amount, folded; and English pairs (below)."""
_HOW_MANY_PAIRS = frozenset({("how", "many"), ("how", "much"), ("number", "of")})
_YEARS = frozenset(
    {"years", "year", "yil", "yildir", "yilda", "лет", "года", "год", "жыл", "жылдан"}
)
"""How many years: the answer's date gives that ("how many years ago did Turkey recognise")."""


_WHO = frozenset(
    map(
        fold,
        (
            *("who", "whom", "whose", "kim", "kimdi", "kimin", "kime", "kimler", "kimdir"),
            *("кто", "кого", "кому", "кем", "кім", "кімді", "кімнің", "кімге", "кімдер"),
        ),
    )
)
"""Words that ask for a person (folded)."""


def who(found: tuple[Token, ...]) -> bool:
    """Whether the question asks who (in the sentence that asks, if one does)."""
    return any(token.text in _WHO and token.in_question for token in found) or (
        not any(token.in_question for token in found) and any(token.text in _WHO for token in found)
    )


_NOW = tuple(
    map(
        fold,
        (
            *("now", "today", "currently", "current", "nowadays", "presently", "şimdi"),
            *("bugün", "güncel", "сейчас", "сегодня", "нынешн", "текущ", "қазір", "бүгін"),
            "биыл",
        ),
    )
)
"""Words that ask about the present, by their start (folded)."""
_NOW_WORDS = frozenset({"present", "incumbent", "halen", "mevcut"})
"""Words that ask about the present as they are ("the present ambassador"; not "presented")."""
_THIS_YEAR = frozenset(
    {("this", "year"), ("bu", "yil"), ("этом", "году"), ("the", "moment"), ("su", "an")}
    | {("these", "days"), ("bu", "gunlerde")}
    | {("su", "anda"), ("данныи", "момент"), ("настоящее", "время")}
)
"""Two words that ask about the present: "this year", "at the moment", "şu anda"."""


def about_now(found: tuple[Token, ...]) -> bool:
    """Whether the question asks how things stand now ("who is TÜRKSOY's secretary general
    today", "how many officers are studying there this year")."""
    texts = [token.text for token in found]
    return any(text.startswith(_NOW) or text in _NOW_WORDS for text in texts) or any(
        pair in _THIS_YEAR for pair in pairwise(texts)
    )


def counting(found: tuple[Token, ...]) -> bool:
    """Whether the question asks for a count or an amount, other than of years."""
    texts = [*(token.text for token in found), "", ""]
    for n, word in enumerate(texts[:-2]):
        if word in _HOW_MANY:
            counted = texts[n + 1]
        elif (word, texts[n + 1]) in _HOW_MANY_PAIRS:
            counted = texts[n + 2]
        else:
            continue
        if counted not in _YEARS:
            return True
    return False


def yes_no(found: tuple[Token, ...]) -> bool:
    """Whether a clause asks yes or no: it starts with an auxiliary ("... in 2019. Did I get
    that wrong?"), the clause that asks checks ("..., right?"), or the message has a question
    particle."""
    if not _PARTICLES.isdisjoint(token.text for token in found):
        return True
    starts = {token.clause: token for token in reversed(found)}
    return any(token.text in _AUXILIARIES for token in starts.values()) or any(
        token.text in _CHECKS and (token.asking or token.clause == found[-1].clause)
        for token in found
    )


_THAT = frozenset(map(fold, ("that", "same", "o", "aynı", "том", "тот", "сол", "осы")))
"""Words before "year" that point back at a year already said ("the figure that year")."""


def claim(found: tuple[Token, ...]) -> bool:
    """Whether someone claims something beside the sentence that asks when ("my neighbour
    insists it was 1995. When did the embassy open?"); "What was the figure that year?" asks
    about the year said, not when."""
    return any(token.text in _CLAIMS and not token.in_question for token in found) and any(
        token.text in _WHEN and token.in_question and not (n and found[n - 1].text in _THAT)
        for n, token in enumerate(found)
    )


def reported(found: tuple[Token, ...]) -> bool:
    """Whether the question reports what someone says ("my grandfather says ...", "a site
    wrote ...")."""
    return any(token.text in _CLAIMS for token in found)


def reporting_words(found: tuple[Token, ...]) -> frozenset[int]:
    """Where the question says that someone says or wrote something: how the asker came to
    ask, not what is asked ("... деп оқыпты", "коллега пишет, что ...")."""
    return frozenset(token.position for token in found if token.text in _CLAIMS)


_BEFORE_NAME = {
    **dict.fromkeys(map(fold, ("before", "prior", "до", "перед")), "before"),
    **dict.fromkeys(map(fold, ("after", "после")), "after"),
    # who came next: "who succeeded Kaseinov", "who replaced him"
    **dict.fromkeys(map(fold, ("succeeded", "replaced", "сменил", "сменила")), "after"),
}
"""Prepositions that place what is asked before or after the person named next after them:
"the ambassador before Tuimebayev", "до Туймебаева"."""
_AFTER_NAME = {
    **dict.fromkeys(map(fold, ("önce", "önceki", "бұрын", "дейін", "алдындағы")), "before"),
    **dict.fromkeys(map(fold, ("sonra", "sonraki", "кейін", "кейінгі")), "after"),
}
"""Postpositions after a name in a case ending (Tuimebayev'den önce, Түймебаевтан кейін)."""
_CASE_ENDINGS = tuple(
    map(fold, ("den", "dan", "ten", "tan", "нан", "нен", "тан", "тен", "дан", "ден",
               "ға", "ге", "қа", "ке"))
)  # fmt: skip
"""Ablative and dative endings, folded: Tuimebayev'den, Түймебаевтан, Түймебаевқа."""
_NEXT_TO_NAME = {
    **dict.fromkeys(
        map(fold, ("predecessor", "selefi", "предшественник", "предшественником")), "before"
    ),
    **dict.fromkeys(map(fold, ("successor", "halefi", "преемник", "преемником")), "after"),
}
"""Nouns on either side of a name: "Tuimebayev's successor", "предшественник Сапиева"."""


_WHERE = frozenset(map(fold, ("where", "nerede", "nerde", "где", "қайда")))
_WHICH = frozenset(map(fold, ("which", "what", "hangi", "какой", "какои", "каком", "қай")))
_COUNTRY = frozenset(map(fold, ("country", "ülke", "ülkede", "стране", "страна", "елде", "ел")))


def _asks_where(found: tuple[Token, ...]) -> bool:
    """Whether the question asks where or in which country ("before Kapucu came to Astana,
    where was he ambassador?": his own earlier post, not the envoy before him)."""
    texts = [token.text for token in found]
    return any(text in _WHERE for text in texts) or any(
        first in _WHICH and second in _COUNTRY for first, second in pairwise(texts)
    )


def which(found: tuple[Token, ...]) -> bool:
    """Whether the question asks which one ("which country was first?", "hangi ülke")."""
    return any(token.text in _WHICH for token in found)


def before_or_after(
    found: tuple[Token, ...], people: set[int]
) -> tuple[str | None, frozenset[int]]:
    """`before` or `after` the person named, and where the question says so; none when it
    asks where (the person's own earlier or later post)."""
    if _asks_where(found):
        return None, frozenset()
    for token in found:
        at, text = token.position, token.text
        # the name may follow a first name ("after Duisen Kaseinov")
        name_after = at + 1 in people or (at + 2 in people and found[at + 1].capitalised)
        name_before = at - 1 in people
        # "who took over from Kaseinov": the one after him
        took_over = text == "from" and at > 0 and found[at - 1].text == "over"
        side = (
            ("after" if took_over and name_after else None)
            or (_BEFORE_NAME.get(text) if name_after else None)
            or (
                _AFTER_NAME.get(text)
                if name_before and found[at - 1].text.endswith(_CASE_ENDINGS)
                else None
            )
            or (_NEXT_TO_NAME.get(text) if name_after or name_before else None)
        )
        if side:
            return side, frozenset({at})
    return None, frozenset()


_DECADE = re.compile(r"^(?:(1[89]\d0|20\d0)|([1-9]0))(?:s|х|е|ые|ых|lar\w*|ler\w*)$")
"""A decade: 1990s, 1990'larda, 2000'lerin, 1990-х, 1990-е, 90s, 90-х (folded, one word)."""
_DECADE_NEXT = frozenset({"жылдары", "жылдардагы", "жылдарда", "жылдардын"})
"""Kazakh "years" after a round year: "1990 жылдары" (in the 1990s), folded."""
_YEARS_AFTER = frozenset({"годы", "годов", "годах", "годам", "years"})
"""Russian "years" after a decade ("в 90-е годы"), which it explains."""
_PART_OF_DECADE = {
    **dict.fromkeys(
        map(fold, ("early", "basi", "başında", "başlarında", "начале", "басында")), (0, 4)
    ),
    **dict.fromkeys(map(fold, ("mid", "ortası", "ortalarında", "середине", "ортасында")), (3, 7)),
    **dict.fromkeys(map(fold, ("late", "sonu", "sonlarında", "конце", "соңында")), (5, 9)),
}
"""Words that narrow a decade: the early, mid, late 1990s (in every language)."""
_HALVES = {
    **dict.fromkeys(map(fold, ("first", "ilk", "первой", "бірінші", "алғашқы")), (0, 4)),
    **dict.fromkeys(map(fold, ("second", "ikinci", "второй", "екінші")), (5, 9)),
}
"""The first or second half ("the first half of the 2010s")."""
_HALF = frozenset(map(fold, ("half", "половине", "yarısı", "yarısında", "жартысында")))


def parts_of_years(found: tuple[Token, ...], years: frozenset[int]) -> frozenset[int]:
    """The words right beside a year that say which part of it ("early 2023", "2023
    başında", "в конце 2017"): part of the date, not something else asked."""
    return frozenset(
        token.position
        for token in found
        if token.text in _PART_OF_DECADE
        and ({token.position - 1, token.position + 1, token.position + 2} & years)
    )


def decade(found: tuple[Token, ...]) -> tuple[frozenset[int], frozenset[int]]:
    """The years of a decade the question names ("in the early 1990s": 1990-1994), and the
    positions of the words that say so; none when it names no decade."""
    asking = any(token.in_question for token in found)
    for n, token in enumerate(found):
        if asking and not token.in_question:
            continue  # "I went there back in the 90s. When did ...?": context, not asked
        match = _DECADE.match(token.text)
        start: int | None = None
        positions = {token.position}
        if match:
            start = int(match.group(1) or f"19{match.group(2)}")
            if n + 1 < len(found) and found[n + 1].text in _YEARS_AFTER:
                positions.add(found[n + 1].position)
        elif (
            token.text.isdigit()
            and len(token.text) == 4
            and token.text.endswith("0")
            and n + 1 < len(found)
            and found[n + 1].text in _DECADE_NEXT
        ):
            start = int(token.text)
            positions.add(found[n + 1].position)
        if start is None or not 1900 <= start <= 2090:
            continue
        low, high = 0, 9
        nearby = found[max(0, n - 4) : n + 4]
        for other in nearby:
            if other.text in _PART_OF_DECADE:
                low, high = _PART_OF_DECADE[other.text]
                positions.add(other.position)
            if other.text in _HALF:
                for near in nearby:
                    if near.text in _HALVES:
                        low, high = _HALVES[near.text]
                        positions |= {other.position, near.position}
        return frozenset(range(start + low, start + high + 1)), frozenset(positions)
    return frozenset(), frozenset()
