"""Morph strips: the frames of a morph side by side in one PNG, or one after another in a GIF.

A frame is a drawing given as polylines (float32 ``[N, >=2]``). All frames share one scale
(the largest frame fills its cell) and each is centred in its cell, so the strip and the
animation show the change of shape, not a change of zoom. The GIF goes through Doodle's own
encoder (``doodle.export.gif``); QtGui paints, no widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from doodle.core.errors import DoodleError
from doodle.export.gif import write_gif
from doodle.export.render import ensure_gui_application

DEFAULT_CELL_PX = 160
DEFAULT_GIF_PX = 320
DEFAULT_INK = "#3a3a48"
FRAME_DELAY_CS = 20
END_HOLD_CS = 100
MARGIN_FRACTION = 0.08
MAX_STRIP_SIDE_PX = 16384

Frame = Sequence[np.ndarray]


def _lines(frame: Frame) -> list[np.ndarray]:
    return [np.asarray(line, dtype=np.float64)[:, :2] for line in frame if len(line) > 0]


def centred_frames(frames: Sequence[Frame]) -> tuple[list[list[np.ndarray]], float]:
    """Each frame moved to centre on (0, 0), and the largest extent of any frame."""
    moved: list[list[np.ndarray]] = []
    extent = 1.0
    for frame in frames:
        lines = _lines(frame)
        if lines:
            points = np.concatenate(lines)
            low, high = points.min(axis=0), points.max(axis=0)
            lines = [line - (low + high) / 2 for line in lines]
            extent = max(extent, float((high - low).max()))
        moved.append(lines)
    return moved, extent


def _paint_frame(
    painter: QPainter, lines: list[np.ndarray], centre: QPointF, scale: float, pen: QPen
) -> None:
    painter.setPen(pen)
    for line in lines:
        mapped = line * scale
        if len(mapped) == 1:
            painter.drawPoint(QPointF(centre.x() + mapped[0, 0], centre.y() + mapped[0, 1]))
            continue
        polygon = QPolygonF([QPointF(centre.x() + x, centre.y() + y) for x, y in mapped])
        painter.drawPolyline(polygon)


def _ink_pen(color: str, cell_px: int) -> QPen:
    width = max(1.5, cell_px / 80.0)
    return QPen(
        QColor(color), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )  # fmt: skip


def _check_size(width: int, height: int) -> None:
    if not (1 <= width <= MAX_STRIP_SIDE_PX and 1 <= height <= MAX_STRIP_SIDE_PX):
        raise DoodleError(f"strip size must be 1..{MAX_STRIP_SIDE_PX} px per side, got "
                          f"{width}x{height}")  # fmt: skip


def strip_image(
    frames: Sequence[Frame], cell_px: int = DEFAULT_CELL_PX, color: str = DEFAULT_INK
) -> QImage:
    """All frames in one row of square cells: an image ``len(frames) * cell_px`` x ``cell_px``."""
    if not frames:
        raise DoodleError("a morph strip needs at least one frame")
    width, height = len(frames) * cell_px, cell_px
    _check_size(width, height)
    ensure_gui_application()
    moved, extent = centred_frames(frames)
    scale = cell_px * (1.0 - 2 * MARGIN_FRACTION) / extent
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # Thin separators help a teacher cut the printed strip into cards.
        painter.setPen(QPen(QColor("#d5d9ea"), 1.0))
        for index in range(1, len(frames)):
            painter.drawLine(QPointF(index * cell_px, 0), QPointF(index * cell_px, cell_px))
        pen = _ink_pen(color, cell_px)
        for index, lines in enumerate(moved):
            centre = QPointF(index * cell_px + cell_px / 2, cell_px / 2)
            _paint_frame(painter, lines, centre, scale, pen)
    finally:
        painter.end()
    return image


def export_strip_png(
    frames: Sequence[Frame], path: Path, cell_px: int = DEFAULT_CELL_PX, color: str = DEFAULT_INK
) -> Path:
    """Write the strip as a PNG file; raises ``DoodleError`` if it cannot be written."""
    image = strip_image(frames, cell_px, color)
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise DoodleError(f"{path}: could not write the PNG file")
    return path


def _image_to_rgb(image: QImage) -> np.ndarray:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height = rgb.width(), rgb.height()
    buffer = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=rgb.sizeInBytes())
    rows = buffer.reshape(height, rgb.bytesPerLine())[:, : width * 3]
    return rows.reshape(height, width, 3).copy()


def animation_frames(
    frames: Sequence[Frame], size_px: int = DEFAULT_GIF_PX, color: str = DEFAULT_INK
) -> list[np.ndarray]:
    """One RGB image ``[size, size, 3]`` uint8 per frame, all at the strip's common scale."""
    if not frames:
        raise DoodleError("a morph animation needs at least one frame")
    _check_size(size_px, size_px)
    ensure_gui_application()
    moved, extent = centred_frames(frames)
    scale = size_px * (1.0 - 2 * MARGIN_FRACTION) / extent
    pen = _ink_pen(color, size_px)
    images = []
    for lines in moved:
        image = QImage(size_px, size_px, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            _paint_frame(painter, lines, QPointF(size_px / 2, size_px / 2), scale, pen)
        finally:
            painter.end()
        images.append(_image_to_rgb(image))
    return images


def export_morph_gif(
    frames: Sequence[Frame],
    path: Path,
    size_px: int = DEFAULT_GIF_PX,
    color: str = DEFAULT_INK,
    bounce: bool = False,
) -> Path:
    """Write the morph as a looping GIF: one GIF frame per morph frame, both ends held a moment.

    ``bounce`` plays it back again (A to B to A) instead of jumping back to the start.
    """
    order = list(range(len(frames)))
    if bounce and len(frames) > 2:
        order += order[-2:0:-1]
    images = animation_frames(frames, size_px, color)
    delays = [FRAME_DELAY_CS] * len(order)
    for position, index in enumerate(order):
        if index in (0, len(frames) - 1):
            delays[position] = END_HOLD_CS
    return write_gif(Path(path), [images[i] for i in order], delays, [color])
