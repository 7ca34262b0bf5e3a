"""Real-time note scheduler: note on/off at absolute deadlines on a monotonic clock.

Each deadline comes from the previous note's start plus its length, never from "now", so
small delays never accumulate; each note is fetched from the conductor a little before it
starts. The thread sleeps until shortly before a deadline and then
sleeps the remainder precisely; how late each message left is kept for jitter figures.
Imports no Qt.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from doodle.music.conductor import TimedNote
from doodle.music.outputs import NoteOutput, OutputLost

START_DELAY_S = 0.1
COARSE_MARGIN_S = 0.002  # wake this early, then sleep the exact remainder
# The next note is worked out this long before it starts, so the conductor's work never
# delays a note on.
FETCH_AHEAD_S = 0.03
REALTIME_PRIORITY = 10  # low among real-time priorities, as audio programs ask
_NOTE_OFF, _NOTE_ON, _FETCH = 0, 1, 2


@dataclass(frozen=True)
class JitterStats:
    """How late messages left their deadline, in milliseconds."""

    count: int
    median_ms: float
    p90_ms: float
    max_ms: float

    @classmethod
    def from_lateness(cls, lateness_s: list[float]) -> JitterStats:
        if not lateness_s:
            return cls(0, 0.0, 0.0, 0.0)
        values = np.asarray(lateness_s) * 1000.0
        return cls(
            len(values),
            float(np.median(values)),
            float(np.percentile(values, 90)),
            float(values.max()),
        )


class NoteScheduler:
    """Plays the notes ``next_note(start)`` returns on an output, in its own thread."""

    def __init__(
        self,
        next_note: Callable[[float], TimedNote],
        output: NoteOutput,
        on_output_lost: Callable[[NoteOutput, Exception], NoteOutput | None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        keep_lateness: int = 2000,
    ) -> None:
        self._next_note = next_note
        self._output = output
        self._on_output_lost = on_output_lost
        self._clock = clock
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._sounding: set[int] = set()
        self._lateness: deque[float] = deque(maxlen=keep_lateness)
        self.realtime_priority = False

    @property
    def output(self) -> NoteOutput:
        with self._lock:
            return self._output

    def set_output(self, output: NoteOutput) -> None:
        """Switch outputs between two messages; notes still sounding on the old one stop."""
        with self._lock:
            old, self._output = self._output, output
            self._sounding.clear()
        if old is not output:
            try:
                old.all_notes_off()
            except Exception:  # noqa: BLE001 - the old device may already be gone
                pass

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="note-scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None
        self._silence()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def jitter(self) -> JitterStats:
        return JitterStats.from_lateness(list(self._lateness))

    def _raise_priority(self) -> None:
        """Ask for real-time scheduling for this thread where the system allows it.

        On a busy machine it cuts late messages from several ms to well under one; without
        the permission (no rtprio limit) the thread simply keeps normal priority.
        """
        if not hasattr(os, "sched_setscheduler"):
            return
        try:
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(REALTIME_PRIORITY))
            self.realtime_priority = True
        except OSError:
            self.realtime_priority = False

    def _run(self) -> None:
        self._raise_priority()
        order = itertools.count()
        first_start = self._clock() + START_DELAY_S
        # (deadline, kind, order, pitch, velocity, start of the note to fetch)
        events: list[tuple[float, int, int, int, int, float]] = []
        heapq.heappush(
            events, (first_start - FETCH_AHEAD_S, _FETCH, next(order), 0, 0, first_start)
        )
        while not self._stop.is_set():
            deadline, kind, _, pitch, velocity, start = events[0]
            if not self._sleep_until(deadline):
                break
            heapq.heappop(events)
            if kind == _FETCH:
                note = self._next_note(start)
                if note.pitch is not None:
                    heapq.heappush(
                        events, (note.start, _NOTE_ON, next(order), note.pitch, note.velocity, 0.0)
                    )
                    heapq.heappush(
                        events,
                        (note.start + note.sounding, _NOTE_OFF, next(order), note.pitch, 0, 0.0),
                    )
                following = note.start + note.duration
                heapq.heappush(
                    events, (following - FETCH_AHEAD_S, _FETCH, next(order), 0, 0, following)
                )
                continue
            self._lateness.append(self._clock() - deadline)
            self._send(kind, pitch, velocity, deadline)

    def _sleep_until(self, deadline: float) -> bool:
        """Sleep to the deadline; False when asked to stop meanwhile."""
        remaining = deadline - self._clock()
        if remaining > COARSE_MARGIN_S and self._stop.wait(remaining - COARSE_MARGIN_S):
            return False
        remaining = deadline - self._clock()
        while remaining > 0:
            time.sleep(remaining)
            remaining = deadline - self._clock()
        return not self._stop.is_set()

    def _send(self, kind: int, pitch: int, velocity: int, deadline: float) -> None:
        with self._lock:
            output = self._output
            try:
                if kind == _NOTE_ON:
                    output.note_on(pitch, velocity, deadline)
                    self._sounding.add(pitch)
                elif pitch in self._sounding:
                    output.note_off(pitch, deadline)
                    self._sounding.discard(pitch)
                return
            except OutputLost as error:
                lost_error = error
        replacement = self._on_output_lost(output, lost_error) if self._on_output_lost else None
        with self._lock:
            self._sounding.clear()
            if replacement is not None and self._output is output:
                self._output = replacement

    def _silence(self) -> None:
        with self._lock:
            output = self._output
            self._sounding.clear()
        try:
            output.all_notes_off()
        except Exception:  # noqa: BLE001 - stopping must not fail because a device is gone
            pass
