"""RDP simplification and canvas <-> model unit conversion."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from doodle.core.ndjson import read_drawings
from doodle.core.strokes import stroke3_to_strokes, strokes_to_stroke3
from doodle.core.units import (
    BOX_MAX,
    canvas_to_model,
    model_to_canvas,
    simplify_rdp,
)
from tests.core.geometry import distances_to_drawing
from tests.shared_data import require_shared


def test_rdp_straight_line_keeps_only_ends() -> None:
    line = np.stack([np.linspace(0, 100, 51), np.linspace(0, 50, 51)], axis=1)
    np.testing.assert_array_equal(simplify_rdp(line, 2.0), line[[0, -1]])


def test_rdp_keeps_corner_and_drops_small_wiggle() -> None:
    points = np.array([[0, 0], [5, 1], [10, 0], [10, 10], [10, 20]], dtype=np.float64)
    np.testing.assert_array_equal(simplify_rdp(points, 2.0), points[[0, 2, 4]])
    np.testing.assert_array_equal(simplify_rdp(points, 0.5), points[[0, 1, 2, 4]])


def test_rdp_line_drops_and_segment_keeps_turning_point_of_a_doubled_back_stroke() -> None:
    points = np.array([[0, 0], [10, 0], [20, 0], [5, 0]], dtype=np.float64)
    np.testing.assert_array_equal(simplify_rdp(points, 2.0), points[[0, 3]])
    np.testing.assert_array_equal(simplify_rdp(points, 2.0, measure="segment"), points[[0, 2, 3]])


def test_rdp_short_inputs_unchanged() -> None:
    two = np.array([[0.0, 0.0], [1.0, 1.0]])
    np.testing.assert_array_equal(simplify_rdp(two, 2.0), two)


def _square_strokes(offset: float, size: float) -> list[np.ndarray]:
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=np.float32)
    tail = np.array([[0.5, 0.5], [0.5, 1.5]], dtype=np.float32)
    return [square * size + offset, tail * size + offset]


def test_canvas_to_model_scales_to_box_and_model_units() -> None:
    strokes = _square_strokes(100.0, 400.0)
    s3, frame = canvas_to_model(strokes, scale_factor=50.0, pixel_factor=2.0)
    box = strokes_to_stroke3([(s - 100.0) * (BOX_MAX / 600.0) for s in strokes])
    np.testing.assert_allclose(s3[:, :2], box[:, :2] * 2.0 / 50.0, rtol=1e-5)
    np.testing.assert_array_equal(s3[:, 2], box[:, 2])
    assert frame.origin == (100.0, 100.0)
    assert frame.last_point == (300.0, 700.0)
    np.testing.assert_allclose(frame.px_per_unit, 600.0 / BOX_MAX * 50.0 / 2.0)


def test_min_extent_keeps_small_drawings_small() -> None:
    small = _square_strokes(0.0, 20.0)
    s3_raw, _ = canvas_to_model(small, 50.0, 2.0)
    s3_min, frame = canvas_to_model(small, 50.0, 2.0, min_extent_px=300.0)
    # 30 px drawn, treated as 300 px: ten times smaller offsets.
    np.testing.assert_allclose(
        np.abs(s3_raw[:, :2]).max(), 10 * np.abs(s3_min[:, :2]).max(), rtol=1e-4
    )
    np.testing.assert_allclose(frame.px_per_unit, 300.0 / BOX_MAX * 25.0)


def test_model_to_canvas_inverts_canvas_to_model_at_child_scale() -> None:
    rng = np.random.default_rng(3)
    walk = np.cumsum(rng.normal(0, 4, size=(200, 2)), axis=0) + 500
    strokes = [walk[:120], walk[120:]]
    s3, frame = canvas_to_model(strokes, scale_factor=80.0, pixel_factor=2.0)
    at_origin = dataclasses.replace(frame, last_point=frame.origin)
    back = model_to_canvas(s3, at_origin)
    assert len(back) == 2
    for restored, original in zip(back, strokes, strict=True):
        # RDP keeps endpoints; every kept point is one of the child's points.
        np.testing.assert_allclose(restored[0], original[0], atol=1e-3)
        np.testing.assert_allclose(restored[-1], original[-1], atol=1e-3)
        distances = np.min(np.hypot(*(restored[:, None, :] - original[None, :, :]).T), axis=0)
        assert distances.max() < 1e-3


def test_continuation_starts_at_last_pen_position() -> None:
    strokes = _square_strokes(10.0, 100.0)
    _, frame = canvas_to_model(strokes, scale_factor=40.0, pixel_factor=2.0)
    model_out = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]], dtype=np.float32)
    (continued,) = model_to_canvas(model_out, frame)
    np.testing.assert_allclose(continued[0], np.array(frame.last_point) + [frame.px_per_unit, 0])
    np.testing.assert_allclose(continued[1] - continued[0], [0, frame.px_per_unit], rtol=1e-5)


def test_empty_canvas_gives_empty_stroke3() -> None:
    s3, frame = canvas_to_model([], 40.0, 2.0, min_extent_px=255.0)
    assert s3.shape == (0, 3)
    np.testing.assert_allclose(frame.px_per_unit, 20.0)


def test_real_raw_drawings_reach_model_units_like_googles_simplified_data() -> None:
    """canvas_to_model on Google's raw drawings ~ Google's simplified drawings, in box px.

    Measured on these classes: mean point-to-polyline distance 0.29 px (Google also rounds to
    integers), point-count ratio 0.97-1.05 (5th-95th percentile).
    """
    scale_factor, pixel_factor = 100.0, 2.0
    means, ratios = [], []
    for name in ("cat", "bicycle", "owl", "sheep", "house", "tree"):
        simplified = read_drawings(require_shared("quickdraw", "simplified", f"{name}.ndjson"))
        google = {d.key_id: d for d in simplified}
        for raw in read_drawings(require_shared("quickdraw", "raw", f"{name}.ndjson")):
            if raw.key_id not in google:
                continue
            s3, _ = canvas_to_model(raw.polylines(), scale_factor, pixel_factor)
            ours = [s * scale_factor / pixel_factor for s in stroke3_to_strokes(s3)]
            theirs = google[raw.key_id].polylines()
            distances = np.concatenate(
                [distances_to_drawing(s, theirs) for s in ours]
                + [distances_to_drawing(s, ours) for s in theirs]
            )
            means.append(distances.mean())
            ratios.append(sum(map(len, ours)) / sum(map(len, theirs)))
    assert len(means) > 100
    assert np.mean(means) < 0.5
    assert max(means) < 1.5
    low, high = np.percentile(ratios, [5, 95])
    assert 0.9 < low and high < 1.1


def test_bad_canvas_input_is_refused() -> None:
    with pytest.raises(ValueError, match="stroke 1 must have shape"):
        canvas_to_model([np.zeros((2, 2)), np.zeros(4)], 40.0, 2.0)
    with pytest.raises(ValueError, match="NaN"):
        canvas_to_model([np.array([[0.0, np.nan]])], 40.0, 2.0)
    with pytest.raises(ValueError, match="positive"):
        canvas_to_model([np.zeros((2, 2))], 0.0, 2.0)
