"""Sampling the next pen move from a decoder's raw mixture parameters, the sketch-rnn way.

A params row is ``pen logits (3) | pi (M) | mu_x | mu_y | log sigma_x | log sigma_y | rho_raw``.
Temperature tau divides the pen and mixture logits and scales both sigmas by sqrt(tau). The
batch-1 path is scalar Python (faster than numpy on arrays this small); the batched path is
vectorised. Random numbers come from a seeded ``numpy.random.Generator`` drawn in blocks.
Imports no Qt.
"""

from __future__ import annotations

import math

import numpy as np

MIN_TEMPERATURE = 1e-3
_BLOCK = 256
_BATCH_NOISE_VALUES = 65536


def check_temperature(temperature: float) -> float:
    value = float(temperature)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"temperature must be a positive number, got {temperature}")
    return max(value, MIN_TEMPERATURE)


class MixtureSampler:
    """Draws (dx, dy, pen) from params rows; ``pen`` is 0 down, 1 up, 2 end of drawing."""

    def __init__(self, num_mixture: int, temperature: float, rng: np.random.Generator) -> None:
        self.num_mixture = num_mixture
        self.temperature = check_temperature(temperature)
        self.sigma_scale = math.sqrt(self.temperature)
        self.rng = rng
        self._offsets = np.arange(5) * num_mixture
        self._block_gumbel = np.zeros((0, 0, 0))
        self._block_normal = np.zeros((0, 0, 0))
        self._block_used = 0
        self._uniform: list[float] = []
        self._normal: list[float] = []

    def _draw(self) -> tuple[float, float, float, float]:
        """Two uniforms (pen, component) and two standard normals."""
        if not self._uniform:
            self._uniform = self.rng.random(2 * _BLOCK).tolist()
            self._normal = self.rng.standard_normal(2 * _BLOCK).tolist()
        uniform, normal = self._uniform, self._normal
        return uniform.pop(), uniform.pop(), normal.pop(), normal.pop()

    def sample_one(self, row: np.ndarray) -> tuple[float, float, int]:
        """Sample one move from a single params row [6M+3] (the tight batch-1 path)."""
        m = self.num_mixture
        inv_tau = 1.0 / self.temperature
        u_pen, u_pi, n1, n2 = self._draw()
        values = row.tolist()
        p0, p1, p2 = values[0], values[1], values[2]
        top = max(p0, p1, p2)
        e0 = math.exp((p0 - top) * inv_tau)
        e1 = math.exp((p1 - top) * inv_tau)
        e2 = math.exp((p2 - top) * inv_tau)
        threshold = u_pen * (e0 + e1 + e2)
        pen = 0 if threshold < e0 else (1 if threshold < e0 + e1 else 2)

        logits = values[3 : 3 + m]
        top = max(logits)
        weights = [math.exp((v - top) * inv_tau) for v in logits]
        threshold = u_pi * math.fsum(weights)
        component = m - 1
        running = 0.0
        for index, weight in enumerate(weights):
            running += weight
            if threshold < running:
                component = index
                break

        k = 3 + m + component
        mu_x, mu_y = values[k], values[k + m]
        sigma_x = math.exp(values[k + 2 * m]) * self.sigma_scale
        sigma_y = math.exp(values[k + 3 * m]) * self.sigma_scale
        rho = math.tanh(values[k + 4 * m])
        dx = mu_x + sigma_x * n1
        dy = mu_y + sigma_y * (rho * n1 + math.sqrt(max(0.0, 1.0 - rho * rho)) * n2)
        return dx, dy, pen

    def _batch_noise(self, batch: int) -> tuple[np.ndarray, np.ndarray]:
        """Gumbel noise [B, 3+M] and normals [2, B] for one batched step, drawn in blocks."""
        if self._block_used >= len(self._block_gumbel) or self._block_gumbel.shape[1] != batch:
            width = 3 + self.num_mixture
            steps = max(1, min(_BLOCK // 4, _BATCH_NOISE_VALUES // (batch * width)))
            self._block_gumbel = self.rng.gumbel(size=(steps, batch, width))
            self._block_normal = self.rng.standard_normal((steps, 2, batch))
            self._block_used = 0
        index = self._block_used
        self._block_used += 1
        return self._block_gumbel[index], self._block_normal[index]

    def sample_batch(self, params: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sample one move for each row of params [B, 6M+3]: dx [B], dy [B], pen int [B].

        Categorical choices use the Gumbel-max trick (argmax of tempered logits plus Gumbel
        noise), which samples the same softmax distribution with a handful of array operations.
        """
        m = self.num_mixture
        batch = params.shape[0]
        gumbel, noise = self._batch_noise(batch)
        scores = params[:, : 3 + m] * np.float32(1.0 / self.temperature)
        scores += gumbel
        pen = scores[:, :3].argmax(axis=1)
        component = scores[:, 3:].argmax(axis=1)
        picked = params[np.arange(batch)[:, None], 3 + m + component[:, None] + self._offsets]
        mu_x, mu_y, log_sigma_x, log_sigma_y, rho_raw = picked.T.astype(np.float64)
        sigma_x = np.exp(log_sigma_x) * self.sigma_scale
        sigma_y = np.exp(log_sigma_y) * self.sigma_scale
        rho = np.tanh(rho_raw)
        dx = mu_x + sigma_x * noise[0]
        dy = mu_y + sigma_y * (rho * noise[0] + np.sqrt(np.maximum(0.0, 1 - rho * rho)) * noise[1])
        return dx, dy, pen


def mixture_probabilities(params: np.ndarray, temperature: float, num_mixture: int):
    """Tempered pen and mixture probabilities of params rows [..., 6M+3] (for checks and UI)."""
    tau = check_temperature(temperature)
    pen = params[..., :3].astype(np.float64) / tau
    pen = np.exp(pen - pen.max(axis=-1, keepdims=True))
    pi = params[..., 3 : 3 + num_mixture].astype(np.float64) / tau
    pi = np.exp(pi - pi.max(axis=-1, keepdims=True))
    return pen / pen.sum(axis=-1, keepdims=True), pi / pi.sum(axis=-1, keepdims=True)
