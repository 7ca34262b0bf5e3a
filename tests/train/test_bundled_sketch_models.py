"""Every bundled drawing model follows the contract, has an encoder and recorded metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")

import numpy as np  # noqa: E402

from doodle import paths  # noqa: E402
from doodle.engine import contract  # noqa: E402
from doodle.engine.model import LoadedModel  # noqa: E402
from doodle.train.pen_calibration import strokes_per_sketch  # noqa: E402

BUDGET_BYTES = 40 * 1024 * 1024


def _is_drawing_model(model_json: Path) -> bool:
    folder = model_json.parent.name
    if folder == "music" or "recogn" in folder:
        return False
    meta = json.loads(model_json.read_text("utf-8"))
    return meta.get("kind") in contract.KINDS


BUNDLED = sorted(
    p.parent for p in paths.bundled_models_dir().glob("*/model.json") if _is_drawing_model(p)
)
INFOS = [contract.check_model_folder(folder, bundled=True) for folder in BUNDLED]
DRAWING = [info for info in INFOS if info.kind == "gen"]
IDEAS = [info for info in INFOS if info.kind == "vae"]


def test_bundled_drawing_models_and_their_encoders_match_by_class():
    from doodle.engine.ideas import encoder_model_for

    assert len(DRAWING) >= 9
    assert IDEAS
    classes = {info.provenance["class_name"] for info in DRAWING}
    for info in IDEAS:
        assert info.provenance["class_name"] in classes
        assert encoder_model_for(INFOS, info.provenance["class_name"]) == info


def test_every_bundled_class_meets_the_likelihood_gate():
    """Median NLL of real drawings within 0.30 nats of the teacher's (models_onnx/README.md)."""
    for info in DRAWING:
        assert info.metrics["quickdraw_eval"]["median_gap_nats"] <= 0.30, info.name


def test_bundled_models_fit_the_size_budget():
    total = sum(f.stat().st_size for f in paths.bundled_models_dir().rglob("*") if f.is_file())
    assert total <= BUDGET_BYTES


@pytest.mark.parametrize("info", INFOS, ids=[info.name for info in INFOS])
def test_bundled_model_has_provenance_and_measured_metrics(info):
    provenance = info.provenance
    assert provenance.get("teachers") or provenance.get("datasets")
    assert provenance["steps"] > 0
    evaluation = info.metrics["quickdraw_eval"]
    assert evaluation["drawings"] > 0
    assert np.isfinite(evaluation["nll_per_point"]["median"])
    assert np.isfinite(evaluation["compare"]["nll_per_point"]["median"])
    if info.kind == "gen":
        assert info.has_prefix
        assert (info.path / "samples.png").is_file()


@pytest.mark.parametrize("info", DRAWING, ids=[info.name for info in DRAWING])
def test_bundled_model_draws_along(info):
    from doodle.engine import draw

    model = LoadedModel(info)
    square = [np.array([[0, 0], [60, 0], [60, 60], [0, 60], [0, 0]], np.float32)]
    hint = draw.next_stroke_hint(square, model, seed=0)
    assert hint.ndim == 2 and np.all(np.isfinite(hint))


@pytest.mark.parametrize("info", IDEAS, ids=[info.name for info in IDEAS])
def test_bundled_vae_encodes_and_decodes(info):
    model = LoadedModel(info)
    strokes = np.zeros((1, 3, 5), np.float32)
    strokes[0, :, :2] = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]
    strokes[0, :, 2] = 1.0
    mu, sigma_hat = model.encoder.run(
        ["mu", "sigma_hat"], {"strokes": strokes, "lengths": np.array([3], np.int64)}
    )
    assert mu.shape == (1, info.z_size) and np.all(np.isfinite(sigma_hat))
    h, c = model.initial_state(1, mu)
    params, h, c = model.step(strokes[:, 0], h, c, mu)
    assert params.shape == (1, info.params_size) and np.all(np.isfinite(params))


@pytest.mark.parametrize("info", DRAWING, ids=[info.name for info in DRAWING])
def test_bundled_drawing_model_lifts_the_pen_as_often_as_its_teacher(info):
    """Each drawing model is pen-calibrated (models_onnx/README.md): at the grid's temperature
    its sketches have about its teacher's strokes, as measured when it was calibrated."""
    calibration = info.provenance["pen_calibration"]
    assert calibration["temperature"] == 0.3
    assert calibration["teacher"] == info.provenance["class_name"]
    teacher = calibration["teacher_strokes"]
    assert abs(calibration["strokes_after"] - teacher) <= 0.1 * teacher, calibration
    # The graph itself, not only its description: draw the calibration's sketches again.
    drawn = strokes_per_sketch(LoadedModel(info), 0.3, calibration["sketches"], calibration["seed"])
    assert abs(drawn - teacher) <= 0.15 * teacher, (drawn, calibration)
