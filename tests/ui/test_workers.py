"""Background jobs: they run off the UI thread, and only the newest result of a channel lands."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from PySide6.QtCore import QThread

from doodle.ui import workers
from doodle.ui.workers import InferenceWorker


@pytest.fixture
def worker(qtbot):
    worker = InferenceWorker()
    yield worker
    assert worker.shutdown(5000)


def test_a_job_runs_off_the_ui_thread_and_delivers_its_result(worker, qtbot):
    ui_thread = QThread.currentThread()
    seen_threads = []

    def job(state):
        seen_threads.append(QThread.currentThread())
        return 42

    with qtbot.waitSignal(worker.result_ready, timeout=5000) as blocker:
        worker.submit("completion", job)
    assert blocker.args == ["completion", 42]
    assert seen_threads and seen_threads[0] is not ui_thread
    assert not worker.is_busy("completion")


def test_a_newer_request_supersedes_an_older_one(worker, qtbot):
    old_started, release_old = threading.Event(), threading.Event()
    old_saw_cancel = []

    def old_job(state):
        old_started.set()
        release_old.wait(5)
        old_saw_cancel.append(state.is_cancelled())
        return "old"

    delivered = []
    worker.result_ready.connect(lambda channel, result: delivered.append(result))
    old_state = worker.submit("variations", old_job)
    assert old_started.wait(5)
    with qtbot.waitSignal(worker.result_ready, timeout=5000):
        worker.submit("variations", lambda state: "new")
    release_old.set()
    qtbot.waitUntil(lambda: old_saw_cancel == [True], timeout=5000)
    qtbot.wait(100)  # give a stale result every chance to arrive
    assert delivered == ["new"]
    assert old_state.is_cancelled()


def test_channels_do_not_cancel_each_other(worker, qtbot):
    delivered = {}
    worker.result_ready.connect(lambda channel, result: delivered.__setitem__(channel, result))
    worker.submit("hint", lambda state: "hint")
    worker.submit("completion", lambda state: "completion")
    qtbot.waitUntil(lambda: len(delivered) == 2, timeout=5000)
    assert delivered == {"hint": "hint", "completion": "completion"}


def test_a_failure_is_reported_once_and_a_cancelled_one_not_at_all(worker, qtbot):
    def broken(state):
        raise RuntimeError("network exploded")

    with qtbot.waitSignal(worker.job_failed, timeout=5000) as blocker:
        worker.submit("hint", broken)
    channel, error = blocker.args
    assert channel == "hint" and isinstance(error, RuntimeError)

    gate = threading.Event()

    def cancelled_then_broken(state):
        gate.wait(5)
        raise RuntimeError("stopped because we asked")

    failures = []
    worker.job_failed.connect(lambda channel, error: failures.append(error))
    worker.submit("hint", cancelled_then_broken)
    worker.cancel("hint")
    gate.set()
    qtbot.wait(200)
    assert failures == []


def test_shutdown_cancels_waiting_jobs(qtbot):
    worker = InferenceWorker()
    gate = threading.Event()
    started = []

    def slow(state):
        started.append(True)
        gate.wait(5)
        return "slow"

    states = [worker.submit(f"channel{i}", slow) for i in range(4)]
    qtbot.waitUntil(lambda: len(started) >= 1, timeout=5000)
    gate.set()
    assert worker.shutdown(5000)
    assert all(state.is_cancelled() for state in states)
    assert worker.submit("late", lambda state: 1).is_cancelled()


def test_exiting_stops_the_jobs_of_workers_nobody_shut_down(qtbot):
    """Pool threads must be idle before Python finalises, or the process aborts at exit."""
    forgotten = InferenceWorker()
    running = threading.Event()

    def until_cancelled(state):
        running.set()
        while not state.is_cancelled():
            threading.Event().wait(0.005)
        return "stopped"

    state = forgotten.submit("ideas", until_cancelled)
    assert running.wait(5)
    assert forgotten in set(workers._live_workers)
    workers.shut_down_all_workers()  # what exiting Python runs (atexit)
    assert state.is_cancelled()
    assert forgotten._pool.activeThreadCount() == 0
    assert forgotten not in set(workers._live_workers)


def test_a_job_gives_way_between_steps_and_the_ui_thread_never_does(worker, qtbot, monkeypatch):
    gave_way_on: list[int] = []
    monkeypatch.setattr(
        "doodle.ui.workers._give_way", lambda: gave_way_on.append(threading.get_ident())
    )
    job_threads: list[int] = []

    def stepping_job(state):
        job_threads.append(threading.get_ident())
        for _ in range(5):  # the engine checks between its steps
            if state.is_cancelled():
                return "stopped"
        return "done"

    with qtbot.waitSignal(worker.result_ready, timeout=5000) as blocker:
        state = worker.submit("completion", stepping_job)
    assert blocker.args == ["completion", "done"]
    # Once as the job starts, then at every check it makes.
    assert gave_way_on == job_threads * 6
    gave_way_on.clear()
    assert not state.is_cancelled()  # asked on the UI thread: answers at once
    assert gave_way_on == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_jobs_run_at_a_lower_priority_than_the_ui_thread(worker, qtbot):
    def own_nice(state):
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    ui_nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    with qtbot.waitSignal(worker.result_ready, timeout=5000) as blocker:
        worker.submit("completion", own_nice)
    assert blocker.args[1] == max(ui_nice, workers.INFERENCE_NICE)
    # The UI thread keeps its own priority.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == ui_nice
