"""The schema of sources, facts and intents: YAML nodes in, frozen models and references out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Generic, Literal, NamedTuple, TypeVar
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.dates import parse_when
from bot.core.errors import DataError, Origin
from bot.core.models import LANGUAGES, Conflict, Fact, Figure, Source, When
from bot.core.yamlnodes import NULL, Reader, plain

MAX_ANSWER = 3000
"""Longest answer: with its date and source line it must fit one 4096-character message."""

KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

SOURCE_KEYS = ("id", "publisher", "title", "url", "published", "published_estimate", "language")
FACT_KEYS = (
    "id", "topic", "answer", "date", "as_of", "about", "sources", "figures", "conflicts_with",
    "note", "people", "places", "organisations", "ordinal", "see_also", "direction",
)  # fmt: skip
_NON_EMPTY = frozenset({"sources", "facts", "keywords"})

T = TypeVar("T")
RefKind = Literal["source", "fact", "person", "alias", "intent", "side"]


class Ref(NamedTuple):
    """A name an item uses that another item must define, and what to report if none does."""

    kind: RefKind
    name: str
    where: Node
    path: str
    message: str
    advice: str = ""
    """Appended to the message when no defined name is close enough to suggest."""

    def error(self, hint: str) -> DataError:
        """The problem to report when nothing defines the name."""
        mark = self.where.start_mark
        return DataError(self.path, mark.line + 1, mark.column + 1, self.message + hint)


@dataclass(frozen=True, slots=True)
class Item(Generic[T]):
    """One source, fact or intent as read: id, position, and the model (valid or a draft)."""

    id: str | None
    origin: Origin
    draft: T
    """The model as far as it could be read; unreadable fields are empty."""
    valid: bool


class Record:
    """The fields of one mapping, read in the reader's terms with a message prefix."""

    def __init__(self, reader: Reader, node: Node, what: str, keys: tuple[str, ...]) -> None:
        self.reader, self.node, self.what = reader, node, what
        fields = reader.fields(node, what, keys)
        self.is_mapping = fields is not None
        self.fields = fields or {}

    def label(self, key: str) -> str:
        """How messages name a field: `fact 'x': 'sources'`."""
        return f"{self.what}: '{key}'"

    def text(self, key: str) -> str | None:
        """A text field, or None when absent or wrong (reported)."""
        node = self.fields.get(key)
        if node is None:
            return None
        return plain(node) or self.reader.text(node, self.label(key))

    def read(self, key: str, read: Callable[[Node, str], T | None]) -> T | None:
        """A field read with one of the reader's typed reads; None when absent or wrong."""
        node = self.fields.get(key)
        return None if node is None else read(node, self.label(key))

    def ref(self, kind: RefKind, node: Node, name: str, message: str, advice: str = "") -> Ref:
        """A reference from this record to a name defined elsewhere."""
        return Ref(kind, name, node, self.reader.path, message, advice)

    def entries(self, key: str) -> list[Node]:
        """The entries of a list field (none when absent or not a list); reports an empty list."""
        node = self.fields.get(key)
        if node is None:
            return []
        if node.__class__ is SequenceNode and node.value:
            found: list[Node] = node.value
            return found
        entries = self.reader.items(node, self.label(key))
        if entries == [] and key in _NON_EMPTY:
            self.reader.error(node, f"{self.what}: {key} is empty")
        return entries or []

    def names(self, key: str) -> list[tuple[str, Node]]:
        """Each non-empty string of a list field, with its node."""
        found = []
        for entry in self.entries(key):
            text = plain(entry) or self.reader.text(entry, f"{self.label(key)} entry")
            if text is not None:
                found.append((text, entry))
        return found

    def ident(self) -> str | None:
        """The `id` field, checked to be kebab-case."""
        ident = self.text("id")
        if ident is not None and not KEBAB.fullmatch(ident):
            self.reader.error(
                self.fields["id"],
                f"{self.what}: id '{ident}' is not kebab-case "
                "(lowercase letters and digits joined by single hyphens, e.g. 'trade-2012')",
            )
        return ident

    def when(self, key: str) -> When | None:
        """A date field parsed into a When; None when absent or invalid (reported)."""
        text = self.read(key, self.reader.date_text)
        if text is None:
            return None
        try:
            return parse_when(text)
        except ValueError as exc:
            self.reader.error(self.fields[key], f"{self.what}: {key} {exc}")
            return None

    def require(self, *keys: str) -> None:
        """Report each of `keys` the mapping lacks."""
        for key in keys:
            if self.is_mapping and key not in self.fields:
                self.reader.error(self.node, f"{self.what}: missing '{key}'")


def label_of(node: Node, noun: str, index: int) -> str:
    """`fact 'trade-2012'` when the id is readable, else `fact #3` (1-based)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            is_id = key.value == "id" and isinstance(value, ScalarNode) and value.tag != NULL
            if is_id and value.value.strip():
                return f"{noun} '{value.value.strip()}'"
    return f"{noun} #{index}"


def read_source(reader: Reader, node: Node, index: int) -> Item[Source]:
    """One entry of `sources:`."""
    before = len(reader.errors)
    record = Record(reader, node, label_of(node, "source", index), SOURCE_KEYS)
    record.require(*SOURCE_KEYS)
    what = record.what
    ident = record.ident()
    url = record.text("url")
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
            reader.error(record.fields["url"], f"{what}: url '{url}' is not an http(s) address")
    published: When | None = None
    published_node = record.fields.get("published")
    if published_node is not None and published_node.tag != NULL:
        # An interval is allowed: an undated page is often only known to be from a span.
        published = record.when("published")
    language = record.text("language")
    if language is not None and not _LANGUAGE_CODE.fullmatch(language):
        reader.error(
            record.fields["language"],
            f"{what}: language '{language}' is not an ISO 639 code such as 'en' or 'tr'",
        )
    source = Source(
        id=ident or "",
        publisher=record.text("publisher") or "",
        title=record.text("title") or "",
        url=url or "",
        published=published,
        published_estimate=bool(record.read("published_estimate", reader.flag)),
        language=language or "",
    )
    return Item(ident, reader.origin(node), source, len(reader.errors) == before)


def read_fact(reader: Reader, node: Node, index: int, topic: str, refs: list[Ref]) -> Item[Fact]:
    """One entry of `facts:` in `knowledge/<topic>.yaml`; its references go to `refs`."""
    before = len(reader.errors)
    record = Record(reader, node, label_of(node, "fact", index), FACT_KEYS)
    record.require("id", "topic", "answer", "sources")
    what = record.what
    ident = record.ident()
    written_topic = record.text("topic")
    if written_topic is not None and written_topic != topic:
        reader.error(
            record.fields["topic"],
            f"{what}: topic '{written_topic}' differs from the file name '{topic}.yaml'",
        )
    answer_node = record.fields.get("answer")
    answer = {} if answer_node is None else _answers(reader, answer_node, what)
    date = record.when("date")
    as_of, undated = _as_of(record)
    if record.is_mapping and "date" not in record.fields and "as_of" not in record.fields:
        reader.error(
            node, f"{what}: missing 'date' or 'as_of' (as_of: undated if the source has no time)"
        )
    if undated and "date" in record.fields:
        reader.error(record.fields["as_of"], f"{what}: as_of is undated but the fact has a date")
    sources = _sources(record, refs)
    fact = Fact(
        id=ident or "",
        topic=topic,
        answer=MappingProxyType({lang: answer[lang] for lang in LANGUAGES if lang in answer}),
        sources=sources,
        date=date,
        as_of=as_of,
        undated=undated,
        about=record.when("about"),
        figures=_figures(record),
        conflicts_with=_conflicts(record, ident, refs),
        note=record.text("note"),
        people=_people(record, refs),
        places=record.read("places", reader.texts) or (),
        organisations=record.read("organisations", reader.texts) or (),
        ordinal=_ordinal(record),
        see_also=_fact_refs(record, "see_also", refs),
        direction=_direction(record),
    )
    return Item(ident, reader.origin(node), fact, len(reader.errors) == before)


def _answers(reader: Reader, node: Node, what: str) -> dict[str, str]:
    fields = reader.fields(node, f"{what}: answer", LANGUAGES)
    if fields is None:
        return {}
    answers = {}
    for language, value in fields.items():
        label = f"{what}: answer '{language}'"
        if isinstance(value, ScalarNode) and (value.tag == NULL or not value.value.strip()):
            reader.error(value, f"{label} is empty")
            continue
        text = reader.text(value, label)
        if text is None:
            continue
        if len(text) > MAX_ANSWER:
            reader.error(
                value,
                f"{label} has {len(text)} characters; keep it within {MAX_ANSWER} so it fits "
                "one Telegram message with its date and source",
            )
        answers[language] = text
    for language in LANGUAGES:
        if language not in fields:
            required = " (English is required)" if language == "en" else ""
            reader.error(node, f"{what}: answer is missing '{language}'{required}")
    return answers


def _as_of(record: Record) -> tuple[When | None, bool]:
    node = record.fields.get("as_of")
    if isinstance(node, ScalarNode) and node.value.strip() == "undated":
        return None, True
    return record.when("as_of"), False


def _sources(record: Record, refs: list[Ref]) -> tuple[str, ...]:
    names = record.names("sources")
    seen: set[str] = set()
    for name, node in names:
        if name in seen:
            record.reader.error(node, f"{record.what}: lists source '{name}' twice")
        seen.add(name)
        message = f"{record.what}: unknown source '{name}'"
        refs.append(record.ref("source", node, name, message, " (add it to sources.yaml)"))
    return tuple(name for name, _ in names)


def _figures(record: Record) -> tuple[Figure, ...]:
    reader, figures = record.reader, []
    for number, entry in enumerate(record.entries("figures"), 1):
        figure = Record(
            reader, entry, f"{record.what}: figure {number}", ("value", "unit", "label")
        )
        figure.require("value", "unit")
        value, unit = figure.read("value", reader.number), figure.text("unit")
        if value is not None and unit is not None:
            figures.append(Figure(value, unit, figure.text("label")))
    return tuple(figures)


def _conflicts(record: Record, ident: str | None, refs: list[Ref]) -> tuple[Conflict, ...]:
    reader, conflicts = record.reader, []
    for number, entry in enumerate(record.entries("conflicts_with"), 1):
        conflict = Record(reader, entry, f"{record.what}: conflict {number}", ("fact", "note"))
        conflict.require("fact")
        other = conflict.text("fact")
        if other is None:
            continue
        where = conflict.fields["fact"]
        if other == ident:
            reader.error(where, f"{record.what}: conflicts_with names the fact itself")
        message = f"{record.what}: conflicts_with names unknown fact '{other}'"
        refs.append(record.ref("fact", where, other, message))
        conflicts.append(Conflict(other, conflict.text("note")))
    return tuple(conflicts)


def _people(record: Record, refs: list[Ref]) -> tuple[str, ...]:
    names = record.names("people")
    for name, node in names:
        message = f"{record.what}: unknown person '{name}'"
        advice = " (add it to people: in an intents file)"
        refs.append(record.ref("person", node, name, message, advice))
    return tuple(name for name, _ in names)


def _fact_refs(record: Record, key: str, refs: list[Ref]) -> tuple[str, ...]:
    names = record.names(key)
    for name, node in names:
        message = f"{record.what}: {key} names unknown fact '{name}'"
        refs.append(record.ref("fact", node, name, message))
    return tuple(name for name, _ in names)


_DIRECTION = re.compile(r"([a-z]+)>([a-z]+)")


def _direction(record: Record) -> tuple[str, str] | None:
    written = record.text("direction")
    if written is None:
        return None
    match = _DIRECTION.fullmatch(written.strip())
    if match is None or match.group(1) == match.group(2):
        record.reader.error(
            record.fields["direction"],
            f"{record.what}: direction '{written}' must name two sides as 'from>to', e.g. tr>kz",
        )
        return None
    return match.group(1), match.group(2)


def _ordinal(record: Record) -> int | None:
    ordinal = record.read("ordinal", record.reader.integer)
    if ordinal is not None and ordinal < 1:
        record.reader.error(record.fields["ordinal"], f"{record.what}: ordinal must be 1 or more")
    return ordinal
