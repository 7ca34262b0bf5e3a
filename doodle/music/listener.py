"""How the music hears the drawing: a plain event interface and a running summary of it.

The canvas (or a replay of a saved drawing) calls ``pen_down``/``pen_move``/``pen_up`` with
positions normalised to the canvas (x, y in 0..1, y pointing down) and times in seconds on
the listener's clock, and ``completed`` when the drawing is finished or autocompleted.
``DrawingActivity`` turns these into a few numbers the music follows (energy from drawing
speed and stroke rate, pen height, idle time). Thread-safe: the UI writes, the scheduler reads.
Imports no Qt.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# A child drawing briskly crosses the canvas in about a second.
BRISK_SPEED = 1.2  # canvas heights per second
BRISK_STROKES_PER_MINUTE = 40.0
STROKE_WINDOW_S = 12.0
SPEED_MEMORY_S = 1.5  # how fast the felt speed falls once the pen stops


class DrawingListener(Protocol):
    def pen_down(self, x: float, y: float, t: float) -> None: ...
    def pen_move(self, x: float, y: float, t: float) -> None: ...
    def pen_up(self, x: float, y: float, t: float) -> None: ...
    def completed(self, t: float | None = None) -> None: ...


@dataclass(frozen=True)
class ActivitySnapshot:
    """The drawing as the music feels it at one moment."""

    energy: float  # 0 (still) .. 1 (brisk drawing)
    height: float  # last pen height, 0 top .. 1 bottom
    idle_s: float  # seconds since the last pen event (0 while the pen is down)
    pen_is_down: bool
    strokes_started: int
    completions: int


class DrawingActivity:
    """A ``DrawingListener`` that keeps the summary the conductor reads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._speed = 0.0
        self._speed_time = 0.0
        self._last_point: tuple[float, float, float] | None = None
        self._last_event_time: float | None = None
        self._height = 0.5
        self._pen_is_down = False
        self._stroke_starts: deque[float] = deque()
        self._strokes_started = 0
        self._completions = 0

    def pen_down(self, x: float, y: float, t: float) -> None:
        with self._lock:
            self._pen_is_down = True
            self._strokes_started += 1
            self._stroke_starts.append(t)
            self._last_point = (x, y, t)
            self._touch(y, t)

    def pen_move(self, x: float, y: float, t: float) -> None:
        with self._lock:
            if self._last_point is not None:
                last_x, last_y, last_t = self._last_point
                dt = t - last_t
                if dt > 1e-4:
                    instant = math.hypot(x - last_x, y - last_y) / dt
                    # Smooth over ~0.3 s so one jerky sample does not change the tempo.
                    weight = 1.0 - math.exp(-dt / 0.3)
                    self._speed = self._decayed_speed(t) + weight * (
                        instant - self._decayed_speed(t)
                    )
                    self._speed_time = t
                    self._last_point = (x, y, t)
            else:
                self._last_point = (x, y, t)
            self._touch(y, t)

    def pen_up(self, x: float, y: float, t: float) -> None:
        with self._lock:
            self._pen_is_down = False
            self._last_point = None
            self._touch(y, t)

    def completed(self, t: float | None = None) -> None:
        with self._lock:
            self._completions += 1
            self._pen_is_down = False
            self._last_point = None

    def snapshot(self, now: float | None = None) -> ActivitySnapshot:
        now = self._clock() if now is None else now
        with self._lock:
            while self._stroke_starts and self._stroke_starts[0] < now - STROKE_WINDOW_S:
                self._stroke_starts.popleft()
            rate = len(self._stroke_starts) * 60.0 / STROKE_WINDOW_S
            speed_part = min(1.0, self._decayed_speed(now) / BRISK_SPEED)
            rate_part = min(1.0, rate / BRISK_STROKES_PER_MINUTE)
            if self._last_event_time is None:
                idle = math.inf
            elif self._pen_is_down:
                idle = 0.0
            else:
                idle = max(0.0, now - self._last_event_time)
            return ActivitySnapshot(
                energy=0.65 * speed_part + 0.35 * rate_part,
                height=self._height,
                idle_s=idle,
                pen_is_down=self._pen_is_down,
                strokes_started=self._strokes_started,
                completions=self._completions,
            )

    def _touch(self, y: float, t: float) -> None:
        self._height = min(1.0, max(0.0, y))
        self._last_event_time = t

    def _decayed_speed(self, now: float) -> float:
        elapsed = max(0.0, now - self._speed_time)
        return self._speed * math.exp(-elapsed / SPEED_MEMORY_S)
