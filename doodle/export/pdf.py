"""PDF export with Qt's PDF writer: one drawing per page, and the class contact sheet.

``paint_drawing_page`` and ``paint_contact_sheet`` paint onto any ``QPagedPaintDevice``, so the
printer (``doodle.ui.printing``) uses exactly the same pages as the PDF files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from doodle.core.errors import DoodleError
from doodle.export.captions import caption, date_text, object_label
from doodle.export.render import DrawingLike, ensure_gui_application, paint_drawing

PDF_RESOLUTION_DPI = 300
SHEET_COLUMNS = 4
SHEET_ROWS = 5


def _text_height(painter: QPainter, device: QPagedPaintDevice, points: float) -> float:
    font = QFont(painter.font())
    # Point sizes are relative to the device's resolution, so text is the same size on paper.
    font.setPixelSize(max(1, round(points * device.logicalDpiY() / 72.0)))
    painter.setFont(font)
    return painter.fontMetrics().height()


def paint_drawing_page(painter: QPainter, device: QPagedPaintDevice, drawing: DrawingLike) -> None:
    """One page: the caption on top, the drawing filling the rest."""
    page = QRectF(0, 0, device.width(), device.height())
    line = _text_height(painter, device, 16)
    painter.setPen(QColor("#333333"))
    painter.drawText(
        QRectF(page.left(), page.top(), page.width(), line * 1.5),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        caption(drawing),
    )
    paint_drawing(painter, drawing, page.adjusted(0, line * 2, 0, 0))


def paint_contact_sheet(
    painter: QPainter,
    device: QPagedPaintDevice,
    drawings: Sequence[DrawingLike],
    title: str,
    columns: int = SHEET_COLUMNS,
    rows: int = SHEET_ROWS,
    new_page=None,
) -> None:
    """The class sheet: a grid of drawings, each with the child's name, object and date."""
    per_page = columns * rows
    pages = max(1, math.ceil(len(drawings) / per_page))
    for page_index in range(pages):
        if page_index and new_page is not None:
            new_page()
        page = QRectF(0, 0, device.width(), device.height())
        heading = _text_height(painter, device, 14)
        painter.setPen(QColor("#000000"))
        heading_text = title if pages == 1 else f"{title} ({page_index + 1}/{pages})"
        painter.drawText(
            QRectF(page.left(), page.top(), page.width(), heading * 1.4),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            heading_text,
        )
        grid = page.adjusted(0, heading * 1.6, 0, 0)
        cell_width = grid.width() / columns
        cell_height = grid.height() / rows
        chunk = drawings[page_index * per_page : (page_index + 1) * per_page]
        for index, drawing in enumerate(chunk):
            column, row = index % columns, index // columns
            cell = QRectF(
                grid.left() + column * cell_width,
                grid.top() + row * cell_height,
                cell_width,
                cell_height,
            ).adjusted(cell_width * 0.03, cell_height * 0.03, -cell_width * 0.03, 0)
            _paint_cell(painter, device, cell, drawing)


def _paint_cell(
    painter: QPainter, device: QPagedPaintDevice, cell: QRectF, drawing: DrawingLike
) -> None:
    line = _text_height(painter, device, 8)
    picture = cell.adjusted(0, 0, 0, -2.2 * line)
    painter.setPen(QPen(QColor("#bbbbbb"), max(1.0, device.logicalDpiX() / 150)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(picture)
    paint_drawing(painter, drawing, picture)
    painter.setPen(QColor("#000000"))
    name = drawing.child_name or QCoreApplication.translate("export", "(no name)")
    details = " \u2013 ".join(
        p for p in (object_label(drawing.object_name), date_text(drawing.created)) if p
    )
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    painter.drawText(
        QRectF(cell.left(), picture.bottom() + 0.1 * line, cell.width(), line), flags, name
    )
    painter.drawText(
        QRectF(cell.left(), picture.bottom() + 1.1 * line, cell.width(), line), flags, details
    )


def _pdf_writer(path: Path, title: str) -> QPdfWriter:
    ensure_gui_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION_DPI)
    writer.setTitle(title)
    writer.setCreator("Doodle")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    return writer


def _finish(painter: QPainter, path: Path) -> Path:
    if not painter.end() or not path.is_file():
        raise DoodleError(f"{path}: could not write the PDF file")
    return path


def export_pdf(drawings: Sequence[DrawingLike], path: Path, title: str = "Doodle") -> Path:
    """A PDF with one drawing per page."""
    if not drawings:
        raise DoodleError("there are no drawings to put in the PDF")
    path = Path(path)
    writer = _pdf_writer(path, title)
    painter = QPainter()
    if not painter.begin(writer):
        raise DoodleError(f"{path}: could not write the PDF file")
    for index, drawing in enumerate(drawings):
        if index:
            writer.newPage()
        paint_drawing_page(painter, writer, drawing)
    return _finish(painter, path)


def export_contact_sheet(
    drawings: Sequence[DrawingLike],
    path: Path,
    title: str | None = None,
    columns: int = SHEET_COLUMNS,
    rows: int = SHEET_ROWS,
) -> Path:
    """A PDF contact sheet of the class: a grid of drawings with names and dates."""
    if not drawings:
        raise DoodleError("there are no drawings to put on the class sheet")
    path = Path(path)
    title = title if title is not None else QCoreApplication.translate("export", "Our drawings")
    writer = _pdf_writer(path, title)
    painter = QPainter()
    if not painter.begin(writer):
        raise DoodleError(f"{path}: could not write the PDF file")
    paint_contact_sheet(painter, writer, drawings, title, columns, rows, new_page=writer.newPage)
    return _finish(painter, path)
