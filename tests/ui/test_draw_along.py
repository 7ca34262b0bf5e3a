"""Drawing together with real models: Finish it!, idea panes, ghost hints, model choice.

The models are Magenta's published bear and sheep, imported through the engine (see
``conftest.py``); inference runs in the real worker threads with onnxruntime.
"""

from __future__ import annotations

import itertools
import shutil

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt

from doodle.engine import draw
from doodle.engine.registry import ModelRegistry
from doodle.ui.main_window import MainWindow
from tests.ui.pointer import line, mouse_stroke, send_mouse

INFERENCE_TIMEOUT_MS = 60_000


def _draw_a_head(window) -> None:
    """A round head with two ears, about the size a child would draw."""
    viewport = window.canvas.viewport()
    angles = np.linspace(0, 2 * np.pi, 40)
    mouse_stroke(viewport, [(400 + 110 * np.cos(a), 300 + 90 * np.sin(a)) for a in angles])
    for ear_x in (330, 470):
        small = np.linspace(0, 2 * np.pi, 16)
        mouse_stroke(viewport, [(ear_x + 30 * np.cos(a), 200 + 25 * np.sin(a)) for a in small])


def _same_strokes(first: list[np.ndarray], second: list[np.ndarray]) -> bool:
    return len(first) == len(second) and all(
        np.array_equal(a, b) for a, b in zip(first, second, strict=True)
    )


def _wait_for_idle_variations(window, qtbot) -> None:
    """Let the debounced variations request (from drawing) finish so it cannot interfere."""
    qtbot.waitUntil(
        lambda: (
            not window.draw_along.worker.is_busy("variations")
            and not window._variations_timer.isActive()
        ),
        timeout=INFERENCE_TIMEOUT_MS,
    )


@pytest.fixture(autouse=True)
def seeded_requests(request, monkeypatch) -> None:
    """Completions, ideas and hints are drawn at random (a child's "Another one" must differ).
    Here each request the window makes takes the next seed of a fixed sequence, so every
    check on what the models drew is repeatable, and "Another one" still gets a new drawing.
    Requests that name their own seed keep it."""
    if "window" not in request.fixturenames:
        return
    window = request.getfixturevalue("window")
    make_request = window.draw_along.make_request
    seeds = itertools.count()

    def seeded(*args, **kwargs):
        if kwargs.get("seed") is None:
            kwargs["seed"] = next(seeds)
        return make_request(*args, **kwargs)

    monkeypatch.setattr(window.draw_along, "make_request", seeded)


def test_finish_it_animates_a_completion_that_is_kept_as_one_undo_step(window, qtbot):
    _draw_a_head(window)
    child_strokes = window.document.strokes
    assert window.finish_button.isEnabled()
    with qtbot.waitSignal(window.preview.finished_playing, timeout=INFERENCE_TIMEOUT_MS):
        qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    preview = window.preview.polylines()
    assert preview, "the model drew nothing"
    assert window.document.strokes == child_strokes  # nothing joins before the child says so
    assert window.keep_button.isVisible() and window.another_button.isVisible()
    # The completion belongs to the child's drawing: same place, same scale.
    child_points = np.concatenate([s.xy for s in child_strokes])
    child_middle = (child_points.min(axis=0) + child_points.max(axis=0)) / 2
    child_extent = np.ptp(child_points, axis=0).max()
    model_points = np.concatenate(preview)
    assert np.median(np.linalg.norm(model_points - child_middle, axis=1)) < 2 * child_extent
    assert 0.2 * child_extent < np.ptp(model_points, axis=0).max() < 5 * child_extent

    qtbot.mouseClick(window.keep_button, Qt.MouseButton.LeftButton)
    strokes = window.document.strokes
    model_strokes = [s for s in strokes if s.author == "model"]
    assert strokes[: len(child_strokes)] == child_strokes
    assert len(model_strokes) == len(preview)
    assert all(s.color == window.model_color() for s in model_strokes)
    assert not window.keep_button.isVisible()

    window.document.undo_stack.undo()
    assert window.document.strokes == child_strokes


def test_another_one_replaces_the_completion(window, qtbot):
    _draw_a_head(window)
    with qtbot.waitSignal(window.preview.finished_playing, timeout=INFERENCE_TIMEOUT_MS):
        window.request_completion()
    first = window.preview.polylines()
    with qtbot.waitSignal(window.preview.finished_playing, timeout=INFERENCE_TIMEOUT_MS):
        qtbot.mouseClick(window.another_button, Qt.MouseButton.LeftButton)
    second = window.preview.polylines()
    assert second and not _same_strokes(first, second)


def test_touching_the_canvas_drops_a_completion_being_shown(window, qtbot):
    _draw_a_head(window)
    with qtbot.waitSignal(window.preview.started, timeout=INFERENCE_TIMEOUT_MS):
        window.request_completion()
    mouse_stroke(window.canvas.viewport(), line((50, 50), (90, 60)))
    assert not window.preview.is_active()
    assert all(s.author == "child" for s in window.document.strokes)


def test_idea_panes_fill_and_a_click_adopts_the_ending(window, qtbot):
    window.set_variation_count(9)
    _draw_a_head(window)
    with qtbot.waitSignal(window.draw_along.variations_ready, timeout=INFERENCE_TIMEOUT_MS) as got:
        pass  # drawing schedules the refill (debounced)
    assert len(got.args[0]) == 9
    panes = window.variations_panel.panes()
    assert len(panes) == 9 and all(p.has_ending() and p.isEnabled() for p in panes)
    endings = [tuple(map(len, p.ending())) for p in panes]
    assert len(set(endings)) > 1, "all panes show the same ending"

    child_strokes = window.document.strokes
    chosen = panes[3].ending()
    qtbot.mouseClick(panes[3], Qt.MouseButton.LeftButton)
    added = window.document.strokes[len(child_strokes) :]
    assert [s.author for s in added] == ["model"] * len(chosen)
    for stroke, expected in zip(added, chosen, strict=True):
        np.testing.assert_allclose(stroke.xy, expected, atol=1e-4)
    window.document.undo_stack.undo()
    assert window.document.strokes == child_strokes


def test_more_ideas_refills_the_panes(window, qtbot):
    _draw_a_head(window)
    _wait_for_idle_variations(window, qtbot)
    before = [p.ending() for p in window.variations_panel.panes()]
    with qtbot.waitSignal(window.draw_along.variations_ready, timeout=INFERENCE_TIMEOUT_MS):
        qtbot.mouseClick(window.variations_panel.more_button, Qt.MouseButton.LeftButton)
    after = [p.ending() for p in window.variations_panel.panes()]
    assert len(after) == 6 and all(after)
    assert not all(_same_strokes(a, b) for a, b in zip(before, after, strict=True))


def test_ghost_hint_appears_after_pen_up_and_vanishes_on_pen_down(window, qtbot):
    _draw_a_head(window)
    with qtbot.waitSignal(window.draw_along.hint_ready, timeout=INFERENCE_TIMEOUT_MS):
        mouse_stroke(window.canvas.viewport(), line((400, 390), (400, 450)))
    assert window.canvas.ghost_visible()
    send_mouse(window.canvas.viewport(), QEvent.Type.MouseButtonPress, (100, 100))
    assert not window.canvas.ghost_visible()
    send_mouse(window.canvas.viewport(), QEvent.Type.MouseButtonRelease, (100, 100))


def test_no_ghost_when_hints_are_switched_off(window, qtbot):
    qtbot.mouseClick(window.hint_button, Qt.MouseButton.LeftButton)
    assert not window.hints_enabled
    hints = []
    window.draw_along.hint_ready.connect(hints.append)
    _draw_a_head(window)
    _wait_for_idle_variations(window, qtbot)
    assert hints == [] and not window.canvas.ghost_visible()


def test_only_the_latest_of_two_quick_requests_is_applied(window, qtbot):
    _draw_a_head(window)
    _wait_for_idle_variations(window, qtbot)
    delivered = []
    window.draw_along.completion_ready.connect(delivered.append)
    strokes = [s.xy for s in window.document.strokes]
    size = window.canvas.canvas_size()
    extent = window.canvas.min_extent_px()
    older = window.draw_along.make_request(strokes, 0.9, extent, size, seed=1)
    newer = window.draw_along.make_request(strokes, 0.9, extent, size, seed=2)
    with qtbot.waitSignal(window.preview.finished_playing, timeout=INFERENCE_TIMEOUT_MS):
        window.draw_along.request_completion(older)
        window.draw_along.request_completion(newer)
    qtbot.wait(300)  # a stale result would have arrived by now
    model = window.draw_along.registry.get("bear")
    expected = draw.complete(strokes, model, temperature=0.9, seed=2, min_extent_px=extent)
    assert len(delivered) == 1
    shown = window.preview.polylines()
    assert len(shown) == len([e for e in expected if len(e)])
    for got, want in zip(shown, [e for e in expected if len(e)], strict=True):
        np.testing.assert_allclose(got, want, atol=1e-3)


def test_choosing_a_model_goes_through_one_method(window, qtbot):
    assert window.active_model() == "bear"
    assert window.model_chooser.currentText() == "Bear"
    with qtbot.waitSignal(window.active_model_changed) as changed:
        window.set_active_model("sheep")
    assert changed.args == ["sheep"]
    assert window.model_chooser.currentText() == "Sheep"
    assert window.document.drawing.object_name == "sheep"
    with qtbot.waitSignal(window.active_model_changed) as changed:
        window.model_chooser.setCurrentIndex(window.model_chooser.findData("bear"))
        window.model_chooser.activated.emit(window.model_chooser.currentIndex())
    assert changed.args == ["bear"]


def test_without_models_the_ai_buttons_are_disabled_but_visible(window_without_models):
    window = window_without_models
    for button in (window.finish_button, window.variations_panel.more_button, window.hint_button):
        assert button.isVisible() and not button.isEnabled()
        assert "grown-up" in button.toolTip()
    assert window.active_model() == ""
    assert not any(p.has_ending() for p in window.variations_panel.panes())


def test_finish_it_on_an_empty_page_draws_in_the_middle(window, qtbot):
    with qtbot.waitSignal(window.preview.finished_playing, timeout=INFERENCE_TIMEOUT_MS):
        qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    points = np.concatenate(window.preview.polylines())
    middle = (points.min(axis=0) + points.max(axis=0)) / 2
    width, height = window.canvas.canvas_size()
    np.testing.assert_allclose(middle, (width / 2, height / 2), atol=1.0)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.preview.is_active() and window.document.strokes == ()


def test_idea_panes_cannot_be_picked_while_new_ideas_are_coming(window, qtbot):
    _draw_a_head(window)
    _wait_for_idle_variations(window, qtbot)
    panes = window.variations_panel.panes()
    assert all(p.isEnabled() for p in panes)
    mouse_stroke(window.canvas.viewport(), line((50, 50), (90, 60)))
    assert all(p.is_waiting() and not p.isEnabled() for p in panes)
    before = window.document.strokes
    window.adopt_variation(0)
    assert window.document.strokes == before


def test_a_broken_model_gives_a_friendly_message_and_the_app_goes_on(
    qtbot, magenta_models_dir, tmp_path
):
    models = tmp_path / "models"
    shutil.copytree(magenta_models_dir / "bear", models / "bear")
    registry = ModelRegistry(bundled_dir=tmp_path / "none", user_dir=models)
    window = MainWindow(registry)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.show()
    # The file breaks after Doodle has found the model (a half-finished copy, a bad disk).
    (models / "bear" / "decoder_step.onnx").write_bytes(b"not an onnx graph")
    with qtbot.waitSignal(window.draw_along.failed, timeout=INFERENCE_TIMEOUT_MS):
        window.request_completion()
    assert window.banner.isVisible()
    assert "grown-up" in window.banner.text()
    assert "onnx" not in window.banner.text().lower()
    mouse_stroke(window.canvas.viewport(), line((100, 100), (200, 200)))
    assert len(window.document.strokes) == 1


def test_an_empty_page_already_shows_ideas(window, qtbot):
    qtbot.waitUntil(
        lambda: all(p.has_ending() for p in window.variations_panel.panes()),
        timeout=INFERENCE_TIMEOUT_MS,
    )
    assert window.document.drawing.object_name == "bear"


def test_finish_it_keeps_its_width_while_thinking(window, qtbot):
    _draw_a_head(window)
    button = window.finish_button
    with qtbot.waitSignal(window.draw_along.completion_ready, timeout=INFERENCE_TIMEOUT_MS):
        window.request_completion()
        assert button.text() == "Thinking..."
        thinking_width = button.sizeHint().width()
        assert button.minimumWidth() >= thinking_width
    # Back to "Finish it!" without getting narrower: the bottom bar is not laid out again.
    assert button.text() == "Finish it!"
    assert button.minimumWidth() >= thinking_width
