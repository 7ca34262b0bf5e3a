"""Printing drawings through Qt's print dialog, or straight away on the default printer.

Pages are the same as in the PDF export (``doodle.export.pdf``): one drawing per page, or the
class contact sheet. "Print straight away" (a classroom setting) skips the dialog; without any
printer the result says so in words a teacher can act on, and nothing is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from doodle.export.pdf import paint_contact_sheet, paint_drawing_page
from doodle.export.render import DrawingLike


@dataclass(frozen=True)
class PrintResult:
    printed: bool
    message: str | None = None  # why nothing was printed (None: printed, or cancelled)


def default_printer() -> QPrinter | None:
    """A printer set up for the system's default printer, or None if there is no printer."""
    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        names = QPrinterInfo.availablePrinterNames()
        if not names:
            return None
        info = QPrinterInfo.printerInfo(names[0])
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def paint_to_printer(
    printer: QPrinter, drawings: Sequence[DrawingLike], contact_sheet: bool = False
) -> bool:
    """Paint the pages onto ``printer``; False if the printer could not start."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        if contact_sheet:
            paint_contact_sheet(
                painter,
                printer,
                drawings,
                QCoreApplication.translate("printing", "Our drawings"),
                new_page=printer.newPage,
            )
        else:
            for index, drawing in enumerate(drawings):
                if index:
                    printer.newPage()
                paint_drawing_page(painter, printer, drawing)
    finally:
        painter.end()
    return True


def print_drawings(
    parent: QWidget | None,
    drawings: Sequence[DrawingLike],
    straight_away: bool,
    contact_sheet: bool = False,
    printer: QPrinter | None = None,
) -> PrintResult:
    """Print with the dialog, or at once on the default printer when ``straight_away``."""
    if not drawings:
        return PrintResult(
            False, QCoreApplication.translate("printing", "There is nothing to print yet.")
        )
    if straight_away:
        printer = printer if printer is not None else default_printer()
        if printer is None:
            return PrintResult(
                False,
                QCoreApplication.translate(
                    "printing",
                    "No printer is set up on this computer, so nothing was printed. "
                    "Please ask the teacher to add a printer.",
                ),
            )
    else:
        printer = printer if printer is not None else QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(QCoreApplication.translate("printing", "Print drawings"))
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return PrintResult(False)
        finally:
            dialog.deleteLater()
    if not paint_to_printer(printer, drawings, contact_sheet):
        return PrintResult(
            False,
            QCoreApplication.translate("printing", "The printer did not start. Is it switched on?"),
        )
    return PrintResult(True)
