"""LoadedModel: the cached primed state is the state the decoder reaches by stepping."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.engine.model import PRIME_CACHE_SIZE, LoadedModel


def test_primed_state_equals_stepping_and_is_cached(small_gen: LoadedModel) -> None:
    rng = np.random.default_rng(0)
    sequence = rng.normal(0, 1, (9, 5)).astype(np.float32)
    h, c = small_gen.primed_state(sequence)
    h_step, c_step = small_gen.zero_state(1)
    for row in sequence:
        _, h_step, c_step = small_gen.step(row[None], h_step, c_step)
    assert np.abs(h - h_step).max() <= 1e-5 and np.abs(c - c_step).max() <= 1e-5
    assert small_gen.primed_state(sequence.copy())[0] is h
    other = sequence.copy()
    other[3, 0] += 0.5
    assert small_gen.primed_state(other)[0] is not h


def test_prime_cache_is_bounded(small_gen: LoadedModel) -> None:
    rng = np.random.default_rng(1)
    first = rng.normal(0, 1, (4, 5)).astype(np.float32)
    state = small_gen.primed_state(first)
    for _ in range(PRIME_CACHE_SIZE):
        small_gen.primed_state(rng.normal(0, 1, (4, 5)).astype(np.float32))
    again = small_gen.primed_state(first)
    assert again is not state and np.array_equal(again[0], state[0])


def test_empty_prefix_is_the_zero_state(small_gen: LoadedModel) -> None:
    h, c = small_gen.primed_state(np.zeros((0, 5), np.float32))
    assert not h.any() and not c.any() and h.shape == (1, 16)


def test_vae_has_no_zero_state_priming(small_vae: LoadedModel) -> None:
    with pytest.raises(ValueError, match="depends on z"):
        small_vae.primed_state(np.zeros((2, 5), np.float32))
