"""Fixtures for the UI tests: a canvas, a main window, and real models from the Magenta files.

Qt runs offscreen (``tests/conftest.py``). Until Doodle ships its own trained models, the
draw-along tests import Magenta's published bear and sheep models through the engine's
importer into a temporary folder, once per session; they skip when the shared data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import doodle.ui  # noqa: F401  (must come first: protects None/True/False, see doodle.ui)
from doodle.engine.registry import ModelRegistry
from doodle.ui.canvas import DrawingCanvas
from doodle.ui.document import DrawingDocument
from doodle.ui.main_window import MainWindow
from tests.real_models import import_magenta_models
from tests.ui.windows import show_main_window

CANVAS_SIZE = (800, 600)


@pytest.fixture
def canvas(qtbot) -> DrawingCanvas:
    document = DrawingDocument()
    view = DrawingCanvas(document)
    qtbot.addWidget(view)
    view.resize(*CANVAS_SIZE)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture(scope="session")
def magenta_models_dir(tmp_path_factory) -> Path:
    return import_magenta_models(tmp_path_factory.mktemp("magenta-models"), ("bear", "sheep"))


@pytest.fixture
def model_registry(magenta_models_dir, tmp_path) -> ModelRegistry:
    """Exactly the imported Magenta models (no bundled ones, so results are predictable)."""
    empty = tmp_path / "no-bundled-models"
    empty.mkdir()
    return ModelRegistry(bundled_dir=empty, user_dir=magenta_models_dir)


@pytest.fixture
def empty_registry(tmp_path) -> ModelRegistry:
    empty = tmp_path / "no-models"
    empty.mkdir()
    return ModelRegistry(bundled_dir=empty, user_dir=empty)


@pytest.fixture
def window(qtbot, model_registry) -> MainWindow:
    """The main window drawing along with the Magenta bear (and sheep) models."""
    return show_main_window(qtbot, MainWindow(model_registry))


@pytest.fixture
def window_without_models(qtbot, empty_registry) -> MainWindow:
    return show_main_window(qtbot, MainWindow(empty_registry))
