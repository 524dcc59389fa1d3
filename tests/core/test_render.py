"""Rendering: valid Telegram HTML within 4096 characters, whatever the data; nothing lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.models import Conflict, Fact, Intent, KnowledgeBase, Reply, Source, Suggestion, When
from bot.core.render import MAX_MESSAGE, html_messages, paragraph, to_html, to_text
from tests.fakes.telegram_html import html_problems, visible_text

ANY_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), min_size=0, max_size=300
)
"""Every code point, lone surrogates and control characters included."""


def _source(
    source_id: str, publisher: str = "Ministry", url: str = "https://example.org/a"
) -> Source:
    return Source(
        source_id, publisher, f"Title of {source_id}", url, When((2020, None, None)), True, "en"
    )


def _fact(fact_id: str, text: str, *, source: str = "s1", **extra: object) -> Fact:
    return Fact(
        id=fact_id,
        topic="test",
        answer={"en": text, "tr": f"TR {text}"},
        sources=(source,),
        date=When((2009, 10, 22)),
        **extra,  # type: ignore[arg-type]
    )


def _kb(*facts: Fact, sources: tuple[Source, ...] = ()) -> KnowledgeBase:
    sources = sources or (_source("s1"), _source("s2", "Gazette"))
    examples = {"en": ("When was it signed?",)}
    intent = Intent("signed", tuple(f.id for f in facts), ((),), examples=examples)
    return KnowledgeBase(
        sources={s.id: s for s in sources},
        facts={f.id: f for f in facts},
        intents={"signed": intent},
    )


def _ok(messages: list[str]) -> None:
    assert messages
    for text in messages:
        assert html_problems(text) == [], text[:200]


def test_answer_card_has_answer_date_source_link() -> None:
    fact = _fact("p", "Signed in <Ankara> & sealed.")
    [html] = to_html(Reply("q", "answered", "en", fact=fact), _kb(fact))
    assert html.startswith("Signed in &lt;Ankara&gt; &amp; sealed.\n<b>Date: </b>22 October 2009")
    assert '<a href="https://example.org/a">Title of s1</a>' in html
    _ok([html])


def test_text_rendering_writes_urls_out() -> None:
    fact = _fact("p", "Signed.")
    text = to_text(Reply("q", "answered", "en", fact=fact), _kb(fact))
    assert "Source: Ministry, Title of s1 <https://example.org/a>, published about 2020" in text


def test_conflicting_source_is_shown_with_its_own_source() -> None:
    main = _fact("p", "Signed in 2009.", conflicts_with=(Conflict("p-claim"),))
    claim = _fact("p-claim", "Signed in 2019.", source="s2", conflicts_with=(Conflict("p"),))
    text = to_text(Reply("q", "answered", "en", fact=main, conflicts=(claim,)), _kb(main, claim))
    assert text.index("Signed in 2009.") < text.index("Another source says otherwise:")
    assert text.index("Another source says otherwise:") < text.index("Signed in 2019.")
    assert "Gazette" in text


def test_a_disputed_claim_never_leads_and_never_stands_alone() -> None:
    main = _fact("p", "Signed in 2009.", conflicts_with=(Conflict("p-claim"),))
    claim = _fact("p-claim", "Signed in 2019.", source="s2", conflicts_with=(Conflict("p"),))
    text = to_text(Reply("q", "answered", "en", fact=claim), _kb(main, claim))
    assert text.index("Signed in 2009.") < text.index("Signed in 2019.")
    orphan = _fact("q-claim", "A lonely claim.")
    alone = to_text(Reply("q", "answered", "en", fact=orphan), _kb(orphan))
    assert "lonely" not in alone and alone.startswith("I don't know that yet.")


def test_list_answer_shows_one_line_per_fact_with_date_and_sources() -> None:
    facts = [_fact(f"m{n}", f"Meeting number {n}.") for n in range(3)]
    claim = _fact("m9-claim", "Claimed meeting.")
    reply = Reply(
        "q", "answered", "en", fact=facts[0], facts=(*facts, claim), understood="Meetings"
    )
    text = to_text(reply, _kb(*facts, claim))
    lines = text.splitlines()
    assert lines[0] == "Meetings"
    assert lines[2:5] == [f"• 22 October 2009: Meeting number {n}." for n in range(3)]
    assert "Claimed" not in text and "Sources:" in text


def test_suggestions_and_unknown_reply() -> None:
    fact = _fact("p", "Signed.")
    kb = _kb(fact)
    suggest = Reply(
        "q", "suggest", "en", suggestions=(Suggestion("p", "When was it signed?", 50.0),)
    )
    assert to_text(suggest, kb) == "Did you mean:\n\n1. When was it signed?"
    unknown = to_text(Reply("q", "unknown", "tr"), kb)
    assert (
        unknown
        == "Bunu henüz bilmiyorum. Şu gibi soruları yanıtlayabilirim:\n\n1. When was it signed?"
    )


def test_unsafe_url_is_not_linked() -> None:
    fact = _fact("p", "Signed.")
    kb = _kb(fact, sources=(_source("s1", url='javascript:alert("x")'),))
    [html] = to_html(Reply("q", "answered", "en", fact=fact), kb)
    assert "<a " not in html and "javascript:alert(&quot;x&quot;)" not in html
    _ok([html])


def test_long_answer_is_split_between_paragraphs_and_loses_nothing() -> None:
    words = " ".join(f"w{n}&<" for n in range(3000))
    fact = _fact("p", words)
    messages = to_html(Reply("q", "answered", "en", fact=fact), _kb(fact))
    assert len(messages) > 1
    _ok(messages)
    seen = "".join("".join(visible_text(m).split()) for m in messages)
    assert "".join(words.split()) in seen


def test_paragraphs_are_kept_whole_when_they_fit() -> None:
    blocks = [paragraph("a" * 3000), paragraph("b" * 3000)]
    assert html_messages(blocks) == ["a" * 3000, "b" * 3000]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answer=ANY_TEXT,
    other=ANY_TEXT,
    publisher=ANY_TEXT,
    url=st.one_of(st.just("https://example.org/x?a=1&b=<2>"), ANY_TEXT),
    understood=st.one_of(st.none(), ANY_TEXT),
    question=ANY_TEXT,
    repeat=st.integers(min_value=1, max_value=60),
    status=st.sampled_from(["answered", "suggest", "unknown", "smalltalk"]),
)
def test_any_reply_renders_to_valid_telegram_html(
    answer: str,
    other: str,
    publisher: str,
    url: str,
    understood: str | None,
    question: str,
    repeat: int,
    status: str,
) -> None:
    main = _fact("p", (answer + " ") * repeat, conflicts_with=(Conflict("p-claim"),))
    claim = _fact("p-claim", other, source="s2")
    kb = _kb(main, claim, sources=(_source("s1", publisher, url), _source("s2", other, url)))
    reply = Reply(
        question,
        status,  # type: ignore[arg-type]
        "en",
        fact=main,
        facts=(main, claim) if repeat % 2 else (),
        conflicts=(claim,),
        suggestions=(Suggestion("p", question or "?", 50.0),),
        understood=understood,
        smalltalk="greeting",
    )
    messages = to_html(reply, kb)
    _ok(messages)
    assert all(len(m.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_MESSAGE for m in messages)
    to_text(reply, kb)
