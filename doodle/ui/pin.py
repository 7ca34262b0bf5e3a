"""The teacher PIN gate: a small dialog that guards settings, deleting drawings and quitting.

Without a configured PIN the gate is open (``confirm_teacher`` returns True at once). The PIN
itself is never stored: ``doodle.config.verify_pin`` compares it with the salted hash.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from doodle.config import Settings, teacher_allows
from doodle.ui.widgets import add_dialog_footer

MAX_PIN_LENGTH = 12
WRONG_ATTEMPTS_BEFORE_PAUSE = 3
PAUSE_AFTER_WRONG_MS = 10_000


class PinDialog(QDialog):
    """Asks for the teacher PIN; accepts only the right one."""

    def __init__(self, settings: Settings, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Teacher PIN"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.reason_label = QLabel(reason)
        self.reason_label.setWordWrap(True)
        layout.addWidget(self.reason_label)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(MAX_PIN_LENGTH)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        layout.addWidget(self.pin_edit)
        self.error_label, buttons = add_dialog_footer(
            self, layout, QDialogButtonBox.StandardButton.Ok, self._on_buttons_accepted
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.wrong_attempts = 0
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_AFTER_WRONG_MS)
        self._pause.timeout.connect(self._on_pause_timeout)

    def _on_buttons_accepted(self) -> None:
        if self._pause.isActive():
            return
        if teacher_allows(self._settings, self.pin_edit.text()):
            self.accept()
            return
        self.pin_edit.clear()
        self.wrong_attempts += 1
        if self.wrong_attempts % WRONG_ATTEMPTS_BEFORE_PAUSE == 0:
            # Guessing by trying every PIN becomes too slow to be worth it.
            self.ok_button.setEnabled(False)
            self._pause.start()
            self.error_label.setText(self.tr("That PIN is not right. Please wait a moment."))
        else:
            self.error_label.setText(self.tr("That PIN is not right. Please try again."))
        self.error_label.show()

    def _on_pause_timeout(self) -> None:
        self.ok_button.setEnabled(True)


def confirm_teacher(parent: QWidget | None, settings: Settings, reason: str) -> bool:
    """True when no PIN is set or the teacher typed the right one (blocks while asking)."""
    if not settings.pin_required:
        return True
    dialog = PinDialog(settings, reason, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
