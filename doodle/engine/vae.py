"""Latent-vector drawing with VAE models: encode a drawing, decode latent vectors, interpolate.

``encode`` gives the deterministic mean ``mu`` of a drawing's latent vector; ``decode`` draws
from latent vectors in one batched run; ``interpolate`` walks between two vectors on the
sphere (slerp), which keeps intermediate vectors at a typical length for a Gaussian prior.
Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from doodle.core.strokes import START_TOKEN, stroke3_to_stroke5
from doodle.core.units import CanvasFrame, canvas_to_model, model_to_canvas
from doodle.engine.generate import CancelCheck, make_rng, rollout_batch, rollout_one
from doodle.engine.model import LoadedModel
from doodle.engine.sampler import MixtureSampler

__all__ = ["box_frame", "decode", "encode", "interpolate"]


def _require_vae(model: LoadedModel) -> None:
    if model.info.kind != "vae":
        raise ValueError(f"model {model.info.name!r} is decoder-only; a VAE is needed")


def encode(
    strokes_px: Sequence[np.ndarray], model: LoadedModel, min_extent_px: float = 0.0
) -> np.ndarray:
    """The latent mean ``mu`` (float32 [Nz]) of a drawing given as canvas-px strokes.

    The encoder reads the drawing's stroke-5 rows (no start or end token, as in training), at
    most ``max_seq_len`` of them, starting at the origin. An empty drawing is refused.
    """
    _require_vae(model)
    info = model.info
    stroke3, _ = canvas_to_model(
        strokes_px, info.scale_factor, info.pixel_factor, min_extent_px=min_extent_px
    )
    if len(stroke3) == 0:
        raise ValueError("cannot encode an empty drawing")
    rows = stroke3_to_stroke5(stroke3[: info.max_seq_len])
    rows[0, :2] = 0.0  # drawings start at the origin, as in training (see generate.model_input)
    mu, _ = model.encoder.run(
        ["mu", "sigma_hat"],
        {"strokes": rows[None], "lengths": np.array([len(rows)], dtype=np.int64)},
    )
    return mu[0].astype(np.float32)


def box_frame(model: LoadedModel, start: tuple[float, float] = (0.0, 0.0)) -> CanvasFrame:
    """A frame that maps model units to Quick, Draw! box px (a 256-px drawing)."""
    info = model.info
    return CanvasFrame(info.scale_factor / info.pixel_factor, start, start)


def decode(
    z: np.ndarray,
    model: LoadedModel,
    n: int = 1,
    temperature: float = 0.4,
    seed: int | np.random.Generator | None = None,
    frame: CanvasFrame | None = None,
    cancel: CancelCheck = None,
) -> list[list[np.ndarray]]:
    """Drawings from latent vectors, all in one batched run (one drawing: the batch-1 path).

    ``z`` is [Nz] or [K, Nz]; every vector is decoded ``n`` times (K * n drawings, vector by
    vector). Each drawing is a list of float32 [N, 2] strokes: in ``frame`` (canvas px) if
    given, else in box px (the model's units * scale_factor / pixel_factor) from (0, 0).
    """
    _require_vae(model)
    info = model.info
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    vectors = np.atleast_2d(np.asarray(z, dtype=np.float32))
    if vectors.ndim != 2 or vectors.shape[1] != info.z_size:
        raise ValueError(f"z must have shape [{info.z_size}] or [K, {info.z_size}]")
    rows = np.ascontiguousarray(np.repeat(vectors, n, axis=0))
    sampler = MixtureSampler(info.num_mixture, temperature, make_rng(seed))
    start = START_TOKEN[None]
    if len(rows) == 1:
        endings = [rollout_one(model, start, sampler, info.max_seq_len, cancel, z=rows)]
    else:
        state = model.initial_state(len(rows), rows)
        endings = rollout_batch(
            model, start, len(rows), sampler, info.max_seq_len, cancel, z=rows, state=state
        )
    target = frame if frame is not None else box_frame(model)
    return [model_to_canvas(stroke3, target) for stroke3 in endings]


def interpolate(z0: np.ndarray, z1: np.ndarray, steps: int) -> np.ndarray:
    """``steps`` vectors from ``z0`` to ``z1`` (both included exactly) by spherical interpolation.

    Falls back to a straight line when the vectors are (nearly) parallel or one is zero.
    """
    if steps < 2:
        raise ValueError(f"steps must be at least 2, got {steps}")
    start = np.asarray(z0, dtype=np.float64)
    end = np.asarray(z1, dtype=np.float64)
    if start.shape != end.shape or start.ndim != 1:
        raise ValueError("z0 and z1 must be vectors of the same length")
    t = np.linspace(0.0, 1.0, steps)[:, None]
    norms = np.linalg.norm(start) * np.linalg.norm(end)
    cos_omega = float(start @ end / norms) if norms > 0 else 1.0
    omega = np.arccos(np.clip(cos_omega, -1.0, 1.0))
    if np.sin(omega) < 1e-6:
        path = (1.0 - t) * start + t * end
    else:
        path = (np.sin((1.0 - t) * omega) * start + np.sin(t * omega) * end) / np.sin(omega)
    result = path.astype(np.float32)
    result[0], result[-1] = start.astype(np.float32), end.astype(np.float32)
    return result
