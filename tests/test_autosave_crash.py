"""Crash safety: SIGKILL in the middle of a burst of strokes loses only the last moment.

The test starts the real app (``run_app``, offscreen) in a subprocess. That process (this
module run as a program) feeds mouse strokes into the canvas viewport through Qt's event path,
one event per timer tick, so the kill can land in the middle of a stroke or of a background
write. Each time the autosave reports a finished write it prints ``saved <stroke ids>`` (the
strokes of the drawing state that was written). The test kills it with SIGKILL mid-burst,
starts the app again and checks that the reopened drawing is one whole drawing state (strokes
1..n, never a torn file) holding every stroke that was reported saved.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.shared_data import REPO_ROOT

STROKES_BEFORE_KILL = 12
POINTS_PER_STROKE = 6
TICK_MS = 15


def _child_env(home: Path) -> dict[str, str]:
    empty_models = home / "no-models"
    empty_models.mkdir(parents=True, exist_ok=True)
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DOODLE_DATA_DIR=str(home / "data"),
        DOODLE_CONFIG_DIR=str(home / "config"),
        DOODLE_SYSTEM_CONFIG=str(home / "classroom.json"),
        DOODLE_BUNDLED_MODELS_DIR=str(empty_models),
        PYTHONUNBUFFERED="1",
    )


def _start(home: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.test_autosave_crash", mode],
        cwd=REPO_ROOT,
        env=_child_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_mid_burst_loses_nothing_but_the_stroke_in_progress(tmp_path):
    child = _start(tmp_path, "draw")
    saved: list[int] = []
    deadline = time.monotonic() + 120
    try:
        for line in child.stdout:
            if line.startswith("saved "):
                saved = _ids(line)
                if len(saved) >= STROKES_BEFORE_KILL:
                    break
            assert time.monotonic() < deadline, "the app did not draw in time"
        # Let it carry on into the next stroke, then pull the plug without any warning.
        time.sleep(TICK_MS * 2.5 / 1000)
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    for line in rest.splitlines():
        if line.startswith("saved "):
            saved = _ids(line)
    assert len(saved) >= STROKES_BEFORE_KILL, errors

    reopened = _start(tmp_path, "report")
    output, errors = reopened.communicate(timeout=120)
    assert reopened.returncode == 0, errors
    recovered = [line for line in output.splitlines() if line.startswith("recovered")]
    assert len(recovered) == 1, output + errors
    ids = _ids(recovered[0])
    assert set(saved) <= set(ids)
    # One whole drawing state that was written: strokes 1..n in order.
    assert ids == list(range(1, len(ids) + 1))
    # At most the kill came after a write (or two, coalesced) whose line was never read.
    assert len(ids) - len(saved) <= 2


def _ids(line: str) -> list[int]:
    return [int(value) for value in line.split()[1:]]


def _run_child(mode: str) -> int:
    """The app side: ``draw`` strokes forever, or ``report`` what was reopened and quit."""
    from PySide6.QtCore import QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    import doodle.ui  # noqa: F401  (protects the interpreter before Qt is used)
    from doodle.ui.app import create_application, run_app
    from doodle.ui.classroom import ClassroomTools
    from doodle.ui.main_window import MainWindow
    from tests.ui.pointer import line, send_mouse

    app = create_application([])

    def the_window() -> MainWindow:
        return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

    if mode == "report":

        def report() -> None:
            ids = [stroke.stroke_id for stroke in the_window().document.strokes]
            print("recovered", *ids, flush=True)
            app.exit(0)

        QTimer.singleShot(0, report)
        return run_app([])

    state = {"stroke": 0, "point": 0}
    stroke_ids_by_revision: dict[int, list[int]] = {}

    def tick() -> None:
        window = the_window()
        viewport = window.canvas.viewport()
        row = state["stroke"] % 10
        points = line((40.0, 30.0 + 40 * row), (400.0, 50.0 + 40 * row), POINTS_PER_STROKE - 1)
        index = state["point"]
        if index == 0:
            kind = QEvent.Type.MouseButtonPress
        elif index == len(points) - 1:
            kind = QEvent.Type.MouseButtonRelease
        else:
            kind = QEvent.Type.MouseMove
        send_mouse(viewport, kind, points[index])
        state["point"] += 1
        if state["point"] == len(points):
            state["point"] = 0
            state["stroke"] += 1

    def on_document_changed() -> None:
        drawing = the_window().document.drawing
        stroke_ids_by_revision[drawing.revision] = [s.stroke_id for s in drawing.strokes]

    def on_autosaved(outcome) -> None:
        # The write of this drawing state has finished (file renamed and fsynced).
        if outcome.saved and not outcome.used_fallback:
            print("saved", *stroke_ids_by_revision[outcome.revision], flush=True)

    def start() -> None:
        window = the_window()
        window.document.changed.connect(on_document_changed)
        window.findChild(ClassroomTools).autosaved.connect(on_autosaved)
        timer.start()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    QTimer.singleShot(0, start)
    return run_app([])


if __name__ == "__main__":
    sys.exit(_run_child(sys.argv[1]))
