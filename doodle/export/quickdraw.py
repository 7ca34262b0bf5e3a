"""Doodle drawings to and from Quick, Draw! drawings (Google's simplified ndjson); imports no Qt.

Export follows Google's simplification (top-left aligned, scaled to the 0..255 box, resampled,
RDP epsilon 2.0, integers), so exported files look like the published dataset and Doodle (or
any Quick, Draw! tool) reads them back. Import keeps the coordinates as they are (simplified
drawings stay in their 256-px box; raw drawings keep their screen px and get their times).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from doodle.core.drawing import Drawing, DrawingSnapshot
from doodle.core.ndjson import QuickDrawDrawing, iter_drawings, write_drawings
from doodle.core.units import simplify_like_quickdraw

IMPORT_WIDTH_PX = 4.0
BOX_MAX = 255.0
# Google's rounding leaves some drawings a pixel or two short of the box.
SIMPLIFIED_SLACK = 2.0


def word_for(object_name: str) -> str:
    """Quick, Draw! spells classes with spaces (``palm tree``); Doodle names use underscores."""
    return object_name.replace("_", " ").strip() or "doodle"


def object_name_for(word: str) -> str:
    return word.strip().replace(" ", "_")


def _is_simplified(polylines: list[np.ndarray]) -> bool:
    """Already like Google's data (integers in 0..255 filling the box): keep it as it is.

    Simplifying twice would move points again, so an imported Quick, Draw! drawing goes back
    out unchanged.
    """
    if not polylines:
        return False
    every = np.concatenate(polylines)
    return (
        bool(np.all(every == np.rint(every)))
        and float(every.min()) >= 0.0
        and float(every.max()) <= BOX_MAX
        and float(every.max()) >= BOX_MAX - SIMPLIFIED_SLACK
    )


def drawing_to_quickdraw(drawing: Drawing | DrawingSnapshot) -> QuickDrawDrawing:
    """The drawing in Google's simplified format (every stroke, the model's ones included)."""
    polylines = [np.asarray(stroke.xy, dtype=np.float64) for stroke in drawing.strokes]
    if _is_simplified(polylines):
        simplified = polylines
    else:
        simplified = simplify_like_quickdraw(polylines)
    timestamp = drawing.created.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    return QuickDrawDrawing(
        word=word_for(drawing.object_name),
        strokes=tuple(s.astype(np.float32) for s in simplified),
        key_id=str(uuid.uuid4().int)[:16],
        countrycode="",
        timestamp=timestamp,
        recognized=True,
    )


def quickdraw_to_drawing(quickdraw: QuickDrawDrawing) -> Drawing:
    """A Doodle drawing with the same strokes (raw times, given in ms, become seconds)."""
    drawing = Drawing(object_name=object_name_for(quickdraw.word))
    for stroke in quickdraw.strokes:
        points = np.zeros((len(stroke), 4), dtype=np.float32)
        points[:, :2] = stroke[:, :2]
        points[:, 2] = 1.0
        if stroke.shape[1] == 3:
            points[:, 3] = stroke[:, 2] / 1000.0
        drawing.add(drawing.new_stroke(points, width=IMPORT_WIDTH_PX))
    drawing.modified = drawing.created
    return drawing


def read_quickdraw_file(path: Path) -> list[Drawing]:
    """Every drawing of an ndjson file (raises ``DoodleFormatError`` naming a bad line)."""
    return [quickdraw_to_drawing(item) for item in iter_drawings(path)]


def export_ndjson(drawings: Iterable[Drawing | DrawingSnapshot], path: Path) -> Path:
    """Write drawings as simplified Quick, Draw! ndjson, one per line."""
    write_drawings(path, (drawing_to_quickdraw(d) for d in drawings))
    return Path(path)
