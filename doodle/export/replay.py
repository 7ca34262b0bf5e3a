"""The animated replay: how a drawing was made, stroke by stroke, the model's strokes included.

Strokes are replayed in the drawing's order. A stroke's own timing comes from its samples'
``t`` (seconds) when they advance; strokes without timing (the model's) are drawn at a steady
pace. Pauses between strokes are kept but shortened, and the whole replay is sped up to fit
``max_seconds``. The last frame shows the finished drawing for a while before the GIF loops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from doodle.core.drawing import Stroke
from doodle.export.gif import write_gif
from doodle.export.render import (
    DrawingLike,
    Placement,
    drawing_bounds,
    ensure_gui_application,
    paint_stroke,
)

UNTIMED_SPEED_PX_PER_S = 400.0
MAX_PAUSE_S = 0.4
DEFAULT_PAUSE_S = 0.15
FINAL_HOLD_CS = 200


@dataclass(frozen=True)
class ReplayPlan:
    """When each point appears: ``point_times[i]`` (seconds) for stroke ``i``; frame times."""

    point_times: tuple[np.ndarray, ...]
    frame_times: tuple[float, ...]
    frame_delay_cs: int


def _stroke_times(stroke: Stroke) -> np.ndarray:
    """Seconds from the stroke's first point to each point."""
    t = stroke.points[:, 3].astype(np.float64)
    if len(t) > 1 and np.all(np.diff(t) >= 0) and t[-1] > t[0]:
        return t - t[0]
    lengths = np.hypot(*np.diff(stroke.xy.astype(np.float64), axis=0).T)
    return np.concatenate([[0.0], np.cumsum(lengths)]) / UNTIMED_SPEED_PX_PER_S


def plan_replay(drawing: DrawingLike, fps: float = 12.0, max_seconds: float = 12.0) -> ReplayPlan:
    """The timeline of the replay (pure numbers: easy to test and to reuse)."""
    strokes = drawing.strokes
    timelines: list[np.ndarray] = []
    clock = 0.0
    previous_end: float | None = None
    for stroke in strokes:
        relative = _stroke_times(stroke)
        start_t = float(stroke.points[0, 3])
        if previous_end is None:
            pause = 0.0
        elif start_t >= previous_end and start_t > 0:
            pause = min(start_t - previous_end, MAX_PAUSE_S)
        else:
            pause = DEFAULT_PAUSE_S
        clock += pause
        timelines.append(clock + relative)
        clock += float(relative[-1])
        previous_end = float(stroke.points[-1, 3])
    speedup = max(1.0, clock / max_seconds) if max_seconds > 0 else 1.0
    timelines = [times / speedup for times in timelines]
    total = clock / speedup
    step = 1.0 / fps
    count = max(1, math.ceil(total / step))
    frame_times = tuple(min(total, (index + 1) * step) for index in range(count))
    return ReplayPlan(tuple(timelines), frame_times, max(2, round(100 / fps)))


def _image_to_rgb(image: QImage) -> np.ndarray:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    buffer = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=rgb.sizeInBytes())
    return (
        buffer.reshape(height, rgb.bytesPerLine())[:, : width * 3].reshape(height, width, 3).copy()
    )


def replay_frames(
    drawing: DrawingLike,
    width: int = 400,
    height: int | None = None,
    plan: ReplayPlan | None = None,
) -> list[np.ndarray]:
    """RGB frames ``[H, W, 3]`` uint8, one per ``plan.frame_times`` entry."""
    height = width if height is None else height
    plan = plan if plan is not None else plan_replay(drawing)
    ensure_gui_application()
    strokes = drawing.strokes
    placement = Placement.fit(drawing_bounds(strokes), QRectF(0, 0, width, height))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    shown = [0] * len(strokes)
    frames: list[np.ndarray] = []
    last = len(plan.frame_times) - 1
    for frame_index, planned_time in enumerate(plan.frame_times):
        # The last frame shows everything, whatever rounding did to the times.
        frame_time = math.inf if frame_index == last else planned_time
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for index, stroke in enumerate(strokes):
            visible = int(np.searchsorted(plan.point_times[index], frame_time, side="right"))
            if visible > shown[index]:
                paint_stroke(painter, stroke, placement, shown[index], visible)
                shown[index] = visible
        painter.end()
        frames.append(_image_to_rgb(image))
    return frames


def export_replay_gif(
    drawing: DrawingLike, path: Path, width: int = 400, fps: float = 12.0, max_seconds: float = 12.0
) -> Path:
    """Write the replay as an animated GIF; returns the path."""
    plan = plan_replay(drawing, fps, max_seconds)
    frames = replay_frames(drawing, width, plan=plan)
    delays = [plan.frame_delay_cs] * len(frames)
    delays[-1] = FINAL_HOLD_CS
    colors = [stroke.color for stroke in drawing.strokes]
    return write_gif(Path(path), frames, delays, colors)
