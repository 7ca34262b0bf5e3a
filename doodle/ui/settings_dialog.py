"""The teacher's settings dialog (behind the PIN): save folder, music, objects, idea panes,
hints, pen only, export, kiosk, language, printing and the PIN itself (``models_url`` is left
to the config files).

It writes the user's settings file (``doodle.config.save_user_settings``). Keys that the
classroom file sets are shown but locked, with a note saying so; problems found while reading
the config files are listed at the top so a teacher can fix them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from doodle.config import LoadedSettings, hash_pin, load_settings, save_user_settings
from doodle.ui.i18n import available_languages, object_label
from doodle.ui.pin import MAX_PIN_LENGTH, confirm_teacher
from doodle.ui.widgets import add_dialog_footer

MIN_PIN_LENGTH = 4


class SettingsDialog(QDialog):
    """Edits the user's settings; classroom-locked keys are read-only."""

    def __init__(
        self,
        loaded: LoadedSettings,
        available_objects: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.loaded = loaded
        settings = loaded.settings
        self.setWindowTitle(self.tr("Doodle settings"))
        layout = QVBoxLayout(self)
        if loaded.messages:
            problems = QLabel(
                self.tr("Some settings files have problems (those settings are ignored):")
                + "\n"
                + "\n".join(loaded.messages)
            )
            problems.setObjectName("configProblems")
            problems.setWordWrap(True)
            problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(problems)
        form = QFormLayout()
        layout.addLayout(form)

        self.save_folder_edit = QLineEdit(str(settings.drawings_folder))
        choose = QPushButton(self.tr("Choose..."))
        choose.clicked.connect(self._on_choose_clicked)
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.save_folder_edit, 1)
        folder_layout.addWidget(choose)
        form.addRow(self.tr("Save drawings in"), folder_row)
        self._lock("save_folder", self.save_folder_edit, choose)

        self.music_check = QCheckBox(self.tr("Music plays when Doodle starts"))
        self.music_check.setChecked(settings.music_on)
        form.addRow(self.tr("Music"), self.music_check)
        self._lock("music_on", self.music_check)

        self.objects_list = QListWidget()
        self.objects_list.setMinimumHeight(140)
        offered = settings.objects
        for name in available_objects:
            item = QListWidgetItem(object_label(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = offered is None or settings.offers(name)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.objects_list.addItem(item)
        form.addRow(self.tr("Things to draw"), self.objects_list)
        self._lock("objects", self.objects_list)

        self.panes_spin = QSpinBox()
        self.panes_spin.setRange(1, 9)
        self.panes_spin.setValue(settings.idea_panes)
        form.addRow(self.tr("Idea panes"), self.panes_spin)
        self._lock("idea_panes", self.panes_spin)

        self.hints_check = QCheckBox(self.tr("A ghost line hints at the next stroke"))
        self.hints_check.setChecked(settings.hints_on)
        form.addRow(self.tr("Hints"), self.hints_check)
        self._lock("hints_on", self.hints_check)

        self.pen_only_check = QCheckBox(
            self.tr("Only the pen draws (a hand resting on the tablet does not)")
        )
        self.pen_only_check.setChecked(settings.pen_only)
        form.addRow(self.tr("Pen"), self.pen_only_check)
        self._lock("pen_only", self.pen_only_check)

        self.export_check = QCheckBox(self.tr("Children may export their drawings"))
        self.export_check.setChecked(settings.children_may_export)
        form.addRow(self.tr("Export"), self.export_check)
        self._lock("children_may_export", self.export_check)

        self.kiosk_check = QCheckBox(self.tr("Full screen for the class"))
        self.kiosk_check.setChecked(settings.kiosk)
        form.addRow(self.tr("Kiosk mode"), self.kiosk_check)
        self._lock("kiosk", self.kiosk_check)

        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Language of the computer"), None)
        for code in available_languages():
            native = QLocale(code).nativeLanguageName() or code
            self.language_combo.addItem(native[:1].upper() + native[1:], code)
        index = self.language_combo.findData(settings.language)
        self.language_combo.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("Language"), self.language_combo)
        self._lock("language", self.language_combo)

        self.print_check = QCheckBox(self.tr("Print straight away on the default printer"))
        self.print_check.setChecked(settings.print_straight_away)
        form.addRow(self.tr("Printing"), self.print_check)
        self._lock("print_straight_away", self.print_check)

        self.new_pin_edit = QLineEdit()
        self.repeat_pin_edit = QLineEdit()
        for edit in (self.new_pin_edit, self.repeat_pin_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(MAX_PIN_LENGTH)
        self.new_pin_edit.setPlaceholderText(self.tr("New PIN (leave empty to keep)"))
        self.repeat_pin_edit.setPlaceholderText(self.tr("New PIN again"))
        self.remove_pin_check = QCheckBox(self.tr("No PIN"))
        pin_row = QWidget()
        pin_layout = QHBoxLayout(pin_row)
        pin_layout.setContentsMargins(0, 0, 0, 0)
        pin_layout.addWidget(self.new_pin_edit)
        pin_layout.addWidget(self.repeat_pin_edit)
        pin_layout.addWidget(self.remove_pin_check)
        form.addRow(self.tr("Teacher PIN"), pin_row)
        self._lock(
            "teacher_pin_hash", self.new_pin_edit, self.repeat_pin_edit, self.remove_pin_check
        )

        self.error_label, _ = add_dialog_footer(
            self, layout, QDialogButtonBox.StandardButton.Save, self._on_buttons_accepted
        )
        self.error_label.setObjectName("settingsError")

    def _lock(self, key: str, *widgets: QWidget) -> None:
        if not self.loaded.locked(key):
            return
        for widget in widgets:
            widget.setEnabled(False)
            widget.setToolTip(self.tr("Set by the school's classroom settings"))

    def _on_choose_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save drawings in"), self.save_folder_edit.text()
        )
        if folder:
            self.save_folder_edit.setText(folder)

    def changes(self) -> dict[str, Any]:
        """The keys the teacher changed (None removes a key); raises ValueError if invalid."""
        settings = self.loaded.settings
        wanted: dict[str, Any] = {}
        folder_text = self.save_folder_edit.text().strip()
        folder = Path(folder_text) if folder_text else None
        if folder != settings.drawings_folder:
            wanted["save_folder"] = folder
        wanted["music_on"] = self.music_check.isChecked()
        checked = [
            self.objects_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.objects_list.count())
            if self.objects_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        if not checked and self.objects_list.count():
            raise ValueError(self.tr("Please leave at least one thing to draw."))
        all_checked = len(checked) == self.objects_list.count()
        wanted["objects"] = None if all_checked else tuple(checked)
        wanted["idea_panes"] = self.panes_spin.value()
        wanted["hints_on"] = self.hints_check.isChecked()
        wanted["pen_only"] = self.pen_only_check.isChecked()
        wanted["children_may_export"] = self.export_check.isChecked()
        wanted["kiosk"] = self.kiosk_check.isChecked()
        wanted["language"] = self.language_combo.currentData()
        wanted["print_straight_away"] = self.print_check.isChecked()
        new_pin = self.new_pin_edit.text()
        if self.remove_pin_check.isChecked():
            wanted["teacher_pin_hash"] = None
        elif new_pin:
            if new_pin != self.repeat_pin_edit.text():
                raise ValueError(self.tr("The two PINs are not the same."))
            if len(new_pin) < MIN_PIN_LENGTH:
                raise ValueError(self.tr("The PIN needs at least 4 characters."))
            wanted["teacher_pin_hash"] = hash_pin(new_pin)
        return {key: value for key, value in wanted.items() if not self.loaded.locked(key)}

    def _on_buttons_accepted(self) -> None:
        try:
            save_user_settings(self.changes())
        except ValueError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        except OSError as error:
            self.error_label.setText(
                self.tr("The settings could not be saved: %1").replace("%1", str(error))
            )
            self.error_label.show()
            return
        self.accept()


def open_settings(
    parent: QWidget | None, loaded: LoadedSettings, available_objects: Sequence[str]
) -> LoadedSettings | None:
    """PIN first, then the dialog; returns the new settings if the teacher saved them."""
    reason = QCoreApplication.translate(
        "SettingsDialog", "Please type the teacher PIN to change settings."
    )
    if not confirm_teacher(parent, loaded.settings, reason):
        return None
    dialog = SettingsDialog(loaded, available_objects, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
    finally:
        dialog.deleteLater()
    return load_settings()
