"""Quick, Draw! ndjson reading and writing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from doodle.core import ndjson
from doodle.core.drawing import Drawing
from doodle.core.errors import DoodleFormatError
from doodle.core.ndjson import (
    QuickDrawDrawing,
    from_drawing,
    iter_drawings,
    read_drawings,
    to_drawing,
    write_drawings,
)
from tests.shared_data import require_shared

SIMPLIFIED = QuickDrawDrawing(
    word="cat",
    strokes=(
        np.array([[0, 10], [255, 20], [30, 40]], dtype=np.float32),
        np.array([[5, 5], [6, 7]], dtype=np.float32),
    ),
    key_id="123",
    countrycode="DE",
    timestamp="2017-03-11 14:47:44.05242 UTC",
    recognized=False,
)
RAW = QuickDrawDrawing(
    word="cat",
    strokes=(np.array([[100.5, 200.25, 0], [101.75, 210.0, 16], [99.0, 220.5, 33]], np.float32),),
    key_id="456",
)


def _assert_same(a: QuickDrawDrawing, b: QuickDrawDrawing) -> None:
    assert (a.word, a.key_id, a.countrycode, a.timestamp, a.recognized) == (
        b.word,
        b.key_id,
        b.countrycode,
        b.timestamp,
        b.recognized,
    )
    assert len(a.strokes) == len(b.strokes)
    for x, y in zip(a.strokes, b.strokes, strict=True):
        np.testing.assert_array_equal(x, y)


def test_simplified_and_raw_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cat.ndjson"
    assert write_drawings(path, [SIMPLIFIED, RAW]) == 2
    lines = path.read_text().splitlines()
    assert json.loads(lines[0])["drawing"][0] == [[0, 255, 30], [10, 20, 40]]
    assert '"drawing":[[[0,255,30]' in lines[0]  # integers stay integers, as in Google's files
    back = read_drawings(path)
    _assert_same(back[0], SIMPLIFIED)
    _assert_same(back[1], RAW)
    assert not back[0].is_raw and back[1].is_raw


def test_real_files_round_trip(tmp_path: Path) -> None:
    for kind in ("simplified", "raw"):
        source = require_shared("quickdraw", kind, "cat.ndjson")
        original = read_drawings(source)
        assert len(original) >= 15
        assert all(d.word == "cat" and d.is_raw == (kind == "raw") for d in original)
        copy = tmp_path / f"{kind}.ndjson"
        write_drawings(copy, original)
        for a, b in zip(read_drawings(copy), original, strict=True):
            _assert_same(a, b)


def test_read_limit_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "d.ndjson"
    write_drawings(path, [SIMPLIFIED] * 3)
    path.write_text(path.read_text().replace("\n", "\n\n", 1))
    assert len(read_drawings(path)) == 3
    assert len(read_drawings(path, limit=2)) == 2


def _good_record() -> dict:
    return {"word": "cat", "key_id": "1", "drawing": [[[0, 1], [2, 3]]]}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "bad JSON"),
        ("[1, 2]", "JSON object"),
        ('{"word": "cat"}', "missing field 'drawing'"),
        (json.dumps(_good_record() | {"word": 5}), "'word' must be a string"),
        (json.dumps(_good_record() | {"drawing": "x"}), "list of strokes"),
        (json.dumps(_good_record() | {"drawing": [[[0, 1]]]}), "stroke 0"),
        (json.dumps(_good_record() | {"drawing": [[[0, 1], [2]]]}), "different lengths"),
        (json.dumps(_good_record() | {"drawing": [[[0, "a"], [2, 3]]]}), "list of numbers"),
        (json.dumps(_good_record() | {"drawing": [[[0, True], [2, 3]]]}), "list of numbers"),
        (json.dumps(_good_record() | {"drawing": [[[], []]]}), "no points"),
        ('{"word": "cat", "drawing": [[[NaN, 1], [2, 3]]]}', "non-finite"),
        ('{"word": "cat", "drawing": [[[1e999, 1], [2, 3]]]}', "non-finite"),
        (json.dumps(_good_record() | {"recognized": "yes"}), "recognized"),
        (
            json.dumps(_good_record() | {"drawing": [[[0], [1]], [[0], [1], [2]]]}),
            "mix simplified",
        ),
        ("[" * 100_000, "bad JSON|nested"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "bad.ndjson"
    path.write_text(json.dumps(_good_record()) + "\n" + line + "\n")
    drawings = iter_drawings(path)
    assert next(drawings).word == "cat"
    with pytest.raises(DoodleFormatError, match=problem) as caught:
        next(drawings)
    assert caught.value.source == str(path)
    assert "line 2:" in str(caught.value)


def test_cut_last_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.ndjson"
    write_drawings(path, [SIMPLIFIED, RAW])
    text = path.read_text()
    path.write_text(text[: len(text) - 25])
    with pytest.raises(DoodleFormatError, match="line 2: bad JSON"):
        read_drawings(path)


def test_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.ndjson"
    write_drawings(path, [RAW])
    monkeypatch.setattr(ndjson, "MAX_LINE_BYTES", 50)
    with pytest.raises(DoodleFormatError, match="line 1: longer than the limit"):
        read_drawings(path)
    monkeypatch.setattr(ndjson, "MAX_LINE_BYTES", 1 << 20)
    monkeypatch.setattr(ndjson, "MAX_POINTS", 2)
    with pytest.raises(DoodleFormatError, match="3 points, more than the limit 2"):
        read_drawings(path)
    monkeypatch.setattr(ndjson, "MAX_STROKES", 0)
    with pytest.raises(DoodleFormatError, match="1 strokes, more than the limit 0"):
        read_drawings(path)


def test_missing_file_and_binary_garbage(tmp_path: Path) -> None:
    with pytest.raises(DoodleFormatError, match="cannot open"):
        read_drawings(tmp_path / "absent.ndjson")
    garbage = tmp_path / "garbage.ndjson"
    garbage.write_bytes(b"\xff\xfe\x00garbage\n")
    with pytest.raises(DoodleFormatError, match="line 1"):
        read_drawings(garbage)


def test_app_drawing_to_quickdraw_and_back() -> None:
    drawing = Drawing(object_name="house")
    drawing.add(drawing.new_stroke(np.array([[10, 10, 1, 0.0], [510, 10, 1, 0.5]])))
    drawing.add(drawing.new_stroke(np.array([[10, 110, 1, 1.0], [260, 260, 1, 1.25]])))
    simplified = from_drawing(drawing)
    assert simplified.word == "house" and not simplified.is_raw
    np.testing.assert_array_equal(simplified.strokes[0], [[0, 0], [255, 0]])
    np.testing.assert_array_equal(simplified.strokes[1], [[0, 51], [128, 128]])
    raw = from_drawing(drawing, raw=True)
    np.testing.assert_array_equal(raw.strokes[1], [[10, 110, 1000], [260, 260, 1250]])
    back = to_drawing(raw)
    assert back.object_name == "house" and len(back) == 2
    np.testing.assert_allclose(
        back.strokes[1].points[:, [0, 1, 3]], [[10, 110, 1], [260, 260, 1.25]]
    )
