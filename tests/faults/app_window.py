"""The real app window for fault tests and what the tests do with it: open it (every part
attached), draw strokes with real tablet events, check that the drawing was kept and that the
window still draws.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QApplication

import doodle.ui  # noqa: F401  (first, as in the UI tests)
from doodle.bench.tablet import draw_stroke
from doodle.config import load_settings
from doodle.ui.app import build_window
from doodle.ui.classroom import ClassroomTools
from doodle.ui.main_window import MainWindow
from tests.ui.windows import show_main_window

WAIT_MS = 20_000


def open_app_window(qtbot) -> MainWindow:
    """The window ``doodle`` opens (classroom, picker, music), shown."""
    return show_main_window(qtbot, build_window(load_settings()), (1200, 800))


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
