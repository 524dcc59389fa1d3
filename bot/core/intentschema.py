"""The schema of intents/*.yaml: intents and the shared named word lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

from yaml.nodes import Node

from bot.core.errors import Origin
from bot.core.models import LANGUAGES, Default, Intent, Lexicon
from bot.core.schema import Item, Record, Ref, label_of
from bot.core.yamlnodes import Reader, plain

INTENT_KEYS = ("id", "facts", "default", "keywords", "boost", "exclude", "examples", "label")
_DEFAULTS = ", ".join(default.value for default in Default)

NAMED_LISTS = {
    "aliases": "alias",
    "people": "person",
    "smalltalk": "smalltalk kind",
    "sides": "side",
    "side_places": "places of side",
}
"""Sections of named word lists, and what one name is called in messages."""
PLAIN_LISTS = ("stopwords", "home_places", "featured", "unanswerable", "framing", "uncovered")


def read_intent(
    reader: Reader,
    node: Node,
    index: int,
    refs: list[Ref],
    examples: dict[tuple[str, str], Origin],
) -> Item[Intent]:
    """One entry of `intents:`; references go to `refs`, example positions to `examples`."""
    before = len(reader.errors)
    record = Record(reader, node, label_of(node, "intent", index), INTENT_KEYS)
    record.require("id", "facts", "keywords")
    what = record.what
    ident = record.ident()
    facts = record.names("facts")
    for name, where in facts:
        refs.append(record.ref("fact", where, name, f"{what}: unknown fact '{name}'"))
    default = Default.FIRST
    written = record.text("default")
    if written is not None:
        if written in {item.value for item in Default}:
            default = Default(written)
        else:
            message = f"{what}: default '{written}' is not one of {_DEFAULTS}"
            reader.error(record.fields["default"], message)
    intent = Intent(
        id=ident or "",
        facts=tuple(name for name, _ in facts),
        keywords=_keywords(record, refs),
        boost=_words(record, "boost", refs),
        exclude=_words(record, "exclude", refs),
        default=default,
        examples=_examples(record, ident or "", examples),
        label=_label(record),
    )
    return Item(ident, reader.origin(node), intent, len(reader.errors) == before)


def _alias_refs(record: Record, word: str, node: Node, refs: list[Ref]) -> None:
    if word.startswith("$"):
        message = f"{record.what}: unknown alias '{word}'"
        refs.append(record.ref("alias", node, word[1:], message, " (define it under aliases:)"))


def _keywords(record: Record, refs: list[Ref]) -> tuple[tuple[str, ...], ...]:
    reader, groups = record.reader, []
    for number, entry in enumerate(record.entries("keywords"), 1):
        label = f"{record.what}: keyword group {number}"
        words = reader.items(entry, label)
        if words == []:
            reader.error(entry, f"{label} is empty")
        group = []
        for word_node in words or ():
            word = plain(word_node) or reader.text(word_node, f"{label} entry")
            if word is not None:
                _alias_refs(record, word, word_node, refs)
                group.append(word)
        groups.append(tuple(group))
    return tuple(groups)


def _words(record: Record, key: str, refs: list[Ref]) -> tuple[str, ...]:
    names = record.names(key)
    for word, node in names:
        _alias_refs(record, word, node, refs)
    return tuple(word for word, _ in names)


def _examples(
    record: Record, ident: str, origins: dict[tuple[str, str], Origin]
) -> MappingProxyType[str, tuple[str, ...]]:
    reader, examples = record.reader, {}
    node = record.fields.get("examples")
    fields = {} if node is None else reader.fields(node, record.label("examples"), LANGUAGES) or {}
    for language in LANGUAGES:
        if language not in fields:
            continue
        label = f"{record.what}: examples '{language}'"
        found = []
        for entry in reader.items(fields[language], label) or ():
            text = plain(entry) or reader.text(entry, f"{label} entry")
            if text is not None:
                origins.setdefault((ident, text), reader.origin(entry))
                found.append(text)
        examples[language] = tuple(found)
    return MappingProxyType(examples)


def _label(record: Record) -> MappingProxyType[str, str]:
    node = record.fields.get("label")
    if node is None:
        return MappingProxyType({})
    reader = record.reader
    fields = reader.fields(node, record.label("label"), LANGUAGES) or {}
    found = {}
    for language, value in fields.items():
        text = reader.text(value, f"{record.what}: label '{language}'")
        if text is not None and text.strip():
            found[language] = text.strip()
        else:
            reader.error(value, f"{record.what}: label '{language}' is empty")
    return MappingProxyType(found)


@dataclass
class WordLists:
    """The word lists of every intents file, merged; a name defined twice is an error."""

    named: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=lambda: {section: {} for section in NAMED_LISTS}
    )
    ordinals: dict[int, tuple[str, ...]] = field(default_factory=dict)
    plain: dict[str, list[str]] = field(
        default_factory=lambda: {section: [] for section in PLAIN_LISTS}
    )
    defined: dict[tuple[str, str], Origin] = field(default_factory=dict)

    def lexicon(self) -> Lexicon:
        """The frozen lexicon of everything read."""
        return Lexicon(
            aliases=MappingProxyType(self.named["aliases"]),
            people=MappingProxyType(self.named["people"]),
            ordinals=MappingProxyType(self.ordinals),
            smalltalk=MappingProxyType(self.named["smalltalk"]),
            stopwords=tuple(dict.fromkeys(self.plain["stopwords"])),
            home_places=tuple(dict.fromkeys(self.plain["home_places"])),
            featured=tuple(dict.fromkeys(self.plain["featured"])),
            sides=MappingProxyType(self.named["sides"]),
            side_places=MappingProxyType(self.named["side_places"]),
            unanswerable=tuple(dict.fromkeys(self.plain["unanswerable"])),
            framing=tuple(dict.fromkeys(self.plain["framing"])),
            uncovered=tuple(dict.fromkeys(self.plain["uncovered"])),
        )

    def read(self, reader: Reader, section: str, node: Node, refs: list[Ref]) -> None:
        """Merge one section (`aliases:`, `ordinals:`, `stopwords:`, ...) of one file."""
        if section in PLAIN_LISTS:
            for entry in reader.items(node, f"'{section}'") or ():
                word = reader.text(entry, f"'{section}' entry")
                if word is None:
                    continue
                self.plain[section].append(word)
                if section == "featured":
                    message = f"featured: unknown intent '{word}'"
                    refs.append(Ref("intent", word, entry, reader.path, message))
                elif word.startswith("$"):
                    message = f"{section}: unknown alias '{word}'"
                    advice = " (define it under aliases:)"
                    refs.append(Ref("alias", word[1:], entry, reader.path, message, advice))
            return
        noun = NAMED_LISTS.get(section, "ordinal")
        for key_node, value in reader.entries(node, f"'{section}'") or ():
            name = key_node.value.strip()
            words = reader.texts(value, f"{noun} '{name}'")
            if words == ():
                reader.error(value, f"{noun} '{name}' has no words")
            number = int(name) if name.isascii() and name.isdigit() else 0
            if section == "ordinals" and number < 1:
                reader.error(key_node, f"ordinal '{name}' is not a whole number of 1 or more")
                continue
            where = reader.origin(key_node)
            first = self.defined.setdefault((section, str(number or name)), where)
            if first != where:
                reader.error(key_node, f"{noun} '{name}' is already defined at {first}")
            elif section == "ordinals":
                self.ordinals[number] = words or ()
            else:
                self.named[section][name] = words or ()
                if section == "side_places":
                    message = f"side_places: unknown side '{name}'"
                    advice = " (define it under sides:)"
                    refs.append(Ref("side", name, key_node, reader.path, message, advice))
