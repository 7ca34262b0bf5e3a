"""Fuzzing the Quick, Draw! ndjson reader (simplified and raw): only ``DoodleFormatError``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import strategies as st

from doodle.core.ndjson import read_drawings
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

SIMPLIFIED = {
    "word": "cat",
    "countrycode": "DE",
    "timestamp": "2017-03-01 10:00:00.0 UTC",
    "recognized": True,
    "key_id": "5000000000000000",
    "drawing": [[[10, 40, 80], [20, 25, 60]], [[80, 90], [60, 100]]],
}
RAW = dict(
    SIMPLIFIED,
    drawing=[
        [[10.5, 40.2, 80.0], [20.0, 25.5, 60.1], [0, 16, 40]],
        [[80, 90], [60, 100], [90, 120]],
    ],
)


def _strokes() -> st.SearchStrategy:
    numbers = st.integers(-(2**40), 2**40) | st.floats(allow_nan=True, allow_infinity=True)
    axis = st.lists(numbers | json_values(1), max_size=6)
    return st.lists(st.lists(axis, max_size=4) | json_values(2), max_size=4)


def _lines() -> st.SearchStrategy:
    return mutated_json(
        SIMPLIFIED,
        mutate_dict(RAW),
        st.builds(lambda d: dict(SIMPLIFIED, drawing=d), _strokes()),
    )


def _check(folder, data: bytes) -> None:
    path = folder / "drawings.ndjson"
    path.write_bytes(data)
    try:
        drawings = read_drawings(path)
    except DOCUMENTED_ERRORS:
        return
    for drawing in drawings:
        assert isinstance(drawing.word, str)
        for stroke in drawing.strokes:
            assert stroke.dtype == np.float32 and stroke.ndim == 2 and len(stroke) > 0
            assert stroke.shape[1] in (2, 3) and np.isfinite(stroke).all()


def test_valid_lines_are_read(tmp_path):
    path = tmp_path / "drawings.ndjson"
    path.write_text(json.dumps(SIMPLIFIED) + "\n" + json.dumps(RAW) + "\n")
    simplified, raw = read_drawings(path)
    assert not simplified.is_raw and raw.is_raw


@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_records(tmp_path, examples):
    files = st.lists(_lines(), min_size=1, max_size=3).map(lambda lines: b"\n".join(lines))
    fuzz(files, lambda data: _check(tmp_path, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
@pytest.mark.parametrize("record", [SIMPLIFIED, RAW], ids=["simplified", "raw"])
def test_corrupted_bytes(tmp_path, examples, record):
    valid = (json.dumps(record) + "\n") * 2
    fuzz(corrupt_or_random_bytes(valid.encode(), 300), lambda d: _check(tmp_path, d), examples)


def test_deeply_nested_line(tmp_path):
    _check(tmp_path, deeply_nested_json())
    _check(tmp_path, b'{"word": "cat", "drawing": ' + deeply_nested_json(50_000) + b"}")
