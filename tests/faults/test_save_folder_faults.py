"""The save folder stops being writable while a child draws (root ignores file modes, so the
folder is replaced by a plain file: nothing can be created inside it, as on a read-only or
vanished share). The drawing goes to the fallback folder with a clear message."""

from __future__ import annotations

import json
import os
import shutil

from doodle import paths
from doodle.core.fileformat import load_drawing
from tests.faults.app_window import (
    assert_strokes_kept,
    assert_window_still_draws,
    classroom,
    draw_some_strokes,
    open_app_window,
    stroke_points,
)


def _strokes_equal(drawing, window) -> bool:
    return [s.points.tolist() for s in drawing.strokes] == [
        s.points.tolist() for s in window.document.strokes
    ]


def test_an_unwritable_save_folder_falls_back_and_recovers(qtbot, tiny_model, tmp_path):
    save_folder = tmp_path / "class-share" / "drawings"
    save_folder.mkdir(parents=True)
    config = os.environ["DOODLE_SYSTEM_CONFIG"]
    with open(config, "w", encoding="utf-8") as stream:
        json.dump({"save_folder": str(save_folder), "music_on": False}, stream)
    window = open_app_window(qtbot)
    tools = classroom(window)
    messages = []
    tools.save_problem_reported.connect(messages.append)
    draw_some_strokes(window, 2)
    saved = tools.autosaver.last_outcome.path
    assert saved.parent == save_folder and _strokes_equal(load_drawing(saved), window)

    # The share goes away: the folder becomes a file.
    shutil.rmtree(save_folder)
    save_folder.write_text("not a folder any more")
    draw_some_strokes(window, 2, seed=1)
    before = stroke_points(window)
    outcome = tools.autosaver.last_outcome
    assert outcome.used_fallback
    assert outcome.path.parent == paths.fallback_drawings_dir()
    assert _strokes_equal(load_drawing(outcome.path), window)
    # The save ran in the background; its message arrives on the UI thread, once.
    qtbot.waitUntil(lambda: len(messages) == 1)
    (message,) = messages
    assert str(save_folder) in message and str(paths.fallback_drawings_dir()) in message
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert window.banner.text() == message
    assert_strokes_kept(window, before)

    # The share comes back: saving goes there again and the fallback copy is removed.
    save_folder.unlink()
    save_folder.mkdir()
    assert_window_still_draws(window)
    outcome = tools.autosaver.last_outcome
    assert not outcome.used_fallback and outcome.path.parent == save_folder
    assert _strokes_equal(load_drawing(outcome.path), window)
    assert not list(paths.fallback_drawings_dir().glob("*.doodle"))


def test_when_no_folder_can_be_written_the_drawing_stays_in_the_window(qtbot, tiny_model, tmp_path):
    save_folder = tmp_path / "gone"
    save_folder.write_text("a file where the folder should be")
    with open(os.environ["DOODLE_SYSTEM_CONFIG"], "w", encoding="utf-8") as stream:
        json.dump({"save_folder": str(save_folder)}, stream)
    window = open_app_window(qtbot)
    tools = classroom(window)
    fallback = paths.fallback_drawings_dir()
    shutil.rmtree(fallback)
    fallback.write_text("the fallback folder is unusable too")
    draw_some_strokes(window, 3)
    outcome = tools.autosaver.last_outcome
    assert outcome.path is None and "memory" in outcome.problem
    qtbot.waitUntil(lambda: window.banner.isVisible())
    assert "tell your teacher" in window.banner.text().lower()
    assert len(window.document.strokes) == 3
    assert_window_still_draws(window)
