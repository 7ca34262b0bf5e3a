"""PNG export: the drawing painted at any size, on white or on a transparent background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from doodle.core.errors import DoodleError
from doodle.export.render import DrawingLike, ensure_gui_application, paint_drawing

MAX_SIDE_PX = 16384


def render_image(
    drawing: DrawingLike,
    width: int = 1024,
    height: int | None = None,
    transparent: bool = False,
    uniform_width: bool = False,
) -> QImage:
    """The drawing fitted (with a small margin) into a ``width`` x ``height`` image.

    ``uniform_width`` paints each stroke at its mean width (faster; for thumbnails).
    """
    height = width if height is None else height
    if not (1 <= width <= MAX_SIDE_PX and 1 <= height <= MAX_SIDE_PX):
        raise DoodleError(f"image size must be 1..{MAX_SIDE_PX} px per side, got {width}x{height}")
    ensure_gui_application()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        paint_drawing(painter, drawing, QRectF(0, 0, width, height), uniform_width)
    finally:
        painter.end()
    return image


def export_png(
    drawing: DrawingLike,
    path: Path,
    width: int = 1024,
    height: int | None = None,
    transparent: bool = False,
) -> Path:
    """Write the drawing as a PNG file; raises ``DoodleError`` if the file cannot be written."""
    image = render_image(drawing, width, height, transparent)
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise DoodleError(f"{path}: could not write the PNG file")
    return path
