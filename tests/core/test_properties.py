"""Property tests: format round trips, undo/redo sequences and RDP guarantees."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from doodle.core.drawing import (
    AddStrokes,
    ClearStrokes,
    Drawing,
    RemoveStrokes,
    ReplaceStrokes,
)
from doodle.core.fileformat import load_drawing, save_drawing
from doodle.core.strokes import (
    stroke3_to_stroke5,
    stroke3_to_strokes,
    stroke5_to_stroke3,
    strokes_to_stroke3,
)
from doodle.core.units import simplify_rdp

coordinates = st.floats(-1000, 1000, allow_nan=False, width=32)


@st.composite
def polylines(draw: st.DrawFn, max_strokes: int = 5) -> list[np.ndarray]:
    count = draw(st.integers(1, max_strokes))
    result = []
    for _ in range(count):
        length = draw(st.integers(1, 12))
        values = draw(st.lists(coordinates, min_size=2 * length, max_size=2 * length))
        result.append(np.array(values, dtype=np.float32).reshape(length, 2))
    return result


@settings(max_examples=80, deadline=None)
@given(polylines(), st.integers(0, 5))
def test_polylines_stroke3_stroke5_round_trip(lines: list[np.ndarray], padding: int) -> None:
    s3 = strokes_to_stroke3(lines)
    assert len(s3) == sum(len(line) for line in lines)
    back = stroke3_to_strokes(s3)
    assert [len(b) for b in back] == [len(line) for line in lines]
    for got, want in zip(back, lines, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-2)
    s5 = stroke3_to_stroke5(s3, max_len=len(s3) + padding)
    np.testing.assert_array_equal(s5[:, 2:].sum(axis=1), 1.0)
    np.testing.assert_array_equal(stroke5_to_stroke3(s5), s3)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-500, 500), st.floats(-500, 500)), min_size=3, max_size=60),
    st.floats(0.1, 20.0),
)
def test_rdp_keeps_ends_and_stays_within_epsilon(raw: list, epsilon: float) -> None:
    points = np.array(raw, dtype=np.float64)
    kept = simplify_rdp(points, epsilon, measure="segment")
    np.testing.assert_array_equal(kept[0], points[0])
    np.testing.assert_array_equal(kept[-1], points[-1])
    # Kept points are input points, in order; each dropped point lies within epsilon of the
    # simplified segment that spans it.
    indices = [int(np.flatnonzero((points == k).all(axis=1))[0]) for k in kept[:1]]
    for k in kept[1:]:
        matches = np.flatnonzero((points == k).all(axis=1))
        indices.append(int(matches[matches >= indices[-1]][0]))
    for first, last in zip(indices[:-1], indices[1:], strict=True):
        start, end = points[first], points[last]
        direction = end - start
        length_sq = direction @ direction
        for point in points[first + 1 : last]:
            along = np.clip((point - start) @ direction / length_sq, 0, 1) if length_sq else 0.0
            assert np.hypot(*(point - start - along * direction)) <= epsilon + 1e-9


operations = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "clear", "replace"]), st.integers(0, 10**6)),
    min_size=1,
    max_size=25,
)


def _state(drawing: Drawing) -> list[tuple[int, bytes, str, float, str]]:
    return [(s.stroke_id, s.points.tobytes(), s.color, s.width, s.author) for s in drawing.strokes]


@settings(max_examples=60, deadline=None)
@given(operations)
def test_random_undo_redo_sequences_restore_every_state(ops: list[tuple[str, int]]) -> None:
    drawing = Drawing(object_name="tree")
    rng = np.random.default_rng(0)
    history = [_state(drawing)]
    done = []
    for kind, seed in ops:
        ids = [s.stroke_id for s in drawing.strokes]
        picked = tuple(i for j, i in enumerate(ids) if (seed >> j) & 1)

        author = "model" if seed % 2 else "child"

        def fresh(author: str = author) -> tuple:
            points = rng.normal(size=(3, 4)).astype(np.float32)
            return (drawing.new_stroke(points, author=author),)

        if kind == "add":
            command = AddStrokes(fresh(), index=seed % (len(ids) + 1) if seed % 3 else None)
        elif kind == "remove":
            command = RemoveStrokes(picked)
        elif kind == "clear":
            command = ClearStrokes()
        else:
            command = ReplaceStrokes(picked, fresh())
        command.apply(drawing)
        done.append(command)
        history.append(_state(drawing))
    for command, expected in zip(reversed(done), reversed(history[:-1]), strict=True):
        command.revert(drawing)
        assert _state(drawing) == expected
    for command, expected in zip(done, history[1:], strict=True):
        command.apply(drawing)
        assert _state(drawing) == expected


@settings(max_examples=25, deadline=None)
@given(polylines(max_strokes=4), st.text(max_size=20), st.one_of(st.none(), st.text(max_size=20)))
def test_drawing_file_round_trip(lines: list[np.ndarray], name: str, child: str | None) -> None:
    drawing = Drawing(object_name=name, child_name=child)
    for index, line in enumerate(lines):
        points = np.column_stack([line, np.full(len(line), 0.5), np.arange(len(line)) * 0.01])
        drawing.add(drawing.new_stroke(points, f"#{index * 40:02x}8000", 1.5 + index, "child"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.doodle"
        save_drawing(path, drawing)
        loaded = load_drawing(path)
    assert loaded.strokes == drawing.strokes
    assert (loaded.object_name, loaded.child_name) == (name, child)
