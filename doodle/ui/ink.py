"""How a stroke looks: pressure-dependent width and cheap variable-width painting.

A stroke is painted as a few polylines, one per run of segments whose (rounded) width is the
same, each with a round-capped pen; the round caps hide the joins between runs. A mouse stroke
(pressure 1.0 everywhere) is one polyline. ``StrokeItem`` is the scene item for a finished
stroke; ``LiveStrokeItem`` grows one segment per pointer move while the child draws.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

# A feather-light touch still leaves a visible line; full pressure gives the brush's width.
MIN_PRESSURE_FRACTION = 0.2
# Widths are rounded to this step so that a pressure stroke needs only a few pens.
WIDTH_STEP_PX = 0.5


def ink_width(base_width: float, pressure: float) -> float:
    """Pen width in px for a brush of ``base_width`` at ``pressure`` (0..1; mouse = 1.0)."""
    pressure = min(max(float(pressure), 0.0), 1.0)
    width = base_width * (MIN_PRESSURE_FRACTION + (1.0 - MIN_PRESSURE_FRACTION) * pressure)
    return max(WIDTH_STEP_PX, round(width / WIDTH_STEP_PX) * WIDTH_STEP_PX)


def make_pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(color, width, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    return pen


class _WidthRuns:
    """Polylines grouped by width, built incrementally (append one point at a time)."""

    def __init__(self, base_width: float) -> None:
        self.base_width = base_width
        self.runs: list[tuple[float, QPainterPath]] = []
        self.first_point: QPointF | None = None
        self.first_width = ink_width(base_width, 1.0)
        self._last_point: QPointF | None = None
        self._last_pressure = 1.0

    def append(self, x: float, y: float, pressure: float) -> QRectF:
        """Add a point; returns the area (scene px) that the new segment paints."""
        point = QPointF(x, y)
        if self._last_point is None:
            self.first_point = point
            self.first_width = ink_width(self.base_width, pressure)
            self._last_point, self._last_pressure = point, pressure
            return _dot_rect(point, self.first_width)
        width = ink_width(self.base_width, (pressure + self._last_pressure) / 2.0)
        if self.runs and self.runs[-1][0] == width:
            self.runs[-1][1].lineTo(point)
        else:
            path = QPainterPath(self._last_point)
            path.lineTo(point)
            self.runs.append((width, path))
        dirty = QRectF(self._last_point, point).normalized()
        self._last_point, self._last_pressure = point, pressure
        return dirty.adjusted(-width, -width, width, width)

    def paint(self, painter: QPainter, color: QColor, style: Qt.PenStyle) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not self.runs:
            if self.first_point is not None:
                painter.setPen(make_pen(color, self.first_width))
                painter.drawPoint(self.first_point)
            return
        for width, path in self.runs:
            painter.setPen(make_pen(color, width, style))
            painter.drawPath(path)


def _dot_rect(point: QPointF, width: float) -> QRectF:
    return QRectF(point.x() - width, point.y() - width, 2 * width, 2 * width)


class StrokeItem(QGraphicsItem):
    """A finished stroke in the scene; ``stroke_id`` ties it to the core ``Drawing``."""

    def __init__(
        self,
        points: np.ndarray,
        color: str | QColor,
        base_width: float,
        stroke_id: int | None = None,
        pen_style: Qt.PenStyle = Qt.PenStyle.SolidLine,
    ) -> None:
        super().__init__()
        self.stroke_id = stroke_id
        self.color = QColor(color)
        self.pen_style = pen_style
        self._runs = _WidthRuns(base_width)
        self._bounds = QRectF()
        pressures = points[:, 2] if points.shape[1] > 2 else np.ones(len(points), np.float32)
        for (x, y), pressure in zip(points[:, :2].tolist(), pressures.tolist(), strict=True):
            self._bounds = self._bounds.united(self._runs.append(x, y, pressure))

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._runs.paint(painter, self.color, self.pen_style)


class LiveStrokeItem(QGraphicsItem):
    """The stroke being drawn: each pointer move adds one segment and repaints only it."""

    def __init__(self, color: str | QColor, base_width: float) -> None:
        super().__init__()
        self.color = QColor(color)
        self._runs = _WidthRuns(base_width)
        self._bounds = QRectF()

    def add_point(self, x: float, y: float, pressure: float) -> None:
        dirty = self._runs.append(x, y, pressure)
        if not self._bounds.contains(dirty):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(dirty)
        self.update(dirty)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._runs.paint(painter, self.color, Qt.PenStyle.SolidLine)


def paint_polylines(
    painter: QPainter,
    strokes: Sequence[np.ndarray],
    color: QColor,
    width: float,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
) -> None:
    """Paint plain x/y polylines (model output, previews) with one pen."""
    painter.setPen(make_pen(color, width, style))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        if len(stroke) == 0:
            continue
        path = polyline_path(stroke)
        if len(stroke) == 1:
            painter.drawPoint(QPointF(float(stroke[0, 0]), float(stroke[0, 1])))
        else:
            painter.drawPath(path)


def polyline_path(stroke: np.ndarray) -> QPainterPath:
    coords = stroke[:, :2].tolist()
    path = QPainterPath(QPointF(*coords[0]))
    for x, y in coords[1:]:
        path.lineTo(x, y)
    return path
