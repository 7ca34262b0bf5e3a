"""Completion, variations and hints on small real ONNX models."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from doodle.engine import draw
from doodle.engine.generate import MIN_GENERATED_STEPS, GenerationCancelled
from doodle.engine.magenta import import_magenta
from doodle.engine.model import LoadedModel
from tests.engine.helpers import magenta_document, record_batch_sizes, write_magenta

MAX_SEQ_LEN = 60
CHILD = [
    np.array([[100, 100], [140, 110], [160, 150], [150, 190]], dtype=np.float32),
    np.array([[120, 160, 0.5, 0.1], [125, 200, 0.5, 0.2]], dtype=np.float32),
]


def _model(
    tmp_path: Path, name: str, pen_bias, seed: int = 3, max_seq_len: int = MAX_SEQ_LEN
) -> LoadedModel:
    document = magenta_document("gen", max_seq_len=max_seq_len, seed=seed, pen_bias=pen_bias)
    source = write_magenta(tmp_path / f"{name}.gen.json", document)
    folder = tmp_path / "models"
    folder.mkdir(exist_ok=True)
    return LoadedModel(import_magenta(source, folder))


@pytest.fixture
def endless(tmp_path: Path) -> LoadedModel:
    """Almost never ends a drawing and keeps the pen down: every run uses its full length."""
    return _model(tmp_path, "endless", (10.0, 0.0, -10.0))


@pytest.fixture
def lifting(tmp_path: Path) -> LoadedModel:
    """Lifts the pen often and never ends: several short strokes."""
    return _model(tmp_path, "lifting", (0.0, 0.0, -10.0))


def _rows(strokes: list[np.ndarray]) -> int:
    return sum(len(s) for s in strokes)


def _same(first: list[np.ndarray], second: list[np.ndarray], atol: float = 0.0) -> bool:
    return len(first) == len(second) and all(
        a.shape == b.shape and np.allclose(a, b, rtol=0.0, atol=atol)
        for a, b in zip(first, second, strict=True)
    )


def test_completion_continues_from_the_childs_last_point(lifting: LoadedModel) -> None:
    stroke3, frame = draw.complete_model_units(CHILD, lifting, seed=4)
    assert frame.last_point == (125.0, 200.0)
    strokes = draw.complete(CHILD, lifting, seed=4)
    assert len(strokes) > 1
    first = strokes[0][0]
    expected = np.array(frame.last_point) + stroke3[0, :2] * frame.px_per_unit
    assert np.allclose(first, expected, atol=1e-3)
    # Every later point is the previous one plus its offset at the child's scale.
    points = np.concatenate(strokes)
    offsets = np.diff(points, axis=0) / frame.px_per_unit
    assert np.allclose(offsets, stroke3[1:, :2], atol=1e-3)
    assert all(s.dtype == np.float32 and s.shape[1] == 2 for s in strokes)


def test_child_scale_is_kept(lifting: LoadedModel) -> None:
    small, frame_small = draw.complete_model_units(CHILD, lifting, seed=5)
    doubled = [s * np.array([2, 2] + [1] * (s.shape[1] - 2), np.float32) for s in CHILD]
    big, frame_big = draw.complete_model_units(doubled, lifting, seed=5)
    assert np.allclose(small, big, atol=1e-4)
    assert frame_big.px_per_unit == pytest.approx(2 * frame_small.px_per_unit)


def test_completion_fills_max_seq_len_with_the_prefix(endless: LoadedModel) -> None:
    prefix_rows = _rows(CHILD)
    strokes = draw.complete(CHILD, endless, seed=1)
    assert _rows(strokes) == MAX_SEQ_LEN - prefix_rows
    assert _rows(draw.complete(CHILD, endless, seed=1, max_steps=7)) == 7


def test_long_drawing_is_cut_to_leave_room(endless: LoadedModel) -> None:
    t = np.linspace(0, 20 * np.pi, 400)
    spiral = np.stack([t * np.cos(t), t * np.sin(t)], axis=1).astype(np.float32) * 5
    strokes = draw.complete([spiral], endless, seed=1)
    assert _rows(strokes) == MIN_GENERATED_STEPS


def test_generation_stops_at_end_token(tmp_path: Path) -> None:
    ending = _model(tmp_path, "ending", (-10.0, -10.0, 10.0))
    assert draw.complete(CHILD, ending, seed=0) == []
    assert draw.next_stroke_hint(CHILD, ending, seed=0).shape == (0, 2)
    assert draw.variations(CHILD, ending, n=3, seed=0) == [[], [], []]


def test_seed_reproducibility(small_gen: LoadedModel) -> None:
    first = draw.complete(CHILD, small_gen, temperature=0.8, seed=21)
    again = draw.complete(CHILD, small_gen, temperature=0.8, seed=21)
    other = draw.complete(CHILD, small_gen, temperature=0.8, seed=22)
    assert _same(first, again)
    assert not _same(first, other)


def test_variations_are_distinct_and_reproducible(lifting: LoadedModel) -> None:
    endings = draw.variations(CHILD, lifting, n=5, temperature=0.6, seed=8)
    assert len(endings) == 5
    flat = [np.concatenate(e) for e in endings]
    assert all(len(f) == MAX_SEQ_LEN - _rows(CHILD) for f in flat)
    for i in range(5):
        for j in range(i + 1, 5):
            assert not np.allclose(flat[i], flat[j])
    again = draw.variations(CHILD, lifting, n=5, temperature=0.6, seed=8)
    assert _same(flat, [np.concatenate(b) for b in again])


def test_variations_run_as_one_batch(lifting: LoadedModel) -> None:
    batches = record_batch_sizes(lifting)
    draw.variations(CHILD, lifting, n=4, seed=1, max_steps=10)
    assert batches == [4] * 10


def test_hint_is_the_first_stroke_up_to_the_first_pen_up(lifting: LoadedModel) -> None:
    for seed in range(5):
        hint = draw.next_stroke_hint(CHILD, lifting, temperature=0.3, seed=seed)
        completion = draw.complete(CHILD, lifting, temperature=0.3, seed=seed)
        assert np.array_equal(hint, completion[0])
        stroke3, _ = draw.complete_model_units(CHILD, lifting, temperature=0.3, seed=seed)
        first_lift = int(np.flatnonzero(stroke3[:, 2] == 1)[0])
        assert len(hint) == first_lift + 1


def test_hint_length_is_bounded(tmp_path: Path) -> None:
    long_lines = _model(tmp_path, "long", (10.0, -10.0, -10.0), max_seq_len=250)
    hint = draw.next_stroke_hint(CHILD, long_lines, seed=0)
    assert len(hint) == draw.HINT_MAX_POINTS


def test_cancel_is_checked_between_steps(endless: LoadedModel) -> None:
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(GenerationCancelled):
        draw.complete(CHILD, endless, seed=0, cancel=cancel)
    assert calls == 4
    calls = 0
    with pytest.raises(GenerationCancelled):
        draw.variations(CHILD, endless, n=3, seed=0, cancel=cancel)
    calls = 0
    with pytest.raises(GenerationCancelled):
        draw.next_stroke_hint(CHILD, endless, seed=0, cancel=cancel)


def test_priming_through_prefix_graph_equals_stepping(lifting: LoadedModel) -> None:
    with_prefix = draw.complete(CHILD, lifting, temperature=0.5, seed=2)
    (lifting.info.path / "decoder_prefix.onnx").unlink()
    from doodle.engine.contract import check_model_folder

    stepping_model = LoadedModel(check_model_folder(lifting.info.path))
    assert not stepping_model.info.has_prefix
    stepped = draw.complete(CHILD, stepping_model, temperature=0.5, seed=2)
    assert _same(with_prefix, stepped, atol=1e-3)


def test_empty_canvas_draws_from_scratch(lifting: LoadedModel) -> None:
    strokes = draw.complete([], lifting, seed=3, min_extent_px=300)
    assert _rows(strokes) == MAX_SEQ_LEN


def test_vae_model_is_refused_by_draw(small_vae: LoadedModel) -> None:
    with pytest.raises(ValueError, match="VAE"):
        draw.complete(CHILD, small_vae)


def test_one_model_serves_several_threads(lifting: LoadedModel) -> None:
    expected = {seed: draw.complete(CHILD, lifting, seed=seed) for seed in range(6)}
    results: dict[int, list[np.ndarray]] = {}

    def work(seed: int) -> None:
        results[seed] = draw.complete(CHILD, lifting, seed=seed)

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(_same(results[seed], expected[seed]) for seed in range(6))
