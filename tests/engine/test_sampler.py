"""The mixture sampler: tempered probabilities are honoured on both the scalar and batch paths."""

from __future__ import annotations

import math

import numpy as np
import pytest

from doodle.engine.sampler import MixtureSampler, mixture_probabilities

M = 3
DRAWS = 20_000
# Chi-square critical values at p = 0.001.
CHI2_CRIT = {1: 10.83, 2: 13.82}


def _row(pen_probs, pi_probs, mu_x, mu_y, sigma_x, sigma_y, rho) -> np.ndarray:
    row = np.concatenate(
        [
            np.log(pen_probs),
            np.log(pi_probs),
            mu_x,
            mu_y,
            np.log(sigma_x),
            np.log(sigma_y),
            np.arctanh(rho),
        ]
    )
    return row.astype(np.float32)


ROW = _row(
    pen_probs=[0.6, 0.3, 0.1],
    pi_probs=[0.5, 0.3, 0.2],
    mu_x=[-10.0, 0.0, 10.0],
    mu_y=[5.0, 0.0, -5.0],
    sigma_x=[0.5, 0.5, 0.5],
    sigma_y=[0.5, 0.5, 0.5],
    rho=[0.0, 0.0, 0.0],
)


def _chi_square(counts: np.ndarray, probs: np.ndarray) -> float:
    expected = probs * counts.sum()
    return float(((counts - expected) ** 2 / expected).sum())


def _draw_scalar(row: np.ndarray, temperature: float, seed: int, n: int = DRAWS) -> np.ndarray:
    sampler = MixtureSampler(M, temperature, np.random.default_rng(seed))
    return np.array([sampler.sample_one(row) for _ in range(n)])


def _draw_batch(row: np.ndarray, temperature: float, seed: int, n: int = DRAWS) -> np.ndarray:
    sampler = MixtureSampler(M, temperature, np.random.default_rng(seed))
    dx, dy, pen = sampler.sample_batch(np.repeat(row[None], n, axis=0))
    return np.stack([dx, dy, pen], axis=1)


def _component(draws: np.ndarray) -> np.ndarray:
    """Which of the well separated components (x at -10, 0, 10) produced each draw."""
    return np.digitize(draws[:, 0], [-5.0, 5.0])


@pytest.mark.parametrize("draw", [_draw_scalar, _draw_batch])
@pytest.mark.parametrize("temperature", [1.0, 0.5])
def test_pen_and_component_frequencies_match_tempered_probabilities(draw, temperature) -> None:
    draws = draw(ROW, temperature, seed=1)
    pen_probs, pi_probs = mixture_probabilities(ROW, temperature, M)
    pen_counts = np.bincount(draws[:, 2].astype(int), minlength=3)
    component_counts = np.bincount(_component(draws), minlength=3)
    assert _chi_square(pen_counts, pen_probs) < CHI2_CRIT[2]
    assert _chi_square(component_counts, pi_probs) < CHI2_CRIT[2]


def test_temperature_sharpens_probabilities_the_sketch_rnn_way() -> None:
    pen, pi = mixture_probabilities(ROW, 0.5, M)
    expected_pen = np.array([0.6, 0.3, 0.1]) ** 2
    expected_pi = np.array([0.5, 0.3, 0.2]) ** 2
    assert np.allclose(pen, expected_pen / expected_pen.sum())
    assert np.allclose(pi, expected_pi / expected_pi.sum())


@pytest.mark.parametrize("draw", [_draw_scalar, _draw_batch])
def test_gaussian_moments_with_sigma_scaled_by_sqrt_temperature(draw) -> None:
    rho = 0.8
    row = _row([0.98, 0.01, 0.01], [0.98, 0.01, 0.01], [3.0, 50, 90], [-2.0, 50, 90],
               [2.0, 1, 1], [1.0, 1, 1], [rho, 0, 0])  # fmt: skip
    temperature = 0.25
    draws = draw(row, temperature, seed=2)
    mine = draws[np.abs(draws[:, 0] - 3.0) < 20]
    scale = math.sqrt(temperature)
    assert len(mine) > 0.95 * DRAWS
    assert abs(mine[:, 0].mean() - 3.0) < 0.03
    assert abs(mine[:, 1].mean() + 2.0) < 0.02
    assert abs(mine[:, 0].std() - 2.0 * scale) < 0.03
    assert abs(mine[:, 1].std() - 1.0 * scale) < 0.015
    assert abs(np.corrcoef(mine[:, 0], mine[:, 1])[0, 1] - rho) < 0.02


@pytest.mark.parametrize("draw", [_draw_scalar, _draw_batch])
def test_low_temperature_is_nearly_deterministic(draw) -> None:
    cold = draw(ROW, 0.01, seed=3, n=2000)
    assert np.all(cold[:, 2] == 0)
    assert np.all(np.abs(cold[:, 0] + 10.0) < 0.5)
    assert cold[:, 0].std() < 0.1 and cold[:, 1].std() < 0.1
    warm = draw(ROW, 1.0, seed=3, n=2000)
    assert warm[:, 0].std() > 5.0


def test_same_seed_same_draws_and_different_seed_differs() -> None:
    first = _draw_scalar(ROW, 0.7, seed=11, n=600)
    again = _draw_scalar(ROW, 0.7, seed=11, n=600)
    other = _draw_scalar(ROW, 0.7, seed=12, n=600)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    batch = _draw_batch(ROW, 0.7, seed=11, n=50)
    assert np.array_equal(batch, _draw_batch(ROW, 0.7, seed=11, n=50))


@pytest.mark.parametrize("temperature", [0.0, -1.0, float("nan"), float("inf")])
def test_bad_temperature_refused(temperature: float) -> None:
    with pytest.raises(ValueError, match="temperature"):
        MixtureSampler(M, temperature, np.random.default_rng(0))


def test_extreme_logits_stay_finite() -> None:
    row = ROW.copy()
    row[:3] = [80.0, -80.0, 0.0]
    row[3 : 3 + M] = [-60.0, 70.0, 0.0]
    sampler = MixtureSampler(M, 0.01, np.random.default_rng(0))
    dx, dy, pen = sampler.sample_one(row)
    assert pen == 0 and abs(dx) < 1.0 and math.isfinite(dy)
    bdx, bdy, bpen = sampler.sample_batch(row[None])
    assert bpen[0] == 0 and abs(bdx[0]) < 1.0 and np.isfinite(bdy[0])
