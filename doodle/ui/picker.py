"""The object picker: one big picture button per installed object, drawn by its own model.

``ObjectPicker`` is the grid itself (pictures arrive later, from the worker). In the main
window a button in the picker area shows the current object and opens the grid in a popup
(``ObjectPickerPopup``), which keeps the canvas large; "More objects…" there downloads
models (behind the teacher PIN when one is set). ``PickerController`` wires it all to the
window: the offered models (all installed ones, or the classroom's ``objects`` list), the
pictures (made in the worker and cached by ``doodle.engine.thumbnails``; an object whose
picture cannot be made keeps its name alone), and the choice (``window.set_active_model``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from doodle.engine.contract import ModelInfo
from doodle.engine.thumbnails import model_drawing, model_fingerprint, remove_stale
from doodle.ui.picker_art import drawing_icon, object_label
from doodle.ui.workers import InferenceWorker

PICTURE_PX = 96
SMALL_PICTURE_PX = 48
COLUMNS = 5
THUMBNAIL_CHANNEL = "thumbnail:"


class ObjectButton(QToolButton):
    """A checkable picture button with the object's name underneath.

    ``label`` is the model's (English) label; the button shows it translated, passed through
    ``phrase`` when given (e.g. "Bear?"), and follows a change of language.
    """

    def __init__(
        self,
        name: str,
        label: str,
        picture_px: int,
        parent: QWidget | None = None,
        phrase: Callable[[str], str] | None = None,
    ):
        super().__init__(parent)
        self.name = name
        self.label = label
        self._phrase = phrase
        self.setObjectName(f"object_{name}")
        self.retranslate()
        self.setCheckable(True)
        self.setIconSize(QSize(picture_px, picture_px))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setMinimumSize(picture_px + 24, picture_px + 40)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.has_picture = False

    def set_picture(self, strokes: Sequence[np.ndarray]) -> None:
        self.setIcon(drawing_icon(strokes, self.iconSize().width()))
        self.has_picture = bool(strokes)

    def retranslate(self) -> None:
        text = object_label(self.name, self.label)
        if self._phrase is not None:
            text = self._phrase(text)
        self.setText(text)
        self.setToolTip(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ObjectPicker(QWidget):
    """A scrollable grid of ``ObjectButton``s plus a "More objects…" button."""

    object_chosen = Signal(str)
    more_objects_requested = Signal()

    def __init__(self, columns: int = COLUMNS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._buttons: dict[str, ObjectButton] = {}
        self._pictures: dict[str, list[np.ndarray]] = {}
        self._active = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setSpacing(8)
        self._scroll.setWidget(self._grid_host)
        outer.addWidget(self._scroll)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        outer.addWidget(self.empty_label)
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreObjectsButton")
        self.more_button.clicked.connect(self.more_objects_requested)
        outer.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def retranslate(self) -> None:
        """Set its own texts in the current language (the object buttons follow by themselves)."""
        self.empty_label.setText(
            self.tr("No drawing helpers are installed yet. Ask a grown-up to add some.")
        )
        self.more_button.setText(self.tr("More objects…"))
        self.more_button.setToolTip(self.tr("Download more things to draw (for grown-ups)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def buttons(self) -> dict[str, ObjectButton]:
        return dict(self._buttons)

    def names(self) -> list[str]:
        return list(self._buttons)

    def set_models(self, infos: Sequence[ModelInfo]) -> None:
        """Show exactly these models (in this order); pictures already known are kept."""
        for button in self._buttons.values():
            self._grid.removeWidget(button)
            button.deleteLater()
        self._buttons = {}
        for index, info in enumerate(infos):
            button = ObjectButton(info.name, info.label, PICTURE_PX)
            button.clicked.connect(lambda _checked=False, n=info.name: self._on_button_clicked(n))
            if info.name in self._pictures:
                button.set_picture(self._pictures[info.name])
            self._buttons[info.name] = button
            self._grid.addWidget(button, index // self._columns, index % self._columns)
        self.empty_label.setVisible(not infos)
        self.set_active(self._active)

    def set_picture(self, name: str, strokes: Sequence[np.ndarray]) -> None:
        self._pictures[name] = list(strokes)
        if name in self._buttons:
            self._buttons[name].set_picture(strokes)

    def picture(self, name: str) -> list[np.ndarray]:
        return list(self._pictures.get(name, []))

    def set_active(self, name: str) -> None:
        self._active = name
        for button_name, button in self._buttons.items():
            button.setChecked(button_name == name)

    def set_more_enabled(self, enabled: bool) -> None:
        self.more_button.setVisible(enabled)

    def _on_button_clicked(self, name: str) -> None:
        self.set_active(name)
        self.object_chosen.emit(name)


class ObjectPickerPopup(QDialog):
    """The picker grid in a window of its own; closes once an object is chosen."""

    def __init__(self, picker: ObjectPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = picker
        layout = QVBoxLayout(self)
        self._title = QLabel()
        self._title.setObjectName("paneTitle")
        layout.addWidget(self._title)
        layout.addWidget(picker)
        picker.object_chosen.connect(self.accept)
        self.resize(5 * (PICTURE_PX + 40) + 40, 3 * (PICTURE_PX + 56) + 100)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What shall we draw?"))
        self._title.setText(self.tr("What shall we draw?"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class CurrentObjectButton(QToolButton):
    """The picker area's button: the current object's picture and name; opens the grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currentObjectButton")
        self.setIconSize(QSize(SMALL_PICTURE_PX, SMALL_PICTURE_PX))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMinimumHeight(SMALL_PICTURE_PX + 12)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._name = ""
        self._label = ""
        self.retranslate()

    def show_object(self, name: str, label: str, strokes: Sequence[np.ndarray]) -> None:
        """Show object ``name`` (its model's label and picture); an empty name asks to choose."""
        self._name, self._label = name, label
        self.retranslate()
        self.setIcon(drawing_icon(strokes, SMALL_PICTURE_PX) if strokes else QIcon())

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Choose what to draw"))
        self.setText(object_label(self._name, self._label) if self._name else self.tr("Choose…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PickerController(QObject):
    """Keeps the picker in step with the window's models, pictures and active model."""

    pictures_changed = Signal()

    def __init__(
        self,
        window,
        worker: InferenceWorker,
        offers: Callable[[str], bool] | None = None,
        download: Callable[[QWidget], list[str]] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.worker = worker
        self.draw_along = window.draw_along
        self._offers = offers if offers is not None else (lambda _name: True)
        self._download = download
        self._infos: dict[str, ModelInfo] = {}
        self._requested: dict[str, str] = {}
        self.picker = ObjectPicker()
        self.popup = ObjectPickerPopup(self.picker, window)
        self.current_button = CurrentObjectButton()
        self.picker.set_more_enabled(download is not None)
        self.picker.object_chosen.connect(self._on_picker_object_chosen)
        self.picker.more_objects_requested.connect(self._on_picker_more_objects_requested)
        self.current_button.clicked.connect(self.popup.open)
        self.draw_along.models_changed.connect(self._on_draw_along_models_changed)
        worker.result_ready.connect(self._on_worker_result_ready)
        window.active_model_changed.connect(self._on_window_active_model_changed)
        self._on_draw_along_models_changed()

    def offered_models(self) -> list[ModelInfo]:
        return [info for info in self.draw_along.models() if self._offers(info.name)]

    def _on_draw_along_models_changed(self) -> None:
        remove_stale({info.name: info.path for info in self.draw_along.models()})
        infos = self.offered_models()
        self._infos = {info.name: info for info in infos}
        self.picker.set_models(infos)
        self.picker.set_active(self.window.active_model())
        for info in infos:
            self._request_picture(info)
        self._show_current()

    def _request_picture(self, info: ModelInfo) -> None:
        fingerprint = model_fingerprint(info.path)
        if self._requested.get(info.name) == fingerprint:
            return
        self._requested[info.name] = fingerprint
        registry = self.draw_along.registry
        name = info.name

        def job(state) -> tuple[str, list[np.ndarray]]:
            return name, model_drawing(registry.get(name), cancel=state.is_cancelled)

        self.worker.submit(THUMBNAIL_CHANNEL + name, job)

    def _on_worker_result_ready(self, channel: str, result: object) -> None:
        if not channel.startswith(THUMBNAIL_CHANNEL):
            return
        name, strokes = result  # type: ignore[misc]
        self.picker.set_picture(name, strokes)
        self._show_current()
        self.pictures_changed.emit()

    def _show_current(self) -> None:
        name = self.window.active_model()
        info = self._infos.get(name)
        if info is None:
            self.current_button.show_object("", "", [])
        else:
            self.current_button.show_object(name, info.label, self.picker.picture(name))

    def _on_picker_object_chosen(self, name: str) -> None:
        self.window.set_active_model(name)

    def _on_window_active_model_changed(self, name: str) -> None:
        self.picker.set_active(name)
        self._show_current()

    def _on_picker_more_objects_requested(self) -> None:
        if self._download is None:
            return
        installed = self._download(self.popup)
        if installed:
            self.draw_along.refresh_models()
