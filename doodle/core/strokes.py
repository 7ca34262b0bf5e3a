"""Stroke formats used by Sketch-RNN: polylines, stroke-3 and stroke-5; imports no Qt.

- *Polylines* ("strokes"): a list of float arrays ``[N, >=2]`` of absolute x, y (extra columns
  such as pressure and time are ignored).
- *Stroke-3*: float32 ``[P, 3]`` rows ``(dx, dy, pen_lift)``; the first row is the first point's
  offset from the origin (as Magenta's ``lines_to_strokes``); ``pen_lift == 1`` on the last point
  of each polyline.
- *Stroke-5*: float32 ``[L, 5]`` rows ``(dx, dy, p_down, p_up, p_end)``; the pen one-hot is
  ``[down, up, end]``, and rows after the drawing are padded with the end token ``[0,0,0,0,1]``
  (as Magenta's ``to_big_strokes``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from doodle.core.errors import DoodleFormatError

END_TOKEN = np.array([0.0, 0.0, 0.0, 0.0, 1.0], dtype=np.float32)
START_TOKEN = np.array([0.0, 0.0, 1.0, 0.0, 0.0], dtype=np.float32)


def _as_points(stroke: np.ndarray, index: int) -> np.ndarray:
    points = np.asarray(stroke, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] < 2:
        raise DoodleFormatError(
            None, f"stroke {index} must have shape [N, >=2], got {points.shape}"
        )
    if not np.all(np.isfinite(points[:, :2])):
        raise DoodleFormatError(None, f"stroke {index} has NaN or infinite coordinates")
    return points[:, :2]


def _check_stroke3(s3: np.ndarray) -> np.ndarray:
    array = np.asarray(s3, dtype=np.float32)
    if array.ndim != 2 or array.shape[1] != 3:
        raise DoodleFormatError(None, f"stroke-3 must have shape [P, 3], got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise DoodleFormatError(None, "stroke-3 has NaN or infinite values")
    return array


def strokes_to_stroke3(
    strokes: Sequence[np.ndarray], origin: tuple[float, float] = (0.0, 0.0)
) -> np.ndarray:
    """Polylines -> stroke-3 float32 ``[P, 3]``; empty polylines are skipped.

    The first row is the first point's offset from ``origin``.
    """
    parts = [_as_points(stroke, i) for i, stroke in enumerate(strokes)]
    parts = [p for p in parts if len(p) > 0]
    if not parts:
        return np.zeros((0, 3), dtype=np.float32)
    absolute = np.concatenate(parts, axis=0)
    result = np.zeros((len(absolute), 3), dtype=np.float64)
    previous = np.vstack([np.asarray(origin, dtype=np.float64)[None, :], absolute[:-1]])
    result[:, :2] = absolute - previous
    ends = np.cumsum([len(p) for p in parts]) - 1
    result[ends, 2] = 1.0
    return result.astype(np.float32)


def stroke3_to_strokes(s3: np.ndarray, start: tuple[float, float] = (0.0, 0.0)) -> list[np.ndarray]:
    """Stroke-3 -> polylines float32 ``[N, 2]`` of absolute positions starting from ``start``.

    A trailing polyline without a final pen lift (an unfinished model output) is kept.
    """
    array = _check_stroke3(s3)
    if len(array) == 0:
        return []
    absolute = np.cumsum(array[:, :2].astype(np.float64), axis=0) + np.asarray(
        start, dtype=np.float64
    )
    lifts = np.flatnonzero(array[:, 2] > 0.5)
    bounds = [0, *(lifts + 1).tolist()]
    if bounds[-1] != len(array):
        bounds.append(len(array))
    return [absolute[a:b].astype(np.float32) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def stroke3_to_stroke5(s3: np.ndarray, max_len: int | None = None) -> np.ndarray:
    """Stroke-3 -> stroke-5 float32.

    Without ``max_len`` the result has exactly ``P`` rows (no end token). With ``max_len`` it
    has ``max_len`` rows, the rows after the drawing being the end token ``[0, 0, 0, 0, 1]``;
    a drawing longer than ``max_len`` raises ``DoodleFormatError``.
    """
    array = _check_stroke3(s3)
    rows = len(array) if max_len is None else int(max_len)
    if rows < len(array):
        raise DoodleFormatError(
            None, f"drawing has {len(array)} stroke-3 rows, more than max_len {max_len}"
        )
    result = np.zeros((rows, 5), dtype=np.float32)
    result[:, 4] = 1.0
    count = len(array)
    lift = (array[:, 2] > 0.5).astype(np.float32)
    result[:count, :2] = array[:, :2]
    result[:count, 2] = 1.0 - lift
    result[:count, 3] = lift
    result[:count, 4] = 0.0
    return result


def stroke5_to_stroke3(s5: np.ndarray) -> np.ndarray:
    """Stroke-5 -> stroke-3 float32, stopping at the first end-token row."""
    array = np.asarray(s5, dtype=np.float32)
    if array.ndim != 2 or array.shape[1] != 5:
        raise DoodleFormatError(None, f"stroke-5 must have shape [L, 5], got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise DoodleFormatError(None, "stroke-5 has NaN or infinite values")
    end_rows = np.flatnonzero(array[:, 4] > 0.5)
    count = int(end_rows[0]) if len(end_rows) else len(array)
    result = np.zeros((count, 3), dtype=np.float32)
    result[:, :2] = array[:count, :2]
    result[:, 2] = (array[:count, 3] > 0.5).astype(np.float32)
    return result
