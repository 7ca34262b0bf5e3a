"""How a stroke looks: pressure-dependent width and cheap variable-width painting.

``StrokeItem`` is the scene item of a finished stroke: one round-capped polyline when the
width is constant (mouse, model), otherwise one filled outline whose width follows the pressure
(plus round dots at the ends and sharp corners), so a repaint costs one fill per stroke.

``LiveStrokeItem`` grows while the child draws: each move adds one segment to a short run of
same-width segments (round caps hide the joins between runs) and repaints only that
segment's area; painting skips runs outside the exposed area, so a move costs the same at the
first point and the thousandth.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

# A feather-light touch still leaves a visible line; full pressure gives the brush's width.
MIN_PRESSURE_FRACTION = 0.2
# Widths are rounded to this step so that a pressure stroke needs only a few pens.
WIDTH_STEP_PX = 0.5
# A live run is cut after this many segments so a repaint touches only nearby runs.
MAX_RUN_SEGMENTS = 24
# Points per piece of a pressure stroke's filled outline.
OUTLINE_PIECE_POINTS = 32
# Corners sharper than this (radians of turn) get a round dot so the outline has no notch.
CORNER_TURN_RADIANS = 0.6


def ink_width(base_width: float, pressure: float) -> float:
    """Pen width in px for a brush of ``base_width`` at ``pressure`` (0..1; mouse = 1.0)."""
    return float(ink_widths(base_width, np.array([pressure], np.float64))[0])


def ink_widths(base_width: float, pressures: np.ndarray) -> np.ndarray:
    """``ink_width`` for many pressures at once."""
    pressure = np.clip(pressures.astype(np.float64), 0.0, 1.0)
    width = base_width * (MIN_PRESSURE_FRACTION + (1.0 - MIN_PRESSURE_FRACTION) * pressure)
    return np.maximum(WIDTH_STEP_PX, np.round(width / WIDTH_STEP_PX) * WIDTH_STEP_PX)


def make_pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A round-capped, round-joined pen: ink that looks like a felt-tip."""
    return QPen(color, width, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)


class _Run:
    """Consecutive segments of one width: one path, its area, how many segments."""

    __slots__ = ("width", "path", "bounds", "segments")

    def __init__(self, width: float, start: QPointF) -> None:
        self.width = width
        self.path = QPainterPath(start)
        self.bounds = QRectF()
        self.segments = 0


class _WidthRuns:
    """Polylines grouped by width, built incrementally (append one point at a time)."""

    def __init__(self, base_width: float) -> None:
        self.base_width = base_width
        self.runs: list[_Run] = []
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
        run = self.runs[-1] if self.runs else None
        if run is None or run.width != width or run.segments >= MAX_RUN_SEGMENTS:
            run = _Run(width, self._last_point)
            self.runs.append(run)
        run.path.lineTo(point)
        run.segments += 1
        dirty = QRectF(self._last_point, point).normalized()
        dirty = dirty.adjusted(-width, -width, width, width)
        run.bounds = run.bounds.united(dirty)
        self._last_point, self._last_pressure = point, pressure
        return dirty

    def paint(self, painter: QPainter, color: QColor, exposed: QRectF) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not self.runs:
            if self.first_point is not None:
                painter.setPen(make_pen(color, self.first_width))
                painter.drawPoint(self.first_point)
            return
        pen_width = None
        for run in self.runs:
            if not exposed.intersects(run.bounds):
                continue
            if run.width != pen_width:
                painter.setPen(make_pen(color, run.width))
                pen_width = run.width
            painter.drawPath(run.path)


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
    ) -> None:
        super().__init__()
        self.stroke_id = stroke_id
        self.color = QColor(color)
        xy = np.asarray(points[:, :2], np.float64)
        pressures = points[:, 2] if points.shape[1] > 2 else np.ones(len(points))
        keep = np.ones(len(xy), bool)
        keep[1:] = np.any(np.diff(xy, axis=0) != 0, axis=1)  # repeated points add nothing
        xy, widths = xy[keep], ink_widths(base_width, np.asarray(pressures)[keep])
        self._line: QPainterPath | None = None
        self._outline: list[QPolygonF] = []
        self._dots: list[tuple[QPointF, float]] = []
        self._line_width = float(widths.max())
        if len(xy) == 1:
            self._dots = [(QPointF(*xy[0]), float(widths[0]))]
        elif np.all(widths == widths[0]):
            self._line = polyline_path(xy)
        else:
            self._outline, self._dots = _outline(xy, widths)
        half = self._line_width / 2.0 + 1.0
        low, high = xy.min(axis=0) - half, xy.max(axis=0) + half
        self._bounds = QRectF(low[0], low[1], high[0] - low[0], high[1] - low[1])

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._line is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(make_pen(self.color, self._line_width))
            painter.drawPath(self._line)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        for piece in self._outline:
            painter.drawPolygon(piece, Qt.FillRule.WindingFill)
        for centre, width in self._dots:
            painter.drawEllipse(centre, width / 2.0, width / 2.0)


def _outline(
    xy: np.ndarray, widths: np.ndarray
) -> tuple[list[QPolygonF], list[tuple[QPointF, float]]]:
    """The filled shape of a variable-width polyline, and the dots for its ends and corners.

    The shape comes in pieces of a few dozen points that share their end cross-sections: a
    long stroke that crosses itself many times stays cheap to fill.
    """
    tangent = np.gradient(xy, axis=0)
    tangent /= np.maximum(np.linalg.norm(tangent, axis=1, keepdims=True), 1e-9)
    normal = np.stack([-tangent[:, 1], tangent[:, 0]], axis=1) * (widths[:, None] / 2.0)
    left, right = (xy + normal).tolist(), (xy - normal).tolist()
    outline = []
    for start in range(0, len(xy) - 1, OUTLINE_PIECE_POINTS - 1):
        stop = min(start + OUTLINE_PIECE_POINTS, len(xy))
        ring = left[start:stop] + right[start:stop][::-1]
        outline.append(QPolygonF([QPointF(x, y) for x, y in ring]))
    segment = np.diff(xy, axis=0)
    heading = np.arctan2(segment[:, 1], segment[:, 0])
    turn = np.abs((np.diff(heading) + np.pi) % (2 * np.pi) - np.pi)
    corners = [0, *(np.nonzero(turn > CORNER_TURN_RADIANS)[0] + 1).tolist(), len(xy) - 1]
    dots = [(QPointF(*xy[i]), float(widths[i])) for i in corners]
    return outline, dots


class LiveStrokeItem(QGraphicsItem):
    """The stroke being drawn: each pointer move adds one segment and repaints only it."""

    def __init__(self, color: str | QColor, base_width: float) -> None:
        super().__init__()
        self.color = QColor(color)
        self._runs = _WidthRuns(base_width)
        self._bounds = QRectF()
        # Ask Qt for the exposed area so paint() can skip runs outside it.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def add_point(self, x: float, y: float, pressure: float) -> None:
        """Extend the stroke to (x, y) and repaint just the new segment."""
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
        self._runs.paint(painter, self.color, option.exposedRect)


def paint_polylines(
    painter: QPainter,
    strokes: Sequence[np.ndarray],
    color: QColor,
    width: float,
) -> None:
    """Paint plain x/y polylines (model output, previews) with one pen."""
    painter.setPen(make_pen(color, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for stroke in strokes:
        if len(stroke) == 1:
            painter.drawPoint(QPointF(float(stroke[0, 0]), float(stroke[0, 1])))
        elif len(stroke) > 1:
            painter.drawPath(polyline_path(stroke))


def polyline_path(stroke: np.ndarray) -> QPainterPath:
    """A path through the stroke's points (at least one)."""
    coords = stroke[:, :2].tolist()
    path = QPainterPath(QPointF(*coords[0]))
    for x, y in coords[1:]:
        path.lineTo(x, y)
    return path
