"""Starting the app: ``doodle`` with no subcommand and ``python -m doodle`` call ``run_app``.

``run_app`` creates the ``QApplication`` (name, organisation, icon), reads the settings and
classroom config, installs translations, opens the main window with the classroom features
(autosave and crash recovery, gallery, export, print, PIN, kiosk), the object picker and
guesses, the music controls and the ideas panel, and returns the exit code of the event loop.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from doodle import __version__, paths
from doodle.config import LoadedSettings, load_settings
from doodle.ui.classroom import attach_classroom, show_window
from doodle.ui.i18n import install_translator
from doodle.ui.ideas import attach_ideas
from doodle.ui.main_window import MainWindow
from doodle.ui.music_controls import attach_music
from doodle.ui.picker_setup import attach_object_picker
from doodle.ui.widgets import icon

ORGANIZATION = "Doodle"
# Set to 1, the app prints one line when its window has painted for the first time
# (``doodle bench`` measures cold start with it).
FIRST_PAINT_ENV = "DOODLE_REPORT_FIRST_PAINT"
FIRST_PAINT_LINE = "doodle-first-paint"


def create_application(argv: Sequence[str]) -> QApplication:
    """The one ``QApplication`` (reused when it exists already, e.g. under tests)."""
    existing = QApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    QCoreApplication.setApplicationName(paths.APP_NAME)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(["doodle", *argv])
    app.setApplicationDisplayName(paths.APP_NAME)
    app.setWindowIcon(icon("doodle"))
    return app


def install_translations(app: QApplication, language: str | None = None) -> str:
    """The single place where translations are installed, before any window is built.

    ``language`` is the ``language`` setting; None follows the system locale
    (``doodle.ui.i18n``). Returns the language in use.
    """
    return install_translator(app, language)


class _FirstPaintReporter(QObject):
    """Prints ``FIRST_PAINT_LINE`` and the wall-clock time once the first paint is done."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: the line is printed after this paint event has been handled.
            QTimer.singleShot(0, lambda: print(f"{FIRST_PAINT_LINE} {time.time():.6f}", flush=True))
        return False


def build_window(loaded: LoadedSettings) -> MainWindow:
    """The main window with every part attached (not shown yet)."""
    window = MainWindow()
    window.apply_settings(loaded.settings)
    classroom = attach_classroom(window, loaded)
    classroom.settings_changed.connect(lambda: window.apply_settings(classroom.settings))
    attach_object_picker(window, loaded.settings)
    attach_music(window)
    ideas = attach_ideas(window, lambda: classroom.settings)
    classroom.gallery_opened.connect(ideas.offer_morph_in)
    return window


def run_app(argv: Sequence[str]) -> int:
    """Open Doodle's window and run until it closes; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_application(argv)
    loaded = load_settings()
    for message in loaded.messages:
        logging.getLogger(__name__).warning("%s", message)
    install_translations(app, loaded.settings.language)
    window = build_window(loaded)
    app.aboutToQuit.connect(window.shutdown)
    if os.environ.get(FIRST_PAINT_ENV) == "1":
        reporter = _FirstPaintReporter(window)
        window.installEventFilter(reporter)
    show_window(window, kiosk=loaded.settings.kiosk or "--kiosk" in argv)
    code = int(app.exec())
    # Delete the window while Qt is still whole: left to interpreter teardown, its parts are
    # destroyed in no particular order and the process can crash on the way out.
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
