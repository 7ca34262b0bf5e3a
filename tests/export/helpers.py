"""Helpers for the export tests (and the print tests of the UI): a drawing with child and
model strokes, pressure and times, and the page count of a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np

from doodle.core.drawing import Drawing


def make_drawing() -> Drawing:
    """Three timed child strokes (pressure rising) and two untimed model strokes."""
    drawing = Drawing(object_name="palm_tree", child_name="Mia")
    t = 0.0
    for row in range(3):
        xs = np.linspace(20.0, 380.0, 25)
        points = np.stack(
            [
                xs,
                np.full(25, 60.0 + 120.0 * row),
                np.linspace(0.1, 1.0, 25),
                t + np.linspace(0.0, 0.8, 25),
            ],
            axis=1,
        )
        drawing.add(drawing.new_stroke(points, color="#222222", width=8.0))
        t += 1.5
    drawing.add(
        drawing.new_stroke(
            [[200.0, 20.0], [200.0, 380.0]], color="#e53935", width=6.0, author="model"
        )
    )
    drawing.add(
        drawing.new_stroke(
            [[60.0, 380.0], [340.0, 20.0], [360.0, 40.0]],
            color="#1e88e5",
            width=6.0,
            author="model",
        )
    )
    return drawing


def page_count(path: Path) -> int:
    """Pages by poppler's pdfinfo when present, else by counting /Type /Page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))
