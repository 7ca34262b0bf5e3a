"""Background inference: plain-function jobs on a thread pool, latest request wins.

A job is a plain function ``fn(state) -> result`` that receives a small ``JobState`` whose
``is_cancelled`` it passes on to the engine (``cancel=state.is_cancelled``). Jobs are grouped
in channels ("completion", "variations", "hint"): submitting a job cancels the channel's
previous one, and when a result arrives back on the UI thread it is delivered only if its job
is still the channel's latest and was not cancelled; a stale result is dropped, never painted.
Failures come back as the exception (also logged in full); the UI turns it into a friendly
message.

Jobs give way to the UI thread: on the job's own thread ``is_cancelled`` (which the engine calls
between steps) first yields the core to another ready thread, so when inference keeps every
core busy, a UI event waits for the job's current decoder step (a fraction of a millisecond)
rather than for the end of the job's time slice (several milliseconds). On Linux the pool
threads also run at a lower priority (nice 10) than the UI thread, so a waking UI thread gets a
core at once.

This is the only module of Doodle that knows about threads.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

# Inference runs single-threaded inside onnxruntime; two jobs at once keep a completion
# from waiting behind a batch of variations without flooding a small machine.
MAX_PARALLEL_JOBS = 2

# Moves the calling thread behind the other ready threads of its run queue (and lets go of the
# GIL meanwhile); returns at once when no other thread is ready. Windows has no sched_yield.
_give_way = getattr(os, "sched_yield", lambda: time.sleep(0))

# Nice value of the pool threads that run inference (0 is the UI thread's). On a 2-core
# machine both cores are often busy with inference; a UI thread that wakes then gets a core at
# once instead of waiting for the end of an inference thread's time slice.
INFERENCE_NICE = 10


def _lower_priority_of_this_thread() -> None:
    """Give the calling pool thread the inference priority (Linux: per-thread nice value;
    elsewhere the jobs only give way between decoder steps)."""
    if not sys.platform.startswith("linux"):
        return
    thread_id = threading.get_native_id()
    try:
        if os.getpriority(os.PRIO_PROCESS, thread_id) < INFERENCE_NICE:
            os.setpriority(os.PRIO_PROCESS, thread_id, INFERENCE_NICE)
    except OSError:  # a sandbox may forbid it; giving way between steps still helps
        pass


# Every worker not yet shut down. Pool threads must be idle before Python finalises: a job
# finishing later (its QRunnable's Python side is freed on the pool thread) would need an
# interpreter that is going away, and the process aborts instead of exiting.
_live_workers: weakref.WeakSet[InferenceWorker] = weakref.WeakSet()


def shut_down_all_workers() -> None:
    """Cancel and wait for the jobs of every worker still running (called at exit)."""
    for worker in list(_live_workers):
        try:
            worker.shutdown()
        except RuntimeError:  # its Qt object is already gone, and its pool with it
            pass


atexit.register(shut_down_all_workers)


class JobState:
    """What a running job can see: whether it should stop early."""

    def __init__(self, channel: str, job_id: int) -> None:
        self.channel = channel
        self.job_id = job_id
        self._cancelled = threading.Event()
        self._job_thread: int | None = None

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        """Whether the job should stop; on the job's thread, first give way to the UI thread."""
        if threading.get_ident() == self._job_thread:
            _give_way()
        return self._cancelled.is_set()

    def run_on_this_thread(self) -> None:
        """Called by the pool thread that runs the job, before the job starts."""
        self._job_thread = threading.get_ident()
        _lower_priority_of_this_thread()


class _Relay(QObject):
    """Lives on the UI thread; signals emitted from pool threads arrive queued."""

    succeeded = Signal(object, object)  # JobState, result
    failed = Signal(object, object)  # JobState, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[JobState], Any], state: JobState, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._state = state
        self._relay = relay

    def run(self) -> None:
        state = self._state
        fn = self._fn
        # PySide6 (6.11, 6.12) does not always free the Python side of a finished QRunnable:
        # drop the job's closure (and the drawing snapshot it holds) so a long session does
        # not grow.
        self._fn = self._state = None
        if state.is_cancelled():
            return
        state.run_on_this_thread()
        # Starting a job wakes this thread, which may have taken the core from the UI thread
        # in the middle of its turn: let the turn finish first.
        _give_way()
        try:
            result = fn(state)
        except Exception as error:  # noqa: BLE001 - reported to the UI thread, never swallowed
            self._relay.failed.emit(state, error)
            return
        self._relay.succeeded.emit(state, result)


class InferenceWorker(QObject):
    """Runs jobs off the UI thread and hands back only the latest result of each channel."""

    result_ready = Signal(str, object)  # channel, result
    job_failed = Signal(str, object)  # channel, exception
    busy_changed = Signal(str, bool)  # channel, whether a job of it is running or queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(MAX_PARALLEL_JOBS)
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_relay_succeeded)
        self._relay.failed.connect(self._on_relay_failed)
        self._latest: dict[str, JobState] = {}
        self._next_id = 0
        self._shut_down = False
        _live_workers.add(self)

    def submit(self, channel: str, fn: Callable[[JobState], Any]) -> JobState:
        """Queue ``fn`` on ``channel``; any older job of the channel is cancelled."""
        self.cancel(channel)
        self._next_id += 1
        state = JobState(channel, self._next_id)
        if self._shut_down:
            state.cancel()
            return state
        self._latest[channel] = state
        self._pool.start(_Job(fn, state, self._relay))
        self.busy_changed.emit(channel, True)
        return state

    def cancel(self, channel: str) -> None:
        """Cancel the channel's job, if any: its result will never be delivered."""
        state = self._latest.pop(channel, None)
        if state is not None:
            state.cancel()
            self.busy_changed.emit(channel, False)

    def is_busy(self, channel: str) -> bool:
        return channel in self._latest

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for running jobs; True when all have stopped."""
        self._shut_down = True
        _live_workers.discard(self)
        for channel in list(self._latest):
            self.cancel(channel)
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)

    def _take_if_current(self, state: JobState) -> bool:
        if state.is_cancelled() or self._latest.get(state.channel) is not state:
            return False
        del self._latest[state.channel]
        self.busy_changed.emit(state.channel, False)
        return True

    def _on_relay_succeeded(self, state: JobState, result: object) -> None:
        if self._take_if_current(state):
            self.result_ready.emit(state.channel, result)

    def _on_relay_failed(self, state: JobState, error: BaseException) -> None:
        if state.is_cancelled():
            return  # the engine stopped early because we asked it to
        log.error("%s job failed", state.channel, exc_info=error)
        if self._take_if_current(state):
            self.job_failed.emit(state.channel, error)
