"""Fixtures for the fault tests: a tiny real model installed, the real app window drawing with it.

Faults are injected into real files, folders and devices; the tests then check that the
window shows a clear message, keeps running and keeps the child's drawing.
"""

from __future__ import annotations

import pytest

import doodle.ui  # noqa: F401  (first, as in the UI tests)
from doodle import paths
from doodle.ui.main_window import MainWindow
from tests.bench.model_factory import write_tiny_model
from tests.faults.app_window import open_app_window


@pytest.fixture
def tiny_model():
    return write_tiny_model(paths.user_models_dir(), "tiny")


@pytest.fixture
def app_window(qtbot, tiny_model) -> MainWindow:
    window = open_app_window(qtbot)
    window.set_active_model("tiny")
    assert window.active_model() == "tiny"
    return window
