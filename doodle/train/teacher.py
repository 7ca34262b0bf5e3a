"""Draw many sketches in model units from any model folder through its ONNX graphs.

Sampling runs in large batches (one ``decoder_step`` call advances every sketch of the batch),
which is about a hundred times cheaper per sketch than one sketch at a time. Besides the
sketches it can record, at every step, the model's own pen probabilities and extra offsets
drawn from its mixture at temperature 1: the soft targets used for distillation. Imports
numpy and the engine, no torch and no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from doodle.engine import contract
from doodle.engine.model import LoadedModel
from doodle.engine.registry import ModelRegistry
from doodle.train.evaluate import to_stroke5

START_TOKEN = np.asarray(contract.START_TOKEN, dtype=np.float32)


def resolve_model(spec: str | Path) -> LoadedModel:
    """A model folder path, or the name of an installed model (user models, then bundled)."""
    path = Path(spec)
    if path.is_dir():
        return LoadedModel(contract.check_model_folder(path))
    return ModelRegistry().get(str(spec))


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def sample_mixture(
    params: np.ndarray,
    num_mixture: int,
    temperature: float,
    rng: np.random.Generator,
    count: int = 1,
) -> np.ndarray:
    """Offsets [B, count, 2] from the mixture; temperature divides pi logits, scales variance."""
    batch = params.shape[0]
    m = num_mixture
    pi = softmax(params[:, 3 : 3 + m] / temperature)
    mu_x, mu_y = params[:, 3 + m : 3 + 2 * m], params[:, 3 + 2 * m : 3 + 3 * m]
    sigma_x = np.exp(params[:, 3 + 3 * m : 3 + 4 * m]) * np.sqrt(temperature)
    sigma_y = np.exp(params[:, 3 + 4 * m : 3 + 5 * m]) * np.sqrt(temperature)
    rho = np.tanh(params[:, 3 + 5 * m : 3 + 6 * m])
    cumulative = np.cumsum(pi, axis=1)
    draws = rng.random((batch, count, 1)) * cumulative[:, None, -1:]
    component = np.minimum((cumulative[:, None, :] < draws).sum(axis=2), m - 1)
    rows = np.arange(batch)[:, None]

    def pick(values: np.ndarray) -> np.ndarray:
        return values[rows, component]

    n1 = rng.standard_normal((batch, count))
    n2 = rng.standard_normal((batch, count))
    r = pick(rho)
    dx = pick(mu_x) + pick(sigma_x) * n1
    dy = pick(mu_y) + pick(sigma_y) * (r * n1 + np.sqrt(np.maximum(1.0 - r * r, 0.0)) * n2)
    return np.stack([dx, dy], axis=-1).astype(np.float32)


@dataclass
class SampleSet:
    """Sketches as stroke-3 in model units, flattened; soft targets when recorded.

    ``points`` [P,3] (dx, dy, pen lifted after this point), ``lengths`` [S];
    ``teacher_pen`` [P+S, 3] (one extra step per sketch: the end step) and
    ``teacher_offsets`` [P, K, 2] when soft targets were recorded. ``drawn_by_student``: the
    sketches were drawn by the student and only marked by the teacher, so their own points
    are not samples of the teacher and only the soft targets teach.
    """

    points: np.ndarray
    lengths: np.ndarray
    teacher_pen: np.ndarray | None = None
    teacher_offsets: np.ndarray | None = None
    drawn_by_student: bool = False

    def sketches(self) -> list[np.ndarray]:
        bounds = np.concatenate([[0], np.cumsum(self.lengths)])
        return [self.points[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _sample_batch(
    model: LoadedModel,
    batch: int,
    temperature: float,
    rng: np.random.Generator,
    extra_offsets: int,
    record: bool,
    keep_unfinished: bool,
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    info = model.info
    steps = info.max_seq_len
    z = None
    if info.kind == "vae":
        z = rng.standard_normal((batch, info.z_size)).astype(np.float32)
    h, c = model.initial_state(batch, z)
    x = np.tile(START_TOKEN, (batch, 1))
    points = np.zeros((batch, steps, 3), np.float32)
    pen_probs = np.zeros((batch, steps + 1, 3), np.float32)
    extras = np.zeros((batch, steps, max(extra_offsets, 1), 2), np.float32)
    lengths = np.full(batch, -1, np.int64)
    rows = np.arange(batch)
    for t in range(steps):
        params, h, c = model.step(x, h, c, z)
        pen_logits = params[:, :3]
        if record:
            pen_probs[:, t] = softmax(pen_logits)
            if extra_offsets:
                extras[:, t] = sample_mixture(params, info.num_mixture, 1.0, rng, extra_offsets)
        pen_p = softmax(pen_logits / temperature)
        pen = (np.cumsum(pen_p, axis=1) < rng.random((batch, 1))).sum(axis=1).clip(0, 2)
        offset = sample_mixture(params, info.num_mixture, temperature, rng)[:, 0]
        alive = lengths < 0
        ended = alive & (pen == 2)
        lengths[ended] = t
        points[:, t, :2] = offset
        points[:, t, 2] = (pen == 1).astype(np.float32)
        x = np.zeros((batch, 5), np.float32)
        x[:, :2] = offset
        x[rows, 2 + pen] = 1.0
        if not (lengths < 0).any():
            break
    unfinished = lengths < 0
    if keep_unfinished:
        lengths[unfinished] = steps
    sketches, pens, offs = [], [], []
    for i in range(batch):
        n = int(lengths[i])
        if n <= 0:
            continue
        sketch = points[i, :n].copy()
        sketch[-1, 2] = 1.0
        sketches.append(sketch)
        if record:
            end_step = pen_probs[i, : n + 1].copy()
            if n == steps:
                end_step[n] = (0.0, 0.0, 1.0)
            pens.append(end_step)
            offs.append(extras[i, :n, :extra_offsets].copy())
    return sketches, pens, offs


def sample_sketches(
    model: LoadedModel,
    count: int,
    temperature: float = 1.0,
    batch: int = 100,
    seed: int = 0,
    extra_offsets: int = 0,
    record_targets: bool = False,
    keep_unfinished: bool = False,
) -> SampleSet:
    """``count`` sketches, drawn in batches until that many are non-empty (and finished,
    unless ``keep_unfinished``); gives up with fewer after ``10 * count`` attempts."""
    rng = np.random.default_rng(seed)
    sketches: list[np.ndarray] = []
    pens: list[np.ndarray] = []
    offs: list[np.ndarray] = []
    attempts = 0
    while len(sketches) < count and attempts < 10 * count:
        size = min(batch, max(count - len(sketches), 1))
        got, got_pens, got_offs = _sample_batch(
            model, size, temperature, rng, extra_offsets, record_targets, keep_unfinished
        )
        take = count - len(sketches)
        sketches += got[:take]
        pens += got_pens[:take]
        offs += got_offs[:take]
        attempts += size
    lengths = np.asarray([len(s) for s in sketches], np.int64)
    points = np.concatenate(sketches) if sketches else np.zeros((0, 3), np.float32)
    if not record_targets:
        return SampleSet(points, lengths)
    teacher_offsets = None
    if extra_offsets:
        teacher_offsets = np.concatenate(offs).astype(np.float16)
    return SampleSet(points, lengths, np.concatenate(pens).astype(np.float16), teacher_offsets)


def mark_by_teacher(
    teacher: LoadedModel,
    sketches: list[np.ndarray],
    extra_offsets: int,
    seed: int = 0,
    batch: int = 500,
) -> SampleSet:
    """Sketches drawn by someone else (a student) with the teacher's soft targets at every step.

    The teacher reads each sketch point by point (teacher forcing) and records what it would
    do next there: its pen probabilities (one more step after the last point, where a sketch
    should end) and ``extra_offsets`` offsets drawn from its mixture at temperature 1. A
    student trained on these learns the teacher's next step in the places its own drawings
    go, including how to recover from its own mistakes, which samples of the teacher never
    show it.
    """
    if teacher.info.kind == "vae":
        raise ValueError(f"{teacher.info.name}: mark with a decoder-only teacher")
    rng = np.random.default_rng(seed)
    count = max(extra_offsets, 1)
    pens: list[np.ndarray] = []
    offs: list[np.ndarray] = []
    for first in range(0, len(sketches), batch):
        group = sketches[first : first + batch]
        size = len(group)
        steps = max(len(sketch) for sketch in group)
        inputs, _ = to_stroke5(group)  # start token, points, end tokens
        pen_probs = np.zeros((size, steps + 1, 3), np.float32)
        extras = np.zeros((size, steps, count, 2), np.float32)
        h, c = teacher.zero_state(size)
        for t in range(steps + 1):
            params, h, c = teacher.step(np.ascontiguousarray(inputs[:, t]), h, c)
            pen_probs[:, t] = softmax(params[:, :3])
            if t < steps:
                extras[:, t] = sample_mixture(params, teacher.info.num_mixture, 1.0, rng, count)
        for row, sketch in enumerate(group):
            n = len(sketch)
            pens.append(pen_probs[row, : n + 1])
            offs.append(extras[row, :n, :extra_offsets])
    lengths = np.asarray([len(sketch) for sketch in sketches], np.int64)
    return SampleSet(
        np.concatenate(sketches).astype(np.float32),
        lengths,
        np.concatenate(pens).astype(np.float16),
        np.concatenate(offs).astype(np.float16) if extra_offsets else None,
        drawn_by_student=True,
    )


def save_samples(
    path: Path, samples: SampleSet, info: contract.ModelInfo, temperature: float
) -> None:
    """Write a sample set as a plain-array ``.npz`` (no pickled objects) with its units."""
    arrays = {
        "points": samples.points.astype(np.float32),
        "lengths": samples.lengths.astype(np.int64),
        "class_name": np.asarray(info.name),
        "scale_factor": np.asarray(info.scale_factor, np.float64),
        "pixel_factor": np.asarray(info.pixel_factor, np.float64),
        "max_seq_len": np.asarray(info.max_seq_len, np.int64),
        "temperature": np.asarray(temperature, np.float64),
    }
    if samples.teacher_pen is not None:
        arrays["teacher_pen"] = samples.teacher_pen
    if samples.teacher_offsets is not None:
        arrays["teacher_offsets"] = samples.teacher_offsets
    if samples.drawn_by_student:
        arrays["drawn_by_student"] = np.asarray(True)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial.npz")
    np.savez_compressed(partial, **arrays)
    partial.replace(path)
