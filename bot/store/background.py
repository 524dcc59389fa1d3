"""A thread that runs queued jobs in order: the curators' database writes off the event loop."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger("bot.store.database")

BACKLOG = 10_000
"""Jobs waiting at most; beyond it a job is dropped with a warning (a stalled disk costs
records, never the bot's memory)."""

Job = Callable[[], None]


class Background:
    """Runs submitted jobs one after another on its own thread, started on first use.

    `submit` never blocks and never raises: a job that raises `expected` is logged and costs
    only itself. `flush` waits for what was submitted before it; `close` runs everything
    submitted, then stops the thread.
    """

    def __init__(self, name: str, expected: type[Exception]) -> None:
        self._name = name
        self._expected = expected
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._dropped = 0

    def submit(self, job: Job, what: str) -> None:
        """Queue `job` (described as `what` in warnings)."""
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

        def guarded() -> None:
            try:
                job()
            except self._expected as error:
                log.warning("could not record %s: %s", what, error)

        self._enqueue(guarded)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every job submitted so far has run (False on timeout)."""
        if self._thread is None:
            return True
        done = threading.Event()
        self._enqueue(done.set)
        return done.wait(timeout)

    def close(self) -> None:
        """Run what is queued, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join()

    def _enqueue(self, job: Job) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._jobs.put(job)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()
            if self._dropped and self._jobs.empty():
                with self._lock:
                    dropped, self._dropped = self._dropped, 0
                log.warning("the curators' database caught up; %d records were dropped", dropped)
