"""Choosing drawings to play with: the one on the canvas and the saved ones, as big thumbnails.

``drawing_choices`` reads the drawings once (the canvas drawing first, then the newest saved
drawings of the given folders; ``with_first`` puts given drawings, such as two picked in the
gallery, at the front) and paints a thumbnail of each with one polyline per stroke,
which is quick enough to do on opening a dialog; ``DrawingChooser`` is a one-row strip of
those thumbnails, and several choosers share one list. ``saved_drawing_folders`` names the
folders the gallery shows for given settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from doodle import paths
from doodle.autosave import DrawingStore, load_for_gallery
from doodle.config import Settings
from doodle.core.drawing import Drawing
from doodle.ui.ink import make_pen

CHOOSER_THUMBNAIL_PX = 96
MAX_SAVED_DRAWINGS = 30
"""A class's folder can hold hundreds of drawings; the newest are the ones children look for."""
THUMBNAIL_MARGIN_PX = 6.0
THUMBNAIL_INK_PX = 2.0


@dataclass(frozen=True)
class DrawingChoice:
    """One drawing to choose: the drawing, its caption and its thumbnail."""

    drawing: Drawing
    caption: str
    icon: QIcon


def saved_drawing_folders(settings: Settings) -> list[Path]:
    """The save folder of ``settings`` and the fallback folder (as in the gallery)."""
    return [settings.drawings_folder, paths.fallback_drawings_dir()]


def polylines_of(drawing: Drawing) -> list[np.ndarray]:
    return [np.asarray(stroke.xy, dtype=np.float32) for stroke in drawing.strokes]


def drawing_thumbnail(drawing: Drawing, size: int = CHOOSER_THUMBNAIL_PX) -> QPixmap:
    """The drawing fitted into a white square, each stroke in its own colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.white)
    lines = polylines_of(drawing)
    if not lines:
        return pixmap
    points = np.concatenate(lines)
    low, high = points.min(axis=0), points.max(axis=0)
    inner = size - 2 * THUMBNAIL_MARGIN_PX
    scale = inner / max(float((high - low).max()), 1.0)
    offset = THUMBNAIL_MARGIN_PX + (inner - (high - low) * scale) / 2 - low * scale
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke, line in zip(drawing.strokes, lines, strict=True):
        painter.setPen(make_pen(QColor(stroke.color), THUMBNAIL_INK_PX))
        mapped = line * scale + offset
        if len(mapped) == 1:
            painter.drawPoint(QPointF(*mapped[0]))
        else:
            painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in mapped]))
    painter.end()
    return pixmap


def drawing_choices(
    canvas_drawing: Drawing | None, folders: Sequence[Path], canvas_caption: str
) -> list[DrawingChoice]:
    """The canvas drawing (if it has strokes), then the newest saved drawings of ``folders``."""
    choices: list[DrawingChoice] = []
    on_canvas = canvas_drawing is not None and len(canvas_drawing) > 0
    if on_canvas:
        choices.append(DrawingChoice(canvas_drawing, canvas_caption,
                                     QIcon(drawing_thumbnail(canvas_drawing))))  # fmt: skip
    for folder in folders:
        for path in DrawingStore(folder).drawings()[:MAX_SAVED_DRAWINGS]:
            drawing = load_for_gallery(path)
            if drawing is None or not len(drawing):
                continue
            if on_canvas and drawing.created == canvas_drawing.created:
                continue  # the autosaved copy of the drawing on the canvas
            icon = QIcon(drawing_thumbnail(drawing))
            choices.append(DrawingChoice(drawing, drawing.child_name or "", icon))
    return choices


def with_first(
    choices: Sequence[DrawingChoice], drawings: Sequence[Drawing]
) -> list[DrawingChoice]:
    """``drawings`` as the first choices, then the other ``choices`` (none of them twice)."""
    first = [
        DrawingChoice(drawing, drawing.child_name or "", QIcon(drawing_thumbnail(drawing)))
        for drawing in drawings
    ]
    # The drawing on the canvas and its autosaved copy share their creation time.
    taken = {drawing.created for drawing in drawings}
    return first + [choice for choice in choices if choice.drawing.created not in taken]


class DrawingChooser(QListWidget):
    """A row of drawing thumbnails; ``chosen`` fires with the index picked."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(CHOOSER_THUMBNAIL_PX, CHOOSER_THUMBNAIL_PX))
        self.setMovement(QListWidget.Movement.Static)
        self.setSpacing(6)
        self.setFixedHeight(CHOOSER_THUMBNAIL_PX + 48)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.currentRowChanged.connect(self._on_current_row_changed)
        self._drawings: list[Drawing] = []

    def set_choices(self, choices: Sequence[DrawingChoice]) -> None:
        self.clear()
        self._drawings = [choice.drawing for choice in choices]
        for choice in choices:
            self.addItem(QListWidgetItem(choice.icon, choice.caption))

    def drawings(self) -> list[Drawing]:
        return list(self._drawings)

    def choose(self, index: int) -> None:
        self.setCurrentRow(index)

    def chosen_drawing(self) -> Drawing | None:
        row = self.currentRow()
        return self._drawings[row] if 0 <= row < len(self._drawings) else None

    def _on_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self.chosen.emit(row)
