"""The disk stalls or fills up while the background autosave is writing.

The writer thread is held inside its rename (as on a slow or full disk) while the child goes
on drawing: the window keeps taking strokes, the file on disk stays the previous whole save,
the strokes drawn meanwhile are written as one newest state, a full disk reaches the banner
once, and quitting waits for the last write.
"""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication

from doodle import paths
from doodle.autosave import recover_open_drawing
from doodle.core.fileformat import load_drawing
from tests.faults.app_window import classroom, draw_some_strokes, open_app_window

HOLD_SECONDS = 10


def _use_save_folder(save_folder: Path) -> None:
    save_folder.mkdir(parents=True)
    with open(os.environ["DOODLE_SYSTEM_CONFIG"], "w", encoding="utf-8") as stream:
        json.dump({"save_folder": str(save_folder), "music_on": False}, stream)


def _points(strokes) -> list[list[list[float]]]:
    return [stroke.points.tolist() for stroke in strokes]


class _StuckRename:
    """``os.replace`` into one folder waits until released, then does ``then`` (or fails)."""

    def __init__(self, folder: Path, fail_with: int | None) -> None:
        self.folder = folder
        self.fail_with = fail_with
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self._real_replace = os.replace

    def __call__(self, source, target) -> None:
        if Path(target).parent != self.folder:
            return self._real_replace(source, target)
        self.threads.append(threading.current_thread())
        self.entered.set()
        self.release.wait(HOLD_SECONDS)
        if self.fail_with is not None:
            raise OSError(self.fail_with, os.strerror(self.fail_with))
        return self._real_replace(source, target)


def test_a_full_disk_during_a_background_write_loses_nothing(
    qtbot, tiny_model, tmp_path, monkeypatch
):
    save_folder = tmp_path / "class-share"
    _use_save_folder(save_folder)
    window = open_app_window(qtbot)
    tools = classroom(window)
    messages: list[str] = []
    tools.save_problem_reported.connect(messages.append)
    draw_some_strokes(window, 2)
    saved_path = tools.autosaver.last_outcome.path
    previous_save = _points(load_drawing(saved_path).strokes)
    assert len(previous_save) == 2

    stuck = _StuckRename(save_folder, fail_with=errno.ENOSPC)
    monkeypatch.setattr(os, "replace", stuck)
    draw_some_strokes(window, 1, seed=1)
    assert stuck.entered.wait(HOLD_SECONDS)
    # The disk hangs, the child does not: three more strokes while the first write waits.
    draw_some_strokes(window, 3, seed=2)
    assert len(window.document.strokes) == 6 and window.isVisible()
    assert tools.autosaver.saving
    # Whatever happens to the write in progress, the file on disk is the previous save.
    assert _points(load_drawing(saved_path).strokes) == previous_save
    assert not messages

    stuck.release.set()
    qtbot.waitUntil(lambda: len(messages) > 0, timeout=HOLD_SECONDS * 1000)
    outcome = tools.autosaver.last_outcome
    assert outcome.used_fallback and outcome.path.parent == paths.fallback_drawings_dir()
    assert _points(load_drawing(outcome.path).strokes) == _points(window.document.strokes)
    assert _points(load_drawing(saved_path).strokes) == previous_save
    assert not list(save_folder.glob(".*.tmp"))  # the failed writes left no temporary files
    # The three strokes drawn during the stall were written once, as the newest state, and
    # never by the UI thread.
    assert len(stuck.threads) == 2
    assert threading.main_thread() not in stuck.threads
    qtbot.wait(50)  # late outcomes of the same trouble are not reported again
    (message,) = messages
    assert str(save_folder) in message and str(paths.fallback_drawings_dir()) in message
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.text() == message


def _window_held_in_a_slow_write(qtbot, tmp_path, monkeypatch, strokes: int, seed: int):
    """A window whose save folder hangs in the write of ``strokes`` new strokes.

    Returns the window, the held rename and the file the earlier save wrote.
    """
    save_folder = tmp_path / "slow-share"
    _use_save_folder(save_folder)
    window = open_app_window(qtbot)
    draw_some_strokes(window, 1)
    saved_path = classroom(window).autosaver.last_outcome.path

    stuck = _StuckRename(save_folder, fail_with=None)
    monkeypatch.setattr(os, "replace", stuck)
    draw_some_strokes(window, strokes, seed=seed)
    assert stuck.entered.wait(HOLD_SECONDS)
    return window, stuck, saved_path


def test_closing_the_window_waits_for_a_slow_write(qtbot, tiny_model, tmp_path, monkeypatch):
    window, stuck, saved_path = _window_held_in_a_slow_write(
        qtbot, tmp_path, monkeypatch, strokes=2, seed=3
    )
    drawn = _points(window.document.strokes)
    # The disk comes back a moment after the window is asked to close.
    threading.Timer(0.2, stuck.release.set).start()
    window.close()
    assert stuck.release.is_set()
    assert _points(load_drawing(saved_path).strokes) == drawn
    assert recover_open_drawing() is None  # a clean close: nothing to recover next time


def test_quitting_the_application_waits_for_a_slow_write(qtbot, tiny_model, tmp_path, monkeypatch):
    window, stuck, saved_path = _window_held_in_a_slow_write(
        qtbot, tmp_path, monkeypatch, strokes=1, seed=4
    )
    threading.Timer(0.2, stuck.release.set).start()
    # What QApplication.quit() (a logout, the session ending) sends before the event loop stops.
    QApplication.instance().aboutToQuit.emit()
    assert stuck.release.is_set()
    assert _points(load_drawing(saved_path).strokes) == _points(window.document.strokes)
