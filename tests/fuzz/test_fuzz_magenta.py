"""Fuzzing the Magenta ``.gen.json`` importer: bad files raise ``DoodleFormatError`` only."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from doodle.engine.magenta import import_magenta, parse_magenta
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

HIDDEN, MIXTURES = 4, 1
SHAPES = [
    [HIDDEN, 6 * MIXTURES + 3],
    [6 * MIXTURES + 3],
    [5, 4 * HIDDEN],
    [HIDDEN, 4 * HIDDEN],
    [4 * HIDDEN],
]
INFO = {"name": "tiny", "mode": 2, "version": 6, "max_seq_len": 250, "scale_factor": 60.0}


def _blob(shape: list[int], seed: int = 0) -> str:
    values = np.random.default_rng(seed).integers(-3000, 3000, int(np.prod(shape)), dtype="<i2")
    return base64.b64encode(values.tobytes()).decode("ascii")


def valid_document() -> list:
    return [dict(INFO), [list(s) for s in SHAPES], [_blob(s, i) for i, s in enumerate(SHAPES)]]


def _documents() -> st.SearchStrategy:
    info, shapes, blobs = valid_document()
    shape_lists = st.lists(
        st.lists(st.integers(-2, 2**40) | json_values(2), max_size=3), min_size=0, max_size=7
    )
    blob_lists = st.lists(
        st.binary(max_size=200).map(lambda b: base64.b64encode(b).decode()) | json_values(2),
        max_size=7,
    )
    return st.one_of(
        json_values(),
        st.builds(lambda i: [i, shapes, blobs], mutate_dict(info)),
        st.builds(lambda s: [info, s, blobs], shape_lists),
        st.builds(lambda b: [info, shapes, b], blob_lists),
        st.builds(lambda s, b: [info, s, b], shape_lists, blob_lists),
    ).map(dump_json)


def _check_file(folder: Path, data: bytes) -> None:
    source = folder / "tiny.gen.json"
    source.write_bytes(data)
    models = folder / "models"
    try:
        parse_magenta(source)
        import_magenta(source, models, replace=True)
    except DOCUMENTED_ERRORS:
        pass
    # A refused import leaves nothing behind (no half-written model folder).
    leftovers = [p.name for p in models.iterdir()] if models.exists() else []
    assert leftovers in ([], ["tiny"]), leftovers
    shutil.rmtree(models, ignore_errors=True)


def test_the_valid_document_imports(tmp_path):
    source = tmp_path / "tiny.gen.json"
    source.write_bytes(dump_json(valid_document()))
    info = import_magenta(source, tmp_path / "models")
    assert (info.hidden_size, info.num_mixture) == (HIDDEN, MIXTURES)


@pytest.mark.parametrize("examples", BUDGETS)
def test_structured_mutations(tmp_path, examples):
    fuzz(_documents(), lambda data: _check_file(tmp_path, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_bytes(tmp_path, examples):
    fuzz(corrupt_bytes(dump_json(valid_document())), lambda d: _check_file(tmp_path, d), examples)


def test_deeply_nested_json(tmp_path):
    _check_file(tmp_path, deeply_nested_json())


@pytest.mark.parametrize(
    "info_change",
    [{"max_seq_len": float("inf")}, {"scale_factor": float("inf")}, {"max_seq_len": 1e300}],
)
def test_infinite_numbers_in_info(tmp_path, info_change):
    document = valid_document()
    document[0].update(info_change)
    _check_file(tmp_path, json.dumps(document).encode())
