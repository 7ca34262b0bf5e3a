"""Showing a model completion: it draws itself onto the canvas, then the child decides.

``CompletionPreview`` animates the model's strokes onto the canvas (in the model's colour,
stroke by stroke, a few points per timer tick) as temporary overlay items; nothing is in the
drawing yet. ``keep()`` adds the strokes to the drawing as model strokes in ONE undo step;
``discard()`` removes the preview.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from doodle.ui.canvas import DrawingCanvas
from doodle.ui.ink import LiveStrokeItem

TICK_MS = 16
POINTS_PER_TICK = 2


class CompletionPreview(QObject):
    """The completion on show: animating, then waiting for "keep" or "another"."""

    started = Signal()
    finished_playing = Signal()
    kept = Signal(object)  # tuple of the core Strokes added to the drawing
    discarded = Signal()

    def __init__(self, canvas: DrawingCanvas, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._canvas = canvas
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._polylines: list[np.ndarray] = []
        self._items: list[LiveStrokeItem] = []
        self._stroke_index = 0
        self._point_index = 0
        self.color = "#7c4dff"
        self.width = 8.0

    def is_active(self) -> bool:
        return bool(self._polylines)

    def polylines(self) -> list[np.ndarray]:
        return list(self._polylines)

    def play(self, polylines: Sequence[np.ndarray], color: str, width: float) -> None:
        """Replace any preview and start drawing ``polylines`` onto the canvas."""
        self.discard()
        self._polylines = [np.asarray(s, np.float32)[:, :2] for s in polylines if len(s) > 0]
        self.color, self.width = color, width
        self._stroke_index = self._point_index = 0
        if not self._polylines:
            self.finished_playing.emit()
            return
        self.started.emit()
        self._timer.start()

    def finish_now(self) -> None:
        """Skip the animation: show every stroke at once."""
        while self._timer.isActive():
            self._on_timer_timeout()

    def keep(self) -> tuple:
        """Add the completion to the drawing (one undo step) and end the preview."""
        if not self._polylines:
            return ()
        polylines = self._polylines
        self._clear_items()
        strokes = self._canvas.document.add_model_strokes(
            polylines, self.color, self.width, self.tr("Finish it")
        )
        self.kept.emit(strokes)
        return strokes

    def discard(self) -> None:
        had_preview = bool(self._polylines)
        self._clear_items()
        if had_preview:
            self.discarded.emit()

    def _clear_items(self) -> None:
        self._timer.stop()
        for item in self._items:
            self._canvas.remove_overlay_item(item)
        self._items.clear()
        self._polylines = []

    def _on_timer_timeout(self) -> None:
        stroke = self._polylines[self._stroke_index]
        if self._point_index == 0:
            item = LiveStrokeItem(self.color, self.width)
            self._canvas.add_overlay_item(item)
            self._items.append(item)
        item = self._items[-1]
        end = min(self._point_index + POINTS_PER_TICK, len(stroke))
        for x, y in stroke[self._point_index : end].tolist():
            item.add_point(x, y, 1.0)
        self._point_index = end
        self._canvas.fit_content()
        if self._point_index >= len(stroke):
            self._stroke_index += 1
            self._point_index = 0
            if self._stroke_index >= len(self._polylines):
                self._timer.stop()
                self.finished_playing.emit()
