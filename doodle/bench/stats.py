"""Figures of ``doodle bench``: timing samples summarised as median and 90th percentile.

A ``Figure`` is one line of the report (and one object of the JSON ``figures`` list). Timings
are in milliseconds; memory figures use ``value_mb`` instead. Imports no Qt.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np


class FigureUnavailable(Exception):
    """A figure cannot be measured here; the message says why (it becomes the note)."""


@dataclass
class Figure:
    """One measured quantity; ``None`` fields are left out of the JSON."""

    name: str
    model: str | None = None
    batch: int | None = None
    median_ms: float | None = None
    p90_ms: float | None = None
    repeats: int | None = None
    numpy_median_ms: float | None = None
    ratio: float | None = None
    value_mb: float | None = None
    target_ms: float | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def set_samples(self, samples_ms: list[float]) -> Figure:
        self.median_ms, self.p90_ms = summarise(samples_ms)
        self.repeats = len(samples_ms)
        return self

    def set_numpy(self, samples_ms: list[float]) -> Figure:
        """Record the plain-numpy timing of the same computation and the speed ratio."""
        self.numpy_median_ms, _ = summarise(samples_ms)
        if self.median_ms and self.numpy_median_ms:
            self.ratio = round(self.numpy_median_ms / self.median_ms, 2)
        return self

    def to_json(self) -> dict[str, Any]:
        data = {key: value for key, value in asdict(self).items() if value not in (None, {})}
        extra = data.pop("extra", {})
        data.update(extra)
        return data


def summarise(samples_ms: list[float]) -> tuple[float, float]:
    """Median and 90th percentile, rounded to microseconds."""
    if not samples_ms:
        raise ValueError("no samples to summarise")
    values = np.asarray(samples_ms, dtype=np.float64)
    return round(float(np.median(values)), 4), round(float(np.percentile(values, 90)), 4)


def time_calls(call: Callable[[], object], repeats: int, warmup: int = 1) -> list[float]:
    """Milliseconds per call of ``call`` over ``repeats`` runs after ``warmup`` unmeasured runs."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def time_steps(
    step: Callable[[], object], steps: int, repeats: int, warmup_steps: int = 20
) -> list[float]:
    """Milliseconds per single step; each repeat times ``steps`` consecutive steps."""
    for _ in range(warmup_steps):
        step()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        samples.append((time.perf_counter() - start) * 1000.0 / steps)
    return samples
