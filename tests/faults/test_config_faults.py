"""A malformed classroom config: Doodle starts with defaults and names the problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from doodle.config import load_settings
from doodle.ui.settings_dialog import SettingsDialog
from tests.faults.app_window import assert_window_still_draws, open_app_window

MALFORMED = {
    "not json": (b'{"kiosk": true, "music_on": ', "not valid JSON"),
    "not an object": (b'["kiosk", true]', "JSON object"),
    "wrong types": (
        b'{"kiosk": "yes please", "save_folder": 42, "objects": "bear", "language": 7}',
        "'kiosk'",
    ),
    "unknown key": (b'{"colour_of_the_sky": "blue"}', "unknown key"),
    "binary junk": (bytes(range(256)) * 4, "cannot be read"),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_classroom_config(qtbot, tiny_model, case):
    content, expected = MALFORMED[case]
    config = Path(os.environ["DOODLE_SYSTEM_CONFIG"])
    config.write_bytes(content)
    loaded = load_settings()
    assert loaded.messages, case
    assert all(str(config) in message for message in loaded.messages)
    assert any(expected in message for message in loaded.messages), loaded.messages
    # Defaults where the file was wrong: not kiosk, drawings in the user's folder.
    assert loaded.settings.kiosk is False
    assert loaded.settings.save_folder is None

    window = open_app_window(qtbot)
    assert not window.isFullScreen()
    window.set_active_model("tiny")
    assert_window_still_draws(window)
    # The teacher sees the problem in the settings dialog.
    dialog = SettingsDialog(loaded, ["tiny"], window)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "configProblems")
    assert label is not None and str(config) in label.text()
