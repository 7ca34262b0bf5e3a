"""Quick, Draw! ndjson export: Google's simplified format that Doodle imports again."""

from __future__ import annotations

import json

import numpy as np

from doodle.core.ndjson import read_drawings
from doodle.core.units import simplify_like_quickdraw
from doodle.export.quickdraw import export_ndjson, quickdraw_to_drawing, read_quickdraw_file
from tests.shared_data import require_shared


def test_export_is_simplified_format(drawing, tmp_path):
    path = export_ndjson([drawing], tmp_path / "d.ndjson")
    lines = path.read_text().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["word"] == "palm tree"
    assert len(record["drawing"]) == len(drawing.strokes)
    every = [v for stroke in record["drawing"] for axis in stroke for v in axis]
    assert all(isinstance(v, int) and 0 <= v <= 255 for v in every)
    assert max(every) == 255 and min(every) == 0


def test_reimport_equals_original_within_rounding(drawing, tmp_path):
    path = export_ndjson([drawing, drawing], tmp_path / "d.ndjson")
    again = read_quickdraw_file(path)
    assert len(again) == 2
    expected = simplify_like_quickdraw([s.xy for s in drawing.strokes])
    # Scaled back to the drawing's size, each point is within rounding of the original line.
    every = np.concatenate([s.xy for s in drawing.strokes])
    scale = float((every - every.min(axis=0)).max()) / 255.0
    for imported, original, stroke in zip(again[0].strokes, expected, drawing.strokes, strict=True):
        np.testing.assert_array_equal(imported.xy, original)
        back = imported.xy * scale + every.min(axis=0)
        assert np.allclose(back[0], stroke.xy[0], atol=scale)
        assert np.allclose(back[-1], stroke.xy[-1], atol=scale)
    assert again[0].object_name == "palm_tree"


def test_real_quickdraw_round_trip(tmp_path):
    source = require_shared("quickdraw", "simplified", "bear.ndjson")
    originals = read_drawings(source, limit=10)
    path = export_ndjson([quickdraw_to_drawing(d) for d in originals], tmp_path / "bears.ndjson")
    again = read_drawings(path)
    assert len(again) == len(originals)
    for before, after in zip(originals, again, strict=True):
        assert after.word == before.word
        assert len(after.strokes) == len(before.strokes)
        for a, b in zip(after.strokes, before.strokes, strict=True):
            # Already simplified drawings go out and come back point for point.
            np.testing.assert_array_equal(a, b)
