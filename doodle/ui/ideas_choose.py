"""Choosing drawings to play with: the one on the canvas and the saved ones, as big thumbnails.

``DrawingChooser`` is a one-row strip of thumbnails (the canvas drawing first, then the saved
drawings of the given folders, newest first); a child picks one with a touch.
``saved_drawing_folders`` names the folders the gallery shows for given settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from doodle import paths
from doodle.autosave import DrawingStore, load_for_gallery
from doodle.config import Settings
from doodle.core.drawing import Drawing
from doodle.ui.gallery import thumbnail

CHOOSER_THUMBNAIL_PX = 96
MAX_SAVED_DRAWINGS = 60
"""A class's folder can hold hundreds of drawings; the newest are the ones children look for."""
DrawingRole = Qt.ItemDataRole.UserRole


def saved_drawing_folders(settings: Settings) -> list[Path]:
    """The save folder of ``settings`` and the fallback folder (as in the gallery)."""
    return [settings.drawings_folder, paths.fallback_drawings_dir()]


def polylines_of(drawing: Drawing) -> list[np.ndarray]:
    return [np.asarray(stroke.xy, dtype=np.float32) for stroke in drawing.strokes]


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

    def fill(
        self, canvas_drawing: Drawing | None, folders: Sequence[Path], canvas_text: str
    ) -> None:
        """Show the canvas drawing (if it has strokes) and the saved drawings of ``folders``."""
        self.clear()
        self._drawings = []
        on_canvas = canvas_drawing is not None and len(canvas_drawing) > 0
        if on_canvas:
            self._add(canvas_drawing, canvas_text)
        for folder in folders:
            for path in DrawingStore(folder).drawings()[:MAX_SAVED_DRAWINGS]:
                drawing = load_for_gallery(path)
                if drawing is None or not len(drawing):
                    continue
                if on_canvas and drawing.created == canvas_drawing.created:
                    continue  # the autosaved copy of the drawing on the canvas
                self._add(drawing, drawing.child_name or "")

    def _add(self, drawing: Drawing, caption: str) -> None:
        item = QListWidgetItem(QIcon(thumbnail(drawing, CHOOSER_THUMBNAIL_PX)), caption)
        item.setData(DrawingRole, len(self._drawings))
        self._drawings.append(drawing)
        self.addItem(item)

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
