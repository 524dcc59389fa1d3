"""Reply -> Telegram HTML messages or terminal text (pure; no telegram import)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.answers import featured_examples
from bot.core.dates import fact_date_text, render_published
from bot.core.messages import message
from bot.core.models import Fact, KnowledgeBase, Reply, Source, Suggestion

MAX_MESSAGE = 4096
"""Telegram's limit on one message's text; we apply it to the raw HTML (UTF-16 units), which
is stricter than Telegram's count after entity parsing."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+\Z")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style: plain, bold, italic, or a link."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


Line = tuple[Span, ...]
Block = tuple[Line, ...]
"""A paragraph: lines joined by a newline; paragraphs are separated by a blank line."""


def to_html(reply: Reply, kb: KnowledgeBase) -> list[str]:
    """The reply as one or more Telegram HTML messages, each at most 4096 characters."""
    return html_messages(reply_blocks(reply, kb))


def to_text(reply: Reply, kb: KnowledgeBase) -> str:
    """The reply as plain text for a terminal, links written out as URLs."""
    return plain_text(reply_blocks(reply, kb))


# to_json(reply, kb) lives here too (written separately).


def reply_blocks(reply: Reply, kb: KnowledgeBase) -> list[Block]:
    """The paragraphs of a reply, before any markup."""
    language = reply.language
    if reply.status == "smalltalk":
        kind = reply.smalltalk or "help"
        kind = kind if kind in ("greeting", "thanks", "bye") else "help"
        return [paragraph(message(kind, language))]
    if reply.status == "answered":
        listed = [fact for fact in reply.facts if not fact.disputed or _has_partner(fact, reply)]
        if len(listed) > 1:
            return _list_card(reply, listed, kb)
        main = reply.fact or (listed[0] if listed else None)
        if main is not None:
            arranged = _arrange(main, reply.conflicts, kb)
            if arranged is not None:
                return _card(reply.understood, arranged[0], arranged[1], kb, language)
    if reply.status == "suggest" and reply.suggestions:
        return [paragraph(message("did_you_mean", language)), numbered(reply.suggestions)]
    examples = list(reply.suggestions) or featured_examples(kb, language)
    blocks = [paragraph(message("unknown", language))]
    if examples:
        blocks.append(numbered(examples))
    return blocks


def _has_partner(claim: Fact, reply: Reply) -> bool:
    return any(other is not claim and _related(claim, other) for other in reply.facts)


def _related(claim: Fact, other: Fact) -> bool:
    return not other.disputed and (
        any(c.fact == claim.id for c in other.conflicts_with)
        or any(c.fact == other.id for c in claim.conflicts_with)
    )


def _arrange(
    main: Fact, conflicts: Sequence[Fact], kb: KnowledgeBase
) -> tuple[Fact, list[Fact]] | None:
    """The fact to lead with and the dissenting facts; a disputed claim never leads alone."""
    others = [fact for fact in conflicts if fact.id != main.id]
    if not others:
        others = [kb.facts[c.fact] for c in main.conflicts_with if c.fact in kb.facts]
    if not main.disputed:
        return main, others
    partners = [fact for fact in others if not fact.disputed]
    partners += [fact for fact in kb.facts.values() if _related(main, fact)]
    if not partners:
        return None
    lead = partners[0]
    return lead, [main, *(fact for fact in others if fact.id != lead.id)]


def _card(
    understood: str | None,
    main: Fact,
    others: Sequence[Fact],
    kb: KnowledgeBase,
    language: str,
) -> list[Block]:
    blocks: list[Block] = []
    if understood:
        blocks.append(((Span(understood, italic=True),),))
    blocks.append(fact_block(main, kb, language))
    for other in others:
        heading: Line = (Span(message("disagree", language), bold=True),)
        blocks.append((heading, *fact_block(other, kb, language)))
    return blocks


def fact_block(fact: Fact, kb: KnowledgeBase, language: str) -> Block:
    """A fact's answer, its date and its sources, one line each."""
    lines: list[Line] = [(Span(fact.text(language)),)]
    lines.append(_labelled("date", fact_date_text(fact, language), language))
    sources = [kb.sources[sid] for sid in fact.sources if sid in kb.sources]
    for index, source in enumerate(sources):
        label = "source" if index == 0 else "also"
        lines.append(
            (Span(message(label, language) + ": ", bold=True), *source_spans(source, language))
        )
    return tuple(lines)


def source_spans(source: Source, language: str) -> Line:
    """`Publisher, <linked title>, published DATE` as spans (the date when known)."""
    spans = [Span(f"{source.publisher}, "), Span(source.title, url=source.url)]
    published = render_published(source, language)
    if published:
        spans.append(Span(f", {published}"))
    return tuple(spans)


def _labelled(key: str, value: str, language: str) -> Line:
    return (Span(message(key, language) + ": ", bold=True), Span(value))


def _list_card(reply: Reply, facts: Sequence[Fact], kb: KnowledgeBase) -> list[Block]:
    language = reply.language
    blocks: list[Block] = []
    if reply.understood:
        blocks.append(((Span(reply.understood, italic=True),),))
    lines: list[Line] = []
    for fact in facts:
        date = fact_date_text(fact, language)
        if fact.disputed:
            date += f" ({message('disputed', language)})"
        lines.append((Span("• "), Span(date, bold=True), Span(": " + fact.text(language))))
    blocks.append(tuple(lines))
    seen: list[str] = []
    for fact in facts:
        if fact.sources and fact.sources[0] in kb.sources and fact.sources[0] not in seen:
            seen.append(fact.sources[0])
    heading: Line = (Span(message("sources_label", language) + ":", bold=True),)
    source_lines = [source_spans(kb.sources[sid], language) for sid in seen]
    blocks.append((heading, *source_lines))
    return blocks


def paragraph(text: str) -> Block:
    """Plain text as a block, one line per text line."""
    return tuple((Span(line),) for line in text.split("\n"))


def numbered(items: Iterable[Suggestion]) -> Block:
    """Questions as a numbered list."""
    return tuple((Span(f"{number}. {item.question}"),) for number, item in enumerate(items, 1))


def clean(text: str) -> str:
    """Text without control characters or lone surrogates (Telegram rejects both)."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", text)


def span_html(span: Span) -> str:
    """One span as escaped Telegram HTML."""
    body = html.escape(clean(span.text), quote=False)
    if span.url is not None:
        if _SAFE_URL.match(span.url):
            body = f'<a href="{html.escape(span.url, quote=True)}">{body}</a>'
        else:
            body += html.escape(f" ({clean(span.url)})", quote=False)
    if span.italic:
        body = f"<i>{body}</i>"
    if span.bold:
        body = f"<b>{body}</b>"
    return body


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def html_messages(blocks: Sequence[Block], limit: int = MAX_MESSAGE) -> list[str]:
    """Blocks as HTML messages of at most `limit`, split between paragraphs, then lines."""
    out: list[str] = []
    current = ""

    def add(piece: str, separator: str) -> None:
        nonlocal current
        if current and utf16_len(current) + utf16_len(separator + piece) <= limit:
            current += separator + piece
            return
        if current:
            out.append(current)
        current = piece

    for block in blocks:
        lines = [_line_html(line) for line in block]
        whole = "\n".join(lines)
        if utf16_len(whole) <= limit:
            add(whole, "\n\n")
            continue
        separator = "\n\n"
        for line in block:
            for piece in _fit(line, limit):
                add(_line_html(piece), separator)
                separator = "\n"
    if current:
        out.append(current)
    return [text for text in out if text.strip()] or [html.escape(message("error", "en"))]


def plain_text(blocks: Sequence[Block]) -> str:
    """Blocks as plain text: links become `title <url>`."""
    paragraphs = []
    for block in blocks:
        lines = ["".join(_span_text(span) for span in line) for line in block]
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _span_text(span: Span) -> str:
    text = clean(span.text)
    return f"{text} <{clean(span.url)}>" if span.url else text


def _line_html(line: Line) -> str:
    return "".join(span_html(span) for span in line)


def _fit(line: Line, limit: int) -> list[Line]:
    """A line cut into lines that each render within `limit` (only for oversized lines)."""
    if utf16_len(_line_html(line)) <= limit:
        return [line]
    pieces: list[Line] = []
    current: list[Span] = []
    for span in line:
        for part in _cut(span, limit):
            if current and utf16_len(_line_html((*current, part))) > limit:
                pieces.append(tuple(current))
                current = []
            current.append(part)
    if current:
        pieces.append(tuple(current))
    return pieces


def _cut(span: Span, limit: int) -> list[Span]:
    """A span cut at spaces into spans that each render within `limit`."""
    if span.url is not None and utf16_len(span.url) > limit // 4:
        plain = Span(span.text, span.bold, span.italic)
        return [*_cut(plain, limit), *_cut(Span(f" ({span.url})"), limit)]
    overhead = utf16_len(span_html(Span("", span.bold, span.italic, span.url)))
    budget = max(limit - overhead - 8, 16)
    parts: list[Span] = []
    chunk: list[str] = []
    size = 0
    for char in clean(span.text):
        cost = utf16_len(html.escape(char, quote=False))
        if size + cost > budget:
            text = "".join(chunk)
            cut = text.rfind(" ")
            keep, rest = (text[:cut], text[cut + 1 :]) if cut > budget // 2 else (text, "")
            parts.append(Span(keep, span.bold, span.italic, span.url))
            chunk = list(rest)
            size = sum(utf16_len(html.escape(c, quote=False)) for c in chunk)
        chunk.append(char)
        size += cost
    parts.append(Span("".join(chunk), span.bold, span.italic, span.url))
    return parts
