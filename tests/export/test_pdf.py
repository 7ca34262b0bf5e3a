"""PDF export: one drawing per page, the class contact sheet over several pages."""

from __future__ import annotations

import re
import shutil
import subprocess

from doodle.export.pdf import SHEET_COLUMNS, SHEET_ROWS, export_contact_sheet, export_pdf
from tests.export.helpers import make_drawing, page_count


def test_one_drawing_per_page(tmp_path):
    drawings = [make_drawing() for _ in range(3)]
    path = export_pdf(drawings, tmp_path / "drawings.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert page_count(path) == 3
    assert len(re.findall(rb"/Type\s*/Page(?!s)", data)) == 3


def test_contact_sheet_pages_and_names(tmp_path):
    per_page = SHEET_COLUMNS * SHEET_ROWS
    drawings = []
    for index in range(per_page + 3):
        drawing = make_drawing()
        drawing.child_name = f"Kid{index:02d}"
        drawings.append(drawing)
    path = export_contact_sheet(drawings, tmp_path / "sheet.pdf", title="Class 2b")
    assert page_count(path) == 2
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Class 2b" in text
        assert "Kid00" in text and f"Kid{per_page + 2:02d}" in text
        assert "Palm tree" in text
