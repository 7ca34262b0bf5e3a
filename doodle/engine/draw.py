"""Drawing along with the child: complete the drawing, offer variations, hint the next stroke.

Inputs are the child's strokes in canvas px (a list of ``[N, >=2]`` arrays); outputs are
canvas-px strokes (float32 ``[N, 2]``) that continue from the child's last pen position at the
child's scale. The model sees the drawing in its own units (``doodle.core.units``), primed in
one call, and generates at most ``max_seq_len`` rows in all (prefix + new). Every function
takes ``cancel``, checked between steps (raises ``GenerationCancelled``). Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from doodle.core.units import CanvasFrame, canvas_to_model, model_to_canvas
from doodle.engine.generate import (
    CancelCheck,
    GenerationCancelled,
    make_rng,
    model_input,
    rollout_batch,
    rollout_one,
    steps_left,
)
from doodle.engine.model import LoadedModel
from doodle.engine.sampler import MixtureSampler

__all__ = [
    "GenerationCancelled",
    "complete",
    "complete_model_units",
    "next_stroke_hint",
    "variations",
]

HINT_TEMPERATURE = 0.1
HINT_MAX_POINTS = 64
"""A hint stroke is cut after this many points (Quick, Draw! strokes are rarely longer)."""


def _prepare(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    min_extent_px: float,
    temperature: float,
    seed: int | np.random.Generator | None,
    max_steps: int | None,
) -> tuple[np.ndarray, CanvasFrame, MixtureSampler, int]:
    """The model's input sequence, its canvas frame, a sampler and how many steps are left."""
    info = model.info
    if info.kind == "vae":
        raise ValueError(
            f"model {info.name!r} is a VAE: use doodle.engine.vae to draw with a latent vector"
        )
    prefix, frame = canvas_to_model(
        strokes_px, info.scale_factor, info.pixel_factor, min_extent_px=min_extent_px
    )
    sequence = model_input(prefix, info.max_seq_len)
    sampler = MixtureSampler(info.num_mixture, temperature, make_rng(seed))
    return sequence, frame, sampler, steps_left(sequence, info.max_seq_len, max_steps)


def complete_model_units(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    temperature: float = 0.4,
    seed: int | np.random.Generator | None = None,
    min_extent_px: float = 0.0,
    cancel: CancelCheck = None,
    max_steps: int | None = None,
) -> tuple[np.ndarray, CanvasFrame]:
    """The completion as stroke-3 in model units plus the frame that maps it to the canvas."""
    sequence, frame, sampler, steps = _prepare(
        strokes_px, model, min_extent_px, temperature, seed, max_steps
    )
    return rollout_one(model, sequence, sampler, steps, cancel), frame


def complete(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    temperature: float = 0.4,
    seed: int | np.random.Generator | None = None,
    min_extent_px: float = 0.0,
    cancel: CancelCheck = None,
    max_steps: int | None = None,
) -> list[np.ndarray]:
    """Finish the child's drawing: new canvas-px strokes, from the last pen position on."""
    stroke3, frame = complete_model_units(
        strokes_px, model, temperature, seed, min_extent_px, cancel, max_steps
    )
    return model_to_canvas(stroke3, frame)


def variations(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    n: int = 6,
    temperature: float = 0.5,
    seed: int | np.random.Generator | None = None,
    min_extent_px: float = 0.0,
    cancel: CancelCheck = None,
    max_steps: int | None = None,
) -> list[list[np.ndarray]]:
    """``n`` different endings of the child's drawing, sampled in one batched run."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    sequence, frame, sampler, steps = _prepare(
        strokes_px, model, min_extent_px, temperature, seed, max_steps
    )
    endings = rollout_batch(model, sequence, n, sampler, steps, cancel)
    return [model_to_canvas(stroke3, frame) for stroke3 in endings]


def next_stroke_hint(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    temperature: float = HINT_TEMPERATURE,
    seed: int | np.random.Generator | None = None,
    min_extent_px: float = 0.0,
    cancel: CancelCheck = None,
) -> np.ndarray:
    """The one stroke the model would draw next (float32 [N, 2] canvas px; [0, 2] if none).

    Generation stops at the first pen-up (the last point of that stroke), the end token or
    after ``HINT_MAX_POINTS`` points.
    """
    sequence, frame, sampler, steps = _prepare(
        strokes_px, model, min_extent_px, temperature, seed, HINT_MAX_POINTS
    )
    stroke3 = rollout_one(model, sequence, sampler, steps, cancel, stop_at_pen_up=True)
    strokes = model_to_canvas(stroke3, frame)
    return strokes[0] if strokes else np.zeros((0, 2), dtype=np.float32)
