"""Mix: "a cat's head + a pig's body". Drawing A, plus what B has, minus what C has.

``MixDialog`` offers three rows of drawings (start with A, add B, take away C), a "Mix!"
button and a few results; touching a result puts it on a new page. It sits behind "more
ideas" because the arithmetic is for older children. Like the morph dialog it does no
inference: ``mix_requested`` asks, ``show_results`` answers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from doodle.ui.ideas_choose import DrawingChoice, DrawingChooser, polylines_of
from doodle.ui.variations import VariationPane
from doodle.ui.widgets import BigButton

MIX_RESULTS = 3


class MixDialog(QDialog):
    """Pick A, B and C; see A + (B - C)."""

    mix_requested = Signal(object, object, object)  # A, B, C as canvas-px polylines
    result_chosen = Signal(object)  # the chosen result's polylines

    def __init__(
        self,
        choices: Sequence[DrawingChoice],
        color: str,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mix drawings"))
        self.resize(900, 760)
        layout = QVBoxLayout(self)
        self.choosers: list[DrawingChooser] = []
        texts = (
            self.tr("Start with this drawing (for example a cat's head):"),
            self.tr("Add what this one has (for example a whole pig):"),
            self.tr("Take away what this one has (for example a pig's head):"),
        )
        for index, text in enumerate(texts):
            label = QLabel(text)
            label.setObjectName("paneTitle")
            layout.addWidget(label)
            chooser = DrawingChooser()
            chooser.set_choices(choices)
            if chooser.count():
                chooser.choose(min(index, chooser.count() - 1))
            layout.addWidget(chooser)
            self.choosers.append(chooser)
        row = QHBoxLayout()
        layout.addLayout(row, 1)
        self.mix_button = BigButton("mix", self.tr("Mix!"))
        self.mix_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.mix_button.clicked.connect(self.request_mix)
        row.addWidget(self.mix_button, 0, Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout()
        row.addLayout(grid, 1)
        self.panes: list[VariationPane] = []
        for index in range(MIX_RESULTS):
            pane = VariationPane(color)
            pane.setToolTip(self.tr("Put this drawing on a new page"))
            pane.setEnabled(False)
            pane.clicked.connect(lambda _checked=False, i=index: self._on_pane_clicked(i))
            grid.addWidget(pane, 0, index)
            self.panes.append(pane)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.reject)
        layout.addWidget(close_button, 0, Qt.AlignmentFlag.AlignRight)
        self._waiting = False
        for chooser in self.choosers:
            chooser.chosen.connect(self._update_buttons)
        self._update_buttons()

    def request_mix(self) -> None:
        chosen = [chooser.chosen_drawing() for chooser in self.choosers]
        if any(drawing is None for drawing in chosen):
            return
        self._waiting = True
        for pane in self.panes:
            pane.set_waiting(True)
        self.message_label.setText(self.tr("Doodle is mixing..."))
        self._update_buttons()
        self.mix_requested.emit(*(polylines_of(drawing) for drawing in chosen))

    def show_results(self, drawings: Sequence[Sequence[np.ndarray]]) -> None:
        self._waiting = False
        for pane, drawing in zip(self.panes, list(drawings) + [[]] * MIX_RESULTS, strict=False):
            pane.set_content([], drawing)
        self.message_label.setText(self.tr("Touch a drawing to put it on a new page."))
        self._update_buttons()

    def show_problem(self, message: str) -> None:
        self._waiting = False
        for pane in self.panes:
            pane.set_waiting(False)
        self.message_label.setText(message)
        self._update_buttons()

    def _on_pane_clicked(self, index: int) -> None:
        pane = self.panes[index]
        if pane.has_ending():
            self.result_chosen.emit(pane.ending())
            self.accept()

    def _update_buttons(self) -> None:
        ready = all(chooser.chosen_drawing() is not None for chooser in self.choosers)
        self.mix_button.setEnabled(ready and not self._waiting)
