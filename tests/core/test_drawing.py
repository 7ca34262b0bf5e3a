"""The Drawing document, strokes and undo commands."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.core.drawing import (
    AddStrokes,
    ClearStrokes,
    Drawing,
    RemoveStrokes,
    ReplaceStrokes,
    Stroke,
    StrokeSample,
)


def _drawing_with(count: int) -> Drawing:
    drawing = Drawing(object_name="cat", child_name="Mia")
    for i in range(count):
        points = np.array([[i, i, 0.5, 0.0], [i + 1, i + 2, 0.7, 0.05]], dtype=np.float32)
        drawing.add(drawing.new_stroke(points, color="#ff0000", width=3.0 + i))
    return drawing


def _state(drawing: Drawing) -> list[tuple[int, bytes, str, float, str]]:
    return [(s.stroke_id, s.points.tobytes(), s.color, s.width, s.author) for s in drawing.strokes]


def test_stroke_is_immutable_and_owns_a_copy() -> None:
    source = np.array([[1.0, 2.0], [3.0, 4.0]])
    stroke = Stroke(source, color="#A0B0C0")
    source[0, 0] = 99.0
    assert stroke.points.dtype == np.float32 and stroke.points.shape == (2, 4)
    assert stroke.points[0, 0] == 1.0 and stroke.points[0, 2] == 1.0
    assert stroke.color == "#a0b0c0"
    with pytest.raises(ValueError):
        stroke.points[0, 0] = 5.0
    with pytest.raises(ValueError):
        stroke.points.flags.writeable = True
    with pytest.raises(AttributeError):
        stroke.color = "#000000"  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"points": np.zeros((0, 4))},
        {"points": np.zeros((3, 5))},
        {"points": np.array([[0.0, np.nan]])},
        {"color": "red"},
        {"width": 0.0},
        {"width": float("inf")},
        {"author": "teacher"},
        {"stroke_id": -1},
    ],
)
def test_stroke_rejects_bad_fields(kwargs: dict) -> None:
    fields = {"points": np.zeros((2, 4))} | kwargs
    with pytest.raises(ValueError):
        Stroke(**fields)


def test_stroke_from_samples() -> None:
    stroke = Stroke.from_samples([StrokeSample(1, 2, 0.3, 0.0), StrokeSample(4, 5, 0.6, 0.1)])
    np.testing.assert_allclose(stroke.points, [[1, 2, 0.3, 0], [4, 5, 0.6, 0.1]], rtol=1e-6)
    np.testing.assert_array_equal(stroke.xy, [[1, 2], [4, 5]])


def test_ids_are_unique_and_never_reused() -> None:
    drawing = _drawing_with(3)
    assert [s.stroke_id for s in drawing.strokes] == [1, 2, 3]
    drawing.remove(3)
    assert drawing.new_stroke(np.zeros((1, 2))).stroke_id == 4
    with pytest.raises(ValueError, match="already"):
        drawing.add(drawing.strokes[0])


def test_snapshot_is_unaffected_by_later_changes() -> None:
    drawing = _drawing_with(2)
    snapshot = drawing.snapshot()
    drawing.clear()
    assert len(snapshot.strokes) == 2 and len(drawing) == 0
    assert snapshot.object_name == "cat" and snapshot.child_name == "Mia"
    assert drawing.revision > snapshot.revision
    assert [p.shape for p in snapshot.polylines()] == [(2, 2), (2, 2)]
    assert snapshot.polylines(author="model") == []


def test_add_strokes_apply_revert_redo() -> None:
    drawing = _drawing_with(2)
    before = _state(drawing)
    new = (drawing.new_stroke(np.ones((3, 2)), author="model"), drawing.new_stroke(np.ones((2, 2))))
    command = AddStrokes(new)
    command.apply(drawing)
    after = _state(drawing)
    assert [s.stroke_id for s in drawing.strokes] == [1, 2, 3, 4]
    command.revert(drawing)
    assert _state(drawing) == before
    command.apply(drawing)
    assert _state(drawing) == after


def test_remove_strokes_restores_positions() -> None:
    drawing = _drawing_with(5)
    before = _state(drawing)
    command = RemoveStrokes((4, 2, 1))
    command.apply(drawing)
    assert [s.stroke_id for s in drawing.strokes] == [3, 5]
    command.revert(drawing)
    assert _state(drawing) == before
    command.apply(drawing)
    assert [s.stroke_id for s in drawing.strokes] == [3, 5]


def test_clear_strokes_restores_everything() -> None:
    drawing = _drawing_with(4)
    before = _state(drawing)
    command = ClearStrokes()
    command.apply(drawing)
    assert len(drawing) == 0
    command.revert(drawing)
    assert _state(drawing) == before


def test_replace_strokes_puts_new_ones_in_place_and_reverts() -> None:
    drawing = _drawing_with(4)
    before = _state(drawing)
    replacement = (drawing.new_stroke(np.zeros((2, 2)), author="model"),)
    command = ReplaceStrokes((2, 3), replacement)
    command.apply(drawing)
    assert [s.stroke_id for s in drawing.strokes] == [1, 5, 4]
    command.revert(drawing)
    assert _state(drawing) == before


def test_remove_unknown_id_raises() -> None:
    drawing = _drawing_with(1)
    with pytest.raises(KeyError):
        RemoveStrokes((42,)).apply(drawing)
