"""The curators' database: migrations, what it keeps (and never keeps), reports, durability."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.models import Fact, Reply, Suggestion
from bot.store import Retention, Store, StoreError
from bot.store.schema import LATEST

NOW = datetime(2026, 3, 10, 12, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def _fact(fact_id: str) -> Fact:
    return Fact(id=fact_id, topic="test", answer={"en": f"About {fact_id}."}, sources=("src",))


def answered(fact_id: str = "recognition", question: str = "when did turkey recognize kz") -> Reply:
    return Reply(question, "answered", "en", score=95.0, fact=_fact(fact_id))


def unknown(question: str, language: str = "en") -> Reply:
    return Reply(question, "unknown", language, reason="no keywords")


def suggest(question: str, *candidates: tuple[str, float], language: str = "en") -> Reply:
    suggestions = tuple(
        Suggestion(fact_id, f"about {fact_id}?", score) for fact_id, score in candidates
    )
    score = candidates[0][1] if candidates else 0.0
    return Reply(question, "suggest", language, score=score, suggestions=suggestions)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "factbot.sqlite3"


@pytest.fixture
def store(path: Path) -> Store:
    return Store(path)


def rows(path: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


# --- schema -----------------------------------------------------------------------------------


def test_migrates_an_empty_database_and_reopens(path: Path) -> None:
    Store(path).close()
    assert rows(path, "SELECT version FROM schema_version") == [(LATEST,)]
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]
    tables = {name for (name,) in rows(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"schema_version", "questions", "reply_counts", "fact_counts", "feedback"} <= tables

    with Store(path) as again:
        again.record_question(unknown("what is the capital of peru"), "private", NOW)
    assert rows(path, "SELECT version FROM schema_version") == [(LATEST,)]


def test_a_database_from_a_newer_factbot_is_refused(path: Path) -> None:
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="version 99 is newer"):
        Store(path)


def test_no_user_ids_names_or_chat_ids_anywhere_in_the_schema(store: Store, path: Path) -> None:
    columns: set[str] = set()
    for (table,) in rows(path, "SELECT name FROM sqlite_master WHERE type='table'"):
        columns.update(str(row[1]) for row in rows(path, f"PRAGMA table_info({table})"))
    assert columns == {
        "version",
        "id",  # the row id of a question, nothing else
        "asked_at",
        "status",
        "text",
        "language",
        "chat_type",
        "candidates",
        "hour",
        "day",
        "count",
        "fact_id",
        "up",
        "down",
    }
    schema = " ".join(str(sql) for (sql,) in rows(path, "SELECT sql FROM sqlite_master"))
    assert not re.search(r"user|chat_id|name|sender|from_id|phone", schema, re.IGNORECASE)


# --- failures become StoreError -------------------------------------------------------------


def test_a_corrupt_file_raises_store_error(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store(path)


def test_a_locked_database_raises_store_error_then_recovers(path: Path) -> None:
    store = Store(path, timeout=0.05)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError, match="locked"):
        store.record_question(unknown("who are you"), "private", NOW)
    other.execute("ROLLBACK")
    other.close()
    store.record_question(unknown("who are you"), "private", NOW)
    assert len(store.unanswered(1, NOW)) == 1


def test_an_unknown_chat_type_raises_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="chat type"):
        store.record_question(unknown("hi there"), "secret", NOW)


def test_a_closed_store_raises_store_error(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.feedback()


# --- the writer thread (what the bot's event loop uses) ----------------------------------------


def test_queued_records_are_written_in_order_by_flush_and_by_close(path: Path) -> None:
    store = Store(path)
    for number in range(50):
        store.record_later(unknown(f"question number {number}"), "private")
    store.vote_later("recognition", True)
    assert store.flush(timeout=10)
    texts = [text for (text,) in rows(path, "SELECT text FROM questions ORDER BY id")]
    assert texts == [f"question number {n}" for n in range(50)]
    assert [(f.fact_id, f.up) for f in store.feedback()] == [("recognition", 1)]

    for number in range(50, 80):
        store.record_later(unknown(f"question number {number}"), "group")
    store.close()  # writes what is queued before closing
    assert len(rows(path, "SELECT id FROM questions")) == 80


def test_a_failing_queued_record_is_logged_and_costs_only_itself(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(path) as store:
        store.record_later(unknown("first"), "private")
        store.record_later(unknown("bad chat type"), "secret")
        store.record_later(unknown("third"), "private")
        assert store.flush(timeout=10)
        texts = [text for (text,) in rows(path, "SELECT text FROM questions ORDER BY id")]
    assert texts == ["first", "third"]
    assert "could not record a question: unknown chat type 'secret'" in caplog.text


def queue_during_a_stall(store: Store, path: Path, count: int) -> None:
    """Queue `count` questions while another connection holds the write lock (a stalled
    disk: the writer's first record waits), then release it, write everything and close."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    for number in range(count):
        store.record_later(unknown(f"question number {number}"), "private")
    other.execute("ROLLBACK")
    other.close()
    assert store.flush(timeout=10)
    store.close()


def test_a_writer_too_far_behind_drops_records_with_a_warning(
    path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.store.background.BACKLOG", 3)
    store = Store(path, timeout=5.0)
    queue_during_a_stall(store, path, 10)
    kept = len(rows(path, "SELECT id FROM questions"))
    assert 3 <= kept < 10
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings[0] == (
        "the curators' database is 3 records behind; dropping records until it catches up "
        "(first: a question)"
    )  # once, not once per record
    assert warnings[-1] == f"the curators' database caught up; {10 - kept} records were dropped"


def test_records_queued_during_a_stall_are_written_together(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(path, timeout=5.0)
    sizes: list[int] = []
    write_batch = store._write_batch
    monkeypatch.setattr(
        store._background, "_write_batch", lambda b: (sizes.append(len(b)), write_batch(b))
    )
    queue_during_a_stall(store, path, 60)
    texts = [text for (text,) in rows(path, "SELECT text FROM questions ORDER BY id")]
    assert texts == [f"question number {n}" for n in range(60)]
    assert sum(sizes) == 60 and len(sizes) <= 3  # one commit for what piled up, not sixty


def test_flush_without_queued_records_returns_at_once(store: Store) -> None:
    assert store.flush(timeout=0)


# --- what is recorded -------------------------------------------------------------------------


def test_unknown_and_suggest_keep_normalised_text_and_candidates(store: Store, path: Path) -> None:
    store.record_question(
        unknown("/ask@factbot  When did   Türkiye RECOGNIZE Georgia? "), "supergroup", NOW
    )
    store.record_question(
        suggest("Қазақстан мұнай?", ("oil-share", 62.0), ("btc-oil", 55.5), language="kk"),
        "inline",
        NOW,
    )
    assert rows(
        path, "SELECT status, text, language, chat_type, candidates, asked_at FROM questions"
    ) == [
        (
            "unknown",
            "when did turkiye recognize georgia?",
            "en",
            "group",
            "[]",
            "2026-03-10T12:30:00Z",
        ),
        (
            "suggest",
            "казакстан мунаи?",
            "kk",
            "inline",
            '[["oil-share", 62.0], ["btc-oil", 55.5]]',
            "2026-03-10T12:30:00Z",
        ),
    ]


def test_answered_questions_store_counters_but_no_text(store: Store, path: Path) -> None:
    store.record_question(answered("recognition", "my secret question"), "private", NOW)
    store.record_question(answered("recognition"), "channel", NOW)
    store.record_question(Reply("hello", "smalltalk", "en", smalltalk="greeting"), "private", NOW)
    assert rows(path, "SELECT COUNT(*) FROM questions") == [(0,)]
    assert rows(path, "SELECT hour, status, count FROM reply_counts") == [
        ("2026-03-10T12", "answered", 2)
    ]
    assert rows(path, "SELECT day, fact_id, count FROM fact_counts") == [
        ("2026-03-10", "recognition", 2)
    ]
    dump = "\n".join(sqlite3.connect(path).iterdump())
    assert "secret" not in dump


def test_an_empty_question_is_counted_but_not_kept(store: Store, path: Path) -> None:
    store.record_question(unknown("/ask"), "group", NOW)
    assert rows(path, "SELECT COUNT(*) FROM questions") == [(0,)]
    assert store.stats(NOW).day.unknown == 1


def test_records_survive_reopening(path: Path) -> None:
    with Store(path) as store:
        store.record_question(unknown("what is the capital of peru"), "private", NOW)
        store.record_feedback("recognition", helpful=False, now=NOW)
    with Store(path) as store:
        assert [g.example for g in store.unanswered(1, NOW)] == ["what is the capital of peru"]
        assert [(f.fact_id, f.up, f.down) for f in store.feedback()] == [("recognition", 0, 1)]


# --- reports ----------------------------------------------------------------------------------


def test_near_duplicates_are_grouped(store: Store) -> None:
    asked = [
        (suggest("When did Turkey recognize Georgia?", ("recognition", 60.0)), "private"),
        (suggest("when did turkey recognise georgia", ("recognition", 50.0)), "group"),
        (unknown("When did Turkey recognize Georgia?"), "private"),
        (unknown("Türkiye Gürcistan'ı ne zaman tanıdı?", language="tr"), "private"),
        (unknown("Georgia recognize when did Turkey"), "inline"),
        (unknown("trade in 2019"), "private"),
        (unknown("trade in 2020"), "private"),
        (unknown("what was the trade volume in 2019"), "private"),
        (unknown("What was the trade volume in 2020?"), "private"),
        (unknown("what was the trade volume in 2020"), "group"),
    ]
    for minutes, (reply, chat) in enumerate(asked):
        store.record_question(reply, chat, NOW + timedelta(minutes=minutes))

    groups = store.unanswered(30, NOW + timedelta(hours=1))

    assert [(g.count, g.example) for g in groups] == [
        (4, "when did turkey recognize georgia?"),
        (2, "what was the trade volume in 2020"),
        (1, "what was the trade volume in 2019"),
        (1, "trade in 2020"),
        (1, "trade in 2019"),
        (1, "turkiye gurcistani ne zaman tanidi?"),
    ]
    top = groups[0]
    assert set(top.variants) == {
        "when did turkey recognize georgia?",
        "when did turkey recognise georgia",
        "georgia recognize when did turkey",
    }
    assert top.languages == {"en": 4}
    assert top.chat_types == {"private": 2, "group": 1, "inline": 1}
    assert (top.fact_id, top.score) == ("recognition", 27.5)  # (60 + 50 + 0 + 0) / 4
    assert top.last_asked == "2026-03-10T12:34:00Z"
    assert groups[-1].languages == {"tr": 1} and groups[-1].fact_id is None


def test_unanswered_only_looks_back_since_days(store: Store) -> None:
    store.record_question(unknown("old question here"), "private", NOW - timedelta(days=10))
    store.record_question(unknown("new question here"), "private", NOW - timedelta(days=1))
    assert [g.example for g in store.unanswered(7, NOW)] == ["new question here"]
    assert len(store.unanswered(30, NOW)) == 2


def test_retention_by_age(path: Path) -> None:
    store = Store(path, Retention(max_age_days=30))
    old = NOW - timedelta(days=31)
    store.record_question(unknown("an old question"), "private", old)
    store.record_question(answered(), "private", old)
    store.record_feedback("recognition", helpful=True, now=old)
    store.record_question(unknown("a new question"), "private", NOW)
    store.prune(NOW)
    assert [g.example for g in store.unanswered(365, NOW)] == ["a new question"]
    assert rows(path, "SELECT COUNT(*) FROM fact_counts") == [(0,)]
    assert rows(path, "SELECT status FROM reply_counts") == [("unknown",)]
    assert store.feedback() == []


def test_retention_by_count_keeps_the_newest(path: Path) -> None:
    store = Store(path, Retention(max_rows=3, prune_every=1))
    for number in range(6):
        store.record_question(
            unknown(f"question number {number} {'x' * number * 9}"), "private", NOW
        )
    kept = rows(path, "SELECT text FROM questions ORDER BY id")
    assert [text for (text,) in kept] == [f"question number {n} {'x' * n * 9}" for n in (3, 4, 5)]


def test_retention_is_applied_at_the_first_and_every_nth_record(path: Path) -> None:
    with Store(path) as store:
        for number in range(4):
            store.record_question(unknown(f"distinct question {number}"), "private", NOW)
    store = Store(path, Retention(max_rows=2, prune_every=3))
    assert rows(path, "SELECT COUNT(*) FROM questions") == [(4,)]  # opening never prunes
    store.record_question(unknown("distinct question 4"), "private", NOW)
    assert rows(path, "SELECT COUNT(*) FROM questions") == [(2,)]
    for number in (5, 6):
        store.record_question(unknown(f"distinct question {number}"), "private", NOW)
    assert rows(path, "SELECT COUNT(*) FROM questions") == [(4,)]  # not yet due
    store.record_question(unknown("distinct question 7"), "private", NOW)
    assert rows(path, "SELECT COUNT(*) FROM questions") == [(2,)]


def test_feedback_counts_sorted_by_down_votes(store: Store) -> None:
    votes = [("a", True), ("a", True), ("b", False), ("b", False), ("b", True), ("c", False)]
    for days, (fact_id, helpful) in enumerate(votes):
        store.record_feedback(fact_id, helpful, NOW - timedelta(days=days))
    assert [(f.fact_id, f.up, f.down) for f in store.feedback()] == [
        ("b", 1, 2),
        ("c", 0, 1),
        ("a", 2, 0),
    ]


def test_stats_over_the_last_day_and_week(store: Store) -> None:
    store.record_question(answered("trade"), "private", NOW - timedelta(hours=1))
    # Counters are hourly: the last day is the current hour and the 23 before it.
    store.record_question(answered("trade"), "group", NOW - timedelta(hours=23, minutes=30))
    store.record_question(answered("trade"), "group", NOW - timedelta(hours=24, minutes=1))
    store.record_question(answered("visits"), "private", NOW - timedelta(days=3))
    store.record_question(answered("visits"), "private", NOW - timedelta(days=4))
    store.record_question(answered("visits"), "private", NOW - timedelta(days=5))
    store.record_question(answered("recognition"), "private", NOW - timedelta(days=10))
    store.record_question(suggest("trade with peru", ("trade", 50.0)), "private", NOW)
    store.record_question(unknown("capital of peru"), "private", NOW - timedelta(days=2))
    store.record_question(unknown("capital of peru?"), "private", NOW - timedelta(days=6))

    stats = store.stats(NOW)

    assert (stats.day.answered, stats.day.suggested, stats.day.unknown) == (2, 1, 0)
    assert (stats.week.answered, stats.week.suggested, stats.week.unknown) == (6, 1, 2)
    assert stats.week.total == 9
    assert stats.top_facts == (("trade", 3), ("visits", 3))
    assert [(g.count, g.example) for g in stats.top_unanswered] == [
        (2, "capital of peru"),
        (1, "trade with peru"),
    ]


def test_naive_times_are_taken_as_utc(store: Store, path: Path) -> None:
    store.record_question(unknown("naive time"), "private", datetime(2026, 1, 2, 3, 4, 5))
    store.record_question(
        unknown("aware time"), "private", datetime(2026, 1, 2, 6, 4, 5, tzinfo=UTC) + timedelta(0)
    )
    assert rows(path, "SELECT asked_at FROM questions ORDER BY id") == [
        ("2026-01-02T03:04:05Z",),
        ("2026-01-02T06:04:05Z",),
    ]


# --- durability -------------------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from bot.core.models import Reply, Suggestion
    from bot.store import Retention, Store

    store = Store(sys.argv[1], Retention(max_rows=10**9, prune_every=50))
    now = datetime.now(UTC)
    number = 0
    while True:
        reply = Reply(
            f"question number {number}", "suggest", "en",
            suggestions=(Suggestion("recognition", "when?", 50.0),),
        )
        store.record_question(reply, "private", now)
        print(number, flush=True)
        number += 1
    """
)


def test_a_killed_writer_loses_at_most_the_record_being_written(path: Path) -> None:
    Store(path).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    committed = -1
    try:
        for line in child.stdout:
            committed = int(line)
            if committed >= 300:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert committed >= 300, "the writer stopped before it was killed"

    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    with Store(path) as store:
        texts = [text for (text,) in rows(path, "SELECT text FROM questions ORDER BY id")]
        # Everything the writer reported as committed is there, in order; at most the records
        # written after its last report (the one in flight, and any it did not get to print)
        # follow, and nothing is half-written.
        assert texts[: committed + 1] == [f"question number {n}" for n in range(committed + 1)]
        assert texts == [f"question number {n}" for n in range(len(texts))]
        store.record_question(unknown("after the crash"), "private")
