"""How well a sketch model explains a drawing: mean negative log-likelihood per point.

This is the recogniser's fallback for objects its classifier was not trained on: the
drawing is converted to the model's units (the same way as for autocompletion), fed through
the decoder (in one call where ``recognize_sequence`` can build its graph, else step by
step), and the density of each actual pen move under the predicted
mixture (plus the pen state's probability) is accumulated. Lower means a better fit.

Densities are reported per unit area of the 256-px box the drawing is scaled into, not of
the model's own units: a model's offsets are box offsets times ``pixel_factor /
scale_factor``, so its density in its own units is higher by ``(scale_factor /
pixel_factor)**2`` for every offset. Without this the recogniser would favour the models
with the largest scale factor whatever the drawing shows (on 27 Magenta models and 10 real
drawings each: 7 % right in model units, 35 % in box units).
Imports no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import canvas_to_model
from doodle.engine.contract import START_TOKEN
from doodle.engine.model import LoadedModel
from doodle.engine.recognize_sequence import sequence_params, sequence_session

# Densities are floored so a single wild point cannot dominate the mean.
_MIN_LOG_DENSITY = -20.0


class LikelihoodCancelled(Exception):
    """A newer request replaced this one."""


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def log_likelihoods(params: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """log p(target_t | params_t) for params [T, 6M+3] and stroke-5 targets [T, 5] -> [T]."""
    params = np.asarray(params, np.float64)
    targets = np.asarray(targets, np.float64)
    m = (params.shape[-1] - 3) // 6
    pen_logp = _log_softmax(params[:, :3])
    pen = np.argmax(targets[:, 2:5], axis=1)
    pi, mu_x, mu_y, log_sx, log_sy, rho_raw = np.split(params[:, 3 : 3 + 6 * m], 6, axis=1)
    sx, sy, rho = np.exp(log_sx), np.exp(log_sy), np.tanh(rho_raw)
    zx = (targets[:, :1] - mu_x) / sx
    zy = (targets[:, 1:2] - mu_y) / sy
    one_minus = np.maximum(1.0 - rho**2, 1e-6)
    exponent = -(zx**2 + zy**2 - 2 * rho * zx * zy) / (2 * one_minus)
    log_norm = -np.log(2 * np.pi * sx * sy * np.sqrt(one_minus))
    log_mix = _log_softmax(pi) + log_norm + exponent
    top = log_mix.max(axis=1, keepdims=True)
    log_density = (top + np.log(np.exp(log_mix - top).sum(axis=1, keepdims=True)))[:, 0]
    rows = np.arange(len(params))
    moved = np.maximum(log_density, _MIN_LOG_DENSITY) + pen_logp[rows, pen]
    # The end token has no offset: only its pen probability counts.
    return np.where(pen == 2, pen_logp[rows, 2], moved)


def step_log_likelihood(params: np.ndarray, target: np.ndarray) -> float:
    """log p(target | params) for one stroke-5 target row under one params row."""
    return float(log_likelihoods(params[None, :], target[None, :])[0])


def mean_negative_log_likelihood(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    cancel: Callable[[], bool] | None = None,
) -> float:
    """Mean NLL per point of a drawing (canvas pixels) under a decoder-only or VAE model,
    with offset densities in the 256-px box's units so that models compare fairly.

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
    # Every scored row has an offset (the end token is not scored): each gains the log of
    # the Jacobian from model units to box units.
    box_units = 2.0 * math.log(info.pixel_factor / info.scale_factor)
    z = np.zeros((1, info.z_size), np.float32) if info.kind == "vae" else None
    h, c = model.initial_state(1, z)
    x = np.asarray(START_TOKEN, np.float32)[None, :]
    if cancel is not None and cancel():
        raise LikelihoodCancelled()
    session = sequence_session(model)
    if session is not None:
        inputs = np.concatenate([x, targets[:-1]], axis=0)
        params = sequence_params(session, inputs, h, c)
        return -float(log_likelihoods(params, targets).mean()) - box_units
    steps = []
    for target in targets:
        if cancel is not None and cancel():
            raise LikelihoodCancelled()
        params, h, c = model.step(x, h, c, z)
        steps.append(params[0])
        x = target[None, :].astype(np.float32)
    return -float(log_likelihoods(np.stack(steps), targets).mean()) - box_units
