"""Undo, redo and "new page" in the main window restore the drawing exactly."""

from __future__ import annotations

import gc
import weakref

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from doodle.core.drawing import Drawing
from doodle.ui.document import UNDO_LIMIT, DrawingDocument
from tests.ui.pointer import line, mouse_stroke, tablet_stroke


def _state(document):
    return [(s.stroke_id, s.color, s.width, s.author, s.points.tobytes()) for s in document.strokes]


def _draw_three(window):
    viewport = window.canvas.viewport()
    mouse_stroke(viewport, line((100, 100), (300, 120)))
    window.palette.swatches()[1].click()  # red
    window.brush_sizes.buttons()[2].click()  # thick
    mouse_stroke(viewport, line((400, 100), (450, 350)))
    tablet_stroke(viewport, line((100, 250), (300, 300)), pressure=0.4)


def test_undo_and_redo_restore_every_stroke_exactly(window_without_models, qtbot):
    window = window_without_models
    assert not window.undo_button.isEnabled() and not window.redo_button.isEnabled()
    _draw_three(window)
    document = window.document
    drawn = _state(document)
    assert len(drawn) == 3 and document.strokes[1].color == "#e53935"
    assert document.strokes[1].width == 18.0

    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert _state(document) == drawn[:2]
    assert set(window.canvas.stroke_items()) == {drawn[0][0], drawn[1][0]}
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert _state(document) == [] and not window.undo_button.isEnabled()
    for _ in range(3):
        qtbot.mouseClick(window.redo_button, Qt.MouseButton.LeftButton)
    assert _state(document) == drawn
    assert not window.redo_button.isEnabled()
    assert set(window.canvas.stroke_items()) == {entry[0] for entry in drawn}


def test_keyboard_shortcuts_undo_and_redo(window_without_models, qtbot):
    window = window_without_models
    window.activateWindow()
    _draw_three(window)
    drawn = _state(window.document)
    qtbot.keySequence(window, QKeySequence("Ctrl+Z"))
    assert _state(window.document) == drawn[:2]
    qtbot.keySequence(window, QKeySequence("Ctrl+Shift+Z"))
    assert _state(window.document) == drawn


def _answer_clear(window, qtbot, yes: bool) -> None:
    qtbot.mouseClick(window.clear_button, Qt.MouseButton.LeftButton)
    dialog = window.clear_dialog()
    assert dialog is not None and dialog.isVisible()
    wanted = QMessageBox.ButtonRole.AcceptRole if yes else QMessageBox.ButtonRole.RejectRole
    (button,) = [b for b in dialog.buttons() if dialog.buttonRole(b) == wanted]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.clear_dialog() is None, timeout=2000)


def test_new_page_asks_first_and_can_be_undone(window_without_models, qtbot):
    window = window_without_models
    _draw_three(window)
    drawn = _state(window.document)

    _answer_clear(window, qtbot, yes=False)
    assert _state(window.document) == drawn

    _answer_clear(window, qtbot, yes=True)
    assert _state(window.document) == [] and window.canvas.stroke_items() == {}

    window.document.undo_stack.undo()  # the clear is one step
    assert _state(window.document) == drawn
    window.document.undo_stack.undo()  # then the strokes, one by one
    assert _state(window.document) == drawn[:2]


def test_new_page_on_an_empty_drawing_asks_nothing(window_without_models, qtbot):
    window = window_without_models
    qtbot.mouseClick(window.clear_button, Qt.MouseButton.LeftButton)
    assert window.clear_dialog() is None
    assert window.document.undo_stack.count() == 0


def test_model_strokes_are_added_as_one_step(window_without_models):
    document = window_without_models.document
    lines = [np.array([[0, 0], [10, 10]], np.float32), np.array([[20, 0], [5, 5], [1, 1]])]
    added = document.add_model_strokes(lines, "#7c4dff", 6.0, "Finish it")
    assert [s.author for s in document.strokes] == ["model", "model"]
    assert [len(s) for s in added] == [2, 3]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.strokes == ()


def test_opening_another_drawing_shows_exactly_its_strokes(window_without_models):
    window = window_without_models
    _draw_three(window)
    other = Drawing(object_name="sheep")
    other.add(other.new_stroke(np.array([[10, 10], [50, 60]], np.float32), "#1e88e5", 4.0))
    window.document.set_drawing(other)
    items = window.canvas.stroke_items()
    assert list(items) == [1]
    assert items[1].color.name() == "#1e88e5"
    assert window.document.undo_stack.count() == 0
    tablet_stroke(window.canvas.viewport(), line((100, 100), (200, 100)), pressure=0.5)
    assert [s.stroke_id for s in other.strokes] == [1, 2]


def _add_numbered_strokes(document: DrawingDocument, count: int) -> None:
    for number in range(count):
        points = np.array([[number, 0.0], [number + 5.0, 7.5]], np.float32)
        document.add_stroke(points, "#1e88e5", 4.0)


def _ids(document: DrawingDocument) -> list[int]:
    return [stroke.stroke_id for stroke in document.strokes]


def test_history_keeps_the_newest_steps_and_undo_within_them_is_exact(qapp):
    document = DrawingDocument()
    extra = 25
    _add_numbered_strokes(document, UNDO_LIMIT + extra)
    drawn = _state(document)
    stack = document.undo_stack
    assert stack.undoLimit() == UNDO_LIMIT and stack.count() == UNDO_LIMIT

    # Ten steps back and forth inside the limit restore the drawing exactly.
    for _ in range(10):
        stack.undo()
    assert _state(document) == drawn[:-10]
    for _ in range(10):
        stack.redo()
    assert _state(document) == drawn

    # Undo goes back as far as the limit: the oldest strokes can no longer be taken back.
    while stack.canUndo():
        stack.undo()
    assert _state(document) == drawn[:extra]
    assert _ids(document) == list(range(1, extra + 1))
    while stack.canRedo():
        stack.redo()
    assert _state(document) == drawn


def test_a_cleared_page_is_freed_once_its_step_drops_off(qapp):
    document = DrawingDocument()
    _add_numbered_strokes(document, 3)
    cleared = weakref.ref(document.strokes[0])
    document.clear()
    assert cleared() is not None  # the clear step can still bring the page back
    _add_numbered_strokes(document, UNDO_LIMIT - 1)
    gc.collect()
    assert cleared() is not None  # the clear is still the oldest step kept
    document.undo_stack.undo()  # steps inside the limit still undo exactly
    document.undo_stack.redo()
    _add_numbered_strokes(document, 1)
    gc.collect()
    assert cleared() is None
    assert document.undo_stack.count() == UNDO_LIMIT


def test_opening_another_drawing_keeps_the_limit(qapp):
    document = DrawingDocument()
    _add_numbered_strokes(document, 2)
    document.set_drawing(Drawing(object_name="cat"))
    _add_numbered_strokes(document, UNDO_LIMIT + 1)
    assert document.undo_stack.count() == UNDO_LIMIT


def test_a_closed_document_is_freed_without_the_garbage_collector(qapp):
    """No reference cycle through the Qt-owned undo commands: Python's collector freeing
    such a cycle deletes the stack's commands in C++ while clearing their wrappers, and the
    process crashes."""
    document = DrawingDocument()
    _add_numbered_strokes(document, 3)
    document.set_drawing(Drawing(object_name="cat"))
    _add_numbered_strokes(document, 2)
    document.undo_stack.undo()
    freed = weakref.ref(document)
    gc.disable()
    try:
        del document
        assert freed() is None
    finally:
        gc.enable()
