"""What kind of thing a question asks: yes or no, a count, a check of what someone claims,
or someone before or after a person it names."""

from __future__ import annotations

from bot.core.text import Token, fold

_AUXILIARIES = frozenset(
    {"did", "was", "were", "is", "are", "does", "do", "has", "have", "had", "can", "could"}
    | {"didnt", "wasnt", "werent", "isnt", "arent", "doesnt", "dont", "hasnt", "havent"}
)
"""A clause that starts with one of these asks yes or no (English; the negative forms ask it
in a tag: "The third HLSCC took place in 2017, didn't it?")."""
_PARTICLES = frozenset({"mi", "mu", "ли", "ма", "ме", "ба", "бе", "па", "пе"})
"""Question particles (folded): Turkish mı/mi/mu/mü, Russian ли, Kazakh ма/ме/ба/бе/па/пе."""
_CHECKS = frozenset({"true", "correct", "right", "wrong", "верно", "правда", "правильно"})
"""Words that check what was said, in the clause that asks ("True?", "That doesn't sound
right to me?", "Верно?")."""
_CLAIMS = frozenset(
    map(
        fold,
        {"says", "said", "say", "claims", "claimed", "insists", "insisted", "swears", "thinks"}
        | {"told", "wrote", "reckons", "söylüyor", "söyledi", "iddia", "diyor", "dedi"}
        | {"говорит", "сказал", "утверждает", "считает", "уверяет", "писали", "айтады", "дейді"}
        | {"деді", "айтты"},
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


def claim(found: tuple[Token, ...]) -> bool:
    """Whether someone claims something beside the sentence that asks when ("my neighbour
    insists it was 1995. When did the embassy open?")."""
    return any(token.text in _CLAIMS and not token.in_question for token in found) and any(
        token.text in _WHEN and token.in_question for token in found
    )


def reported(found: tuple[Token, ...]) -> bool:
    """Whether the question reports what someone says ("my grandfather says ...", "a site
    wrote ...")."""
    return any(token.text in _CLAIMS for token in found)


_BEFORE_NAME = {
    **dict.fromkeys(map(fold, ("before", "prior", "до", "перед")), "before"),
    **dict.fromkeys(map(fold, ("after", "после")), "after"),
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


def before_or_after(
    found: tuple[Token, ...], people: set[int]
) -> tuple[str | None, frozenset[int]]:
    """`before` or `after` the person named, and where the question says so."""
    for token in found:
        at, text = token.position, token.text
        name_after = at + 1 in people
        name_before = at - 1 in people
        side = (
            (_BEFORE_NAME.get(text) if name_after else None)
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
