"""Pictures for object buttons: a model's own drawing painted into a pixmap.

The drawings come from ``doodle.engine.thumbnails`` (made once in the worker, cached on
disk); this module only paints them, scaled to fit with a margin, with round pens.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from doodle.ui.ink import paint_polylines

INK = "#37474f"
MARGIN_FRACTION = 0.1


def object_label(name: str, label: str) -> str:
    """The object's name for children, through the "objects" translation context."""
    return QCoreApplication.translate("objects", label or name.replace("_", " "))


def drawing_pixmap(strokes: Sequence[np.ndarray], size: int, color: str = INK) -> QPixmap:
    """A transparent ``size`` x ``size`` pixmap of the strokes, scaled to fit and centred."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    arrays = [np.asarray(s, np.float32)[:, :2] for s in strokes if len(s)]
    if not arrays:
        return pixmap
    every = np.concatenate(arrays)
    low, high = every.min(axis=0), every.max(axis=0)
    extent = float(max(high[0] - low[0], high[1] - low[1], 1e-6))
    usable = size * (1 - 2 * MARGIN_FRACTION)
    scale = usable / extent
    offset = (size - (high - low) * scale) / 2
    fitted = [(a - low) * scale + offset for a in arrays]
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_polylines(painter, fitted, QColor(color), max(1.5, size / 40))
    painter.end()
    return pixmap


def drawing_icon(strokes: Sequence[np.ndarray], size: int) -> QIcon:
    return QIcon(drawing_pixmap(strokes, size))
