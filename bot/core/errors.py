"""Typed errors the core raises: data problems with their file positions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Origin(NamedTuple):
    """Where something is written: a pack-relative path and a 1-based line and column."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True, order=True)
class DataError:
    """One problem in the knowledge pack, sortable by (path, line, col, message)."""

    path: str
    """Path relative to the parent of the pack folder, e.g. `knowledge/visits.yaml`."""
    line: int
    """1-based line."""
    col: int
    """1-based column."""
    message: str

    @classmethod
    def at(cls, origin: Origin, message: str) -> DataError:
        """A problem found at `origin`."""
        return cls(origin.path, origin.line, origin.col, message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class PackError(Exception):
    """The knowledge pack cannot be loaded; `errors` lists every problem, sorted."""

    def __init__(self, errors: tuple[DataError, ...]) -> None:
        self.errors = tuple(sorted(errors))
        count = len(self.errors)
        first = f": {self.errors[0]}" if self.errors else ""
        super().__init__(f"the knowledge pack has {count} problem(s){first}")
