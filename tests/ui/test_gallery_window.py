"""The classroom features inside the main window: autosave through the real event path,
new pages, recovery, the save-folder fallback, PIN on quitting, offered objects, kiosk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from doodle import paths
from doodle.autosave import recover_open_drawing
from doodle.config import hash_pin, load_settings
from doodle.core.drawing import Drawing
from doodle.core.fileformat import load_drawing, save_drawing
from doodle.ui.classroom import attach_classroom, show_window
from doodle.ui.gallery import PathRole
from doodle.ui.music_controls import MusicControls
from doodle.ui.pin import PinDialog
from tests.ui.pointer import line, mouse_stroke


def _classroom(window, **config):
    if config:
        paths.system_config_path().write_text(json.dumps(config))
    return attach_classroom(window, load_settings())


def _saved(tools) -> Drawing:
    return load_drawing(tools.autosaver.last_outcome.path)


def test_every_stroke_is_saved_through_the_real_event_path(window_without_models):
    window = window_without_models
    tools = _classroom(window)
    teacher_buttons = [tools.gallery_button, tools.export_button, tools.print_button]
    assert all(button.parent() is window.teacher_area for button in teacher_buttons)
    viewport = window.canvas.viewport()
    for row in range(3):
        mouse_stroke(viewport, line((50, 60 + 50 * row), (300, 80 + 50 * row)))
        saved = _saved(tools)
        assert len(saved) == row + 1
        assert list(saved.strokes) == list(window.document.strokes)
    assert tools.autosaver.last_outcome.path.parent == paths.drawings_dir()
    assert recover_open_drawing() == tools.autosaver.last_outcome.path


def test_accepted_model_strokes_are_saved(window_without_models):
    window = window_without_models
    tools = _classroom(window)
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    window.document.add_model_strokes([np.array([[300, 80], [350, 200]])], "#e53935", 4.0, "x")
    assert [s.author for s in _saved(tools).strokes] == ["child", "model"]


def test_new_page_starts_a_new_file_and_undo_keeps_the_old_one(window_without_models):
    window = window_without_models
    tools = _classroom(window)
    viewport = window.canvas.viewport()
    mouse_stroke(viewport, line((50, 60), (300, 80)))
    first_file = tools.autosaver.last_outcome.path
    window.document.clear()
    window.document.undo_stack.undo()  # the page comes back: same file
    mouse_stroke(viewport, line((50, 160), (300, 180)))
    assert tools.autosaver.last_outcome.path == first_file and len(_saved(tools)) == 2
    window.document.clear()
    mouse_stroke(viewport, line((60, 60), (200, 300)))
    second_file = tools.autosaver.last_outcome.path
    assert second_file != first_file
    assert len(load_drawing(first_file)) == 2 and len(load_drawing(second_file)) == 1


def test_reopens_the_drawing_left_by_a_crash(window_without_models, tmp_path):
    drawing = Drawing(object_name="bear", child_name="Ada")
    drawing.add(drawing.new_stroke([[10.0, 10.0], [90.0, 40.0]]))
    path = paths.drawings_dir() / "left-open.doodle"
    save_drawing(path, drawing)
    paths.open_drawing_marker_path().write_text(json.dumps({"format": 1, "path": str(path)}))
    window = window_without_models
    tools = _classroom(window)
    assert list(window.document.strokes) == list(drawing.strokes)
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    assert tools.autosaver.last_outcome.path == path and len(load_drawing(path)) == 2


def test_unwritable_save_folder_warns_and_keeps_a_fallback(window_without_models, tmp_path, qtbot):
    blocker = tmp_path / "share-is-a-file"
    blocker.write_text("x")
    window = window_without_models
    tools = _classroom(window, save_folder=str(blocker / "drawings"))
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    outcome = tools.autosaver.last_outcome
    assert outcome.used_fallback and outcome.path.is_file()
    assert outcome.path.parent == paths.fallback_drawings_dir()
    # Saves run in the background; the warning reaches the UI thread a moment later.
    qtbot.waitUntil(window.banner.isVisible)
    assert str(blocker / "drawings") in window.banner.text()
    assert str(paths.fallback_drawings_dir()) in window.banner.text()
    assert len(window.document.strokes) == 1  # still there in memory


def _answer_pin(seen: list[str], pin: str | None) -> None:
    """Answer the next PIN question: type ``pin`` and press OK, or cancel when None."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.reason_label.text())
        if pin is None:
            dialog.reject()
        else:
            dialog.pin_edit.setText(pin)
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(20, answer)


def test_quitting_needs_the_pin(window_without_models):
    window = window_without_models
    tools = _classroom(window, teacher_pin_hash=hash_pin("2468", iterations=1000))
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    tools.autosaver.flush()  # the stroke's save (and the open-drawing marker) is written
    seen: list[str] = []
    _answer_pin(seen, None)
    assert not window.close()
    assert window.isVisible() and seen == ["Please type the teacher PIN to close Doodle."]
    assert recover_open_drawing() is not None
    _answer_pin(seen, "2468")
    assert window.close()
    assert len(seen) == 2 and recover_open_drawing() is None


def test_clean_quit_leaves_nothing_to_recover(window_without_models):
    window = window_without_models
    tools = _classroom(window)
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    saved_path = tools.autosaver.last_outcome.path
    assert window.close()
    assert recover_open_drawing() is None and saved_path.is_file()


def test_only_offered_objects_are_shown(window):
    _classroom(window, objects=["sheep"])
    chooser = window.model_chooser
    assert [chooser.itemData(i) for i in range(chooser.count())] == ["sheep"]
    assert window.active_model() == "sheep"


def test_export_from_the_canvas(window_without_models):
    window = window_without_models
    tools = _classroom(window)
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    written = tools.export_current("svg")
    assert len(written) == 1 and written[0].suffix == ".svg"
    assert written[0].parent == paths.drawings_dir() / "exports"
    assert Path(written[0]).read_text().count("<path") == 1


def test_kiosk_is_full_screen(window_without_models):
    show_window(window_without_models, kiosk=True)
    assert window_without_models.isFullScreen()


def test_drawing_records_that_music_played(window_without_models):
    window = window_without_models
    tools = _classroom(window)
    controls = MusicControls(parent=window)
    viewport = window.canvas.viewport()
    mouse_stroke(viewport, line((50, 60), (300, 80)))
    assert not _saved(tools).music_on
    controls.music_button.blockSignals(True)  # the flag only; no sound device in tests
    controls.music_button.setChecked(True)
    mouse_stroke(viewport, line((50, 160), (300, 180)))
    controls.music_button.setChecked(False)
    mouse_stroke(viewport, line((50, 260), (300, 280)))
    assert _saved(tools).music_on  # music was on while it was made


def test_deleting_the_open_drawing_starts_a_fresh_page(window_without_models, qtbot):
    window = window_without_models
    tools = _classroom(window)
    mouse_stroke(window.canvas.viewport(), line((50, 60), (300, 80)))
    open_path = tools.autosaver.last_outcome.path
    gallery = tools.open_gallery()
    rows = [
        i for i in range(gallery.grid.count()) if gallery.grid.item(i).data(PathRole) == open_path
    ]
    gallery.grid.item(rows[0]).setSelected(True)
    gallery.delete_selected()
    gallery.close()
    assert len(window.document.strokes) == 0
    mouse_stroke(window.canvas.viewport(), line((60, 60), (200, 300)))
    assert not open_path.exists() and tools.autosaver.last_outcome.path != open_path
