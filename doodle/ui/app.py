"""Starting the app: ``doodle`` with no subcommand and ``python -m doodle`` call ``run_app``.

``run_app`` creates the ``QApplication`` (name, organisation, icon), installs translations,
opens the main window and returns the exit code of the event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from doodle import __version__, paths
from doodle.ui.main_window import MainWindow
from doodle.ui.widgets import icon

ORGANIZATION = "Doodle"


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


def install_translations(app: QApplication) -> None:
    """The single place where translations are installed, before any window is built.

    Translation files and the language choice (system locale or the classroom setting) belong
    to ``doodle.ui.i18n``; that module provides ``install_translators(app)`` and this function
    is where it gets called. Until it exists the app runs in English.
    """
    del app


def run_app(argv: Sequence[str]) -> int:
    """Open Doodle's window and run until it closes; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = create_application(argv)
    install_translations(app)
    window = MainWindow()
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    return int(app.exec())
