"""The teacher's settings dialog and the PIN gate in front of it."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from doodle import paths
from doodle.config import Settings, hash_pin, load_settings, verify_pin
from doodle.ui.pin import PinDialog, confirm_teacher
from doodle.ui.settings_dialog import SettingsDialog, open_settings

OBJECTS = ["bear", "palm_tree", "sheep"]


def _ok_button(dialog) -> object:
    box = dialog.findChild(QDialogButtonBox)
    for role in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Save):
        if box.button(role) is not None:
            return box.button(role)
    raise AssertionError("no OK/Save button")


def _answer_pin(pins: list[str], seen: list[str]) -> None:
    """Type each PIN into the modal PIN dialog as it appears (wrong ones first)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PinDialog):
            QTimer.singleShot(20, answer)
            return
        if not pins:
            dialog.reject()
            return
        dialog.pin_edit.setText(pins.pop(0))
        _ok_button(dialog).click()
        seen.append(dialog.error_label.text() if dialog.isVisible() else "accepted")
        if dialog.isVisible():
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_no_pin_means_no_question(qtbot):
    assert confirm_teacher(None, Settings(), "why")


def test_wrong_pin_is_refused_right_pin_accepted(qtbot):
    settings = Settings(teacher_pin_hash=hash_pin("4711", iterations=1000))
    seen: list[str] = []
    _answer_pin(["1111", "4711"], seen)
    assert confirm_teacher(None, settings, "Please type the PIN")
    assert seen[0] == "That PIN is not right. Please try again."
    assert seen[1] == "accepted"


def test_guessing_is_slowed_down(qtbot, monkeypatch):
    monkeypatch.setattr("doodle.ui.pin.PAUSE_AFTER_WRONG_MS", 200)
    dialog = PinDialog(Settings(teacher_pin_hash=hash_pin("4711", iterations=1000)), "why")
    qtbot.addWidget(dialog)
    for guess in ("0000", "0001", "0002"):
        dialog.pin_edit.setText(guess)
        dialog.ok_button.click()
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_label.text() == "That PIN is not right. Please wait a moment."
    dialog.pin_edit.setText("4711")
    dialog._on_buttons_accepted()  # pressing Enter while paused does nothing either
    assert dialog.result() != dialog.DialogCode.Accepted
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=3000)
    dialog.ok_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_cancelled_pin_blocks(qtbot):
    settings = Settings(teacher_pin_hash=hash_pin("4711", iterations=1000))
    seen: list[str] = []
    _answer_pin(["0000"], seen)  # one wrong try, then cancel
    assert not confirm_teacher(None, settings, "Please type the PIN")


def test_dialog_saves_the_teachers_choices(qtbot, tmp_path):
    loaded = load_settings()
    dialog = SettingsDialog(loaded, OBJECTS)
    qtbot.addWidget(dialog)
    dialog.save_folder_edit.setText(str(tmp_path / "class-share"))
    dialog.music_check.setChecked(True)
    dialog.panes_spin.setValue(4)
    dialog.hints_check.setChecked(False)
    dialog.pen_only_check.setChecked(True)
    dialog.objects_list.item(2).setCheckState(Qt.CheckState.Unchecked)  # no sheep
    dialog.export_check.setChecked(False)
    dialog.kiosk_check.setChecked(True)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("de"))
    dialog.print_check.setChecked(True)
    dialog.new_pin_edit.setText("2580")
    dialog.repeat_pin_edit.setText("2580")
    _ok_button(dialog).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = json.loads(paths.user_config_path().read_text())
    assert "2580" not in json.dumps(stored)
    settings = load_settings().settings
    assert settings.drawings_folder == tmp_path / "class-share"
    assert settings.objects == ("bear", "palm_tree")
    assert settings.music_on and not settings.children_may_export
    assert settings.idea_panes == 4 and not settings.hints_on and settings.pen_only
    assert settings.kiosk and settings.print_straight_away and settings.language == "de"
    assert verify_pin("2580", settings.teacher_pin_hash)


def test_mismatched_pins_keep_the_dialog_open(qtbot):
    dialog = SettingsDialog(load_settings(), OBJECTS)
    qtbot.addWidget(dialog)
    dialog.new_pin_edit.setText("1234")
    dialog.repeat_pin_edit.setText("1243")
    _ok_button(dialog).click()
    assert dialog.error_label.text() == "The two PINs are not the same."
    assert not paths.user_config_path().exists()


def test_classroom_keys_are_locked_and_problems_shown(qtbot):
    paths.system_config_path().write_text(json.dumps({"kiosk": True, "music_on": "loud"}))
    loaded = load_settings()
    dialog = SettingsDialog(loaded, OBJECTS)
    qtbot.addWidget(dialog)
    assert not dialog.kiosk_check.isEnabled() and dialog.kiosk_check.isChecked()
    assert dialog.music_check.isEnabled()
    problems = dialog.findChild(type(dialog.error_label), "configProblems")
    assert "'music_on'" in problems.text()
    dialog.kiosk_check.setChecked(False)  # cannot really happen (disabled), and is not saved
    assert "kiosk" not in dialog.changes()


def test_open_settings_needs_the_pin(qtbot):
    paths.system_config_path().write_text(
        json.dumps({"teacher_pin_hash": hash_pin("9999", iterations=1000)})
    )
    seen: list[str] = []
    _answer_pin(["1234"], seen)  # wrong, then cancelled
    assert open_settings(None, load_settings(), OBJECTS) is None
    assert seen == ["That PIN is not right. Please try again."]
