"""Every published Magenta model imports, meets the contract and matches TensorFlow's cell.

The reference is an independent float64 numpy TensorFlow LSTM (forget bias +1.0) run on the
blobs decoded straight from the file; the ONNX step and prefix graphs must agree with it to
1e-4 on random inputs and on a real Quick, Draw! drawing brought to model units.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np
import pytest

from doodle.core.strokes import START_TOKEN, stroke3_to_stroke5
from doodle.core.units import canvas_to_model
from doodle.engine import contract
from doodle.engine.magenta import import_magenta
from doodle.engine.model import LoadedModel
from tests.engine.helpers import magenta_weights, tf_lstm_step
from tests.shared_data import require_shared

MAGENTA_MODELS = [
    "ambulance", "antyoga", "bear", "bicycle", "bird", "bulldozer", "calendar", "diving_board",
    "dog", "dolphin", "hedgehog", "key", "lantern", "lobster", "monkey", "mosquito", "palm_tree",
    "parrot", "pool", "rabbit", "rain", "rhinoceros", "roller_coaster", "sheep", "tiger",
    "toothbrush", "toothpaste", "trombone",
]  # fmt: skip
TOLERANCE = 1e-4
PREFIX_ROWS = 48


def _quickdraw_class(model_name: str) -> str:
    return "yoga" if model_name == "antyoga" else model_name.replace("_", " ")


def _real_prefix(model_name: str, info: contract.ModelInfo) -> np.ndarray:
    """A real drawing of the model's class, in model units, as stroke-5 after the start token."""
    path = require_shared("quickdraw", "simplified", f"{_quickdraw_class(model_name)}.ndjson")
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    strokes = [np.asarray(s, dtype=np.float32).T for s in first["drawing"]]
    stroke3, _ = canvas_to_model(strokes, info.scale_factor, info.pixel_factor)
    rows = stroke3_to_stroke5(stroke3)[:PREFIX_ROWS]
    return np.concatenate([START_TOKEN[None], rows]).astype(np.float32)


@pytest.mark.slow
@pytest.mark.parametrize("name", MAGENTA_MODELS)
def test_published_model_imports_and_matches_tensorflow(name: str, tmp_path: Path) -> None:
    source = require_shared("magenta", f"{name}.gen.json")
    info = import_magenta(source, tmp_path)
    assert contract.check_model_folder(info.path) == info
    assert (info.name, info.kind, info.hidden_size, info.num_mixture) == (name, "gen", 512, 20)
    out_w, out_b, w_xh, w_hh, bias = magenta_weights(json.loads(source.read_text()))
    model = LoadedModel(info)

    # Random inputs, batch 4.
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    x = rng.normal(0, 1, (4, 5)).astype(np.float32)
    h = rng.normal(0, 0.5, (4, 512)).astype(np.float32)
    c = rng.normal(0, 1.0, (4, 512)).astype(np.float32)
    params, h_out, c_out = model.step(x, h, c)
    h_ref, c_ref = tf_lstm_step(x, h, c, w_xh, w_hh, bias)
    assert np.abs(h_out - h_ref).max() <= TOLERANCE
    assert np.abs(c_out - c_ref).max() <= TOLERANCE
    assert np.abs(params - (h_ref @ out_w + out_b)).max() <= TOLERANCE

    # A real drawing: reference stepping vs ONNX stepping vs the one-call prefix graph.
    sequence = _real_prefix(name, info)
    h_ref, c_ref = np.zeros((1, 512)), np.zeros((1, 512))
    h, c = model.zero_state(1)
    for row in sequence:
        params, h, c = model.step(row[None], h, c)
        h_ref, c_ref = tf_lstm_step(row[None].astype(np.float64), h_ref, c_ref, w_xh, w_hh, bias)
        assert np.abs(params - (h_ref @ out_w + out_b)).max() <= TOLERANCE
    assert np.abs(h - h_ref).max() <= TOLERANCE and np.abs(c - c_ref).max() <= TOLERANCE
    h_prefix, c_prefix = model.prime(sequence[None], *model.zero_state(1))
    assert np.abs(h_prefix - h_ref).max() <= TOLERANCE
    assert np.abs(c_prefix - c_ref).max() <= TOLERANCE
