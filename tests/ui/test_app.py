"""Starting Doodle: ``run_app`` in-process and the real ``doodle`` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from doodle.ui.app import run_app
from doodle.ui.main_window import MainWindow
from tests.shared_data import REPO_ROOT


def test_run_app_shows_the_main_window_and_returns_the_exit_code(qtbot):
    seen = {}

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["visible"] = [w.isVisible() for w in windows]
        seen["title"] = [w.windowTitle() for w in windows]
        QCoreApplication.exit(3)

    QTimer.singleShot(300, look_and_quit)
    assert run_app([]) == 3
    assert seen["visible"] == [True]
    assert seen["title"] == ["Doodle"]
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            widget.deleteLater()


@pytest.mark.slow
def test_the_doodle_command_opens_the_window_without_errors(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DOODLE_DATA_DIR=str(tmp_path / "data"))
    process = subprocess.Popen(
        [sys.executable, "-m", "doodle"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(8)
    still_running = process.poll() is None
    process.terminate()
    _, stderr = process.communicate(timeout=20)
    assert still_running, f"doodle exited early: {stderr}"
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def test_the_built_window_leaves_sound_and_training_libraries_unloaded(tmp_path):
    # A fresh interpreter: this test process has imported everything already.
    script = (
        "import sys\n"
        "from doodle.ui.app import build_window, create_application\n"
        "from doodle.config import load_settings\n"
        "app = create_application([])\n"
        "window = build_window(load_settings())\n"
        "print(sorted(m for m in ('PySide6.QtMultimedia', 'torch') if m in sys.modules))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DOODLE_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # The speakers' sink (QtMultimedia) opens when music first plays, not at start-up.
    assert done.stdout.strip().splitlines()[-1] == "[]"
