"""Fixtures for the export tests: a drawing (``helpers.make_drawing``) and a QApplication."""

from __future__ import annotations

import pytest

from doodle.core.drawing import Drawing
from tests.export.helpers import make_drawing


@pytest.fixture
def drawing() -> Drawing:
    return make_drawing()


@pytest.fixture(autouse=True)
def qt_application(qapp):
    """A QApplication before export code paints (it would otherwise make a QGuiApplication,
    which the widget tests later in the same run cannot use)."""
    return qapp
