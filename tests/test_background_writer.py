"""The background writer: one thread, newest job per key, waiting, failures that do not stop it."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
import time

from doodle.background_writer import BackgroundWriter

WAIT_SECONDS = 10


class _Recorder:
    """A write function that records its jobs and can be held at the first one."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, int]] = []
        self.threads: set[threading.Thread] = set()
        self.running = 0
        self.most_at_once = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self._lock = threading.Lock()

    def hold(self) -> None:
        self.release.clear()

    def __call__(self, job: tuple[str, int]) -> None:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        self.threads.add(threading.current_thread())
        self.started.set()
        self.release.wait(WAIT_SECONDS)
        with self._lock:
            self.jobs.append(job)
            self.running -= 1


def test_jobs_waiting_for_the_same_key_keep_only_the_newest():
    write = _Recorder()
    writer = BackgroundWriter(write)
    write.hold()
    writer.submit("a", ("a", 1))
    assert write.started.wait(WAIT_SECONDS)
    for version in (2, 3, 4):
        writer.submit("a", ("a", version))
    writer.submit("b", ("b", 1))
    assert not writer.idle
    write.release.set()
    assert writer.wait(WAIT_SECONDS)
    # The running job finished; of those that waited, the newest per file, in arrival order.
    assert write.jobs == [("a", 1), ("a", 4), ("b", 1)]
    assert write.most_at_once == 1
    assert threading.current_thread() not in write.threads
    assert writer.idle


def test_the_thread_stays_awake_between_jobs_and_ends_when_idle():
    write = _Recorder()
    writer = BackgroundWriter(write, name="test-writer", idle_seconds=0.3)
    writer.submit("a", ("a", 1))
    assert writer.wait(WAIT_SECONDS) and writer.thread_alive
    writer.submit("a", ("a", 2))  # the awake thread takes it
    assert writer.wait(WAIT_SECONDS)
    assert len(write.threads) == 1
    deadline = time.monotonic() + WAIT_SECONDS
    while writer.thread_alive and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not writer.thread_alive
    assert not any(t.name == "test-writer" and t.is_alive() for t in threading.enumerate())
    writer.submit("a", ("a", 3))  # a new thread for new work
    assert writer.wait(WAIT_SECONDS)
    assert write.jobs == [("a", 1), ("a", 2), ("a", 3)] and len(write.threads) == 2


def test_wait_times_out_while_a_write_hangs():
    write = _Recorder()
    writer = BackgroundWriter(write)
    write.hold()
    writer.submit("a", ("a", 1))
    assert not writer.wait(timeout=0.05)
    write.release.set()
    assert writer.wait(WAIT_SECONDS)


def test_a_failing_write_is_logged_and_later_jobs_still_run(caplog):
    done: list[int] = []

    def write(job: int) -> None:
        if job == 1:
            raise ValueError("broken job")
        done.append(job)

    writer = BackgroundWriter(write)
    with caplog.at_level(logging.ERROR, logger="doodle.background_writer"):
        writer.submit("a", 1)
        assert writer.wait(WAIT_SECONDS)
        writer.submit("a", 2)
        assert writer.wait(WAIT_SECONDS)
    assert done == [2]
    assert "background write failed" in caplog.text and "broken job" in caplog.text


def test_the_writer_cannot_wait_for_itself():
    errors: list[str] = []

    def write(job: int) -> None:
        try:
            writer.wait()
        except RuntimeError as error:
            errors.append(str(error))

    writer = BackgroundWriter(write)
    writer.submit("a", 1)
    assert writer.wait(WAIT_SECONDS)
    assert errors == ["the writer thread cannot wait for itself"]


def test_close_writes_what_is_pending_and_ends_the_thread():
    written = []
    started = threading.Event()

    def slow_write(job):
        started.set()
        time.sleep(0.05)
        written.append(job)

    writer = BackgroundWriter(slow_write, idle_seconds=60.0)
    writer.submit("a", 1)
    started.wait(5)
    writer.submit("b", 2)
    assert writer.close(timeout=5)
    assert written == [1, 2]
    assert not writer.thread_alive
    writer.submit("c", 3)  # a new job after closing starts a new thread
    assert writer.wait(5) and written == [1, 2, 3]
    writer.close(timeout=5)


def test_exiting_python_finishes_the_writes_and_ends_the_threads(tmp_path):
    """An idle writer thread left waiting while the interpreter shuts down crashed the process."""
    script = f"""
import pathlib, time
from doodle.background_writer import BackgroundWriter
target = pathlib.Path({str(tmp_path)!r})
def write(job):
    time.sleep(0.2)
    (target / job).write_text("done")
writers = [BackgroundWriter(write, idle_seconds=60.0) for _ in range(4)]
for index, writer in enumerate(writers):
    writer.submit("k", f"file{{index}}")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"file{i}" for i in range(4)]
