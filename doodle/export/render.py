"""Painting a drawing with QtGui (no widgets): the shared core of PNG, PDF, print and replay.

Each segment of a stroke is as wide as the brush at the pressure of its two ends (the same rule
the canvas uses), with round caps and joins, so exported ink looks like the ink on screen. The
drawing is fitted into the target rectangle with a margin, keeping its aspect ratio.
``ensure_gui_application`` lets command-line exports paint without a display.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen

from doodle.core.drawing import Drawing, DrawingSnapshot, Stroke

DrawingLike = Drawing | DrawingSnapshot

# The canvas's pressure rule: a feather-light touch still leaves a visible line.
MIN_PRESSURE_FRACTION = 0.2
# Widths are rounded to this step on the target, so a pressure stroke needs only a few pens.
WIDTH_STEP_PX = 0.5
_MIN_EXTENT_PX = 1.0


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen one (exports need no display)."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["doodle"])
    return app  # type: ignore[return-value]


def ink_width(base_width: float, pressure: float) -> float:
    """Pen width for a brush of ``base_width`` at ``pressure`` 0..1 (a mouse gives 1.0)."""
    pressure = min(max(float(pressure), 0.0), 1.0)
    return base_width * (MIN_PRESSURE_FRACTION + (1.0 - MIN_PRESSURE_FRACTION) * pressure)


def drawing_bounds(strokes: Sequence[Stroke]) -> QRectF:
    """The area the ink covers in canvas px (half a brush width around every point)."""
    if not strokes:
        return QRectF(0.0, 0.0, _MIN_EXTENT_PX, _MIN_EXTENT_PX)
    lows, highs = [], []
    for stroke in strokes:
        half = stroke.width / 2.0
        lows.append(stroke.xy.min(axis=0) - half)
        highs.append(stroke.xy.max(axis=0) + half)
    low = np.min(lows, axis=0)
    high = np.max(highs, axis=0)
    size = np.maximum(high - low, _MIN_EXTENT_PX)
    return QRectF(float(low[0]), float(low[1]), float(size[0]), float(size[1]))


@dataclass(frozen=True)
class Placement:
    """Maps canvas px into a target rectangle: ``target = origin + scale * (p - source_origin)``."""

    scale: float
    offset_x: float
    offset_y: float

    @classmethod
    def fit(cls, source: QRectF, target: QRectF, margin_fraction: float = 0.05) -> Placement:
        margin = margin_fraction * min(target.width(), target.height())
        inner = target.adjusted(margin, margin, -margin, -margin)
        scale = min(inner.width() / source.width(), inner.height() / source.height())
        # Centre the drawing in the target.
        offset_x = (
            inner.left() + (inner.width() - scale * source.width()) / 2 - scale * source.left()
        )
        offset_y = (
            inner.top() + (inner.height() - scale * source.height()) / 2 - scale * source.top()
        )
        return cls(scale, offset_x, offset_y)

    def map_xy(self, xy: np.ndarray) -> np.ndarray:
        mapped = np.asarray(xy, dtype=np.float64) * self.scale
        mapped[:, 0] += self.offset_x
        mapped[:, 1] += self.offset_y
        return mapped


def _pen(color: QColor, width: float) -> QPen:
    return QPen(
        color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )


def _width_runs(widths: np.ndarray) -> list[tuple[int, int]]:
    """Runs ``[start, stop)`` of consecutive segments that share one (rounded) width."""
    breaks = np.flatnonzero(np.diff(widths)) + 1
    edges = [0, *breaks.tolist(), len(widths)]
    return list(zip(edges[:-1], edges[1:], strict=True))


def paint_stroke(
    painter: QPainter,
    stroke: Stroke,
    placement: Placement,
    first_point: int = 0,
    end_point: int | None = None,
    uniform_width: bool = False,
) -> None:
    """Paint points ``first_point .. end_point`` of ``stroke`` (all by default).

    Segments whose width (rounded to ``WIDTH_STEP_PX`` on the target) is the same are painted
    as one polyline: a mouse stroke is one call, a pressure stroke a few. ``uniform_width``
    paints the whole stroke at its mean width in one call (for small thumbnails).
    """
    end_point = len(stroke) if end_point is None else min(end_point, len(stroke))
    if end_point <= first_point:
        return
    color = QColor(stroke.color)
    xy = placement.map_xy(stroke.xy)
    pressure = np.clip(stroke.points[:, 2].astype(np.float64), 0.0, 1.0)
    if len(stroke) == 1:
        width = ink_width(stroke.width, float(pressure[0])) * placement.scale
        painter.setPen(_pen(color, width))
        painter.drawPoint(QPointF(xy[0, 0], xy[0, 1]))
        return
    # Segment i joins points i and i + 1; starting at first_point - 1 keeps the line joined.
    start = max(first_point - 1, 0)
    if end_point - start < 2:
        return  # no whole segment yet
    mean_pressure = (pressure[start : end_point - 1] + pressure[start + 1 : end_point]) / 2.0
    widths = (
        stroke.width
        * (MIN_PRESSURE_FRACTION + (1.0 - MIN_PRESSURE_FRACTION) * mean_pressure)
        * placement.scale
    )
    if uniform_width:
        widths = np.full_like(widths, widths.mean())
    widths = np.maximum(np.round(widths / WIDTH_STEP_PX), 1.0) * WIDTH_STEP_PX
    for run_start, run_stop in _width_runs(widths):
        points = [QPointF(x, y) for x, y in xy[start + run_start : start + run_stop + 1]]
        painter.setPen(_pen(color, float(widths[run_start])))
        painter.drawPolyline(points)


def paint_drawing(
    painter: QPainter, drawing: DrawingLike, target: QRectF, uniform_width: bool = False
) -> Placement:
    """Paint every stroke of ``drawing`` fitted into ``target``; returns the placement used."""
    strokes = drawing.strokes
    placement = Placement.fit(drawing_bounds(strokes), target)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        paint_stroke(painter, stroke, placement, uniform_width=uniform_width)
    painter.restore()
    return placement
