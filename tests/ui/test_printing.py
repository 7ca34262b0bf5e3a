"""Printing: through Qt's print dialog, straight away, and a clear message without a printer."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog

from doodle.ui import printing
from doodle.ui.printing import print_drawings
from tests.export.helpers import make_drawing, page_count


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture
def no_printers(monkeypatch):
    monkeypatch.setattr(QPrinterInfo, "defaultPrinter", staticmethod(lambda: QPrinterInfo()))
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))


def test_straight_away_without_printer_says_so(qtbot, no_printers):
    result = print_drawings(None, [make_drawing()], straight_away=True)
    assert not result.printed
    assert "No printer is set up" in result.message


def test_straight_away_prints_without_dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: pytest.fail("no dialog expected"))
    path = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "default_printer", lambda: _pdf_printer(path))
    result = print_drawings(None, [make_drawing(), make_drawing()], straight_away=True)
    assert result.printed and result.message is None
    assert page_count(path) == 2


def test_dialog_is_used_and_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    shown = []

    def accept(dialog):
        shown.append(dialog.windowTitle())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    path = tmp_path / "sheet.pdf"
    drawings = [make_drawing() for _ in range(3)]
    result = print_drawings(
        None, drawings, straight_away=False, contact_sheet=True, printer=_pdf_printer(path)
    )
    assert result.printed and shown == ["Print drawings"]
    assert page_count(path) == 1
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    cancelled = tmp_path / "cancelled.pdf"
    result = print_drawings(None, drawings, False, printer=_pdf_printer(cancelled))
    assert not result.printed and result.message is None and not cancelled.exists()


def test_nothing_to_print(qtbot):
    result = print_drawings(None, [], straight_away=True)
    assert not result.printed and result.message == "There is nothing to print yet."
