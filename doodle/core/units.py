"""Simplification and unit conversion between the canvas and Sketch-RNN models; imports no Qt.

Sketch-RNN models were trained on Quick, Draw! drawings normalised to a 256-px box and simplified
with Ramer-Douglas-Peucker (epsilon 2.0). An offset in model units is

    offset_in_box_px * pixel_factor / scale_factor

(``pixel_factor`` is 2.0 for the Magenta models: their training data were at twice the scale of
the published simplified ndjson). ``canvas_to_model`` brings a child's strokes (canvas px) to model
units and returns a ``CanvasFrame`` that remembers the scale and the child's last pen position;
``model_to_canvas`` turns model output back into canvas-px strokes at the child's scale,
continuing from that last pen position.

``simplify_like_quickdraw`` reproduces Google's simplification of a raw Quick, Draw! drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from doodle.core.strokes import stroke3_to_strokes, strokes_to_stroke3

BOX_MAX = 255.0
"""Largest coordinate of the Quick, Draw! box (coordinates 0..255)."""
RDP_EPSILON = 2.0
"""Simplification tolerance in box px used by Quick, Draw! and Sketch-RNN."""


RdpDistance = Literal["line", "segment"]


def _distances(
    points: np.ndarray, start: np.ndarray, end: np.ndarray, measure: RdpDistance
) -> np.ndarray:
    """Distance of each point to the line (or segment) through start and end."""
    direction = end - start
    length_sq = float(direction @ direction)
    relative = points - start
    if length_sq == 0.0:
        return np.hypot(relative[:, 0], relative[:, 1])
    if measure == "line":
        cross = relative[:, 0] * direction[1] - relative[:, 1] * direction[0]
        return np.abs(cross) / np.sqrt(length_sq)
    along = np.clip((relative @ direction) / length_sq, 0.0, 1.0)
    offset = relative - along[:, None] * direction
    return np.hypot(offset[:, 0], offset[:, 1])


def simplify_rdp(points: np.ndarray, epsilon: float, measure: RdpDistance = "line") -> np.ndarray:
    """Ramer-Douglas-Peucker: keep the points farther than ``epsilon`` from the simplified line.

    ``points`` is ``[N, >=2]`` (extra columns are carried along for the kept points); the first
    and last points are always kept. ``measure="line"`` is the classic algorithm (perpendicular
    distance to the infinite line through the ends), which is what Google used for Quick, Draw!
    and so what Sketch-RNN models were trained on; it drops the turning point of a stroke that
    doubles back along itself. ``measure="segment"`` measures to the segment and keeps it.
    """
    array = np.asarray(points)
    if array.ndim != 2 or array.shape[1] < 2:
        raise ValueError(f"points must have shape [N, >=2], got {array.shape}")
    if measure not in ("line", "segment"):
        raise ValueError(f"measure must be 'line' or 'segment', got {measure!r}")
    if len(array) < 3:
        return array.copy()
    xy = array[:, :2].astype(np.float64)
    keep = np.zeros(len(array), dtype=bool)
    keep[0] = keep[-1] = True
    pending = [(0, len(array) - 1)]
    while pending:
        first, last = pending.pop()
        if last - first < 2:
            continue
        distances = _distances(xy[first + 1 : last], xy[first], xy[last], measure)
        worst = int(np.argmax(distances))
        if distances[worst] > epsilon:
            split = first + 1 + worst
            keep[split] = True
            pending.append((first, split))
            pending.append((split, last))
    return array[keep].copy()


@dataclass(frozen=True)
class CanvasFrame:
    """How model units map onto the canvas for one drawing.

    ``px_per_unit``: canvas px per model unit; ``origin``: canvas position of the box's top-left
    corner (model coordinate 0, 0); ``last_point``: the child's last pen position in canvas px,
    where a continuation starts.
    """

    px_per_unit: float
    origin: tuple[float, float]
    last_point: tuple[float, float]


def frame_for_extent(
    start: tuple[float, float], extent_px: float, scale_factor: float, pixel_factor: float
) -> CanvasFrame:
    """A frame for drawing from scratch: a drawing of ``extent_px`` canvas px fills the box."""
    px_per_unit = extent_px / BOX_MAX * scale_factor / pixel_factor
    return CanvasFrame(float(px_per_unit), (float(start[0]), float(start[1])), _xy(start))


def _xy(point: Sequence[float] | np.ndarray) -> tuple[float, float]:
    return float(point[0]), float(point[1])


def canvas_to_model(
    strokes_px: Sequence[np.ndarray],
    scale_factor: float,
    pixel_factor: float,
    min_extent_px: float = 0.0,
) -> tuple[np.ndarray, CanvasFrame]:
    """Child's strokes (canvas px, each ``[N, >=2]``) -> stroke-3 in model units and the frame.

    The drawing's bounding box is scaled so its larger side spans the 256-px box (coordinates
    0..255), but a drawing smaller than ``min_extent_px`` is treated as that large so a first
    small stroke is not blown up. Each stroke is simplified with RDP (epsilon 2.0 box px), then
    offsets are multiplied by ``pixel_factor / scale_factor``. The first row is the first point's
    offset from the box's top-left corner. Without strokes the result is empty and the frame is
    ``frame_for_extent((0, 0), max(min_extent_px, 1), ...)``.
    """
    if scale_factor <= 0 or pixel_factor <= 0:
        raise ValueError("scale_factor and pixel_factor must be positive")
    arrays = [np.asarray(s, dtype=np.float64) for s in strokes_px]
    for index, array in enumerate(arrays):
        if array.ndim != 2 or array.shape[1] < 2:
            raise ValueError(f"stroke {index} must have shape [N, >=2], got {array.shape}")
    polylines = [array[:, :2] for array in arrays if len(array) > 0]
    if not polylines:
        extent = max(float(min_extent_px), 1.0)
        return np.zeros((0, 3), dtype=np.float32), frame_for_extent(
            (0.0, 0.0), extent, scale_factor, pixel_factor
        )
    every_point = np.concatenate(polylines, axis=0)
    if not np.all(np.isfinite(every_point)):
        raise ValueError("strokes contain NaN or infinite coordinates")
    low = every_point.min(axis=0)
    size = every_point.max(axis=0) - low
    # A single dot has no size; 1 px keeps the scale finite.
    extent = max(float(size.max()), float(min_extent_px), 1.0)
    box_per_px = BOX_MAX / extent
    in_box = [simplify_rdp((p - low) * box_per_px, RDP_EPSILON) for p in polylines]
    stroke3 = strokes_to_stroke3(in_box).astype(np.float64)
    stroke3[:, :2] *= pixel_factor / scale_factor
    frame = CanvasFrame(
        px_per_unit=float(scale_factor / pixel_factor / box_per_px),
        origin=_xy(low),
        last_point=_xy(polylines[-1][-1]),
    )
    return stroke3.astype(np.float32), frame


def model_to_canvas(stroke3_model: np.ndarray, frame: CanvasFrame) -> list[np.ndarray]:
    """Model output (stroke-3, model units) -> canvas-px strokes float32 ``[N, 2]``.

    Offsets are scaled by ``frame.px_per_unit`` and accumulated from ``frame.last_point``: the
    first point is the last pen position plus the first offset, as the model's own next point.
    """
    scaled = np.asarray(stroke3_model, dtype=np.float64).copy()
    if scaled.ndim != 2 or scaled.shape[1] != 3:
        raise ValueError(f"stroke-3 must have shape [P, 3], got {scaled.shape}")
    scaled[:, :2] *= frame.px_per_unit
    return stroke3_to_strokes(scaled.astype(np.float32), start=frame.last_point)


def _resample(points: np.ndarray, spacing: float) -> np.ndarray:
    """Points along the polyline every ``spacing`` of arc length (ends kept)."""
    if len(points) < 2:
        # A single sample becomes a two-point dot, as in Google's simplified files.
        return points[[0, 0]].copy()
    lengths = np.hypot(*np.diff(points, axis=0).T)
    arc = np.concatenate([[0.0], np.cumsum(lengths)])
    total = arc[-1]
    if total == 0.0:
        # A dot: Google keeps its first and last sample.
        return points[[0, -1]].copy()
    stations = np.arange(0.0, total, spacing)
    if total - stations[-1] > 1e-9:
        stations = np.append(stations, total)
    return np.stack(
        [np.interp(stations, arc, points[:, 0]), np.interp(stations, arc, points[:, 1])], axis=1
    )


def simplify_like_quickdraw(strokes: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Google's simplification of a raw drawing: a list of int32 ``[N, 2]`` in the 0..255 box.

    Steps (as published with the Quick, Draw! dataset): align the drawing to the top-left
    corner, scale uniformly so the largest coordinate is 255, resample every stroke at 1-px
    spacing, simplify with RDP (epsilon 2.0), round to integers.
    """
    polylines = [np.asarray(s, dtype=np.float64)[:, :2] for s in strokes if len(s) > 0]
    if not polylines:
        return []
    every_point = np.concatenate(polylines, axis=0)
    low = every_point.min(axis=0)
    extent = float((every_point - low).max())
    scale = BOX_MAX / extent if extent > 0 else 1.0
    result = []
    for polyline in polylines:
        resampled = _resample((polyline - low) * scale, 1.0)
        simplified = simplify_rdp(resampled, RDP_EPSILON)
        result.append(np.rint(simplified).astype(np.int32))
    return result
