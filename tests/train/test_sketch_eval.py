"""`doodle train eval`: per-point NLL in 256-px space on a distribution computed by hand."""

from __future__ import annotations

import json
import math

import pytest

pytest.importorskip("torch")

import numpy as np  # noqa: E402

from doodle.cli import main  # noqa: E402
from doodle.core import ndjson  # noqa: E402
from doodle.engine import contract  # noqa: E402
from doodle.engine.model import LoadedModel  # noqa: E402
from doodle.train.evaluate import drawing_to_stroke3, score_drawings  # noqa: E402
from tests.train.sketch_helpers import write_constant_model  # noqa: E402

PEN_LOGITS = (1.0, 0.0, -1.0)
SCALE, PIXEL = 50.0, 2.0
DRAWING = [
    np.array([[10, 10], [30, 10], [30, 40]], np.float32),
    np.array([[50, 60], [70, 90]], np.float32),
]


def expected_nll() -> float:
    """By hand: offsets ~ N(0, I) in model units, pen ~ softmax(PEN_LOGITS), every step."""
    stroke3 = drawing_to_stroke3(DRAWING)  # offsets from the first point: 4 rows
    log_pen = np.asarray(PEN_LOGITS) - math.log(sum(math.exp(v) for v in PEN_LOGITS))
    total = 0.0
    for dx, dy, lifted in stroke3:
        x, y = dx * PIXEL / SCALE, dy * PIXEL / SCALE
        total += math.log(2 * math.pi) + 0.5 * (x * x + y * y) + 2 * math.log(SCALE / PIXEL)
        total -= log_pen[1] if lifted else log_pen[0]
    total -= log_pen[2]  # the end token
    return total / (len(stroke3) + 1)


def test_drawing_starts_at_its_first_point():
    stroke3 = drawing_to_stroke3(DRAWING)
    np.testing.assert_array_equal(stroke3[0], [20, 0, 0])
    np.testing.assert_array_equal(stroke3[2], [20, 20, 0])
    assert stroke3[-1, 2] == 1.0 and len(stroke3) == 4


def test_nll_of_a_constant_model_matches_the_hand_computation(tmp_path):
    write_constant_model(tmp_path / "toy", PEN_LOGITS, SCALE, PIXEL)
    model = LoadedModel(contract.check_model_folder(tmp_path / "toy"))
    scores = score_drawings(model, [drawing_to_stroke3(DRAWING)] * 3)
    np.testing.assert_allclose(scores.nll, expected_nll(), atol=1e-5)
    np.testing.assert_allclose(scores.offset + scores.pen, scores.nll, atol=1e-9)


def test_eval_command_prints_json(tmp_path, capsys):
    write_constant_model(tmp_path / "toy", PEN_LOGITS, SCALE, PIXEL)
    data = tmp_path / "toy.ndjson"
    drawing = ndjson.QuickDrawDrawing(word="toy", strokes=tuple(DRAWING))
    ndjson.write_drawings(data, [drawing, drawing])
    assert main(["train", "eval", str(tmp_path / "toy"), "--data", str(tmp_path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["drawings"] == 2
    assert result["points"] == 8
    assert result["nll_per_point"]["median"] == pytest.approx(expected_nll(), abs=1e-3)


def test_vae_estimate_is_exact_when_the_posterior_is_the_prior(tmp_path):
    """With q(z|x) = N(0, I) and a decoder that ignores z, every importance weight is p(x)."""
    import torch

    from doodle.train.data import ClassUnits
    from doodle.train.export import write_class_folder
    from doodle.train.model import ModelConfig, SketchRNN

    model = SketchRNN(ModelConfig(hidden_size=4, enc_hidden_size=3, z_size=2, num_mixture=1))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.zero_()
        model.output.bias[:3] = torch.tensor(PEN_LOGITS)
    write_class_folder(
        model,
        0,
        ClassUnits("toyvae", SCALE, PIXEL, 50, "t"),
        tmp_path / "toyvae",
        {"dataset": "test"},
    )
    loaded = LoadedModel(contract.check_model_folder(tmp_path / "toyvae"))
    scores = score_drawings(loaded, [drawing_to_stroke3(DRAWING)], iw_samples=5)
    np.testing.assert_allclose(scores.nll, expected_nll(), atol=1e-5)


def test_compare_and_write_record_the_gap_in_model_json(tmp_path, capsys):
    write_constant_model(tmp_path / "toy", PEN_LOGITS, SCALE, PIXEL)
    write_constant_model(tmp_path / "other", (0.0, 0.0, 0.0), SCALE, PIXEL)
    drawing = ndjson.QuickDrawDrawing(word="toy", strokes=tuple(DRAWING))
    ndjson.write_drawings(tmp_path / "toy.ndjson", [drawing])
    args = ["train", "eval", str(tmp_path / "toy"), "--data", str(tmp_path)]
    assert main([*args, "--compare", str(tmp_path / "other"), "--write"]) == 0
    printed = json.loads(capsys.readouterr().out)
    # Offsets score the same under both; only the pen terms differ (4 points + end token).
    stroke3 = drawing_to_stroke3(DRAWING)
    log_pen = np.asarray(PEN_LOGITS) - math.log(sum(math.exp(v) for v in PEN_LOGITS))
    pen_toy = -sum(log_pen[int(lift)] for lift in stroke3[:, 2]) - log_pen[2]
    gap = (pen_toy - 5 * math.log(3.0)) / 5
    assert printed["median_gap_nats"] == pytest.approx(gap, abs=1e-3)
    stored = json.loads((tmp_path / "toy" / "model.json").read_text())["metrics"]
    assert stored["quickdraw_eval"]["compare"]["model"] == "other"
    assert stored["quickdraw_eval"]["data"] == "toy.ndjson"


def test_recognised_share_of_a_bundled_model_s_sketches(tmp_path, capsys, monkeypatch):
    """The bundled recogniser judges the bundled sheep's sketches; the record says by whom."""
    from tests.shared_data import require_shared

    data = require_shared("quickdraw", "simplified")
    monkeypatch.setenv("DOODLE_DATA_DIR", str(tmp_path / "data"))  # bundled models only
    args = ["train", "eval", "sheep", "--data", str(data), "--limit", "3", "--recognised", "24"]
    assert main(args) == 0
    recognised = json.loads(capsys.readouterr().out)["samples_recognised"]
    assert recognised["sketches"] == 24 and recognised["temperature"] == 0.3
    assert 0.0 <= recognised["share"] <= 1.0
    assert sum(recognised["most_named"].values()) <= 24
    if "sheep" in recognised["most_named"]:  # the three most named objects, with counts
        share = recognised["most_named"]["sheep"] / 24
        assert recognised["share"] == pytest.approx(share, abs=1e-4)
    assert len(recognised["recogniser_sha256"]) == 16
    # The same seed draws the same sketches: the figure is reproducible.
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["samples_recognised"] == recognised


def test_recognised_share_needs_a_recogniser_that_knows_the_object(tmp_path, capsys):
    write_constant_model(tmp_path / "toy", PEN_LOGITS, SCALE, PIXEL)
    ndjson.write_drawings(tmp_path / "toy.ndjson", [ndjson.QuickDrawDrawing("toy", tuple(DRAWING))])
    args = ["train", "eval", str(tmp_path / "toy"), "--data", str(tmp_path), "--recognised", "4"]
    assert main(args) != 0
    assert "does not know 'toy'" in capsys.readouterr().err
