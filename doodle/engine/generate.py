"""The decoder's sampling loop: prime with a prefix, then step and sample until the end token.

Everything here is in model units (stroke-5 in, stroke-3 out). The batch-1 loop keeps Python
per step to one ``session.run`` call, the scalar sampler and a few assignments; the batched
loop serves variations and VAE decoding in one run. Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from doodle.core.strokes import START_TOKEN, stroke3_to_stroke5
from doodle.engine.model import STEP_OUTPUTS, LoadedModel
from doodle.engine.sampler import MixtureSampler

CancelCheck = Callable[[], bool] | None
MIN_GENERATED_STEPS = 32
"""A prefix longer than ``max_seq_len - MIN_GENERATED_STEPS`` is cut to its most recent rows."""
_PEN_ONE_HOT = np.eye(3, dtype=np.float32)


class GenerationCancelled(Exception):
    """The caller's ``cancel()`` returned true between two steps."""


def make_rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)


def model_input(prefix_stroke3: np.ndarray, max_seq_len: int) -> np.ndarray:
    """Start token followed by the prefix as stroke-5, cut so some steps remain to generate.

    A drawing's first row (its position on the page) becomes a zero offset: the models were
    trained on drawings that start at the origin (on real Quick, Draw! drawings the first row
    costs about 0.5 nats this way against 10-15 nats as a page position), and the output is
    placed relative to the child's last point anyway.
    """
    prefix = np.array(prefix_stroke3, dtype=np.float32).reshape(-1, 3)
    if len(prefix):
        prefix[0, :2] = 0.0
    keep = max(0, max_seq_len - MIN_GENERATED_STEPS)
    prefix = prefix[max(0, len(prefix) - keep) :]
    return np.concatenate([START_TOKEN[None, :], stroke3_to_stroke5(prefix)], axis=0)


def steps_left(sequence: np.ndarray, max_seq_len: int, max_steps: int | None) -> int:
    """Steps that may be generated after ``sequence`` (start token + prefix rows)."""
    budget = max(0, max_seq_len - (len(sequence) - 1))
    return budget if max_steps is None else min(budget, max_steps)


def primed_state(
    model: LoadedModel, sequence: np.ndarray, z: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Batch-1 state after every row of ``sequence`` but the last (which the loop feeds)."""
    if z is None:
        return model.primed_state(sequence[:-1])
    h, c = model.initial_state(1, z)
    return model.prime(sequence[None, :-1], h, c, z)


def rollout_one(
    model: LoadedModel,
    sequence: np.ndarray,
    sampler: MixtureSampler,
    max_steps: int,
    cancel: CancelCheck = None,
    stop_at_pen_up: bool = False,
    z: np.ndarray | None = None,
) -> np.ndarray:
    """Generate up to ``max_steps`` rows after ``sequence``; stroke-3 float32 [P, 3].

    ``z`` is [1, Nz] for a VAE. Stops at the end token (not included) or, with
    ``stop_at_pen_up``, after the first row that lifts the pen.
    """
    h, c = primed_state(model, sequence, z)
    x = np.array(sequence[None, -1], dtype=np.float32)  # a copy: the loop writes into it
    feeds = {"x": x, "h": h, "c": c}
    if z is not None:
        feeds["z"] = z
    run = model.decoder_step.run
    sample = sampler.sample_one
    row_x = x[0]
    rows: list[tuple[float, float, float]] = []
    for _ in range(max_steps):
        if cancel is not None and cancel():
            raise GenerationCancelled
        params, feeds["h"], feeds["c"] = run(STEP_OUTPUTS, feeds)
        dx, dy, pen = sample(params[0])
        if pen == 2:
            break
        rows.append((dx, dy, float(pen)))
        if stop_at_pen_up and pen == 1:
            break
        row_x[0] = dx
        row_x[1] = dy
        row_x[2] = 1.0 - pen
        row_x[3] = float(pen)
    return np.asarray(rows, dtype=np.float32).reshape(-1, 3)


def rollout_batch(
    model: LoadedModel,
    sequence: np.ndarray,
    batch: int,
    sampler: MixtureSampler,
    max_steps: int,
    cancel: CancelCheck = None,
    z: np.ndarray | None = None,
    state: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[np.ndarray]:
    """``batch`` independent continuations of ``sequence`` in one batched run.

    A decoder-only model primes the prefix once at batch 1 and copies the state to every row;
    a VAE (``z`` [B, Nz]) starts from ``state`` ([B,H] x 2, default ``init_state(z)``). A row
    that reaches the end token leaves the batch, so the remaining rows run faster; the loop
    ends when all have ended.
    """
    if z is None and state is None:
        h1, c1 = model.primed_state(sequence[:-1])
        h, c = np.repeat(h1, batch, axis=0), np.repeat(c1, batch, axis=0)
    else:
        h, c = state if state is not None else model.initial_state(batch, z)
        h, c = model.prime(np.repeat(sequence[None, :-1], batch, axis=0), h, c, z)
    x = np.repeat(np.asarray(sequence[None, -1], dtype=np.float32), batch, axis=0)
    feeds = {"x": x, "h": h, "c": c}
    if z is not None:
        feeds["z"] = np.ascontiguousarray(z, dtype=np.float32)
    run = model.decoder_step.run
    sample = sampler.sample_batch
    trace = np.zeros((max_steps, batch, 5), dtype=np.float32)
    lengths = np.full(batch, max_steps, dtype=np.int64)
    rows = np.arange(batch)  # which original row each batch row is
    for step in range(max_steps):
        if cancel is not None and cancel():
            raise GenerationCancelled
        params, feeds["h"], feeds["c"] = run(STEP_OUTPUTS, feeds)
        dx, dy, pen = sample(params)
        x[:, 0] = dx
        x[:, 1] = dy
        x[:, 2:] = _PEN_ONE_HOT[pen]
        trace[step, rows] = x
        ended = pen == 2
        if ended.any():
            lengths[rows[ended]] = step
            going = ~ended
            if not going.any():
                break
            rows = rows[going]
            x = np.ascontiguousarray(x[going])
            feeds = {name: np.ascontiguousarray(value[going]) for name, value in feeds.items()}
            feeds["x"] = x
    out = trace[:, :, [0, 1, 3]]
    return [out[: lengths[i], i].copy() for i in range(batch)]
