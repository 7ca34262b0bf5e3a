"""Stroke-3 / stroke-5 / polyline conversions."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.core.errors import DoodleFormatError
from doodle.core.strokes import (
    stroke3_to_stroke5,
    stroke3_to_strokes,
    stroke5_to_stroke3,
    strokes_to_stroke3,
)

POLYLINES = [
    np.array([[10, 10], [20, 20], [30, 10]], dtype=np.float32),
    np.array([[40, 40], [50, 50]], dtype=np.float32),
]


def test_stroke3_matches_magenta_lines_to_strokes() -> None:
    expected = np.array(
        [[10, 10, 0], [10, 10, 0], [10, -10, 1], [10, 30, 0], [10, 10, 1]], dtype=np.float32
    )
    s3 = strokes_to_stroke3(POLYLINES)
    assert s3.dtype == np.float32
    np.testing.assert_array_equal(s3, expected)


def test_stroke3_round_trip_with_origin_and_start() -> None:
    s3 = strokes_to_stroke3(POLYLINES, origin=(5.0, 7.0))
    np.testing.assert_array_equal(s3[0], [5.0, 3.0, 0.0])
    back = stroke3_to_strokes(s3, start=(5.0, 7.0))
    assert len(back) == 2
    for got, want in zip(back, POLYLINES, strict=True):
        np.testing.assert_allclose(got, want)


def test_extra_columns_and_empty_strokes_are_ignored() -> None:
    with_pressure = [np.array([[1, 2, 0.5, 0.0], [3, 4, 0.6, 0.1]]), np.zeros((0, 4))]
    s3 = strokes_to_stroke3(with_pressure)
    np.testing.assert_array_equal(s3, [[1, 2, 0], [2, 2, 1]])
    assert strokes_to_stroke3([]).shape == (0, 3)


def test_unfinished_trailing_stroke_is_kept() -> None:
    s3 = np.array([[1, 1, 1], [2, 0, 0], [0, 2, 0]], dtype=np.float32)
    lines = stroke3_to_strokes(s3)
    assert [len(line) for line in lines] == [1, 2]
    np.testing.assert_array_equal(lines[1], [[3, 1], [3, 3]])


def test_stroke5_round_trip_and_padding() -> None:
    s3 = strokes_to_stroke3(POLYLINES)
    s5 = stroke3_to_stroke5(s3, max_len=8)
    assert s5.shape == (8, 5) and s5.dtype == np.float32
    np.testing.assert_array_equal(s5[:, 2:].sum(axis=1), np.ones(8))
    np.testing.assert_array_equal(s5[2], [10, -10, 0, 1, 0])
    np.testing.assert_array_equal(s5[5:], np.tile([0, 0, 0, 0, 1], (3, 1)))
    np.testing.assert_array_equal(stroke5_to_stroke3(s5), s3)
    unpadded = stroke3_to_stroke5(s3)
    assert unpadded.shape == (5, 5) and not unpadded[:, 4].any()
    np.testing.assert_array_equal(stroke5_to_stroke3(unpadded), s3)


def test_stroke5_too_long_and_bad_shapes_raise() -> None:
    s3 = strokes_to_stroke3(POLYLINES)
    with pytest.raises(DoodleFormatError, match="max_len"):
        stroke3_to_stroke5(s3, max_len=3)
    with pytest.raises(DoodleFormatError, match=r"\[P, 3\]"):
        stroke3_to_stroke5(np.zeros((4, 2)))
    with pytest.raises(DoodleFormatError, match="NaN"):
        stroke3_to_strokes(np.array([[np.nan, 0, 1]]))
    with pytest.raises(DoodleFormatError, match=r"\[L, 5\]"):
        stroke5_to_stroke3(np.zeros((4, 3)))
    with pytest.raises(DoodleFormatError, match="stroke 1"):
        strokes_to_stroke3([np.zeros((2, 2)), np.zeros(3)])
