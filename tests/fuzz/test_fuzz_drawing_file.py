"""Fuzzing Doodle's own drawing files (``.doodle``, versions 1 and 2): only ``DoodleFormatError``.

Version 2 keeps points as base64 of float32 rows, so its points are also fuzzed as text,
as base64 of arbitrary bytes (any length, NaN and infinities included) and as corrupt base64.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from hypothesis import strategies as st

from doodle.core.drawing import Drawing
from doodle.core.fileformat import drawing_from_json, drawing_to_json, load_drawing
from tests.fuzz.fuzzing import (
    BUDGETS,
    DOCUMENTED_ERRORS,
    corrupt_or_random_bytes,
    deeply_nested_json,
    fuzz,
    json_values,
    mutate_dict,
    mutated_json,
)


def _valid_document(version: int) -> dict:
    drawing = Drawing(object_name="cat", child_name="Mia")
    points = np.array([[10, 20, 0.5, 0.0], [30, 40, 0.6, 0.1], [50, 45, 0.4, 0.2]], np.float32)
    drawing.add(drawing.new_stroke(points, "#ff0000", 4.0))
    drawing.add(drawing.new_stroke(points + 5, "#00aa00", 8.0, author="model"))
    return json.loads(json.dumps(drawing_to_json(drawing, version=version)))


VALID = {version: _valid_document(version) for version in (1, 2)}


def _list_points() -> st.SearchStrategy:
    return st.lists(
        st.lists(st.floats(allow_nan=True, allow_infinity=True) | json_values(1), max_size=5),
        max_size=4,
    )


def _base64_points() -> st.SearchStrategy:
    float_rows = st.lists(
        st.floats(width=32, allow_nan=True, allow_infinity=True), min_size=4, max_size=4
    )
    exact_rows = st.lists(float_rows, max_size=4).map(
        lambda rows: np.array(rows, "<f4").reshape(-1, 4).tobytes()
    )
    encoded = st.one_of(st.binary(max_size=80), exact_rows).map(
        lambda raw: base64.b64encode(raw).decode("ascii")
    )
    damaged = st.tuples(encoded, st.integers(0, 80), st.text(max_size=3)).map(
        lambda edit: edit[0][: edit[1]] + edit[2] + edit[0][edit[1] :]
    )
    return st.one_of(encoded, damaged, st.text(max_size=40))


def _documents(version: int) -> st.SearchStrategy:
    valid = VALID[version]
    stroke = valid["strokes"][0]
    points = _list_points() | _base64_points()
    strokes = st.lists(
        mutate_dict(stroke) | st.builds(lambda p: dict(stroke, points=p), points) | json_values(2),
        max_size=3,
    )
    return mutated_json(valid, st.builds(lambda s: dict(valid, strokes=s), strokes))


def _check(folder, data: bytes) -> None:
    path = folder / "drawing.doodle"
    path.write_bytes(data)
    try:
        drawing = load_drawing(path)
    except DOCUMENTED_ERRORS:
        return
    # Whatever loads must serialise and read back to the same strokes (in memory: saving
    # to disk fsyncs, which would dominate a thousand examples).
    again = drawing_from_json(json.loads(json.dumps(drawing_to_json(drawing))))
    assert again.strokes == drawing.strokes


@pytest.mark.parametrize("version", [1, 2])
def test_the_valid_document_loads(tmp_path, version):
    _check(tmp_path, json.dumps(VALID[version]).encode())
    assert len(load_drawing(tmp_path / "drawing.doodle").strokes) == 2


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_documents(tmp_path, examples, version):
    fuzz(_documents(version), lambda data: _check(tmp_path, data), examples)


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_bytes(tmp_path, examples, version):
    valid = json.dumps(VALID[version], indent=1).encode()
    fuzz(corrupt_or_random_bytes(valid), lambda d: _check(tmp_path, d), examples)


def test_deeply_nested_document(tmp_path):
    _check(tmp_path, deeply_nested_json())
    nested = json.dumps(dict(VALID[2], strokes="X")).replace('"X"', "[" * 50_000)
    _check(tmp_path, nested.encode())
