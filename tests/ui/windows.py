"""Showing a real main window in a test: registered with qtbot so it shuts down at the end.

The window's workers and writers stop through ``MainWindow.shutdown`` when qtbot closes the
window after the test.
"""

from __future__ import annotations

from doodle.ui.main_window import MainWindow

CLASSROOM_SCREEN = (1366, 768)


def show_main_window(qtbot, window: MainWindow, size: tuple[int, int] = CLASSROOM_SCREEN):
    """``window`` resized to ``size``, shown and exposed; shut down when the test ends."""
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window
