"""The recogniser runtime: rasterising, the classifier folder, the likelihood fallback."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from doodle import paths
from doodle.core.errors import ModelError
from doodle.engine.magenta import import_magenta
from doodle.engine.recognize import Classifier, Recognizer, load_classifier
from doodle.engine.recognize_likelihood import (
    log_likelihoods,
    mean_negative_log_likelihood,
    step_log_likelihood,
)
from doodle.engine.recognize_raster import INK, STROKE_ORDER, RasterSpec, raster_channels, rasterize
from doodle.engine.registry import ModelRegistry
from tests.engine.helpers import magenta_document, write_magenta

SIZE = 16


def write_linear_classifier(folder: Path, classes: list[str], weights: np.ndarray) -> Path:
    """A real ONNX classifier: logits = flatten(image) @ weights (weights [S*S, C])."""
    folder.mkdir(parents=True, exist_ok=True)
    graph = helper.make_graph(
        [
            helper.make_node("Flatten", ["image"], ["flat"]),
            helper.make_node("MatMul", ["flat", "w"], ["logits"]),
        ],
        "classifier",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 1, SIZE, SIZE])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", len(classes)])],
        initializer=[numpy_helper.from_array(weights.astype(np.float32), "w")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(folder / "classifier.onnx"))
    meta = {
        "format": 1,
        "name": "recognizer",
        "kind": "recognizer",
        "classes": classes,
        "input": {"name": "image", "size": SIZE, "margin": 1.0, "blur": 0.5},
    }
    (folder / "model.json").write_text(json.dumps(meta))
    return folder


def _horizontal_and_vertical_weights() -> np.ndarray:
    """Class 0 likes ink in the middle row, class 1 in the middle column."""
    row = np.zeros((SIZE, SIZE))
    row[SIZE // 2 - 1 : SIZE // 2 + 1, :] = 1.0
    return np.stack([row.ravel(), row.T.ravel()], axis=1) * 0.5


HORIZONTAL = [np.array([[0, 0], [100, 0]], np.float32)]
VERTICAL = [np.array([[0, 0], [0, 100]], np.float32)]


@pytest.fixture
def tiny_models() -> Path:
    """Three small random decoders installed as user models."""
    folder = paths.user_models_dir()
    for seed, name in ((1, "flat"), (2, "tall"), (3, "other")):
        document = magenta_document("gen", seed=seed)
        source = write_magenta(paths.user_dir() / f"{name}.gen.json", document)
        import_magenta(source, folder, name=name)
    return folder


def test_raster_draws_ink_where_the_lines_are():
    image = rasterize(HORIZONTAL, RasterSpec(size=SIZE, margin=1.0, blur=0.0))
    assert image.shape == (SIZE, SIZE) and image.dtype == np.float32
    assert 0.0 <= image.min() and image.max() <= 1.0
    rows_with_ink = np.flatnonzero(image.sum(axis=1) > 0.5)
    assert list(rows_with_ink) in ([7], [8], [7, 8])
    assert image.sum(axis=0)[1:-1].min() > 0.3  # across the whole width inside the margin
    dot = rasterize([np.array([[5.0, 5.0]])], RasterSpec(size=SIZE))
    assert dot.max() > 0.5


def test_stroke_order_channel_is_bright_where_the_drawing_began():
    top = np.array([[0.0, 0.0], [10.0, 0.0]], np.float32)
    bottom = np.array([[0.0, 10.0], [10.0, 10.0]], np.float32)
    spec = RasterSpec(size=SIZE, margin=1.0, blur=0.0, channels=(INK, STROKE_ORDER))
    top_first = raster_channels([top, bottom], spec)
    bottom_first = raster_channels([bottom, top], spec)
    assert top_first.shape == (2, SIZE, SIZE) and top_first.dtype == np.float32
    # The ink is the same whichever line came first, and is what rasterize draws.
    np.testing.assert_allclose(top_first[0], bottom_first[0])
    np.testing.assert_allclose(top_first[0], rasterize([top, bottom], spec))
    top_row, bottom_row = 1, SIZE - 2
    order = top_first[1]
    assert order[top_row].sum() > 1.5 * order[bottom_row].sum() > 0
    reversed_order = bottom_first[1]
    assert reversed_order[bottom_row].sum() > 1.5 * reversed_order[top_row].sum() > 0
    assert np.all(order <= top_first[0] + 1e-6)  # never brighter than the ink itself
    blank = raster_channels([], spec)
    assert blank.shape == (2, SIZE, SIZE) and not blank.any()


def test_raster_spec_records_its_channels_in_model_json():
    plain = RasterSpec(size=SIZE)
    assert "channels" not in plain.to_json()  # older recognisers' model.json stays readable
    assert RasterSpec.from_json(plain.to_json()) == plain
    ordered = RasterSpec(size=SIZE, channels=(INK, STROKE_ORDER))
    assert RasterSpec.from_json(ordered.to_json()) == ordered
    with pytest.raises(ValueError, match="channels"):
        RasterSpec.from_json({**plain.to_json(), "channels": ["ink", "colour"]})


def test_classifier_folder_with_a_channel_mismatch_is_refused(tmp_path):
    folder = write_linear_classifier(
        tmp_path / "recognizer", ["flat", "tall"], _horizontal_and_vertical_weights()
    )
    meta = json.loads((folder / "model.json").read_text())
    meta["input"]["channels"] = ["ink", "stroke_order"]
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="2 channel"):
        Classifier(folder)
    meta["input"]["channels"] = ["sparkles"]
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="not a usable recogniser description"):
        Classifier(folder)


def test_classifier_folder_is_read_and_checked(tmp_path):
    folder = write_linear_classifier(
        tmp_path / "recognizer", ["flat", "tall"], _horizontal_and_vertical_weights()
    )
    classifier = Classifier(folder)
    probabilities = classifier.probabilities([HORIZONTAL, VERTICAL])
    assert probabilities.shape == (2, 2)
    assert probabilities[0, 0] > 0.9 and probabilities[1, 1] > 0.9
    meta = json.loads((folder / "model.json").read_text())
    meta["classes"] = ["flat", "tall", "extra"]
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="3 classes"):
        Classifier(folder)
    (folder / "model.json").write_text("{not json")
    with pytest.raises(ModelError, match="model.json"):
        Classifier(folder)


def test_user_recogniser_takes_precedence_over_the_bundled_one(tmp_path, monkeypatch):
    bundled = tmp_path / "bundled"
    write_linear_classifier(bundled / "recognizer", ["a", "b"], np.zeros((SIZE * SIZE, 2)))
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(bundled))
    assert load_classifier().folder == bundled / "recognizer"
    user = paths.user_models_dir() / "recognizer"
    write_linear_classifier(user, ["a", "b", "c"], np.zeros((SIZE * SIZE, 3)))
    assert load_classifier().folder == user
    (user / "classifier.onnx").write_bytes(b"broken")
    assert load_classifier().folder == bundled / "recognizer"  # a broken one is passed over


def test_known_objects_come_from_the_classifier(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "none"))
    folder = write_linear_classifier(
        tmp_path / "recognizer", ["flat", "tall"], _horizontal_and_vertical_weights()
    )
    recognizer = Recognizer(ModelRegistry(), Classifier(folder))
    guesses = recognizer.guess(HORIZONTAL, candidates=["flat", "tall"])
    assert [g.name for g in guesses] == ["flat", "tall"]
    assert guesses[0].score > 0.9
    assert sum(g.score for g in guesses) == pytest.approx(1.0)
    assert recognizer.guess(VERTICAL, candidates=["flat", "tall"])[0].name == "tall"
    assert recognizer.guess([], candidates=["flat", "tall"]) == []


def test_unknown_objects_are_scored_by_their_decoders(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "none"))
    folder = write_linear_classifier(
        tmp_path / "recognizer", ["flat", "tall"], _horizontal_and_vertical_weights()
    )
    registry = ModelRegistry()
    recognizer = Recognizer(registry, Classifier(folder))
    guesses = recognizer.guess(HORIZONTAL, top=3)
    assert {g.name for g in guesses} == {"flat", "tall", "other"}
    assert sum(g.score for g in guesses) == pytest.approx(1.0)
    scores = {g.name: g.score for g in guesses}
    assert scores["other"] > 0.0
    # Known objects keep the classifier's order inside their share.
    assert scores["flat"] > scores["tall"]
    # Without any classifier every object is scored by likelihood.
    alone = Recognizer(registry, None).guess(HORIZONTAL, top=5)
    assert {g.name for g in alone} == {"flat", "tall", "other"}


def test_likelihood_matches_a_direct_gaussian_mixture_computation(tiny_models):
    rng = np.random.default_rng(0)
    m = 3
    params = rng.normal(0, 0.5, size=(4, 6 * m + 3))
    targets = np.zeros((4, 5))
    targets[:, :2] = rng.normal(0, 1, size=(4, 2))
    targets[np.arange(4), [2, 3, 2, 4]] = 1.0
    values = log_likelihoods(params, targets)
    for t in range(4):
        assert values[t] == pytest.approx(step_log_likelihood(params[t], targets[t]))
    # Row 0 by hand: pen "down", density of a mixture of correlated Gaussians.
    p = params[0]
    pen = np.exp(p[:3]) / np.exp(p[:3]).sum()
    pi = np.exp(p[3 : 3 + m]) / np.exp(p[3 : 3 + m]).sum()
    mux, muy, lsx, lsy, rr = (p[3 + k * m : 3 + (k + 1) * m] for k in range(1, 6))
    sx, sy, rho = np.exp(lsx), np.exp(lsy), np.tanh(rr)
    dx, dy = targets[0, :2]
    zx, zy = (dx - mux) / sx, (dy - muy) / sy
    z = zx**2 + zy**2 - 2 * rho * zx * zy
    density = np.exp(-z / (2 * (1 - rho**2))) / (2 * np.pi * sx * sy * np.sqrt(1 - rho**2))
    assert values[0] == pytest.approx(np.log((pi * density).sum()) + np.log(pen[0]))
    end_pen = np.exp(params[3, :3]) / np.exp(params[3, :3]).sum()
    assert values[3] == pytest.approx(np.log(end_pen[2]))  # the end token: pen only
    registry = ModelRegistry(bundled_dir=tiny_models / "none", user_dir=tiny_models)
    nll = mean_negative_log_likelihood(HORIZONTAL + VERTICAL, registry.get("flat"))
    assert np.isfinite(nll)
    assert mean_negative_log_likelihood([], registry.get("flat")) == float("inf")


@pytest.mark.parametrize("kind", ["gen", "vae"])
def test_one_call_sequence_scoring_matches_stepping(tmp_path, monkeypatch, kind):
    from doodle.engine import recognize_likelihood
    from doodle.engine.recognize_sequence import sequence_session

    source = write_magenta(tmp_path / f"m.{kind}.json", magenta_document(kind, seed=5))
    import_magenta(source, paths.user_models_dir(), name="scored")
    model = ModelRegistry(bundled_dir=tmp_path / "none").get("scored")
    assert sequence_session(model) is not None
    drawing = [np.array([[0, 0], [30, 10], [60, 40]], np.float32), HORIZONTAL[0] + 20]
    whole = mean_negative_log_likelihood(drawing, model)
    monkeypatch.setattr(recognize_likelihood, "sequence_session", lambda _model: None)
    stepped = mean_negative_log_likelihood(drawing, model)
    assert np.isfinite(whole) and whole == pytest.approx(stepped, rel=1e-4, abs=1e-4)


def test_vae_folders_are_not_extra_objects(tiny_models, tmp_path, monkeypatch):
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "none"))
    source = write_magenta(tmp_path / "v.vae.json", magenta_document("vae", seed=6))
    import_magenta(source, paths.user_models_dir(), name="flat_vae")
    guesses = Recognizer(ModelRegistry(), None).guess(HORIZONTAL, top=10)
    assert {g.name for g in guesses} == {"flat", "tall", "other"}
