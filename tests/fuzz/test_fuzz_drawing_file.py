"""Fuzzing Doodle's own drawing files (``.doodle``): only ``DoodleFormatError``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import strategies as st

from doodle.core.drawing import Drawing
from doodle.core.fileformat import drawing_from_json, drawing_to_json, load_drawing
from tests.fuzz.fuzzing import (
    BUDGETS,
    DOCUMENTED_ERRORS,
    corrupt_bytes,
    deeply_nested_json,
    dump_json,
    fuzz,
    json_values,
    mutate_dict,
)


def _valid_document() -> dict:
    drawing = Drawing(object_name="cat", child_name="Mia")
    points = np.array([[10, 20, 0.5, 0.0], [30, 40, 0.6, 0.1], [50, 45, 0.4, 0.2]], np.float32)
    drawing.add(drawing.new_stroke(points, "#ff0000", 4.0))
    drawing.add(drawing.new_stroke(points + 5, "#00aa00", 8.0, author="model"))
    return json.loads(json.dumps(drawing_to_json(drawing)))


VALID = _valid_document()


def _documents() -> st.SearchStrategy:
    stroke = VALID["strokes"][0]
    points = st.lists(
        st.lists(st.floats(allow_nan=True, allow_infinity=True) | json_values(1), max_size=5),
        max_size=4,
    )
    strokes = st.lists(
        mutate_dict(stroke) | st.builds(lambda p: dict(stroke, points=p), points) | json_values(2),
        max_size=3,
    )
    return st.one_of(
        json_values(),
        mutate_dict(VALID),
        st.builds(lambda s: dict(VALID, strokes=s), strokes),
    ).map(dump_json)


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


def test_the_valid_document_loads(tmp_path):
    _check(tmp_path, json.dumps(VALID).encode())
    assert len(load_drawing(tmp_path / "drawing.doodle").strokes) == 2


@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_documents(tmp_path, examples):
    fuzz(_documents(), lambda data: _check(tmp_path, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_bytes(tmp_path, examples):
    valid = json.dumps(VALID, indent=1).encode()
    fuzz(corrupt_bytes(valid) | st.binary(max_size=200), lambda d: _check(tmp_path, d), examples)


def test_deeply_nested_document(tmp_path):
    _check(tmp_path, deeply_nested_json())
    _check(tmp_path, json.dumps(dict(VALID, strokes="X")).replace('"X"', "[" * 50_000).encode())
