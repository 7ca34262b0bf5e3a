"""`doodle bench --only autosave_ui`: the autosave figures have the agreed shape (timings not
checked) and the benchmark leaves no files behind."""

from __future__ import annotations

from doodle import paths
from doodle.bench.autosave_figures import DRAWING_POINTS, scribble_drawing
from doodle.bench.runner import run_benchmarks
from tests.bench.model_factory import write_tiny_model


def test_scribble_has_the_requested_points_and_is_always_the_same():
    drawing = scribble_drawing(1_500)
    assert sum(len(stroke) for stroke in drawing.strokes) == 1_500
    again = scribble_drawing(1_500)
    assert list(again.strokes) == list(drawing.strokes)


def test_autosave_figures_per_drawing_size():
    tiny = write_tiny_model(paths.user_models_dir(), "tiny")
    before = sorted(paths.user_dir().iterdir())
    report = run_benchmarks([tiny], repeats=2, only=["autosave_ui"])
    by_name: dict[str, list[dict]] = {}
    for figure in report["figures"]:
        by_name.setdefault(figure["name"], []).append(figure)
    assert set(by_name) == {"autosave_ui", "autosave_write"}
    assert [f["points"] for f in by_name["autosave_ui"]] == list(DRAWING_POINTS)
    assert [f["points"] for f in by_name["autosave_write"]] == list(DRAWING_POINTS)
    for ui, write in zip(by_name["autosave_ui"], by_name["autosave_write"], strict=True):
        assert 0 < ui["median_ms"] <= ui["p90_ms"] and ui["repeats"] == 2
        assert ui["blocking_save_median_ms"] == write["median_ms"] > 0
        assert ui["ui_thread_speedup"] > 0
        for key in (
            "first_save_after_pause_median_ms",
            "longest_pause_during_write_median_ms",
            "longest_pause_without_write_median_ms",
        ):
            assert ui[key] > 0
    assert sorted(paths.user_dir().iterdir()) == before
