"""Make a student lift the pen as often as its teacher: a bias on the pen-up logit.

Distilled students give the pen-up state less probability than their teachers where it
matters (on real drawings, at the points where people lifted the pen, about half), and a low
temperature sharpens that gap: at 0.3 the students draw a few long strokes where their
teachers draw several short ones. The calibration adds one number, ``bias``, to the pen-up
logit of the output layer (``out_b[1]`` of ``decoder_step.onnx``) and chooses it by bisection
so that the student's sketches at the calibration temperature have as many strokes, on
average, as the teacher's. It learns nothing from real drawings: only the two models' own
sketches are compared. Works on the ONNX graphs alone: no torch, no Qt.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

from doodle.core.errors import ModelError
from doodle.engine import contract
from doodle.engine.model import LoadedModel
from doodle.train.teacher import sample_sketches

# The output layer's bias: pen logits [down, up, end] come first.
OUTPUT_BIAS = "out_b"
PEN_UP = 1
# The sample grid's temperature: the one at which students and teachers differ most.
CALIBRATION_TEMPERATURE = 0.3
BIAS_LIMIT = 3.0


@dataclass(frozen=True)
class PenCalibration:
    """What a calibration found and did."""

    bias: float
    temperature: float
    sketches: int
    seed: int
    teacher: str
    teacher_strokes: float
    strokes_before: float
    strokes_after: float


def strokes_per_sketch(model: LoadedModel, temperature: float, sketches: int, seed: int) -> float:
    """Mean number of strokes in ``sketches`` sketches drawn at ``temperature``."""
    drawn = sample_sketches(
        model,
        sketches,
        temperature=temperature,
        batch=min(sketches, 200),
        seed=seed,
        keep_unfinished=True,
    )
    # A stroke ends at every pen lift, and the last one at the end of the sketch.
    counts = [int(np.count_nonzero(s[:-1, 2])) + 1 for s in drawn.sketches() if len(s)]
    if not counts:
        raise ModelError(f"{model.info.path}: drew no sketches to count strokes in")
    return float(np.mean(counts))


def _bias_initializer(graph: onnx.GraphProto, path: Path) -> int:
    for index, initializer in enumerate(graph.initializer):
        if initializer.name == OUTPUT_BIAS:
            return index
    raise ModelError(
        f"{path}: no '{OUTPUT_BIAS}' output bias in the graph; only models exported by "
        "Doodle or imported from Magenta can be calibrated"
    )


def add_pen_up_bias(folder: Path, bias: float) -> None:
    """Add ``bias`` to the pen-up logit of ``folder``'s ``decoder_step.onnx`` (in place)."""
    path = folder / contract.DECODER_STEP
    model = onnx.load(path)
    index = _bias_initializer(model.graph, path)
    values = numpy_helper.to_array(model.graph.initializer[index]).copy()
    values[PEN_UP] += np.asarray(bias, values.dtype)
    model.graph.initializer[index].CopyFrom(numpy_helper.from_array(values, OUTPUT_BIAS))
    partial = path.with_name(path.name + ".partial")
    onnx.save(model, partial)
    partial.replace(path)


def _with_bias(folder: Path, bias: float, scratch: Path) -> LoadedModel:
    """The model of ``folder`` with ``bias`` added, as a copy under ``scratch``."""
    copy = scratch / folder.name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    add_pen_up_bias(copy, bias)
    return LoadedModel(contract.check_model_folder(copy))


def calibrate_pen(
    student: Path,
    teacher: LoadedModel,
    temperature: float = CALIBRATION_TEMPERATURE,
    sketches: int = 400,
    seed: int = 11,
    iterations: int = 8,
    progress: Callable[[str], None] | None = None,
) -> PenCalibration:
    """Find the pen-up bias that gives ``student`` its teacher's strokes per sketch, write it
    into the student's graph and record it in its ``model.json``.

    Every count uses the same seed, so the bisection compares like with like. The bias is
    searched within +-BIAS_LIMIT; a student that already matches gets a bias near zero, and
    one that no bias in that range can match raises ``ModelError`` with its folder unchanged.
    """
    info = contract.check_model_folder(student)
    target = strokes_per_sketch(teacher, temperature, sketches, seed)
    before = strokes_per_sketch(LoadedModel(info), temperature, sketches, seed)
    low, high = -BIAS_LIMIT, BIAS_LIMIT
    with tempfile.TemporaryDirectory(prefix="doodle-pen-") as scratch:
        for _ in range(iterations):
            middle = (low + high) / 2
            strokes = strokes_per_sketch(
                _with_bias(student, middle, Path(scratch)), temperature, sketches, seed
            )
            if progress is not None:
                progress(f"bias {middle:+.3f}: {strokes:.2f} strokes (teacher {target:.2f})")
            if strokes < target:
                low = middle
            else:
                high = middle
        bias = round((low + high) / 2, 4)
        # The search never turned back from one edge: check that edge itself. If even the
        # largest bias misses the teacher, write nothing rather than a clipped bias.
        if high == BIAS_LIMIT or low == -BIAS_LIMIT:
            edge = BIAS_LIMIT if high == BIAS_LIMIT else -BIAS_LIMIT
            model = _with_bias(student, edge, Path(scratch))
            at_edge = strokes_per_sketch(model, temperature, sketches, seed)
            out_of_reach = at_edge < target if edge > 0 else at_edge >= target
        else:
            out_of_reach = False
        if out_of_reach:
            raise ModelError(
                f"{student}: no pen-up bias within +-{BIAS_LIMIT:g} gives the teacher's "
                f"{target:.2f} strokes per sketch (the student draws {before:.2f}); the two "
                "models draw too differently to calibrate, so nothing was changed"
            )
        after = strokes_per_sketch(
            _with_bias(student, bias, Path(scratch)), temperature, sketches, seed
        )
    add_pen_up_bias(student, bias)
    result = PenCalibration(
        bias=bias,
        temperature=temperature,
        sketches=sketches,
        seed=seed,
        teacher=teacher.info.name,
        teacher_strokes=round(target, 3),
        strokes_before=round(before, 3),
        strokes_after=round(after, 3),
    )
    _record(student, result)
    return result


def _record(folder: Path, result: PenCalibration) -> None:
    """Store the calibration under ``provenance.pen_calibration``; biases of repeated
    calibrations add up, so ``total_bias`` says how far the graph is from training."""
    path = folder / contract.MODEL_JSON
    meta = json.loads(path.read_text("utf-8"))
    provenance = meta.setdefault("provenance", {})
    earlier = provenance.get("pen_calibration", {})
    entry = asdict(result)
    entry["total_bias"] = round(float(earlier.get("total_bias", 0.0)) + result.bias, 4)
    entry["date"] = datetime.now(UTC).isoformat(timespec="seconds")
    provenance["pen_calibration"] = entry
    partial = path.with_name("model.json.partial")
    partial.write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    partial.replace(path)
