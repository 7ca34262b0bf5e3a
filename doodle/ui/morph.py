"""Morph: pick two drawings and watch one turn into the other.

``MorphDialog`` shows two rows of drawings ("from" and "to": the canvas drawing and the saved
ones), a "Morph!" button, the animation (``MorphPlayer``, plays there and back) and the frames
as a strip that a teacher can save as a PNG strip or an animated GIF (into the ``exports``
folder of the save folder, behind the teacher PIN when the classroom says so). The dialog does
no inference: it asks for frames with ``morph_requested`` (the two ``Drawing``s: their objects
decide which models draw the frames) and gets them in ``show_frames``, with a note when the
frames cannot turn one object into the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QTransform
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from doodle.config import Settings
from doodle.core.errors import DoodleError
from doodle.export.strip import (
    centred_frames,
    export_morph_gif,
    export_strip_png,
    strip_image,
)
from doodle.ui.gallery import EXPORTS_FOLDER_NAME
from doodle.ui.ideas_choose import DrawingChoice, DrawingChooser
from doodle.ui.ink import paint_polylines
from doodle.ui.pin import confirm_teacher
from doodle.ui.widgets import BigButton

FRAME_INTERVAL_MS = 180
END_HOLD_TICKS = 4
"""The first and last drawings stay a little longer, so children see what the morph joins."""
STRIP_CELL_PX = 72
PLAYER_MARGIN_PX = 16.0

Frames = list[list[np.ndarray]]


class MorphPlayer(QWidget):
    """Plays frames forwards and back again, at one common scale."""

    frame_shown = Signal(int)

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(220, 220)
        self._color = QColor(color)
        self._frames: Frames = []
        self._extent = 1.0
        self._schedule: list[int] = []
        self._position = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_INTERVAL_MS)
        self._timer.timeout.connect(self._advance)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(300, 300)

    def set_frames(self, frames: Sequence[Sequence[np.ndarray]]) -> None:
        self._frames, self._extent = centred_frames(frames)
        last = len(self._frames) - 1
        forwards = list(range(len(self._frames)))
        self._schedule = (
            [0] * END_HOLD_TICKS + forwards[1:] + [last] * (END_HOLD_TICKS - 1)
            + forwards[-2:0:-1]
        ) if last > 0 else forwards  # fmt: skip
        self._position = 0
        self.update()

    def frame_count(self) -> int:
        return len(self._frames)

    def current_frame(self) -> int:
        return self._schedule[self._position] if self._schedule else -1

    def play(self) -> None:
        if self._schedule:
            self._timer.start()
            self.frame_shown.emit(self.current_frame())

    def stop(self) -> None:
        self._timer.stop()

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def _advance(self) -> None:
        previous = self.current_frame()
        self._position = (self._position + 1) % len(self._schedule)
        if self.current_frame() != previous:
            self.update()
            self.frame_shown.emit(self.current_frame())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.setPen(QColor("#d5d9ea"))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(card, 12, 12)
        index = self.current_frame()
        if index < 0:
            return
        side = min(card.width(), card.height()) - 2 * PLAYER_MARGIN_PX
        scale = max(side, 1.0) / self._extent
        centre = card.center()
        painter.setTransform(QTransform(scale, 0, 0, scale, centre.x(), centre.y()))
        paint_polylines(painter, self._frames[index], self._color, 3.0 / scale)


class MorphDialog(QDialog):
    """Choose two drawings, watch the morph, save it as a strip or animation."""

    morph_requested = Signal(object, object)  # the start and end Drawings

    def __init__(
        self,
        settings: Settings,
        choices: Sequence[DrawingChoice],
        color: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Morph"))
        self.resize(900, 720)
        self._frames: Frames = []
        layout = QVBoxLayout(self)
        self.start_chooser = DrawingChooser()
        self.end_chooser = DrawingChooser()
        for chooser, text in (
            (self.start_chooser, self.tr("Start with this drawing:")),
            (self.end_chooser, self.tr("...and turn it into this one:")),
        ):
            label = QLabel(text)
            label.setObjectName("paneTitle")
            layout.addWidget(label)
            chooser.set_choices(choices)
            layout.addWidget(chooser)

        middle = QHBoxLayout()
        layout.addLayout(middle, 1)
        self.morph_button = BigButton("morph", self.tr("Morph!"))
        self.morph_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.morph_button.clicked.connect(self.request_morph)
        middle.addWidget(self.morph_button, 0, Qt.AlignmentFlag.AlignTop)
        self.player = MorphPlayer(color)
        middle.addWidget(self.player, 1)

        self.strip_label = QLabel()
        self.strip_label.setObjectName("morphStrip")
        strip_scroll = QScrollArea()
        strip_scroll.setWidget(self.strip_label)
        strip_scroll.setWidgetResizable(True)
        strip_scroll.setFixedHeight(STRIP_CELL_PX + 24)
        layout.addWidget(strip_scroll)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)

        row = QHBoxLayout()
        layout.addLayout(row)
        self.save_strip_button = QPushButton(self.tr("Save strip (PNG)"))
        self.save_gif_button = QPushButton(self.tr("Save animation (GIF)"))
        close_button = QPushButton(self.tr("Close"))
        self.save_strip_button.clicked.connect(lambda: self.save("png"))
        self.save_gif_button.clicked.connect(lambda: self.save("gif"))
        close_button.clicked.connect(self.accept)
        row.addWidget(self.save_strip_button)
        row.addWidget(self.save_gif_button)
        row.addStretch(1)
        row.addWidget(close_button)
        self._waiting = False
        if self.start_chooser.count():
            self.start_chooser.choose(0)
        if self.end_chooser.count() > 1:
            self.end_chooser.choose(1)
        for chooser in (self.start_chooser, self.end_chooser):
            chooser.chosen.connect(self._update_buttons)
        if not choices:
            self.message_label.setText(
                self.tr("Draw something first (or save some drawings), then come back to morph.")
            )
        self._update_buttons()

    # -- morphing ------------------------------------------------------------------------------

    def request_morph(self) -> None:
        start = self.start_chooser.chosen_drawing()
        end = self.end_chooser.chosen_drawing()
        if start is None or end is None:
            return
        self.player.stop()
        self._waiting = True
        self.message_label.setText(self.tr("Doodle is thinking..."))
        self._update_buttons()
        self.morph_requested.emit(start, end)

    def show_frames(self, frames: Sequence[Sequence[np.ndarray]], note: str = "") -> None:
        """Show (and start playing) a finished morph; ``note`` says what to know about it."""
        if not any(len(line) for frame in frames for line in frame):
            self.show_problem(self.tr("Doodle could not morph these two. Try other drawings!"))
            return
        self._waiting = False
        self._frames = [list(frame) for frame in frames]
        self.player.set_frames(self._frames)
        self.player.play()
        self.strip_label.setPixmap(QPixmap.fromImage(strip_image(self._frames, STRIP_CELL_PX)))
        self.message_label.setText(note)
        self._update_buttons()

    def show_problem(self, message: str) -> None:
        self._waiting = False
        self.message_label.setText(message)
        self._update_buttons()

    def frames(self) -> Frames:
        return list(self._frames)

    # -- saving --------------------------------------------------------------------------------

    def save(self, fmt: str) -> Path | None:
        """Save the morph as a PNG strip or a GIF into the exports folder; returns the file."""
        if not self._frames:
            return None
        if not self.settings.children_may_export and not confirm_teacher(
            self, self.settings, self.tr("Please type the teacher PIN to save the morph.")
        ):
            return None
        folder = self.settings.drawings_folder / EXPORTS_FOLDER_NAME
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"morph-{stamp}.{fmt}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if fmt == "png":
                export_strip_png(self._frames, path)
            else:
                export_morph_gif(self._frames, path, bounce=True)
        except (OSError, DoodleError) as error:
            self.message_label.setText(self.tr("Saving did not work: %1").replace("%1", str(error)))
            return None
        self.message_label.setText(self.tr("Saved in %1").replace("%1", str(path)))
        return path

    # -- state ---------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        ready = (
            self.start_chooser.chosen_drawing() is not None
            and self.end_chooser.chosen_drawing() is not None
        )
        self.morph_button.setEnabled(ready and not self._waiting)
        self.save_strip_button.setEnabled(bool(self._frames))
        self.save_gif_button.setEnabled(bool(self._frames))

    def done(self, result: int) -> None:
        self.player.stop()
        super().done(result)
