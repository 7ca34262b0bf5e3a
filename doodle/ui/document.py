"""The open drawing on the UI side: the core ``Drawing`` plus a ``QUndoStack``.

Every change goes through a core undo command (``AddStrokes``, ``RemoveStrokes``,
``ClearStrokes``, ``ReplaceStrokes``) wrapped in a ``QUndoCommand``, so one stroke, one eraser
drag, one clear or one accepted model completion is exactly one undo step. ``changed`` fires
after every apply/revert; the canvas and the panes re-read the drawing then. The history keeps
the newest ``UNDO_LIMIT`` steps.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from doodle.core.drawing import (
    AddStrokes,
    ClearStrokes,
    Drawing,
    DrawingCommand,
    DrawingSnapshot,
    RemoveStrokes,
    Stroke,
)

# Undo steps kept. Each step holds the strokes it added or took away (an erased or cleared
# page stays in memory as long as its step does), so an unbounded history is what grows in a
# long session. 200 steps is far more than a child takes back in one go, and only a few
# megabytes even for big drawings.
UNDO_LIMIT = 200


class _CoreCommand(QUndoCommand):
    """A ``QUndoCommand`` that applies/reverts one core drawing command."""

    def __init__(self, document: DrawingDocument, command: DrawingCommand, text: str) -> None:
        super().__init__(text)
        # A weak reference: the document owns the stack that owns this command, and a strong
        # one back would make a reference cycle through Qt-owned objects. Python's garbage
        # collector then frees the document's QObject (and with it the stack and this
        # command in C++) while still clearing the commands' wrappers, and crashes.
        self._document = weakref.ref(document)
        self._command = command

    def redo(self) -> None:
        document = self._document()
        if document is not None:
            self._command.apply(document.drawing)
            document.changed.emit()

    def undo(self) -> None:
        document = self._document()
        if document is not None:
            self._command.revert(document.drawing)
            document.changed.emit()


class DrawingDocument(QObject):
    """Owns the drawing being made and its undo history."""

    changed = Signal()
    replaced = Signal()  # a different drawing was opened (history starts afresh)

    def __init__(self, drawing: Drawing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drawing = drawing if drawing is not None else Drawing()
        self.undo_stack = QUndoStack(self)
        # Qt takes a limit only while the stack is empty; ``set_drawing`` keeps it.
        self.undo_stack.setUndoLimit(UNDO_LIMIT)

    @property
    def strokes(self) -> tuple[Stroke, ...]:
        return self.drawing.strokes

    def snapshot(self) -> DrawingSnapshot:
        return self.drawing.snapshot()

    def is_empty(self) -> bool:
        return len(self.drawing) == 0

    def set_drawing(self, drawing: Drawing) -> None:
        """Open another drawing (e.g. from the gallery); the undo history is cleared."""
        self.undo_stack.clear()
        self.drawing = drawing
        self.replaced.emit()
        self.changed.emit()

    def push(self, command: DrawingCommand, text: str) -> None:
        """Apply ``command`` as one undo step."""
        self.undo_stack.push(_CoreCommand(self, command, text))

    def add_stroke(
        self, points: np.ndarray, color: str, width: float, author: str = "child"
    ) -> Stroke:
        stroke = self.drawing.new_stroke(points, color, width, author)
        self.push(AddStrokes((stroke,)), self.tr("Draw"))
        return stroke

    def add_model_strokes(
        self, polylines: Sequence[np.ndarray], color: str, width: float, text: str
    ) -> tuple[Stroke, ...]:
        """Add strokes the model drew as ONE undo step; empty polylines are skipped."""
        strokes = tuple(
            self.drawing.new_stroke(np.asarray(line, np.float32)[:, :2], color, width, "model")
            for line in polylines
            if len(line) > 0
        )
        if strokes:
            self.push(AddStrokes(strokes), text)
        return strokes

    def remove_strokes(self, stroke_ids: Iterable[int]) -> None:
        ids = tuple(stroke_ids)
        if ids:
            self.push(RemoveStrokes(ids), self.tr("Erase"))

    def clear(self) -> None:
        if not self.is_empty():
            self.push(ClearStrokes(), self.tr("Clear"))
