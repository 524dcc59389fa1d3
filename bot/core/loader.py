"""YAML knowledge pack -> frozen KnowledgeBase, collecting every DataError with file:line:col."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from yaml.nodes import Node

from bot.core.bulk import bulk_allocation
from bot.core.errors import DataError, Origin, PackError
from bot.core.intentschema import NAMED_LISTS, PLAIN_LISTS, WordLists, read_intent
from bot.core.models import Fact, Intent, KnowledgeBase, Source
from bot.core.schema import Item, Ref, read_fact, read_source
from bot.core.yamlnodes import Reader, compose

SOURCES_FILE = "sources.yaml"
INTENT_SECTIONS = ("intents", *NAMED_LISTS, "ordinals", *PLAIN_LISTS)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PackReading:
    """The outcome of reading a pack: the knowledge base when valid, every error, positions."""

    kb: KnowledgeBase | None
    errors: list[DataError]
    origins: Mapping[str, Origin]
    """Where each item is defined: keys `source:<id>`, `fact:<id>`, `intent:<id>`."""
    examples: Mapping[tuple[str, str], Origin]
    """Where each example question is written, by (intent id, question)."""


@dataclass
class _Collected:
    """Everything read from the files so far (private to one read)."""

    errors: list[DataError] = field(default_factory=list)
    sources: list[Item[Source]] = field(default_factory=list)
    facts: list[Item[Fact]] = field(default_factory=list)
    intents: list[Item[Intent]] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    words: WordLists = field(default_factory=WordLists)
    examples: dict[tuple[str, str], Origin] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    """Kinds of names (fact, source, ...) some of which sit in a file that could not be read."""


def load_pack(knowledge_dir: Path, intents_dir: Path) -> KnowledgeBase:
    """Load the pack; raises PackError listing every problem, sorted."""
    kb, errors = validate_pack(knowledge_dir, intents_dir)
    if kb is None:
        raise PackError(tuple(errors))
    return kb


def validate_pack(
    knowledge_dir: Path, intents_dir: Path
) -> tuple[KnowledgeBase | None, list[DataError]]:
    """The knowledge base (None if anything is wrong) and every problem, sorted."""
    reading = read_pack(knowledge_dir, intents_dir)
    return reading.kb, reading.errors


def read_pack(knowledge_dir: Path, intents_dir: Path) -> PackReading:
    """Read and cross-check both folders; the knowledge base only when there is no error."""
    with bulk_allocation():
        return _read_pack(knowledge_dir, intents_dir)


def _read_pack(knowledge_dir: Path, intents_dir: Path) -> PackReading:
    seen = _Collected()
    _read_knowledge(knowledge_dir, seen)
    _read_intents(intents_dir, seen)
    origins: dict[str, Origin] = {}
    sources = _unique("source", seen.sources, origins, seen.errors)
    facts = _unique("fact", seen.facts, origins, seen.errors)
    intents = _unique("intent", seen.intents, origins, seen.errors)
    names: dict[str, Collection[str]] = {
        "source": sources,
        "fact": facts,
        "intent": intents,
        "person": seen.words.named["people"],
        "side": seen.words.named["sides"],
        "alias": seen.words.named["aliases"],
    }
    seen.errors.extend(_broken_refs(seen.refs, names, seen.unreadable))
    seen.errors.extend(_lonely_claims(seen.facts, origins))
    errors = sorted(set(seen.errors))
    kb = None
    if not errors:
        kb = KnowledgeBase(
            sources=MappingProxyType(_valid(sources)),
            facts=MappingProxyType(_valid(facts)),
            intents=MappingProxyType(_valid(intents)),
            lexicon=seen.words.lexicon(),
        )
    return PackReading(kb, errors, MappingProxyType(origins), MappingProxyType(seen.examples))


def _yaml_files(folder: Path, seen: _Collected) -> list[tuple[Path, str]]:
    """The folder's `*.yaml` files in name order, each with its pack-relative path."""
    name = folder.resolve().name
    if not folder.is_dir():
        seen.errors.append(DataError(name, 1, 1, f"folder not found: {folder}"))
        seen.unreadable.update(("source", "fact", "intent", "alias", "person"))
        return []
    files = []
    for path in sorted(folder.iterdir()):
        shown = f"{name}/{path.name}"
        if path.suffix == ".yml":
            seen.errors.append(DataError(shown, 1, 1, "rename to .yaml; .yml files are not read"))
        elif path.suffix == ".yaml" and path.is_file():
            files.append((path, shown))
    return files


def _root(
    path: Path, shown: str, allowed: tuple[str, ...], required: tuple[str, ...], seen: _Collected
) -> tuple[Reader, dict[str, Node]] | None:
    """Compose one file and check its top-level keys; None when nothing more can be read."""
    node, error = compose(path, shown)
    if error is not None:
        seen.errors.append(error)
        # Names the file defines are unknown now; reporting every use of them is just noise.
        if "intents" in allowed:
            seen.unreadable.update(("intent", "alias", "person"))
        else:
            seen.unreadable.add("source" if "sources" in allowed else "fact")
        return None
    if node is None:
        expected = f"'{allowed[0]}:'" if required else "word lists or 'intents:'"
        seen.errors.append(DataError(shown, 1, 1, f"file is empty; expected {expected}"))
        return None
    reader = Reader(shown)
    return reader, reader.fields(node, "file", allowed, required) or {}


def _read_knowledge(folder: Path, seen: _Collected) -> None:
    files = _yaml_files(folder, seen)
    if folder.is_dir() and not any(path.name == SOURCES_FILE for path, _ in files):
        shown = f"{folder.resolve().name}/{SOURCES_FILE}"
        seen.errors.append(DataError(shown, 1, 1, "file not found; it must list the sources:"))
    for path, shown in files:
        is_sources = path.name == SOURCES_FILE
        section = "sources" if is_sources else "facts"
        opened = _root(path, shown, (section,), (section,), seen)
        if opened is None:
            continue
        reader, root = opened
        for index, entry in enumerate(_entries(reader, root.get(section), section), 1):
            if is_sources:
                seen.sources.append(read_source(reader, entry, index))
            else:
                seen.facts.append(read_fact(reader, entry, index, path.stem, seen.refs))
        seen.errors.extend(reader.errors)


def _read_intents(folder: Path, seen: _Collected) -> None:
    for path, shown in _yaml_files(folder, seen):
        opened = _root(path, shown, INTENT_SECTIONS, (), seen)
        if opened is None:
            continue
        reader, root = opened
        for section, node in root.items():
            if section != "intents":
                seen.words.read(reader, section, node, seen.refs)
                continue
            for index, entry in enumerate(_entries(reader, node, section), 1):
                seen.intents.append(read_intent(reader, entry, index, seen.refs, seen.examples))
        seen.errors.extend(reader.errors)


def _entries(reader: Reader, node: Node | None, section: str) -> list[Node]:
    return [] if node is None else reader.items(node, f"'{section}'") or []


def _unique(
    kind: str, items: list[Item[T]], origins: dict[str, Origin], errors: list[DataError]
) -> dict[str, Item[T]]:
    """Items by id; a second item with the same id (in any file) is an error."""
    found: dict[str, Item[T]] = {}
    for item in items:
        if item.id is None:
            continue
        first = found.setdefault(item.id, item)
        if first is item:
            origins[f"{kind}:{item.id}"] = item.origin
        else:
            message = f"{kind} '{item.id}': duplicate id (first defined at {first.origin})"
            errors.append(DataError.at(item.origin, message))
    return found


def _valid(items: dict[str, Item[T]]) -> dict[str, T]:
    return {ident: item.draft for ident, item in items.items() if item.valid}


def _broken_refs(
    refs: list[Ref], names: Mapping[str, Collection[str]], unreadable: set[str]
) -> list[DataError]:
    errors = []
    for ref in refs:
        known = names[ref.kind]
        if ref.name in known or ref.kind in unreadable:
            continue
        close = difflib.get_close_matches(ref.name, list(known), n=1)
        sigil = "$" if ref.kind == "alias" else ""
        errors.append(ref.error(f" (did you mean '{sigil}{close[0]}'?)" if close else ref.advice))
    return errors


def _lonely_claims(facts: list[Item[Fact]], origins: Mapping[str, Origin]) -> list[DataError]:
    """A disputed `-claim` fact is only ever shown next to a fact it conflicts with."""
    linked = {
        name
        for item in facts
        if item.draft.conflicts_with
        for name in (item.draft.id, *(conflict.fact for conflict in item.draft.conflicts_with))
    }
    return [
        DataError.at(
            item.origin,
            f"fact '{item.id}': a '-claim' fact is never shown alone; "
            "link it to the fact it disputes with conflicts_with",
        )
        for item in facts
        if item.id and item.id.endswith("-claim") and item.id not in linked
        if origins.get(f"fact:{item.id}") == item.origin
    ]
