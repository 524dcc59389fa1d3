"""A thread that writes queued records in order: the curators' database off the event loop."""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
from collections.abc import Callable

log = logging.getLogger("bot.store.database")

BACKLOG = 10_000
"""Records waiting at most; beyond it a record is dropped with a warning (a stalled disk costs
records, never the bot's memory)."""
MAX_BATCH = 256
"""Records written in one transaction at most."""

Write = Callable[[sqlite3.Connection], object]
"""Writes one record's rows (inside a transaction the writer opens)."""
Batch = list[tuple[Write, str]]


class Background:
    """Writes submitted records one after another on its own thread, started on first use.

    Whatever is queued when the thread gets to it goes to `write_batch` together (in order),
    so a burst costs one commit per batch instead of one per record. `submit` never blocks
    and never raises; `flush` waits for what was submitted before it; `close` writes
    everything submitted, then stops the thread.
    """

    def __init__(self, name: str, write_batch: Callable[[Batch], None]) -> None:
        self._name = name
        self._write_batch = write_batch
        self._jobs: queue.SimpleQueue[tuple[Write, str] | threading.Event | None] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._dropped = 0

    def submit(self, write: Write, what: str) -> None:
        """Queue one record's `write` (described as `what` in warnings)."""
        if self._jobs.qsize() >= BACKLOG:
            with self._lock:
                self._dropped += 1
                first = self._dropped == 1
            if first:
                log.warning(
                    "the curators' database is %d records behind; dropping records until it "
                    "catches up (first: %s)",
                    BACKLOG,
                    what,
                )
            return
        self._enqueue((write, what))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every record submitted so far is written (False on timeout)."""
        if self._thread is None:
            return True
        done = threading.Event()
        self._enqueue(done)
        return done.wait(timeout)

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join()

    def _enqueue(self, item: tuple[Write, str] | threading.Event) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._jobs.put(item)

    def _run(self) -> None:
        batch: Batch = []
        running = True
        while running:
            item = self._jobs.get()
            while True:
                if item is None:
                    running = False
                    break
                if isinstance(item, threading.Event):
                    self._write(batch)
                    item.set()
                else:
                    batch.append(item)
                    if len(batch) >= MAX_BATCH:
                        self._write(batch)
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
            self._write(batch)
            if self._dropped and self._jobs.empty():
                with self._lock:
                    dropped, self._dropped = self._dropped, 0
                log.warning("the curators' database caught up; %d records were dropped", dropped)

    def _write(self, batch: Batch) -> None:
        if batch:
            self._write_batch(list(batch))
            batch.clear()
