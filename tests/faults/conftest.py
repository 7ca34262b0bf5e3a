"""The real app window for fault tests: every part attached, tiny real models installed.

Faults are injected into real files, folders and devices; the tests then check that the
window shows a clear message, keeps running and keeps the child's drawing.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

import doodle.ui  # noqa: F401  (first, as in the UI tests)
from doodle import paths
from doodle.bench.tablet import draw_stroke
from doodle.config import load_settings
from doodle.ui.app import build_window
from doodle.ui.classroom import ClassroomTools
from doodle.ui.main_window import MainWindow
from tests.bench.model_factory import write_tiny_model
from tests.ui.windows import show_main_window

WAIT_MS = 20_000


@pytest.fixture
def tiny_model():
    return write_tiny_model(paths.user_models_dir(), "tiny")


def open_app_window(qtbot) -> MainWindow:
    """The window ``doodle`` opens (classroom, picker, music), shown."""
    return show_main_window(qtbot, build_window(load_settings()), (1200, 800))


@pytest.fixture
def app_window(qtbot, tiny_model) -> MainWindow:
    window = open_app_window(qtbot)
    window.set_active_model("tiny")
    assert window.active_model() == "tiny"
    return window


def classroom(window: MainWindow) -> ClassroomTools:
    tools = window.findChild(ClassroomTools)
    assert tools is not None
    return tools


def draw_some_strokes(window: MainWindow, count: int = 3, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(count):
        start = rng.uniform(150, 450, 2)
        points = start + np.cumsum(rng.normal(0, 8, (12, 2)), axis=0)
        draw_stroke(window.canvas.viewport(), points)
    QApplication.processEvents()


def stroke_points(window: MainWindow) -> list[np.ndarray]:
    return [stroke.points.copy() for stroke in window.document.strokes]


def assert_strokes_kept(window: MainWindow, before: list[np.ndarray]) -> None:
    after = stroke_points(window)
    assert len(after) >= len(before)
    for old, new in zip(before, after, strict=False):
        np.testing.assert_array_equal(old, new)


def assert_window_still_draws(window: MainWindow) -> None:
    count = len(window.document.strokes)
    draw_some_strokes(window, 1, seed=99)
    assert len(window.document.strokes) == count + 1
    assert window.isVisible()
