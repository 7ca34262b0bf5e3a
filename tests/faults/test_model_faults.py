"""Broken model files and a model folder removed while in use, through the real window."""

from __future__ import annotations

import json
import shutil

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from doodle import paths
from doodle.engine.registry import ModelRegistry
from tests.bench.model_factory import write_tiny_model
from tests.faults.app_window import (
    WAIT_MS,
    assert_strokes_kept,
    assert_window_still_draws,
    draw_some_strokes,
    open_app_window,
    stroke_points,
)


def _break_models(models_dir):
    """Four broken model folders beside the good one; returns name -> expected words."""
    corrupt = write_tiny_model(models_dir, "corrupt").path
    (corrupt / "decoder_step.onnx").write_bytes(b"\x08\x07this is not protobuf" * 50)
    truncated = write_tiny_model(models_dir, "truncated").path
    data = (truncated / "decoder_step.onnx").read_bytes()
    (truncated / "decoder_step.onnx").write_bytes(data[: len(data) // 2])
    wrong = write_tiny_model(models_dir, "wrongshape", hidden=16).path
    meta = json.loads((wrong / "model.json").read_text())
    meta["hidden_size"] = 32
    (wrong / "model.json").write_text(json.dumps(meta))
    garbled = write_tiny_model(models_dir, "garbled").path
    (garbled / "model.json").write_text('{"format": 1, "name": "garbled", ')
    return {
        "corrupt": "decoder_step.onnx",
        "truncated": "decoder_step.onnx",
        "wrongshape": "decoder_step.onnx",
        "garbled": "model.json",
    }


def test_broken_model_folders_are_left_out_with_a_clear_reason(qtbot, tiny_model):
    broken = _break_models(paths.user_models_dir())
    window = open_app_window(qtbot)
    offered = {window.model_chooser.itemData(i) for i in range(window.model_chooser.count())}
    assert "tiny" in offered
    assert not offered & set(broken)
    problems = ModelRegistry().problems()
    for name, file_name in broken.items():
        (message,) = [m for folder, m in problems.items() if folder.endswith(name)]
        assert file_name in message, message
    window.set_active_model("tiny")
    draw_some_strokes(window)
    with qtbot.waitSignal(window.draw_along.completion_ready, timeout=WAIT_MS):
        window.request_completion()
    assert_window_still_draws(window)


def _damage_inside(graph_path, damage: str) -> None:
    """Break a graph so that it still passes the contract check (same inputs and outputs)
    but cannot run: an operator onnxruntime does not know, or weights of the wrong shape."""
    model = onnx.load(str(graph_path))
    if damage == "unknown_operator":
        model.graph.node[-1].op_type = "NoSuchOperator"
    else:
        (weights,) = [w for w in model.graph.initializer if w.name == "W_h"]
        wrong = np.zeros((weights.dims[0] + 3, weights.dims[1]), np.float32)
        weights.CopyFrom(numpy_helper.from_array(wrong, "W_h"))
    onnx.save(model, str(graph_path))


@pytest.mark.parametrize("damage", ["unknown_operator", "wrong_weight_shape"])
def test_a_listed_model_that_cannot_run_gives_a_friendly_message(qtbot, tiny_model, damage):
    spare = write_tiny_model(paths.user_models_dir(), "spare")
    _damage_inside(spare.path / "decoder_step.onnx", damage)
    window = open_app_window(qtbot)
    window.set_active_model("tiny")
    draw_some_strokes(window)
    before = stroke_points(window)
    window.set_active_model("spare")
    assert window.active_model() == "spare"
    with qtbot.waitSignal(window.draw_along.failed, timeout=WAIT_MS) as failed:
        window.request_completion()
    _channel, message = failed.args
    assert "grown-up" in message or "try again" in message
    qtbot.waitUntil(lambda: window.banner.isVisible())
    # Other channels (variations, picture thumbnails) may report the same model first.
    assert "grown-up" in window.banner.text() or "try again" in window.banner.text()
    assert_strokes_kept(window, before)
    assert_window_still_draws(window)
    # The good model still draws along.
    window.set_active_model("tiny")
    with qtbot.waitSignal(window.draw_along.completion_ready, timeout=WAIT_MS):
        window.request_completion()


def test_a_model_folder_removed_while_in_use(qtbot, app_window):
    window = app_window
    draw_some_strokes(window)
    with qtbot.waitSignal(window.draw_along.completion_ready, timeout=WAIT_MS):
        window.request_completion()
    window.keep_completion()
    before = stroke_points(window)
    shutil.rmtree(paths.user_models_dir() / "tiny")
    outcome = {}
    window.draw_along.completion_ready.connect(lambda r: outcome.setdefault("result", r))
    window.draw_along.failed.connect(lambda c, m: outcome.setdefault("failed", m))
    window.request_completion()
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    if "failed" in outcome:
        assert "grown-up" in outcome["failed"]
        assert window.banner.text() == outcome["failed"]
    assert_strokes_kept(window, before)
    # Rescanning forgets the model; asking for it again is a message, not a crash.
    window.draw_along.refresh_models()
    offered = {window.model_chooser.itemData(i) for i in range(window.model_chooser.count())}
    assert "tiny" not in offered
    outcome.clear()
    window.request_completion()
    qtbot.wait(300)
    assert_strokes_kept(window, before)
    assert_window_still_draws(window)
