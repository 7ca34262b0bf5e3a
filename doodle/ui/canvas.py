"""The drawing canvas: pen, touch and mouse input, immediate ink, ghost hints.

All input goes through one path (as in Pencil2D): tablet, touch and mouse events on the
viewport become ``PointerInput`` values (position in canvas px, pressure, kind) that drive
``_pointer_pressed`` / ``_pointer_moved`` / ``_pointer_released``.

- Tablet pressure sets the line width; a mouse draws at pressure 1.0.
- The pen's eraser end removes every stroke it touches (one undo step per eraser drag).
- Mouse events that Qt synthesises while a pen is in use are ignored.
- With ``pen_only`` on, touch is ignored once a pen has been seen (palm rejection).

Ink is painted at once by a ``LiveStrokeItem`` that adds one segment per move. On pen-up the
samples (x, y, pressure, t) go into the core ``Drawing`` through the ``DrawingDocument`` (one
undo step) and the canvas shows the stored stroke; the scene always mirrors the drawing.

Scene coordinates are canvas px, origin top-left; the "paper" is the viewport's size at 1:1.
When strokes (a model's completion, say) reach past the paper, the view zooms out just enough
to show all of them, and back to 1:1 when they are gone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum, auto

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QWidget

from doodle.core.drawing import Stroke
from doodle.ui.document import DrawingDocument
from doodle.ui.ink import LiveStrokeItem, StrokeItem, make_pen, polyline_path

# An eraser touches a stroke when it comes this close to its line (plus half the line width).
ERASER_RADIUS_PX = 10.0
# Some platforms deliver the mouse events synthesised from a pen a little after the pen events.
TABLET_GRACE_SECONDS = 0.5
GHOST_COLOR = QColor(90, 110, 200, 110)
FIT_MARGIN_PX = 16.0
FIT_SPARE_FRACTION = 0.1
PAPER_COLOR = QColor("#ffffff")

_TABLET_EVENTS = {QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease}
_TOUCH_EVENTS = {
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
}
_MOUSE_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
}
_STROKE_Z = 0.0
_LIVE_Z = 1_000_000.0
_OVERLAY_Z = 2_000_000.0


class PointerKind(Enum):
    MOUSE = auto()
    TOUCH = auto()
    PEN = auto()
    ERASER = auto()


@dataclass(frozen=True)
class PointerInput:
    """One pointer sample in canvas px, whatever device it came from."""

    x: float
    y: float
    pressure: float
    kind: PointerKind


class DrawingCanvas(QGraphicsView):
    """Shows a ``DrawingDocument`` and lets the child draw into it."""

    stroke_started = Signal()  # pen, finger or mouse went down to draw
    pen_moved = Signal(float, float, float, float)  # x, y (canvas px), pressure, t (s)
    stroke_finished = Signal(object)  # the core Stroke just added to the drawing
    strokes_erased = Signal(list)  # stroke ids the eraser removed (one undo step)
    canvas_touched = Signal()  # any pointer went down (drawing or erasing)

    def __init__(self, document: DrawingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.brush_color = "#222222"
        self.brush_width = 8.0
        self.pen_only = False
        self.pen_seen = False
        self.eraser_mode = False  # the rubber tool: every pointer erases
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._scene.setBackgroundBrush(PAPER_COLOR)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(200, 200)

        self._items: dict[int, StrokeItem] = {}
        self._live: LiveStrokeItem | None = None
        self._samples: list[tuple[float, float, float, float]] = []
        self._active_kind: PointerKind | None = None
        self._active_erases = False
        self._erasing: set[int] = set()
        self._tablet_down = False
        self._last_tablet_time = -1e9
        self._touch_id: int | None = None
        self._ghost_items: list[QGraphicsItem] = []
        self._paper = QRectF(0, 0, 1, 1)

        self._clock_base, self._clock_start = 0.0, 0.0
        self._restart_clock()
        document.replaced.connect(self._on_document_replaced)
        document.changed.connect(self._on_document_changed)
        self._on_document_changed()

    # -- public --------------------------------------------------------------------------------

    def canvas_size(self) -> tuple[float, float]:
        """The paper's size in canvas px (the viewport at 1:1)."""
        return self._paper.width(), self._paper.height()

    def fit_content(self) -> None:
        """Zoom out just enough to show every item, or back to 1:1 when all fit the paper.

        Never while a pointer is down (the ink would jump away from it); pen-up catches up.
        """
        if self.is_drawing():
            return
        content = self._scene.itemsBoundingRect()
        if content.isEmpty() or self._paper.contains(content):
            if not self.transform().isIdentity():
                self.resetTransform()
            self._scene.setSceneRect(self._paper)
            return
        if self._scene.sceneRect() != self._paper and self._scene.sceneRect().contains(content):
            return  # already zoomed out far enough; a steady view beats a tight fit
        # Some room to spare, so a completion drawing itself does not re-zoom at every point.
        margin = max(FIT_MARGIN_PX, FIT_SPARE_FRACTION * max(content.width(), content.height()))
        wanted = self._paper.united(content).adjusted(-margin, -margin, margin, margin)
        self._scene.setSceneRect(wanted)
        self.fitInView(wanted, Qt.AspectRatioMode.KeepAspectRatio)

    def min_extent_px(self) -> float:
        """Half the shorter canvas side: model output keeps the child's scale."""
        width, height = self.canvas_size()
        return 0.5 * min(width, height)

    def stroke_items(self) -> dict[int, StrokeItem]:
        """The scene items of the drawing's strokes, by stroke id."""
        return dict(self._items)

    def is_drawing(self) -> bool:
        return self._active_kind is not None

    def set_eraser_mode(self, enabled: bool) -> None:
        """With the rubber tool on, mouse, finger and pen tip erase whole strokes."""
        self.eraser_mode = enabled
        cursor = Qt.CursorShape.PointingHandCursor if enabled else Qt.CursorShape.CrossCursor
        self.viewport().setCursor(cursor)

    def show_ghost(self, polylines: list[np.ndarray]) -> None:
        """Show a faint dashed hint of what could come next (replaces any previous hint)."""
        self.hide_ghost()
        pen = make_pen(GHOST_COLOR, max(3.0, self.brush_width * 0.6), Qt.PenStyle.DashLine)
        for line in polylines:
            if len(line) < 2:
                continue
            item = self._scene.addPath(polyline_path(line), pen)
            item.setZValue(_OVERLAY_Z)
            self._ghost_items.append(item)
        self.fit_content()

    def hide_ghost(self) -> None:
        if not self._ghost_items:
            return
        for item in self._ghost_items:
            self._scene.removeItem(item)
        self._ghost_items.clear()
        self.fit_content()

    def ghost_visible(self) -> bool:
        return bool(self._ghost_items)

    def add_overlay_item(self, item: QGraphicsItem) -> None:
        """Put a temporary item (e.g. an animated completion) above the drawing."""
        item.setZValue(_OVERLAY_Z - 1)
        self._scene.addItem(item)

    def remove_overlay_item(self, item: QGraphicsItem) -> None:
        if item.scene() is self._scene:
            self._scene.removeItem(item)
            self.fit_content()

    # -- Qt overrides --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        size = self.viewport().size()
        self._paper = QRectF(0, 0, size.width(), size.height())
        self.fit_content()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind in _TABLET_EVENTS:
            self._on_tablet_event(event)  # type: ignore[arg-type]
            return True
        if kind in _TOUCH_EVENTS:
            self._on_touch_event(event)  # type: ignore[arg-type]
            return True
        if kind in _MOUSE_EVENTS:
            self._on_mouse_event(event)  # type: ignore[arg-type]
            return True
        return super().viewportEvent(event)

    # -- event translation ---------------------------------------------------------------------

    def _map(self, position: QPointF) -> QPointF:
        # mapToScene takes integer points; keep sub-pixel precision from tablets.
        return self.viewportTransform().inverted()[0].map(position)

    def _on_tablet_event(self, event: QTabletEvent) -> None:
        event.accept()
        self.pen_seen = True
        self._last_tablet_time = time.monotonic()
        pointer_type = event.pointerType()
        kind = (
            PointerKind.ERASER
            if pointer_type == QPointingDevice.PointerType.Eraser
            else PointerKind.PEN
        )
        point = self._map(event.position())
        sample = PointerInput(point.x(), point.y(), float(event.pressure()), kind)
        event_type = event.type()
        if event_type == QEvent.Type.TabletPress:
            self._tablet_down = True
            self._pointer_pressed(sample)
        elif event_type == QEvent.Type.TabletMove:
            if self._tablet_down:
                self._pointer_moved(sample)
        else:
            self._tablet_down = False
            self._pointer_released(sample)

    def _on_touch_event(self, event: QTouchEvent) -> None:
        event.accept()
        if self.pen_only and self.pen_seen:
            self._touch_id = None
            return
        if event.type() == QEvent.Type.TouchCancel:
            self._cancel_stroke()
            self._touch_id = None
            return
        for point in event.points():
            if self._touch_id is None and point.state() == point.State.Pressed:
                self._touch_id = point.id()
            if point.id() != self._touch_id:
                continue  # a second finger or a resting palm never draws
            # From the global position: it is always set, whoever made the event.
            position = self._map(self.viewport().mapFromGlobal(point.globalPosition()))
            has_pressure = bool(event.device().capabilities() & QPointingDevice.Capability.Pressure)
            pressure = float(point.pressure()) if has_pressure else 1.0
            sample = PointerInput(position.x(), position.y(), pressure, PointerKind.TOUCH)
            if point.state() == point.State.Pressed:
                self._pointer_pressed(sample)
            elif point.state() == point.State.Released:
                self._pointer_released(sample)
                self._touch_id = None
            else:
                self._pointer_moved(sample)

    def _on_mouse_event(self, event: QMouseEvent) -> None:
        event.accept()
        if self._ignores_mouse(event):
            return
        point = self._map(event.position())
        sample = PointerInput(point.x(), point.y(), 1.0, PointerKind.MOUSE)
        event_type = event.type()
        if event_type in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if event.button() == Qt.MouseButton.LeftButton and self._active_kind is None:
                self._pointer_pressed(sample)
        elif event_type == QEvent.Type.MouseMove:
            if self._active_kind is PointerKind.MOUSE:
                self._pointer_moved(sample)
        elif event.button() == Qt.MouseButton.LeftButton:
            if self._active_kind is PointerKind.MOUSE:
                self._pointer_released(sample)

    def _ignores_mouse(self, event: QMouseEvent) -> bool:
        if event.source() == Qt.MouseEventSource.MouseEventSynthesizedByQt:
            return True  # the real tablet/touch event was handled already
        if self._tablet_down or self._active_kind in (PointerKind.PEN, PointerKind.ERASER):
            return True
        return time.monotonic() - self._last_tablet_time < TABLET_GRACE_SECONDS

    # -- one pointer path ----------------------------------------------------------------------

    def _pointer_pressed(self, sample: PointerInput) -> None:
        if self._active_kind is not None:
            self._cancel_stroke()
        # Down first: whatever vanishes now must not re-zoom the view under the pointer.
        self._active_kind = sample.kind
        self._active_erases = sample.kind is PointerKind.ERASER or self.eraser_mode
        self.hide_ghost()
        self.canvas_touched.emit()
        if self._active_erases:
            self._erasing = set()
            self._erase_at(sample.x, sample.y)
            return
        self._samples = []
        self._live = LiveStrokeItem(self.brush_color, self.brush_width)
        self._live.setZValue(_LIVE_Z)
        self._scene.addItem(self._live)
        self.stroke_started.emit()
        self._add_sample(sample)

    def _pointer_moved(self, sample: PointerInput) -> None:
        if self._active_kind is None:
            return
        if self._active_erases:
            self._erase_at(sample.x, sample.y)
            return
        self._add_sample(sample)

    def _pointer_released(self, sample: PointerInput) -> None:
        kind = self._active_kind
        if kind is None:
            return
        if self._active_erases:
            self._erase_at(sample.x, sample.y)
            self._active_kind, self._active_erases = None, False
            erased = sorted(self._erasing)
            self._erasing = set()
            if erased:
                self.document.remove_strokes(erased)
                self.strokes_erased.emit(erased)
            self.fit_content()
            return
        last = self._samples[-1] if self._samples else None
        if last is None or (last[0], last[1]) != (sample.x, sample.y):
            self._add_sample(sample)
        points = np.array(self._samples, dtype=np.float32)
        self._drop_live_item()
        self._active_kind = None
        stroke = self.document.add_stroke(points, self.brush_color, self.brush_width)
        self.stroke_finished.emit(stroke)

    def _cancel_stroke(self) -> None:
        if self._active_erases:
            for stroke_id in self._erasing:
                if stroke_id in self._items:
                    self._items[stroke_id].setVisible(True)
            self._erasing = set()
        self._drop_live_item()
        self._active_kind = None
        self._active_erases = False
        self.fit_content()

    def _drop_live_item(self) -> None:
        if self._live is not None:
            self._scene.removeItem(self._live)
            self._live = None
        self._samples = []

    def _add_sample(self, sample: PointerInput) -> None:
        if self._samples and (self._samples[-1][0], self._samples[-1][1]) == (sample.x, sample.y):
            return  # a pressure change alone adds nothing visible
        elapsed = self._drawing_seconds()
        self._samples.append((sample.x, sample.y, sample.pressure, elapsed))
        if self._live is not None:
            self._live.add_point(sample.x, sample.y, sample.pressure)
        self.pen_moved.emit(sample.x, sample.y, sample.pressure, elapsed)

    def _drawing_seconds(self) -> float:
        """Seconds of drawing time for the next sample.

        A drawing opened again goes on from its last stroke's time: a replay of it shows no
        gap of days between the sittings.
        """
        return self._clock_base + time.monotonic() - self._clock_start

    def _restart_clock(self) -> None:
        strokes = self.document.strokes
        self._clock_base = max((float(s.points[-1, 3]) for s in strokes), default=0.0)
        self._clock_start = time.monotonic()

    def _erase_at(self, x: float, y: float) -> None:
        for stroke in self.document.strokes:
            if stroke.stroke_id in self._erasing:
                continue
            if _distance_to_stroke(stroke, x, y) <= ERASER_RADIUS_PX + stroke.width / 2.0:
                self._erasing.add(stroke.stroke_id)
                item = self._items.get(stroke.stroke_id)
                if item is not None:
                    item.setVisible(False)

    # -- keeping the scene equal to the drawing ------------------------------------------------

    def _on_document_replaced(self) -> None:
        # Another drawing reuses the same stroke ids: start the scene afresh.
        self._cancel_stroke()
        self._restart_clock()
        self.hide_ghost()
        for item in self._items.values():
            self._scene.removeItem(item)
        self._items.clear()

    def _on_document_changed(self) -> None:
        strokes = self.document.strokes
        wanted = {stroke.stroke_id for stroke in strokes}
        for stroke_id in [i for i in self._items if i not in wanted]:
            self._scene.removeItem(self._items.pop(stroke_id))
        for z_order, stroke in enumerate(strokes):
            item = self._items.get(stroke.stroke_id)
            if item is None:
                item = StrokeItem(stroke.points, stroke.color, stroke.width, stroke.stroke_id)
                self._items[stroke.stroke_id] = item
                self._scene.addItem(item)
            item.setVisible(stroke.stroke_id not in self._erasing)
            item.setZValue(_STROKE_Z + z_order)
        self.fit_content()


def _distance_to_stroke(stroke: Stroke, x: float, y: float) -> float:
    """Shortest distance from (x, y) to the stroke's polyline, in px."""
    points = stroke.xy
    point = np.array([x, y], dtype=np.float32)
    if len(points) == 1:
        return float(np.linalg.norm(points[0] - point))
    starts, ends = points[:-1], points[1:]
    segment = ends - starts
    length_sq = np.maximum((segment**2).sum(axis=1), 1e-12)
    along = np.clip(((point - starts) * segment).sum(axis=1) / length_sq, 0.0, 1.0)
    nearest = starts + along[:, None] * segment
    return float(np.sqrt(((nearest - point) ** 2).sum(axis=1)).min())
