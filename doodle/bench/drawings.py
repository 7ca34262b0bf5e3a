"""The fixed child drawings every benchmark feeds the models (canvas pixels). Imports no Qt."""

from __future__ import annotations

import numpy as np


def sample_drawing(points: int = 60) -> list[np.ndarray]:
    """A head (circle) and two ears: three strokes, ``points`` samples in all, canvas px.

    Always the same drawing, so runs on different machines measure the same work.
    """
    circle_points = points - 2 * (points // 6)
    ear_points = points // 6
    angles = np.linspace(0.0, 2.0 * np.pi, circle_points)
    head = np.stack([400 + 120 * np.cos(angles), 300 + 110 * np.sin(angles)], axis=1)
    left_t = np.linspace(0.0, 1.0, ear_points)
    left_ear = np.stack([320 + 20 * left_t, 215 - 80 * np.sin(np.pi * left_t)], axis=1)
    right_ear = np.stack([460 + 20 * left_t, 215 - 80 * np.sin(np.pi * left_t)], axis=1)
    return [stroke.astype(np.float32) for stroke in (head, left_ear, right_ear)]
