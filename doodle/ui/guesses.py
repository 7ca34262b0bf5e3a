""" "Is it a bear?": the recogniser's top guesses as picture buttons while the child draws.

After every change of the drawing (pen-up, undo, new page) ``RecognitionController`` sends
the child's strokes to the worker on the ``recognize`` channel (a newer request cancels the
older one) and shows the three best guesses in ``GuessBar``; choosing one switches the
active model through ``window.set_active_model``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from doodle.engine.recognize import Guess, Recognizer, load_classifier
from doodle.ui.picker import SMALL_PICTURE_PX, ObjectButton, PickerController
from doodle.ui.workers import InferenceWorker

RECOGNIZE_CHANNEL = "recognize"
TOP_GUESSES = 3
# Guesses less likely than this are not worth a button.
MIN_SCORE = 0.05


class GuessBar(QWidget):
    """ "Is it …?" followed by up to three picture buttons; hidden when there is no guess."""

    guess_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guessBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel()
        self.question.setObjectName("paneTitle")
        layout.addWidget(self.question)
        self._layout = layout
        self._buttons: list[ObjectButton] = []
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Set its own text in the current language (the guess buttons follow by themselves)."""
        self.question.setText(self.tr("Is it…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def buttons(self) -> list[ObjectButton]:
        return list(self._buttons)

    def guessed_names(self) -> list[str]:
        return [button.name for button in self._buttons]

    def _as_question(self, object_name: str) -> str:
        # "Bear?" rather than "a bear?": no article to get wrong in any language.
        return self.tr("%1?").replace("%1", object_name)

    def set_guesses(
        self, guesses: Sequence[tuple[str, str, Sequence[np.ndarray]]], active: str = ""
    ) -> None:
        """Show ``(name, model label, picture strokes)`` guesses, best first; none hides the bar."""
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for name, label, strokes in guesses:
            button = ObjectButton(name, label, SMALL_PICTURE_PX, phrase=self._as_question)
            button.setChecked(name == active)
            if strokes:
                button.set_picture(strokes)
            button.clicked.connect(lambda _checked=False, n=name: self.guess_chosen.emit(n))
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.setVisible(bool(self._buttons))


class RecognitionController(QObject):
    """Runs the recogniser after each change of the drawing and shows the guesses."""

    guesses_shown = Signal(list)  # list of Guess

    def __init__(
        self,
        window,
        picker: PickerController,
        worker: InferenceWorker,
        recognizer: Recognizer | None = None,
        offers: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.picker = picker
        self.worker = worker
        self.recognizer = recognizer or Recognizer(window.draw_along.registry, load_classifier())
        self._offers = offers if offers is not None else (lambda _name: True)
        self.guess_bar = GuessBar()
        self.last_guesses: list[Guess] = []
        self.guess_bar.guess_chosen.connect(self._on_guess_bar_guess_chosen)
        self.worker.result_ready.connect(self._on_worker_result_ready)
        self.worker.job_failed.connect(self._on_worker_job_failed)
        window.document.changed.connect(self.request)
        window.active_model_changed.connect(self._on_window_active_model_changed)
        picker.pictures_changed.connect(self._show)

    def request(self) -> None:
        """Guess again from the child's current strokes (cancels a pending guess)."""
        strokes = tuple(
            np.array(stroke.xy, dtype=np.float32)
            for stroke in self.window.document.strokes
            if stroke.author == "child" and len(stroke.xy)
        )
        if not strokes:
            self.worker.cancel(RECOGNIZE_CHANNEL)
            self.last_guesses = []
            self._show()
            return
        candidates = [
            info.name for info in self.window.draw_along.models() if self._offers(info.name)
        ]
        recognizer = self.recognizer

        def job(state) -> list[Guess]:
            return recognizer.guess(strokes, candidates, TOP_GUESSES, cancel=state.is_cancelled)

        self.worker.submit(RECOGNIZE_CHANNEL, job)

    def _on_worker_result_ready(self, channel: str, result: object) -> None:
        if channel != RECOGNIZE_CHANNEL:
            return
        self.last_guesses = [g for g in result if g.score >= MIN_SCORE]  # type: ignore[union-attr]
        self._show()
        self.guesses_shown.emit(list(self.last_guesses))

    def _on_worker_job_failed(self, channel: str, _error: object) -> None:
        # Guessing is a bonus: when it fails (the worker logs why) the guesses just go away.
        if channel == RECOGNIZE_CHANNEL:
            self.last_guesses = []
            self._show()

    def _show(self) -> None:
        infos = {info.name: info for info in self.window.draw_along.models()}
        rows = [
            (g.name, infos[g.name].label, self.picker.picker.picture(g.name))
            for g in self.last_guesses
            if g.name in infos
        ]
        self.guess_bar.set_guesses(rows, self.window.active_model())

    def _on_window_active_model_changed(self, _name: str) -> None:
        self._show()

    def _on_guess_bar_guess_chosen(self, name: str) -> None:
        self.window.set_active_model(name)
