"""The classroom features of the main window: autosave and recovery, gallery, export, print,
settings, the PIN on quitting, kiosk mode and the objects a class is offered.

``attach_classroom(window)`` is the one call that adds them to a ``MainWindow``: buttons in the
window's teacher area, the autosaver on the document's ``changed`` signal (every finished
stroke, eraser drag and accepted model completion is one change), and a close guard. At start
it reopens the drawing that was open when Doodle last stopped without closing cleanly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from doodle import paths
from doodle.autosave import Autosaver, SaveOutcome, recover_open_drawing
from doodle.config import LoadedSettings, Settings, load_settings
from doodle.core.drawing import Drawing, utc_now
from doodle.core.errors import DoodleError
from doodle.core.fileformat import load_drawing
from doodle.export.formats import export_drawings
from doodle.ui.gallery import EXPORTS_FOLDER_NAME, GalleryDialog
from doodle.ui.i18n import install_translator
from doodle.ui.music_controls import MusicControls
from doodle.ui.pin import confirm_teacher
from doodle.ui.printing import print_drawings
from doodle.ui.settings_dialog import open_settings
from doodle.ui.widgets import BigButton

CANVAS_EXPORT_FORMATS = ("png", "svg", "pdf", "gif", "ndjson", "mid")


class _SaveRelay(QObject):
    """Carries autosave outcomes from the writer thread to the UI thread (queued signal).

    It has no parent and the autosaver holds it, so it outlives every write that reports to it.
    """

    finished = Signal(object)  # SaveOutcome

    def deliver(self, outcome: SaveOutcome) -> None:
        self.finished.emit(outcome)


class ClassroomTools(QObject):
    """Keeps the window's drawing saved and offers the teacher's tools."""

    save_problem_reported = Signal(str)  # friendly messages for the banner (saving, export, print)
    settings_changed = Signal()
    gallery_opened = Signal(object)  # the GalleryDialog just opened, for other parts to extend
    autosaved = Signal(object)  # SaveOutcome of each background save, on the UI thread

    def __init__(self, window, loaded: LoadedSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.loaded = loaded if loaded is not None else load_settings()
        self._save_relay = _SaveRelay()
        self._save_relay.finished.connect(self._on_autosave_finished)
        self.autosaver = Autosaver(self.settings.drawings_folder, on_saved=self._save_relay.deliver)
        self._ids_before_new_page: set[int] | None = None
        self._saved_ids: set[int] = set()
        self._last_problem: str | None = None
        self._build_buttons()
        self.autosaver.open(window.document.drawing)
        window.document.changed.connect(self._on_document_changed)
        window.document.replaced.connect(self._on_document_replaced)
        window.draw_along.models_changed.connect(self.apply_offered_objects)
        window.installEventFilter(self)
        # Quitting without closing the window (a session logout) still finishes the last save.
        QCoreApplication.instance().aboutToQuit.connect(self._on_app_about_to_quit)
        banner = getattr(window, "banner", None)
        if banner is not None:
            self.save_problem_reported.connect(banner.show_message)
        self.apply_offered_objects()

    @property
    def settings(self) -> Settings:
        return self.loaded.settings

    # -- buttons -------------------------------------------------------------------------------

    def _build_buttons(self) -> None:
        self.gallery_button = BigButton("gallery", "")
        self.gallery_button.clicked.connect(self.open_gallery)
        self.print_button = BigButton("print", "")
        self.print_button.clicked.connect(self.print_current)
        self.export_button = BigButton("export", "")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self._export_actions = {
            fmt: menu.addAction("", lambda f=fmt: self.export_current(f))
            for fmt in CANVAS_EXPORT_FORMATS
        }
        self.export_button.setMenu(menu)
        self.settings_button = BigButton("settings", "")
        self.settings_button.clicked.connect(self.open_settings)
        self.retranslate()
        for button in (
            self.gallery_button,
            self.export_button,
            self.print_button,
            self.settings_button,
        ):
            self.window.add_to_teacher_area(button)

    def retranslate(self) -> None:
        """Set the buttons' texts in the current language (at start and on a switch)."""
        self.gallery_button.setText(self.tr("My drawings"))
        self.gallery_button.setToolTip(self.tr("See, open and share your saved drawings"))
        self.print_button.setText(self.tr("Print"))
        self.print_button.setToolTip(self.tr("Print this drawing"))
        self.export_button.setText(self.tr("Share"))
        self.export_button.setToolTip(self.tr("Save this drawing as a picture, animation or tune"))
        labels = {
            "png": self.tr("Picture (PNG)"),
            "svg": self.tr("Vector picture (SVG)"),
            "pdf": self.tr("PDF"),
            "gif": self.tr("Animation of the drawing (GIF)"),
            "ndjson": self.tr("Quick, Draw! data (ndjson)"),
            "mid": self.tr("Melody (MIDI)"),
        }
        for fmt, action in self._export_actions.items():
            action.setText(labels[fmt])
        self.settings_button.setText(self.tr("Teacher"))
        self.settings_button.setToolTip(self.tr("Settings for teachers (PIN)"))

    # -- start-up ------------------------------------------------------------------------------

    def recover(self) -> Path | None:
        """Reopen the drawing that was open when Doodle stopped abruptly; returns its path."""
        path = recover_open_drawing()
        if path is None:
            return None
        try:
            drawing = load_drawing(path)
        except (OSError, DoodleError) as error:
            self._report(
                self.tr("The last drawing could not be opened again: %1").replace("%1", str(error))
            )
            return None
        self.open_drawing(path, drawing)
        return path

    def open_drawing(self, path: Path, drawing: Drawing | None = None) -> None:
        """Show a saved drawing in the canvas; later changes are saved into the same file."""
        drawing = drawing if drawing is not None else load_drawing(path)
        self.autosaver.open(drawing, path)
        self._ids_before_new_page = None
        self.window.document.set_drawing(drawing)
        if drawing.object_name and drawing.object_name in _model_names(self.window):
            self.window.set_active_model(drawing.object_name)

    # -- autosave ------------------------------------------------------------------------------

    def _on_document_replaced(self) -> None:
        drawing = self.window.document.drawing
        if drawing is not self.autosaver.drawing:
            self.autosaver.open(drawing)
            self._ids_before_new_page = None

    def _on_document_changed(self) -> None:
        drawing = self.window.document.drawing
        if drawing is not self.autosaver.drawing:
            self._on_document_replaced()
        if len(drawing) == 0:
            # A new page: the saved file keeps the old drawing. Undo brings the same strokes
            # back; new strokes start a new file.
            if self._saved_ids and self._ids_before_new_page is None:
                self._ids_before_new_page = set(self._saved_ids)
            return
        if self._ids_before_new_page is not None:
            current = {stroke.stroke_id for stroke in drawing.strokes}
            if current.isdisjoint(self._ids_before_new_page):
                drawing.created = utc_now()
                self.autosaver.open(drawing)
            self._ids_before_new_page = None
        # Written in the background: the child can go on drawing while the disk works.
        self._mark_music()
        self.autosaver.save_soon()
        self._saved_ids = {stroke.stroke_id for stroke in drawing.strokes}

    def _music_controls(self) -> MusicControls | None:
        return self.window.findChild(MusicControls)

    def apply_music_setting(self) -> None:
        """Start the music when the settings say it plays from the start."""
        controls = self._music_controls()
        if controls is not None and self.settings.music_on:
            controls.set_music_on(True)

    def _mark_music(self) -> None:
        controls = self._music_controls()
        if controls is not None and controls.music_button.isChecked():
            # The drawing remembers that music played, so its melody can be exported.
            self.autosaver.drawing.music_on = True

    def save_now(self) -> SaveOutcome:
        """Save the open drawing and wait until it is on disk; reports save-folder trouble."""
        self._mark_music()
        outcome = self.autosaver.save()
        self._saved_ids = {stroke.stroke_id for stroke in self.autosaver.drawing.strokes}
        self._report_save_problem(outcome)
        return outcome

    def _on_autosave_finished(self, outcome: SaveOutcome) -> None:
        # An outcome overtaken by a newer save (one ``save_now`` already reported) is history.
        if outcome is self.autosaver.latest_outcome:
            self._report_save_problem(outcome)
        self.autosaved.emit(outcome)

    def _report_save_problem(self, outcome: SaveOutcome) -> None:
        # Once per kind of trouble, not after every stroke.
        if outcome.problem != self._last_problem:
            self._last_problem = outcome.problem
            if outcome.problem:
                self._report(self._friendly_problem(outcome))

    def _friendly_problem(self, outcome: SaveOutcome) -> str:
        folder = str(self.autosaver.save_folder)
        if outcome.used_fallback:
            return (
                self.tr(
                    "Your drawing could not be saved in %1, so it is kept safe in %2. "
                    "Please tell your teacher."
                )
                .replace("%1", folder)
                .replace("%2", str(outcome.path.parent))
            )
        return self.tr(
            "Your drawing could not be saved anywhere. Keep Doodle open and tell your teacher."
        )

    def _report(self, message: str) -> None:
        self.save_problem_reported.emit(message)

    # -- tools ---------------------------------------------------------------------------------

    def _open_drawing_for_gallery(self) -> tuple[Path | None, Drawing]:
        outcome = self.autosaver.last_outcome
        path = outcome.path if outcome is not None else None
        return path, self.window.document.drawing

    def open_gallery(self) -> GalleryDialog:
        """Show the gallery (modal); opening a drawing there shows it in the canvas."""
        if len(self.window.document.drawing):
            self.save_now()
        dialog = GalleryDialog(
            self.settings,
            [self.settings.drawings_folder, paths.fallback_drawings_dir()],
            self._open_drawing_for_gallery,
            self.window,
        )
        dialog.drawing_opened.connect(self._on_gallery_drawing_opened)
        dialog.drawings_trashed.connect(self._on_gallery_drawings_trashed)
        self.gallery_opened.emit(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_gallery_drawing_opened(self, path: Path) -> None:
        try:
            self.open_drawing(Path(path))
        except (OSError, DoodleError) as error:
            self._report(self.tr("That drawing could not be opened: %1").replace("%1", str(error)))

    def _on_gallery_drawings_trashed(self, trashed: list) -> None:
        outcome = self.autosaver.last_outcome
        if outcome is not None and outcome.path in trashed:
            # The open drawing went to the trash: carry on with a fresh page, so that the next
            # stroke does not bring the deleted drawing back.
            self.window.document.set_drawing(Drawing(object_name=self.window.active_model()))

    def export_current(self, fmt: str) -> list[Path]:
        """Export the drawing on the canvas into the exports folder of the save folder."""
        drawing = self.window.document.drawing
        if not len(drawing):
            return []
        if not self.settings.children_may_export and not confirm_teacher(
            self.window, self.settings, self.tr("Please type the teacher PIN to export.")
        ):
            return []
        stem = self.autosaver.path.stem if self.autosaver.path else "drawing"
        out_dir = self.settings.drawings_folder / EXPORTS_FOLDER_NAME
        try:
            written = export_drawings([(stem, drawing)], fmt, out_dir)
        except (OSError, DoodleError) as error:
            self._report(self.tr("Export did not work: %1").replace("%1", str(error)))
            return []
        self._report(self.tr("Saved in %1").replace("%1", str(out_dir)))
        return written

    def print_current(self) -> None:
        drawing = self.window.document.drawing
        result = print_drawings(self.window, [drawing], self.settings.print_straight_away)
        if result.message:
            self._report(result.message)

    def open_settings(self) -> None:
        loaded = open_settings(self.window, self.loaded, sorted(_model_names(self.window)))
        if loaded is None:
            return
        language_changed = loaded.settings.language != self.settings.language
        kiosk_changed = loaded.settings.kiosk != self.settings.kiosk
        self.loaded = loaded
        self.autosaver.save_folder = self.settings.drawings_folder
        self.apply_offered_objects()
        if language_changed:
            # Every widget gets a LanguageChange event and puts its texts into the new language.
            install_translator(QCoreApplication.instance(), self.settings.language)
        if kiosk_changed:
            if self.settings.kiosk:
                self.window.showFullScreen()
            else:
                self.window.showNormal()
        self.settings_changed.emit()

    def apply_offered_objects(self) -> None:
        """Show only the objects the classroom offers in the window's object chooser."""
        chooser = self.window.model_chooser
        for index in reversed(range(chooser.count())):
            name = chooser.itemData(index)
            if name and not self.settings.offers(name):
                chooser.removeItem(index)
        active = self.window.active_model()
        if active and not self.settings.offers(active) and chooser.count():
            first = chooser.itemData(0)
            if first:
                self.window.set_active_model(first)

    # -- quitting ------------------------------------------------------------------------------

    def _on_app_about_to_quit(self) -> None:
        self.autosaver.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        if watched is self.window and event.type() == QEvent.Type.Close:
            if not confirm_teacher(
                self.window, self.settings, self.tr("Please type the teacher PIN to close Doodle.")
            ):
                event.ignore()
                return True
            self.autosaver.close()
        return False


def _model_names(window) -> set[str]:
    return {info.name for info in window.draw_along.models()}


def attach_classroom(window, loaded: LoadedSettings | None = None) -> ClassroomTools:
    """Add the classroom features to ``window`` and reopen a drawing left by a crash."""
    tools = ClassroomTools(window, loaded)
    tools.recover()
    # The music controls are attached after this; the music starts once the window runs.
    QTimer.singleShot(0, tools.apply_music_setting)
    return tools


def show_window(window: QWidget, kiosk: bool) -> None:
    """Full screen in kiosk mode, a normal window otherwise."""
    if kiosk:
        window.showFullScreen()
    else:
        window.show()
