"""Test-wide setup: Qt runs offscreen and every test gets its own Doodle data folder."""

from __future__ import annotations

import os
import sys

# Must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep tests out of the real home folder: data, config and classroom config are per test."""
    base = tmp_path_factory.mktemp("doodle-home")
    monkeypatch.setenv("DOODLE_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("DOODLE_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("DOODLE_SYSTEM_CONFIG", str(base / "classroom.json"))
    return base


@pytest.fixture(autouse=True)
def widget_application_first(request):
    """When the run has widget tests, the QApplication exists before any test paints.

    Code that paints without widgets (exports, sample grids) otherwise makes a plain
    QGuiApplication, and the widget tests later in the same run cannot use it. Test modules
    are imported at collection, so QtWidgets is loaded by then exactly when widget tests run.
    """
    if "PySide6.QtWidgets" in sys.modules:
        request.getfixturevalue("qapp")


@pytest.fixture(autouse=True)
def finished_background_writes():
    """Each test ends with its background writes done and their writer threads gone.

    An autosaver's writer thread stays awake for a while after its last save and keeps the
    saver (and the window parts it reports to) alive; ending it with the test lets those be
    freed while Qt is still fully there, not in the garbage collection after the session.
    """
    yield
    from doodle.background_writer import close_all_writers

    close_all_writers()
