"""Geometry helpers for comparing drawings in tests."""

from __future__ import annotations

import numpy as np


def distances_to_drawing(points: np.ndarray, polylines: list[np.ndarray]) -> np.ndarray:
    """Distance of each point to the nearest segment of any polyline."""
    best = np.full(len(points), np.inf)
    for line in polylines:
        if len(line) == 1:
            starts, ends = line, line
        else:
            starts, ends = line[:-1], line[1:]
        direction = ends - starts
        length_sq = np.maximum((direction**2).sum(axis=1), 1e-12)
        relative = points[:, None, :] - starts[None, :, :]
        along = np.clip((relative * direction[None]).sum(axis=2) / length_sq[None], 0.0, 1.0)
        offset = relative - along[..., None] * direction[None]
        best = np.minimum(best, np.sqrt((offset**2).sum(axis=2)).min(axis=1))
    return best
