"""UI figures measured in the app's real window: input-to-ink latency and UI-thread stalls.

``input_to_ink``: a synthetic ``QTabletEvent`` move is delivered to the canvas viewport and
the event loop runs until the live ink item has painted the new segment; the figure is the
time from sending the event to the end of that paint. ``ui_stall``: a 2 ms heartbeat timer
ticks on the UI thread while the inference worker runs completions and variation refills
requested through the window, from the requests until both results are delivered and the idea
panes have drawn them; the UI thread meanwhile runs a real event loop (as ``app.exec()``
does: it sleeps until the next event), and the stall of a round is its longest gap between
ticks minus the period. The same heartbeat over the same time with nothing running is the
idle baseline: what the machine alone costs the UI thread. Without a display Qt runs on its
offscreen platform (the painting is real, into an offscreen backing store).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from doodle.bench.drawings import sample_drawing
from doodle.bench.sandbox import environment, private_user_folders
from doodle.bench.stats import Figure, FigureUnavailable
from doodle.bench.tablet import draw_stroke, send_tablet
from doodle.config import load_settings
from doodle.engine.contract import ModelInfo
from doodle.ui import ink
from doodle.ui.app import build_window
from doodle.ui.draw_along import CHANNELS
from doodle.ui.main_window import MainWindow
from doodle.ui.picker import THUMBNAIL_CHANNEL

HEARTBEAT_MS = 2
WAIT_TIMEOUT_S = 60.0
INK_SAMPLES_PER_REPEAT = 20


def application() -> QApplication:
    """The process's QApplication (offscreen when there is no display)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(["doodle-bench"])


def wait_until(condition: Callable[[], bool], timeout_s: float = WAIT_TIMEOUT_S) -> None:
    """Run the event loop until ``condition()`` holds; ``FigureUnavailable`` on timeout."""
    app = QApplication.instance()
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise FigureUnavailable(f"the window did not respond within {timeout_s:.0f} s")
        app.processEvents()
        time.sleep(0.0002)


@contextmanager
def live_ink_paint_clock() -> Iterator[list[float]]:
    """Record the time at the end of every paint of the live (being drawn) ink item."""
    painted: list[float] = []
    original = ink.LiveStrokeItem.paint

    def timed_paint(self, painter, option, widget=None) -> None:
        original(self, painter, option, widget)
        painted.append(time.perf_counter())

    ink.LiveStrokeItem.paint = timed_paint
    try:
        yield painted
    finally:
        ink.LiveStrokeItem.paint = original


def _input_to_ink(window: MainWindow, repeats: int) -> Figure:
    viewport = window.canvas.viewport()
    samples = []
    with live_ink_paint_clock() as painted:
        for repeat in range(repeats):
            y = 80.0 + 7.0 * (repeat % 60)
            send_tablet(viewport, QEvent.Type.TabletPress, 60.0, y)
            QApplication.processEvents()
            for step in range(1, INK_SAMPLES_PER_REPEAT + 1):
                before = len(painted)
                start = time.perf_counter()
                send_tablet(viewport, QEvent.Type.TabletMove, 60.0 + 9.0 * step, y + step % 3)
                wait_until(lambda before=before: len(painted) > before, timeout_s=5.0)
                samples.append((painted[-1] - start) * 1000.0)
            send_tablet(viewport, QEvent.Type.TabletRelease, 60.0 + 9.0 * step, y)
    return Figure(
        name="input_to_ink",
        extra={
            "platform": QApplication.platformName(),
            "strokes_on_canvas": len(window.document.strokes),
            "samples": len(samples),
        },
    ).set_samples(samples)


class Heartbeat:
    """A precise 2 ms timer on the UI thread that remembers the longest gap between ticks."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._clock = QElapsedTimer()
        self._last_ns = 0
        self._loop: QEventLoop | None = None
        self._until: Callable[[], bool] = lambda: True
        self._deadline = 0.0
        self.longest_gap_ms = 0.0

    def start(self) -> None:
        self.longest_gap_ms = 0.0
        self._clock.start()
        self._last_ns = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest gap beyond the period (the stall), in ms."""
        self._timer.stop()
        return max(0.0, self.longest_gap_ms - HEARTBEAT_MS)

    def run_until(self, condition: Callable[[], bool], timeout_s: float = WAIT_TIMEOUT_S) -> bool:
        """Tick in a real event loop until ``condition()`` holds (checked at every tick);
        False when ``timeout_s`` passed first. The stall is left for ``stop()``."""
        self._until, self._deadline = condition, time.perf_counter() + timeout_s
        self._loop = QEventLoop()
        self.start()
        try:
            self._loop.exec()
        finally:
            self._loop = None
        return condition()

    def _on_timer_timeout(self) -> None:
        now = self._clock.nsecsElapsed()
        self.longest_gap_ms = max(self.longest_gap_ms, (now - self._last_ns) / 1e6)
        self._last_ns = now
        if self._loop is not None and (self._until() or time.perf_counter() > self._deadline):
            self._loop.quit()


def _settle(window: MainWindow, channels: Sequence[str]) -> None:
    """Let the jobs the window started by itself (picker pictures, the debounced idea
    refill, the hint after each stroke) finish before anything is measured."""
    worker = window.draw_along.worker
    start = time.perf_counter()
    wait_until(
        lambda: time.perf_counter() - start > 0.6 and not any(map(worker.is_busy, channels)),
        timeout_s=300.0,
    )


def _ui_stall(window: MainWindow, repeats: int, channels: Sequence[str]) -> Figure:
    draw_along = window.draw_along
    panel = window.variations_panel
    delivered: dict[str, int] = {"completion": 0, "variations": 0}
    failures: list[str] = []
    draw_along.completion_ready.connect(lambda _r: delivered.__setitem__("completion", 1))
    draw_along.variations_ready.connect(lambda _r: delivered.__setitem__("variations", 1))
    draw_along.failed.connect(lambda channel, message: failures.append(f"{channel}: {message}"))

    def handled() -> bool:
        both = delivered["completion"] and delivered["variations"]
        return bool(failures) or (both and not panel.is_rendering())

    def request_both() -> None:
        window.request_completion()
        window.request_variations()

    _settle(window, channels)
    heartbeat = Heartbeat()
    stalls, idle_stalls = [], []
    for _ in range(repeats):
        delivered.update(completion=0, variations=0)
        start = time.perf_counter()
        # Requested from inside the loop, as a button click would be.
        QTimer.singleShot(0, request_both)
        if not heartbeat.run_until(handled):
            raise FigureUnavailable(f"the window did not respond within {WAIT_TIMEOUT_S:.0f} s")
        stalls.append(heartbeat.stop())
        if failures:
            raise FigureUnavailable(f"inference failed in the window: {failures[0]}")
        duration = time.perf_counter() - start
        window.preview.discard()
        _settle(window, channels)
        # The same time with nothing running: what the machine alone costs the UI thread.
        idle_until = time.perf_counter() + duration
        heartbeat.run_until(lambda until=idle_until: time.perf_counter() > until)
        idle_stalls.append(heartbeat.stop())
    idle_median = float(np.median(idle_stalls))
    figure = Figure(
        name="ui_stall",
        model=window.active_model(),
        target_ms=8.0,
        extra={
            "heartbeat_ms": HEARTBEAT_MS,
            "max_ms": round(max(stalls), 3),
            "idle_median_ms": round(idle_median, 3),
            "idle_p90_ms": round(float(np.percentile(idle_stalls, 90)), 3),
            "work_per_repeat": "1 completion + 1 variations refill, until the panes are drawn",
            "variation_panes": panel.count(),
        },
    )
    return figure.set_samples(stalls)


def _prepare_window(window: MainWindow, model_name: str) -> None:
    window.resize(1366, 768)
    window.show()
    wait_until(lambda: window.isVisible() and window.canvas.viewport().isVisible())
    window.set_active_model(model_name)
    if window.active_model() != model_name:
        raise FigureUnavailable(f"the window did not take model {model_name!r}")
    for stroke in sample_drawing():
        draw_stroke(window.canvas.viewport(), stroke)
    QApplication.processEvents()


def ui_figures(models: Sequence[ModelInfo], repeats: int) -> list[Figure]:
    """Both figures in the window ``doodle`` opens (classroom, picker, music attached),
    with a private user folder so nothing is saved into the real one."""
    generators = [info for info in models if info.kind == "gen"]
    if not generators:
        raise FigureUnavailable("no decoder-only model installed to draw with")
    chosen = max(generators, key=lambda info: info.hidden_size)
    channels = [*CHANNELS, *(THUMBNAIL_CHANNEL + info.name for info in models)]
    application()
    with private_user_folders(models) as user_folders, environment(user_folders):
        window = build_window(load_settings())
        try:
            _prepare_window(window, chosen.name)
            # The stall first: input_to_ink adds its own strokes to the drawing.
            stall = _ui_stall(window, repeats, channels)
            return [_input_to_ink(window, repeats), stall]
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            QApplication.processEvents()
