"""One background thread that writes files, newest request per file wins; imports no Qt.

Saving a big drawing takes milliseconds to tens of milliseconds (formatting, writing, waiting
for ``fsync``), too long for the UI thread. ``BackgroundWriter.submit(key, job)`` only records
the job and wakes the writer; a single writer thread runs the jobs one after another, so two
writes of the same file never overlap. A job submitted while an older one for the same key
still waits replaces it: only the newest state of a file is worth writing. ``wait()`` blocks
until everything submitted so far is written (quitting, switching pages, an explicit save).

The thread starts with the first job and ends after ``idle_seconds`` without work, so an idle
writer holds no thread, while a child drawing stroke after stroke finds it awake: waking it
costs the submitting thread microseconds, starting one costs a fraction of a millisecond.
When Python exits, every writer finishes its pending jobs and its thread ends before the
interpreter is torn down: a thread still waiting for work while the interpreter and Qt shut
down can crash the process (seen as a segmentation fault at exit).
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Job = TypeVar("Job")

IDLE_SECONDS = 10.0
# A new writer thread first sleeps this long: the thread that started it is waiting to get
# Python's interpreter lock back, and must not wait for the writer's first time slice.
_START_PAUSE_SECONDS = 0.001
# How long exiting Python waits for a writer to finish what it was given.
_EXIT_WAIT_SECONDS = 10.0

_live_writers: weakref.WeakSet[BackgroundWriter] = weakref.WeakSet()


class BackgroundWriter(Generic[Job]):
    """Runs ``write(job)`` on one background thread; pending jobs coalesce per key."""

    def __init__(
        self,
        write: Callable[[Job], None],
        name: str = "doodle-writer",
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self._write = write
        self._name = name
        self._idle_seconds = idle_seconds
        self._condition = threading.Condition()
        self._pending: dict[Hashable, Job] = {}
        self._writing = False
        self._closing = False
        self._thread: threading.Thread | None = None
        _live_writers.add(self)

    def submit(self, key: Hashable, job: Job) -> None:
        """Queue ``job``; it replaces a job for the same ``key`` that has not started yet."""
        with self._condition:
            self._pending[key] = job
            if self._thread is not None:
                self._condition.notify_all()
                return
            thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread = thread
            try:
                thread.start()
            except BaseException:
                self._thread = None
                raise

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every submitted job is written; False if ``timeout`` ran out first."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("the writer thread cannot wait for itself")
        with self._condition:
            return self._condition.wait_for(self._is_idle, timeout)

    @property
    def idle(self) -> bool:
        """Whether nothing is being written or waiting to be written."""
        with self._condition:
            return self._is_idle()

    @property
    def thread_alive(self) -> bool:
        """Whether the writer thread is running (busy, or awake waiting for work)."""
        with self._condition:
            return self._thread is not None

    def close(self, timeout: float | None = None) -> bool:
        """Write what is pending, then let the thread end now; False if ``timeout`` ran out.

        A job submitted after ``close`` starts a new thread, as after an idle end.
        """
        with self._condition:
            self._closing = True
            self._condition.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        with self._condition:
            self._closing = False
            return self._thread is None

    def _is_idle(self) -> bool:
        return not self._pending and not self._writing

    def _run(self) -> None:
        time.sleep(_START_PAUSE_SECONDS)
        try:
            while True:
                with self._condition:
                    if (
                        not self._condition.wait_for(
                            lambda: self._pending or self._closing, self._idle_seconds
                        )
                        or not self._pending
                    ):
                        # Decided under the lock, so a job submitted from now on starts a
                        # new thread instead of waiting for this one.
                        self._thread = None
                        return
                    key = next(iter(self._pending))
                    job = self._pending.pop(key)
                    self._writing = True
                try:
                    self._write(job)
                except Exception:
                    # ``write`` reports its own failures; anything else is a bug, logged in
                    # full, and the thread carries on so later saves still happen.
                    log.exception("background write failed")
                finally:
                    with self._condition:
                        self._writing = False
                        self._condition.notify_all()
        except BaseException:
            with self._condition:
                self._thread = None
                self._condition.notify_all()
            raise


@atexit.register
def close_all_writers() -> None:
    """Finish every writer's pending jobs and end its thread (at exit, and between tests)."""
    for writer in list(_live_writers):
        writer.close(_EXIT_WAIT_SECONDS)
