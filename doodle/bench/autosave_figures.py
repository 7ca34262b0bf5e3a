"""Autosave figures: what saving after a stroke costs the UI thread, and the write behind it.

``autosave_ui`` times ``Autosaver.save_soon()``, the call the window makes after each stroke
(snapshot and hand-over to the background writer), for drawings of 1.5k, 7.5k and 22.5k
points, with the writer thread awake (as while a child draws) and, as an extra, when the call
has to start the thread (the first stroke after a pause). ``autosave_write`` times a whole
save waited for (format, write, fsync, rename), which is what the UI thread paid when it saved
by itself and what the writer thread now does.

A background write can still hold up the UI thread through Python's interpreter lock (while
it formats the file). ``autosave_ui`` therefore also records the longest pause a busy loop on
the calling thread sees while a write runs, next to the longest pause the same loop sees over
as long a time with no write (the machine's own scheduling noise).

The files go to a temporary folder inside the user's data folder, on the disk where drawings
are kept, so fsync costs what it costs for real drawings. Imports no Qt.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from doodle import paths
from doodle.autosave import Autosaver
from doodle.bench.stats import Figure, summarise, time_calls
from doodle.core.drawing import Drawing

DRAWING_POINTS = (1_500, 7_500, 22_500)
POINTS_PER_STROKE = 150


def scribble_drawing(points: int) -> Drawing:
    """A fixed drawing of ``points`` samples: strokes of 150 pointer samples each."""
    rng = np.random.default_rng(1)
    drawing = Drawing(object_name="cat", child_name="Ada")
    seconds = 0.0
    for _ in range(points // POINTS_PER_STROKE):
        start = rng.uniform(100, 700, 2)
        xy = start + np.cumsum(rng.normal(0.0, 3.0, (POINTS_PER_STROKE, 2)), axis=0)
        pressure = rng.uniform(0.3, 1.0, POINTS_PER_STROKE)
        times = seconds + np.arange(POINTS_PER_STROKE) * 0.008
        seconds = float(times[-1]) + 0.5
        drawing.add(drawing.new_stroke(np.column_stack([xy, pressure, times])))
    return drawing


def _longest_pause_ms(keep_going, until: float | None = None) -> float:
    """The longest gap between iterations of a small Python loop (what a UI thread would see)."""
    last = time.perf_counter()
    longest = 0.0
    while keep_going() if until is None else last < until:
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        sum(range(20))
    return longest * 1000.0


def _pauses_during_writes(saver: Autosaver, repeats: int) -> tuple[list[float], list[float]]:
    during: list[float] = []
    idle: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        saver.save_soon(force=True)
        during.append(_longest_pause_ms(lambda: saver.saving))
        seconds = time.perf_counter() - started
        idle.append(_longest_pause_ms(None, until=time.perf_counter() + seconds))
    return during, idle


def _first_save_after_a_pause_ms(root: Path, drawing_path: Path, drawing: Drawing) -> float:
    # A fresh autosaver has no writer thread yet, as after a pause longer than the writer's
    # idle time: the call starts the thread.
    saver = Autosaver(root / "drawings", root / "fallback", root / "open-drawing.json")
    saver.open(drawing, drawing_path)
    (sample,) = time_calls(lambda: saver.save_soon(force=True), 1, warmup=0)
    saver.flush()
    return sample


def autosave_figures(repeats: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="bench-autosave-", dir=paths.user_dir()) as folder:
        root = Path(folder)
        for points in DRAWING_POINTS:
            drawing = scribble_drawing(points)
            saver = Autosaver(root / "drawings", root / "fallback", root / "open-drawing.json")
            saver.open(drawing)
            blocking = time_calls(lambda s=saver: s.save(force=True), repeats)
            handed_over: list[float] = []
            for _ in range(repeats):
                # As after each stroke drawn at a child's pace: the writer is awake and idle.
                # The write itself is waited for outside the timing.
                handed_over += time_calls(lambda s=saver: s.save_soon(force=True), 1, warmup=0)
                saver.flush()
            after_pause = [
                _first_save_after_a_pause_ms(root, saver.path, drawing) for _ in range(repeats)
            ]
            during, idle = _pauses_during_writes(saver, repeats)
            ui = Figure(name="autosave_ui", note=f"{points} points").set_samples(handed_over)
            write = Figure(name="autosave_write", note=f"{points} points").set_samples(blocking)
            ui.extra = {
                "points": points,
                "blocking_save_median_ms": write.median_ms,
                "ui_thread_speedup": round(write.median_ms / ui.median_ms, 1),
                "first_save_after_pause_median_ms": summarise(after_pause)[0],
                "longest_pause_during_write_median_ms": summarise(during)[0],
                "longest_pause_without_write_median_ms": summarise(idle)[0],
            }
            write.extra = {"points": points}
            figures += [ui, write]
            saver.close()
    return figures
