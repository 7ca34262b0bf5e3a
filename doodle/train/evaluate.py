"""Likelihood of real drawings under a model folder, through its ONNX graphs (no torch).

The figure is the per-point negative log-likelihood in the canonical 256-px Quick, Draw! box,
so models with different units compare fairly. Each drawing (stroke-3, the first row being the
offset from the first point, as in the sketch-rnn datasets) is brought to model units
(``* pixel_factor / scale_factor``) and run teacher-forced through ``decoder_step``. Its NLL is
the mixture NLL of every offset (plus ``2 ln(scale_factor / pixel_factor)`` per offset, the
change of units) and the pen NLL of every step including the end token, divided by the number
of steps (points + 1). A VAE's likelihood is the importance-weighted estimate with K posterior
samples, log mean_k p(x|z_k) p(z_k) / q(z_k|x), an upper bound on the NLL that tightens with
K. Imports numpy and the engine, no torch and no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core import ndjson
from doodle.core.errors import DoodleFormatError
from doodle.core.npz import load_sketch_rnn_npz
from doodle.core.strokes import strokes_to_stroke3
from doodle.core.units import simplify_like_quickdraw
from doodle.engine.model import LoadedModel

LOG_2PI = math.log(2.0 * math.pi)


def drawing_to_stroke3(polylines: Sequence[np.ndarray]) -> np.ndarray:
    """Polylines in box px -> stroke-3 whose first row is the offset from the first point."""
    stroke3 = strokes_to_stroke3(polylines)
    return stroke3[1:] if len(stroke3) > 1 else stroke3


def load_real_drawings(path: Path, limit: int | None = None) -> list[np.ndarray]:
    """Stroke-3 drawings in 256-box px from an ndjson file (simplified or raw) or a sketch-rnn
    ``.npz`` (its ``test`` split, offsets taken as box px)."""
    if path.suffix == ".npz":
        splits = load_sketch_rnn_npz(path)
        drawings = splits.get("test") or next(iter(splits.values()))
        result = [np.asarray(d, np.float32) for d in drawings]
    elif path.suffix == ".ndjson":
        result = []
        for drawing in ndjson.iter_drawings(path):
            lines = drawing.polylines()
            if drawing.is_raw:
                lines = simplify_like_quickdraw(lines)
            result.append(drawing_to_stroke3(lines))
            if limit is not None and len(result) >= limit:
                break
    else:
        raise DoodleFormatError(path, "expected a Quick, Draw! .ndjson or a sketch-rnn .npz file")
    result = [d for d in result if len(d) >= 1]
    return result[:limit] if limit is not None else result


def data_file_for(data: Path, class_name: str) -> Path:
    """``data`` itself, or ``data/<class_name>.ndjson`` (or ``.npz``) inside a folder.

    Quick, Draw! files name classes with spaces (``palm tree.ndjson``), models with ``_``.
    """
    if data.is_file():
        return data
    for stem in dict.fromkeys([class_name, class_name.replace("_", " ")]):
        for suffix in (".ndjson", ".npz"):
            candidate = data / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate
    raise DoodleFormatError(data, f"no {class_name}.ndjson or {class_name}.npz in this folder")


def to_stroke5(drawings: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """[B, T+1, 5]: start token, the points, then end tokens (at least one); and lengths."""
    lengths = np.asarray([len(d) for d in drawings], np.int64)
    steps = int(lengths.max()) + 1
    batch = np.zeros((len(drawings), steps + 1, 5), np.float32)
    batch[:, 0, 2] = 1.0
    for row, drawing in enumerate(drawings):
        n = len(drawing)
        batch[row, 1 : n + 1, :2] = drawing[:, :2]
        batch[row, 1 : n + 1, 3] = drawing[:, 2]
        batch[row, 1 : n + 1, 2] = 1.0 - drawing[:, 2]
        batch[row, n + 1 :, 4] = 1.0
    return batch, lengths


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def step_nll(
    params: np.ndarray, target: np.ndarray, num_mixture: int
) -> tuple[np.ndarray, np.ndarray]:
    """Offset NLL and pen NLL of ``target`` [B,5] under raw ``params`` [B,6M+3] (float64)."""
    m = num_mixture
    params = params.astype(np.float64)
    log_pi = _log_softmax(params[:, 3 : 3 + m])
    mu_x, mu_y = params[:, 3 + m : 3 + 2 * m], params[:, 3 + 2 * m : 3 + 3 * m]
    log_sx, log_sy = params[:, 3 + 3 * m : 3 + 4 * m], params[:, 3 + 4 * m : 3 + 5 * m]
    rho = np.tanh(params[:, 3 + 5 * m : 3 + 6 * m])
    one_minus = np.maximum(1.0 - rho * rho, 1e-12)
    nx = (target[:, :1] - mu_x) * np.exp(-log_sx)
    ny = (target[:, 1:2] - mu_y) * np.exp(-log_sy)
    quad = (nx * nx + ny * ny - 2.0 * rho * nx * ny) / one_minus
    log_density = -0.5 * quad - LOG_2PI - log_sx - log_sy - 0.5 * np.log(one_minus)
    joint = log_pi + log_density
    peak = joint.max(axis=1, keepdims=True)
    offset = -(peak[:, 0] + np.log(np.exp(joint - peak).sum(axis=1)))
    pen = -(_log_softmax(params[:, :3]) * target[:, 2:]).sum(axis=1)
    return offset, pen


def sequence_nll(
    model: LoadedModel, stroke5: np.ndarray, lengths: np.ndarray, z: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Summed offset NLL (model units) and pen NLL of each sequence, teacher-forced."""
    batch, total, _ = stroke5.shape
    h, c = model.initial_state(batch, z)
    offsets = np.zeros(batch)
    pens = np.zeros(batch)
    for t in range(total - 1):
        params, h, c = model.step(np.ascontiguousarray(stroke5[:, t]), h, c, z)
        offset, pen = step_nll(params, stroke5[:, t + 1], model.info.num_mixture)
        real_point = t < lengths
        offsets += np.where(real_point, offset, 0.0)
        pens += np.where(t <= lengths, pen, 0.0)
    return offsets, pens


@dataclass(frozen=True)
class DrawingScores:
    """Per-drawing per-point NLL in 256-px space and its parts."""

    nll: np.ndarray
    offset: np.ndarray
    pen: np.ndarray
    points: np.ndarray


def _gaussian_log_density(z: np.ndarray, mu: np.ndarray, log_var: np.ndarray) -> np.ndarray:
    return -0.5 * (LOG_2PI + log_var + (z - mu) ** 2 / np.exp(log_var)).sum(axis=-1)


def score_drawings(
    model: LoadedModel,
    drawings_px: Sequence[np.ndarray],
    iw_samples: int = 16,
    batch_size: int = 64,
    seed: int = 0,
) -> DrawingScores:
    """Per-point NLL of each drawing (256-px box units) under ``model``."""
    info = model.info
    to_model = info.pixel_factor / info.scale_factor
    jacobian = 2.0 * math.log(info.scale_factor / info.pixel_factor)
    rng = np.random.default_rng(seed)
    nll, offset_parts, pen_parts, points = [], [], [], []
    for start in range(0, len(drawings_px), batch_size):
        chunk = [np.asarray(d, np.float32) for d in drawings_px[start : start + batch_size]]
        model_units = []
        for drawing in chunk:
            scaled = drawing.copy()
            scaled[:, :2] *= to_model
            model_units.append(scaled)
        stroke5, lengths = to_stroke5(model_units)
        if info.kind == "vae":
            log_p, offsets, pens = _importance_weighted(model, stroke5, lengths, iw_samples, rng)
        else:
            offsets, pens = sequence_nll(model, stroke5, lengths, None)
            log_p = -(offsets + pens)
        steps = lengths + 1
        offset_px = offsets + lengths * jacobian
        nll.append((-log_p + lengths * jacobian) / steps)
        offset_parts.append(offset_px / steps)
        pen_parts.append(pens / steps)
        points.append(lengths)
    return DrawingScores(
        np.concatenate(nll),
        np.concatenate(offset_parts),
        np.concatenate(pen_parts),
        np.concatenate(points),
    )


def _importance_weighted(
    model: LoadedModel,
    stroke5: np.ndarray,
    lengths: np.ndarray,
    samples: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """log p(x) estimate and the offset / pen NLL at z = mu (for the parts)."""
    batch = stroke5.shape[0]
    mu, sigma_hat = model.encoder.run(
        ["mu", "sigma_hat"], {"strokes": np.ascontiguousarray(stroke5[:, 1:]), "lengths": lengths}
    )
    mu = mu.astype(np.float64)
    log_var = sigma_hat.astype(np.float64)
    offsets, pens = sequence_nll(model, stroke5, lengths, mu.astype(np.float32))
    eps = rng.standard_normal((samples, batch, mu.shape[1]))
    z = mu[None] + np.exp(log_var[None] / 2.0) * eps
    repeated = np.tile(stroke5, (samples, 1, 1))
    z_flat = z.reshape(samples * batch, -1).astype(np.float32)
    o, p = sequence_nll(model, repeated, np.tile(lengths, samples), z_flat)
    log_px_z = -(o + p).reshape(samples, batch)
    log_prior = _gaussian_log_density(z, np.zeros_like(z), np.zeros_like(z))
    log_posterior = _gaussian_log_density(z, mu[None], log_var[None])
    log_w = log_px_z + log_prior - log_posterior
    peak = log_w.max(axis=0)
    log_p = peak + np.log(np.exp(log_w - peak).mean(axis=0))
    return log_p, offsets, pens


def summary(scores: DrawingScores) -> dict[str, Any]:
    def stats(values: np.ndarray) -> dict[str, float]:
        return {
            "mean": round(float(values.mean()), 4),
            "median": round(float(np.median(values)), 4),
        }

    return {
        "drawings": int(len(scores.nll)),
        "points": int(scores.points.sum()),
        "nll_per_point": stats(scores.nll),
        "offset_nll_per_point": stats(scores.offset),
        "pen_nll_per_point": stats(scores.pen),
    }


def class_name_of(model: LoadedModel) -> str:
    return str(model.info.provenance.get("class_name") or model.info.name)


def evaluate_model(
    model: LoadedModel,
    data: Path,
    limit: int | None = None,
    iw_samples: int = 16,
    seed: int = 0,
) -> dict[str, Any]:
    """JSON-ready figures of ``model`` on the real drawings of its class found at ``data``."""
    info = model.info
    path = data_file_for(data, class_name_of(model))
    drawings = load_real_drawings(path, limit)
    if not drawings:
        raise DoodleFormatError(path, "no drawings to evaluate")
    result = {
        "model": info.name,
        "kind": info.kind,
        "source": info.provenance.get("source_file") or info.provenance.get("trained_by"),
        "data": path.name,
        "space": "256-px Quick, Draw! box",
        **summary(score_drawings(model, drawings, iw_samples=iw_samples, seed=seed)),
    }
    if info.kind == "vae":
        result["iw_samples"] = iw_samples
    return result
