"""YAML files as nodes that keep their positions, and typed reads that report DataErrors."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from pathlib import Path
from re import Pattern
from typing import ClassVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.core.errors import DataError, Origin

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # PyYAML built without libyaml: the pure-Python loader is ~10x slower
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # same interface

_TAG = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR, TIMESTAMP, SEQ, MAP = (
    _TAG + name for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")
)
_KINDS = {
    NULL: "null",
    BOOL: "true/false",
    INT: "a number",
    FLOAT: "a number",
    TIMESTAMP: "a date",
}


class _PackLoader(_BaseLoader):
    """Our own loader class, so nothing we do ever touches `yaml.SafeLoader` itself.

    It only composes nodes (not Python objects), which keeps the line and column of every
    key and value and lets the reader below see duplicate keys that PyYAML's constructor
    would silently collapse into the last one.
    """

    _implicit: ClassVar[dict[str | None, list[tuple[str, Pattern[str]]]]] = dict(
        _BaseLoader.yaml_implicit_resolvers
    )
    _wildcard: ClassVar[tuple[tuple[str, Pattern[str]], ...]] = tuple(_implicit.get(None, ()))

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The same tags as PyYAML's resolver (YAML 1.1), without its per-node overhead.

        PyYAML's version also consults path resolvers, which safe loaders never have; it
        runs for every node and took a sixth of the time to load a big pack.
        """
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in self._implicit.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
                for tag, pattern in self._wildcard:
                    if pattern.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP


def compose(path: Path, shown: str) -> tuple[Node | None, DataError | None]:
    """The root node of one YAML file (None when empty), or the error that stops reading it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, DataError(shown, 1, 1, f"cannot read the file: {exc.strerror}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - data.rfind(b"\n", 0, exc.start)
        return None, DataError(shown, line, col, "not valid UTF-8; save the file as UTF-8")
    try:
        return yaml.compose(text, Loader=_PackLoader), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, DataError(shown, line, col, f"YAML syntax error: {problem}{context}")
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - text.rfind("\n", 0, exc.position)
        return None, DataError(shown, line, col, f"YAML syntax error: {exc.reason}")


def plain(node: Node) -> str | None:
    """The text of a non-empty, non-null scalar, else None (reports nothing; the fast path)."""
    if node.__class__ is ScalarNode and node.tag != NULL:
        text = str(node.value).strip()
        return text or None
    return None


def kind(node: Node) -> str:
    """How a node reads to a curator: `text`, `a number`, `a list`, ..."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return _KINDS.get(node.tag, "text")


class Reader:
    """Typed reads from the nodes of one file; every problem becomes a DataError."""

    def __init__(self, shown: str) -> None:
        self.path = shown
        self.errors: list[DataError] = []

    def origin(self, node: Node) -> Origin:
        """The 1-based position of a node (PyYAML counts from 0)."""
        mark = node.start_mark
        return Origin(self.path, mark.line + 1, mark.column + 1)

    def error(self, node: Node, message: str) -> None:
        """Record a problem at `node`."""
        mark = node.start_mark
        self.errors.append(DataError(self.path, mark.line + 1, mark.column + 1, message))

    def wrong(self, node: Node, what: str, expected: str) -> None:
        """Record that `what` has the wrong type."""
        self.error(node, f"{what} must be {expected}, not {kind(node)}")

    def entries(self, node: Node, what: str) -> list[tuple[ScalarNode, Node]] | None:
        """A mapping's (key, value) pairs in order; reports duplicate and non-name keys."""
        if not isinstance(node, MappingNode):
            self.wrong(node, what, "a mapping")
            return None
        pairs: list[tuple[ScalarNode, Node]] = []
        seen: dict[str, ScalarNode] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL:
                self.error(key_node, f"{what}: keys must be names, not {kind(key_node)}")
                continue
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(key_node, f"{what}: duplicate key '{key}' (first on line {first})")
                continue
            seen[key] = key_node
            pairs.append((key_node, value))
        return pairs

    def fields(
        self,
        node: Node,
        what: str,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> dict[str, Node] | None:
        """A mapping's values by key; reports duplicate, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.wrong(node, what, "a mapping")
            return None
        found: dict[str, Node] = {}
        for key_node, value in node.value:
            key = key_node.value if key_node.__class__ is ScalarNode else None
            if key is None or key in found or key not in allowed:
                # Rare: let the general walk report exactly what is wrong.
                return self._slow_fields(node, what, allowed, required)
            found[key] = value
        for key in required:
            if key not in found:
                self.error(node, f"{what}: missing '{key}'")
        return found

    def _slow_fields(
        self, node: Node, what: str, allowed: Collection[str], required: Collection[str]
    ) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for key_node, value in self.entries(node, what) or ():
            key = key_node.value
            if key in allowed:
                found[key] = value
            else:
                self.error(key_node, f"{what}: unknown key '{key}'{_did_you_mean(key, allowed)}")
        for key in required:
            if key not in found:
                self.error(node, f"{what}: missing '{key}'")
        return found

    def items(self, node: Node, what: str) -> list[Node] | None:
        """The entries of a list."""
        if isinstance(node, SequenceNode):
            entries: list[Node] = node.value
            return entries
        self.wrong(node, what, "a list")
        return None

    def text(self, node: Node, what: str) -> str | None:
        """A non-empty string. Any scalar counts (`no` is Norwegian, not false)."""
        value = plain(node)
        if value is not None:
            return value
        if not isinstance(node, ScalarNode) or node.tag == NULL:
            self.wrong(node, what, "text")
            return None
        value = str(node.value).strip()
        if not value:
            self.error(node, f"{what} is empty")
            return None
        return value

    def texts(self, node: Node, what: str) -> tuple[str, ...] | None:
        """A list of non-empty strings."""
        entries = self.items(node, what)
        if entries is None:
            return None
        found = [self.text(entry, f"{what} entry") for entry in entries]
        return tuple(value for value in found if value is not None)

    def flag(self, node: Node, what: str) -> bool | None:
        """A YAML boolean (true/false; YAML 1.1 also reads yes/no/on/off)."""
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.wrong(node, what, "true or false")
        return None

    def integer(self, node: Node, what: str) -> int | None:
        """A whole number written as a plain scalar."""
        if isinstance(node, ScalarNode) and node.tag == INT:
            value = yaml.constructor.SafeConstructor().construct_yaml_int(node)
            return int(value)
        self.wrong(node, what, "a whole number")
        return None

    def number(self, node: Node, what: str) -> int | float | None:
        """An integer or decimal number, kept as written (11 stays an int, 3.1 a float)."""
        if isinstance(node, ScalarNode) and node.tag == INT:
            return self.integer(node, what)
        if isinstance(node, ScalarNode) and node.tag == FLOAT:
            return float(yaml.constructor.SafeConstructor().construct_yaml_float(node))
        self.wrong(node, what, "a number")
        return None

    def date_text(self, node: Node, what: str) -> str | None:
        """The ISO text of a date, quoted or (as curators sometimes write it) unquoted."""
        if isinstance(node, ScalarNode) and node.tag in (STR, INT, TIMESTAMP):
            return str(node.value).strip()
        self.wrong(node, what, 'a quoted ISO date such as "2012-05-22"')
        return None


def _did_you_mean(key: str, allowed: Collection[str]) -> str:
    close = difflib.get_close_matches(key, list(allowed), n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (expected one of: {', '.join(sorted(allowed))})"
