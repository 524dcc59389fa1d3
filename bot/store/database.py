"""The curators' database: unanswered questions, reply counters and feedback, in SQLite."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Literal

from bot.core.models import Reply
from bot.core.text import clean, fold
from bot.store.background import Background, Write
from bot.store.reports import Asked, Counts, FactFeedback, Group, Stats, group_questions
from bot.store.schema import SchemaTooNew, migrate

log = logging.getLogger(__name__)

DATABASE_NAME = "factbot.sqlite3"
"""The database file inside FACTBOT_DATA_DIR."""

ChatType = Literal["private", "group", "channel", "inline"]
_CHAT_TYPES: dict[str, ChatType] = {
    "private": "private",
    "group": "group",
    "supergroup": "group",
    "channel": "channel",
    "inline": "inline",
}
_TOP = 5
_VOTE = {
    True: "INSERT INTO feedback (day, fact_id, up) VALUES (?, ?, 1) "
    "ON CONFLICT (day, fact_id) DO UPDATE SET up = up + 1",
    False: "INSERT INTO feedback (day, fact_id, down) VALUES (?, ?, 1) "
    "ON CONFLICT (day, fact_id) DO UPDATE SET down = down + 1",
}
"""How many facts and unanswered questions /stats lists."""


class StoreError(Exception):
    """The database cannot be opened, read or written (locked, corrupt, full, unwritable)."""


@dataclass(frozen=True, slots=True)
class Retention:
    """How much the database keeps: rows younger than `max_age_days`, at most `max_rows`."""

    max_age_days: int = 180
    max_rows: int = 50_000
    """Unanswered questions kept; checked every `prune_every` records, so it may briefly be
    exceeded by fewer than `prune_every` rows."""
    prune_every: int = 100


def database_path(data_dir: Path) -> Path:
    """Where the database lives inside a data directory."""
    return data_dir / DATABASE_NAME


def normalised(question: str) -> str:
    """The question as stored: command and mentions removed, folded, spaces collapsed."""
    return " ".join(fold(clean(question)).split())


class Store:
    """The curators' database; every failure surfaces as StoreError, for callers to log.

    Only recording prunes (never opening or reading), so the curators' commands cannot apply
    another retention than the bot's.
    """

    def __init__(
        self, path: Path | str, retention: Retention | None = None, *, timeout: float = 1.0
    ) -> None:
        self.path = Path(path)
        self.retention = retention or Retention()
        self._lock = threading.Lock()
        self._records = 0
        self._background = Background("factbot-store", self._write_batch)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT). A short
            # busy timeout (seconds): a locked database must fail fast, not stall the bot.
            self._db = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot open the database {self.path}: {error}") from error
        try:
            with _guard(self.path):
                self._db.execute("PRAGMA journal_mode=WAL")
                # FULL, not NORMAL: in WAL mode NORMAL survives a killed process but may lose
                # the last few commits on power loss or an OS crash. FULL syncs the WAL at every
                # commit, so an interrupted write loses at most the records it was committing
                # (one at Telegram's pace; the writer batches only what piles up in a burst).
                self._db.execute("PRAGMA synchronous=FULL")
                migrate(self._db)
        except StoreError:
            self._db.close()
            raise

    @classmethod
    def in_dir(cls, data_dir: Path, retention: Retention | None = None) -> Store:
        """The store in a data directory (FACTBOT_DATA_DIR), created when missing."""
        return cls(database_path(data_dir), retention)

    def close(self) -> None:
        """Write what is queued, then close the database; the store cannot be used afterwards."""
        self._background.close()
        with self._lock:
            self._db.close()

    def record_later(self, reply: Reply, chat_type: str) -> None:
        """`record_question` on the writer thread: returns at once, never raises.

        For the bot's event loop. Records are written in the order queued; what is queued
        when the writer gets to it goes into one transaction (one record at Telegram's pace,
        many after a burst), each record in a savepoint of its own, so a failing record is
        logged and costs only itself. `close()` writes everything queued before it. A killed
        process loses the records not yet committed (normally none, or the one being written)
        and never leaves a half-written one.
        """
        if reply.status != "smalltalk":
            when = _utc(None)
            self._background.submit(
                lambda db: self._write_question(db, reply, chat_type, when), "a question"
            )

    def vote_later(self, fact_id: str, helpful: bool) -> None:
        """`record_feedback` on the writer thread: returns at once, never raises."""
        day = _day(_utc(None))
        self._background.submit(
            lambda db: db.execute(_VOTE[helpful], (day, fact_id)), f"a vote on {fact_id}"
        )

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every record queued so far is written (False on timeout)."""
        return self._background.flush(timeout)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def record_question(self, reply: Reply, chat_type: str, now: datetime | None = None) -> None:
        """Count a reply; for unknown and suggest also keep its question and candidates."""
        if reply.status == "smalltalk":
            return
        when = _utc(now)
        with self._transaction() as db:
            self._write_question(db, reply, chat_type, when)
        if self._due(1):
            self.prune(when)

    def _write_question(
        self, db: sqlite3.Connection, reply: Reply, chat_type: str, when: datetime
    ) -> None:
        kind = _CHAT_TYPES.get(chat_type)
        if kind is None:
            raise StoreError(
                f"unknown chat type {chat_type!r}; expected one of {sorted(_CHAT_TYPES)}"
            )
        db.execute(
            "INSERT INTO reply_counts (hour, status, count) VALUES (?, ?, 1) "
            "ON CONFLICT (hour, status) DO UPDATE SET count = count + 1",
            (_hour(when), reply.status),
        )
        if reply.status == "answered" and reply.fact is not None:
            db.execute(
                "INSERT INTO fact_counts (day, fact_id, count) VALUES (?, ?, 1) "
                "ON CONFLICT (day, fact_id) DO UPDATE SET count = count + 1",
                (_day(when), reply.fact.id),
            )
        text = normalised(reply.question)
        if reply.status != "answered" and text:
            candidates = [(s.fact_id, s.score) for s in reply.suggestions]
            db.execute(
                "INSERT INTO questions (asked_at, status, text, language, chat_type, "
                "candidates) VALUES (?, ?, ?, ?, ?, ?)",
                (_instant(when), reply.status, text, reply.language, kind, _json(candidates)),
            )

    def _write_batch(self, batch: list[tuple[Write, str]]) -> None:
        """Queued records in one transaction, each in its own savepoint (the writer thread)."""
        written = 0
        try:
            with self._transaction() as db:
                for write, what in batch:
                    db.execute("SAVEPOINT record")
                    try:
                        write(db)
                        written += 1
                    except (StoreError, sqlite3.Error) as error:
                        db.execute("ROLLBACK TO record")
                        log.warning("could not record %s: %s", what, error)
                    db.execute("RELEASE record")
        except StoreError as error:
            log.warning("could not record %d records: %s", len(batch), error)
            return
        if self._due(written):
            try:
                self.prune()
            except StoreError as error:
                log.warning("could not prune the database: %s", error)

    def _due(self, written: int) -> bool:
        """Count `written` records; True when one of them is the first after start-up or a
        multiple of `prune_every` (a bot restarted often still prunes)."""
        every = max(1, self.retention.prune_every)
        first_multiple = -(-self._records // every) * every
        self._records += written
        return first_multiple < self._records

    def record_feedback(self, fact_id: str, helpful: bool, now: datetime | None = None) -> None:
        """Count one 👍 (helpful) or 👎 press on a fact's answer."""
        with self._transaction() as db:
            db.execute(_VOTE[helpful], (_day(_utc(now)), fact_id))

    def prune(self, now: datetime | None = None) -> None:
        """Forget rows older than the retention age and questions beyond the row limit."""
        cutoff = _utc(now) - timedelta(days=self.retention.max_age_days)
        with self._transaction() as db:
            db.execute("DELETE FROM questions WHERE asked_at < ?", (_instant(cutoff),))
            db.execute("DELETE FROM reply_counts WHERE hour < ?", (_hour(cutoff),))
            db.execute("DELETE FROM fact_counts WHERE day < ?", (_day(cutoff),))
            db.execute("DELETE FROM feedback WHERE day < ?", (_day(cutoff),))
            db.execute(
                "DELETE FROM questions WHERE id <= "
                "(SELECT id FROM questions ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (max(0, self.retention.max_rows),),
            )

    def unanswered(self, since_days: float, now: datetime | None = None) -> list[Group]:
        """Unanswered questions of the last `since_days` days, near-duplicates grouped."""
        since = _instant(_utc(now) - timedelta(days=since_days))
        with self._reading() as db:
            rows = db.execute(
                "SELECT text, language, chat_type, asked_at, candidates FROM questions "
                "WHERE asked_at >= ? ORDER BY id",
                (since,),
            ).fetchall()
        return group_questions(
            Asked(text, language, chat_type, asked_at, _candidates(candidates))
            for text, language, chat_type, asked_at, candidates in rows
        )

    def feedback(self) -> list[FactFeedback]:
        """👍 and 👎 counts per fact, the most 👎 first."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT fact_id, SUM(up) AS ups, SUM(down) AS downs FROM feedback "
                "GROUP BY fact_id ORDER BY downs DESC, ups ASC, fact_id"
            ).fetchall()
        return [FactFeedback(fact_id, int(up), int(down)) for fact_id, up, down in rows]

    def stats(self, now: datetime | None = None) -> Stats:
        """Replies over the last day and week, the top facts and unanswered questions.

        Counters are hourly: the last day is the current hour and the 23 before it, the last
        week the current hour and the 167 before it; top facts count the last 7 UTC days.
        """
        when = _utc(now)
        day, week = when - timedelta(days=1), when - timedelta(days=7)
        with self._reading() as db:
            last_day = self._counts(db, _hour(day))
            last_week = self._counts(db, _hour(week))
            top = db.execute(
                "SELECT fact_id, SUM(count) AS total FROM fact_counts WHERE day > ? "
                "GROUP BY fact_id ORDER BY total DESC, fact_id LIMIT ?",
                (_day(week), _TOP),
            ).fetchall()
        unanswered = self.unanswered(7, when)[:_TOP]
        return Stats(
            day=last_day,
            week=last_week,
            top_facts=tuple((fact_id, int(count)) for fact_id, count in top),
            top_unanswered=tuple(unanswered),
        )

    @staticmethod
    def _counts(db: sqlite3.Connection, after_hour: str) -> Counts:
        rows = db.execute(
            "SELECT status, SUM(count) FROM reply_counts WHERE hour > ? GROUP BY status",
            (after_hour,),
        ).fetchall()
        found = {status: int(count) for status, count in rows}
        return Counts(found.get("answered", 0), found.get("suggest", 0), found.get("unknown", 0))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; BEGIN IMMEDIATE takes the write lock up front (no upgrade
        deadlock between two writers), and any failure rolls the whole record back."""
        with self._lock, _guard(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            finally:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: one consistent snapshot for several queries."""
        with self._lock, _guard(self.path):
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                if self._db.in_transaction:
                    self._db.execute("COMMIT")


@contextmanager
def _guard(path: Path) -> Iterator[None]:
    try:
        yield
    except SchemaTooNew as error:
        raise StoreError(f"{path}: {error}") from error
    except sqlite3.Error as error:
        raise StoreError(f"database {path}: {error}") from error


def _json(candidates: list[tuple[str, float]]) -> str:
    return json.dumps(candidates, ensure_ascii=False)


def _candidates(raw: str) -> tuple[tuple[str, float], ...]:
    try:
        pairs = json.loads(raw)
        return tuple((str(fact_id), float(score)) for fact_id, score in pairs)
    except (ValueError, TypeError):
        return ()  # a damaged cell costs its candidates, not the whole report


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def _instant(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _hour(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H")


def _day(when: datetime) -> str:
    return when.strftime("%Y-%m-%d")
