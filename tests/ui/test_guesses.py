"""'Is it a bear?': drawing a real Quick, Draw! drawing stroke by stroke brings the right guess.

The recogniser is the shipped one (``models_onnx/recognizer``); the objects are Magenta's
published models imported through the engine. Strokes arrive as real mouse events.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from doodle.config import Settings
from doodle.core import ndjson
from doodle.engine.recognize import Recognizer, load_classifier
from doodle.engine.registry import ModelRegistry
from doodle.ui.guesses import RECOGNIZE_CHANNEL
from doodle.ui.main_window import MainWindow
from doodle.ui.picker_setup import attach_object_picker
from tests.real_models import bundle_only_the_recognizer, import_magenta_models
from tests.shared_data import require_shared
from tests.ui.pointer import mouse_stroke

OBJECTS = ("bear", "sheep", "palm_tree")
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def guess_models(tmp_path_factory) -> Path:
    return import_magenta_models(tmp_path_factory.mktemp("guess-models"), OBJECTS)


@pytest.fixture
def shipped_recognizer(tmp_path, monkeypatch) -> Path:
    """A bundled folder holding only the shipped recogniser (no bundled sketch models)."""
    return bundle_only_the_recognizer(tmp_path, monkeypatch)


def _clear_bear(registry: ModelRegistry) -> list[np.ndarray]:
    """The first real bear drawing the recogniser gets right when complete."""
    recognizer = Recognizer(registry, load_classifier())
    for drawing in ndjson.read_drawings(require_shared("quickdraw", "simplified", "bear.ndjson")):
        if recognizer.guess(drawing.polylines(), top=1)[0].name == "bear":
            return drawing.polylines()
    pytest.fail("the recogniser recognises none of the real bears")


def test_drawing_a_bear_stroke_by_stroke_brings_the_bear_guess(
    qtbot, tmp_path, guess_models, shipped_recognizer
):
    registry = ModelRegistry(bundled_dir=shipped_recognizer, user_dir=guess_models)
    bear = _clear_bear(registry)
    window = MainWindow(registry)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    parts = attach_object_picker(window, Settings())
    window.show()
    qtbot.waitExposed(window)
    window.set_active_model("palm_tree")
    recognition = parts.recognition
    assert recognition.recognizer.classifier is not None
    assert not recognition.guess_bar.isVisible()

    viewport = window.canvas.viewport()
    for stroke in bear:
        # The 256-px Quick, Draw! box, doubled and moved onto the canvas.
        points = [(float(x) * 1.6 + 120, float(y) * 1.6 + 40) for x, y in stroke]
        with qtbot.waitSignal(recognition.guesses_shown, timeout=TIMEOUT_MS):
            mouse_stroke(viewport, points if len(points) > 1 else points * 2)
    assert not window.draw_along.worker.is_busy(RECOGNIZE_CHANNEL)
    assert recognition.last_guesses[0].name == "bear"
    assert recognition.guess_bar.isVisible()
    assert recognition.guess_bar.guessed_names()[0] == "bear"
    bear_button = recognition.guess_bar.buttons()[0]
    assert "Bear" in bear_button.text()

    qtbot.mouseClick(bear_button, Qt.MouseButton.LeftButton)
    assert window.active_model() == "bear"
    assert recognition.guess_bar.buttons()[0].isChecked()
    assert parts.picker.picker.buttons()["bear"].isChecked()


def test_new_page_clears_the_guesses(qtbot, tmp_path, guess_models, shipped_recognizer):
    registry = ModelRegistry(bundled_dir=shipped_recognizer, user_dir=guess_models)
    window = MainWindow(registry)
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    parts = attach_object_picker(window, Settings())
    window.show()
    qtbot.waitExposed(window)
    circle = [(300 + 80 * np.cos(a), 300 + 80 * np.sin(a)) for a in np.linspace(0, 6.3, 30)]
    with qtbot.waitSignal(parts.recognition.guesses_shown, timeout=TIMEOUT_MS):
        mouse_stroke(window.canvas.viewport(), circle)
    assert parts.recognition.guess_bar.isVisible()
    window.document.clear()
    assert not parts.recognition.guess_bar.isVisible()
    assert parts.recognition.last_guesses == []
