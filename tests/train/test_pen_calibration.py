"""The pen calibration moves only the pen-up logit and recovers a known bias."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest

from doodle import paths
from doodle.core.errors import ModelError
from doodle.engine import contract
from doodle.engine.model import LoadedModel
from doodle.train.pen_calibration import (
    OUTPUT_BIAS,
    add_pen_up_bias,
    calibrate_pen,
    strokes_per_sketch,
)


def _copy_of_bundled(name: str, destination: Path) -> Path:
    source = paths.bundled_models_dir() / name
    if not (source / contract.MODEL_JSON).is_file():
        pytest.skip(f"no bundled model {name!r} in {paths.bundled_models_dir()}")
    return Path(shutil.copytree(source, destination / name))


def _step_outputs(folder: Path) -> np.ndarray:
    model = LoadedModel(contract.check_model_folder(folder))
    rng = np.random.default_rng(0)
    x = np.zeros((4, 5), np.float32)
    x[:, :2] = rng.normal(size=(4, 2))
    x[:, 2] = 1.0
    h, c = model.initial_state(4, None)
    h = h + rng.normal(scale=0.3, size=h.shape).astype(np.float32)
    params, _h, _c = model.step(x, h, c)
    return params


def test_the_bias_moves_only_the_pen_up_logit(tmp_path):
    folder = _copy_of_bundled("bear", tmp_path)
    before = _step_outputs(folder)
    add_pen_up_bias(folder, 0.75)
    after = _step_outputs(folder)
    np.testing.assert_allclose(after[:, 1] - before[:, 1], 0.75, atol=1e-5)
    np.testing.assert_allclose(np.delete(after, 1, axis=1), np.delete(before, 1, axis=1))
    # The folder still passes the contract check.
    contract.check_model_folder(folder)


def test_calibration_recovers_a_known_bias(tmp_path):
    """A teacher that is the student with the pen-up logit raised by 0.8: the calibration must
    find about that bias, and the student then lifts the pen about as often."""
    student = _copy_of_bundled("bear", tmp_path / "student")
    teacher_folder = _copy_of_bundled("bear", tmp_path / "teacher")
    add_pen_up_bias(teacher_folder, 0.8)
    teacher = LoadedModel(contract.check_model_folder(teacher_folder))
    shipped = json.loads((student / contract.MODEL_JSON).read_text("utf-8"))
    # The shipped folder may itself be calibrated already: its bias is the starting point.
    earlier = shipped["provenance"].get("pen_calibration", {}).get("total_bias", 0.0)
    result = calibrate_pen(student, teacher, sketches=120, seed=3)
    assert abs(result.bias - 0.8) < 0.1, result
    assert result.strokes_before < result.teacher_strokes
    assert abs(result.strokes_after - result.teacher_strokes) < 0.1 * result.teacher_strokes
    calibrated = LoadedModel(contract.check_model_folder(student))
    assert strokes_per_sketch(calibrated, 0.3, 120, 3) == pytest.approx(
        result.strokes_after, abs=1e-3
    )
    recorded = json.loads((student / contract.MODEL_JSON).read_text("utf-8"))
    entry = recorded["provenance"]["pen_calibration"]
    assert entry["bias"] == result.bias
    assert entry["total_bias"] == pytest.approx(earlier + result.bias, abs=1e-4)
    assert entry["teacher"] == "bear" and entry["temperature"] == 0.3

    # Calibrating again against the same teacher changes little, and the biases add up.
    again = calibrate_pen(student, teacher, sketches=120, seed=3)
    assert abs(again.bias) < 0.1
    entry = json.loads((student / contract.MODEL_JSON).read_text("utf-8"))["provenance"][
        "pen_calibration"
    ]
    assert entry["total_bias"] == pytest.approx(earlier + result.bias + again.bias, abs=1e-4)


def test_a_teacher_out_of_reach_leaves_the_student_unchanged(tmp_path):
    student = _copy_of_bundled("bear", tmp_path / "student")
    teacher_folder = _copy_of_bundled("bear", tmp_path / "teacher")
    add_pen_up_bias(teacher_folder, 6.0)  # twice the search range
    teacher = LoadedModel(contract.check_model_folder(teacher_folder))
    before = {p.name: p.read_bytes() for p in student.iterdir()}
    with pytest.raises(ModelError, match="too differently to calibrate"):
        calibrate_pen(student, teacher, sketches=40, seed=3, iterations=6)
    assert {p.name: p.read_bytes() for p in student.iterdir()} == before


def test_a_graph_without_the_output_bias_is_refused_clearly(tmp_path):
    folder = _copy_of_bundled("bear", tmp_path)
    path = folder / contract.DECODER_STEP
    model = onnx.load(path)
    for initializer in model.graph.initializer:
        if initializer.name == OUTPUT_BIAS:
            initializer.name = "renamed_bias"
    for node in model.graph.node:
        node.input[:] = ["renamed_bias" if name == OUTPUT_BIAS else name for name in node.input]
    onnx.save(model, path)
    original = path.read_bytes()
    with pytest.raises(ModelError, match="no 'out_b' output bias"):
        add_pen_up_bias(folder, 0.5)
    assert path.read_bytes() == original


def test_the_command_rejects_a_silly_temperature(tmp_path):
    folder = _copy_of_bundled("bear", tmp_path)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "doodle",
            "train",
            "calibrate-pen",
            str(folder),
            "--teacher",
            str(folder),
            "--temperature",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    assert "--temperature 0.0: use a value from 0.05 to 2" in run.stderr
