"""The sampling loops leave their inputs alone and honour the length budget."""

from __future__ import annotations

import numpy as np

from doodle.core.strokes import START_TOKEN
from doodle.engine.generate import (
    MIN_GENERATED_STEPS,
    model_input,
    rollout_batch,
    rollout_one,
    steps_left,
)
from doodle.engine.model import LoadedModel
from doodle.engine.sampler import MixtureSampler
from tests.engine.helpers import record_batch_sizes


def test_loops_do_not_write_into_their_inputs(small_gen: LoadedModel) -> None:
    start_before = START_TOKEN.copy()
    sequence = START_TOKEN[None]
    for seed in range(3):
        sampler = MixtureSampler(3, 0.8, np.random.default_rng(seed))
        rollout_one(small_gen, sequence, sampler, 20)
        rollout_batch(small_gen, sequence, 3, sampler, 20)
    assert np.array_equal(START_TOKEN, start_before)
    prefix = model_input(np.array([[1.0, 2.0, 0.0], [3.0, 1.0, 1.0]], np.float32), 60)
    kept = prefix.copy()
    rollout_one(small_gen, prefix, MixtureSampler(3, 0.8, np.random.default_rng(0)), 20)
    assert np.array_equal(prefix, kept)


def test_model_input_starts_with_the_start_token_and_keeps_recent_rows() -> None:
    stroke3 = np.zeros((100, 3), np.float32)
    stroke3[:, 0] = np.arange(100)
    sequence = model_input(stroke3, 60)
    assert np.array_equal(sequence[0], START_TOKEN)
    assert len(sequence) - 1 == 60 - MIN_GENERATED_STEPS
    assert sequence[-1, 0] == 99 and sequence[1, 0] == 100 - (60 - MIN_GENERATED_STEPS)
    assert steps_left(sequence, 60, None) == MIN_GENERATED_STEPS
    assert steps_left(sequence, 60, 5) == 5
    assert len(model_input(np.zeros((0, 3), np.float32), 60)) == 1


def test_model_input_starts_the_drawing_at_the_origin() -> None:
    stroke3 = np.array([[40.0, 30.0, 0.0], [1.0, 2.0, 1.0], [3.0, -1.0, 1.0]], np.float32)
    sequence = model_input(stroke3, 60)
    assert np.array_equal(sequence[1], [0, 0, 1, 0, 0])
    assert np.array_equal(sequence[2:, :2], stroke3[1:, :2])
    assert stroke3[0, 0] == 40.0


def test_ended_rows_leave_the_batch(small_gen: LoadedModel) -> None:
    sizes = record_batch_sizes(small_gen)
    sampler = MixtureSampler(3, 1.0, np.random.default_rng(4))
    endings = rollout_batch(small_gen, START_TOKEN[None], 6, sampler, 50)
    lengths = sorted(len(e) for e in endings)
    assert lengths[0] < lengths[-1]  # rows ended at different steps
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 6
    # A row that generated k rows was in the batch for k steps, plus the step that ended it.
    for step, size in enumerate(sizes):
        assert size == sum(1 for n in lengths if n >= step)
