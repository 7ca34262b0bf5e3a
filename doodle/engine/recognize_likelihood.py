"""How well a sketch model explains a drawing: mean negative log-likelihood per point.

This is the recogniser's fallback for objects its classifier was not trained on: the
drawing is converted to the model's units (the same way as for autocompletion), fed through
the decoder step by step, and the density of each actual pen move under the predicted
mixture (plus the pen state's probability) is accumulated. Lower means a better fit.
Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import canvas_to_model
from doodle.engine.contract import START_TOKEN
from doodle.engine.model import LoadedModel

# Densities are floored so a single wild point cannot dominate the mean.
_MIN_LOG_DENSITY = -20.0


class LikelihoodCancelled(Exception):
    """A newer request replaced this one."""


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def step_log_likelihood(params: np.ndarray, target: np.ndarray) -> float:
    """log p(target | params) for one stroke-5 target row under one params row."""
    m = (params.shape[-1] - 3) // 6
    pen_logp = _log_softmax(params[:3])
    pen = int(np.argmax(target[2:5]))
    if pen == 2:
        return float(pen_logp[2])
    pi, mu_x, mu_y, log_sx, log_sy, rho_raw = np.split(params[3 : 3 + 6 * m], 6)
    sx, sy, rho = np.exp(log_sx), np.exp(log_sy), np.tanh(rho_raw)
    zx = (target[0] - mu_x) / sx
    zy = (target[1] - mu_y) / sy
    one_minus = np.maximum(1.0 - rho**2, 1e-6)
    exponent = -(zx**2 + zy**2 - 2 * rho * zx * zy) / (2 * one_minus)
    log_norm = -np.log(2 * np.pi * sx * sy * np.sqrt(one_minus))
    log_mix = _log_softmax(pi) + log_norm + exponent
    top = log_mix.max()
    log_density = top + np.log(np.exp(log_mix - top).sum())
    return float(max(log_density, _MIN_LOG_DENSITY) + pen_logp[pen])


def mean_negative_log_likelihood(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    cancel: Callable[[], bool] | None = None,
) -> float:
    """Mean NLL per point of a drawing (canvas pixels) under a decoder-only or VAE model.

    A VAE is scored with z = 0 (the prior's mean); the drawing end token is not scored,
    so a partial drawing is not punished for being unfinished.
    """
    info = model.info
    stroke3, _frame = canvas_to_model(
        [np.asarray(s)[:, :2] for s in strokes_px if len(s)], info.scale_factor, info.pixel_factor
    )
    # Magenta's training data starts at the first point: the move to it is not scored.
    targets = stroke3_to_stroke5(stroke3)[1:]
    if len(targets) == 0:
        return float("inf")
    z = np.zeros((1, info.z_size), np.float32) if info.kind == "vae" else None
    h, c = model.initial_state(1, z)
    x = np.asarray(START_TOKEN, np.float32)[None, :]
    total = 0.0
    for target in targets:
        if cancel is not None and cancel():
            raise LikelihoodCancelled()
        params, h, c = model.step(x, h, c, z)
        total += step_log_likelihood(params[0].astype(np.float64), target.astype(np.float64))
        x = target[None, :].astype(np.float32)
    return -total / len(targets)
