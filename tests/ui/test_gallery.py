"""The gallery: thumbnails with names, open, copy, name, delete to the trash, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from doodle import paths
from doodle.autosave import Autosaver
from doodle.config import Settings, hash_pin
from doodle.core.fileformat import load_drawing
from doodle.ui import gallery
from doodle.ui.gallery import EXPORTS_FOLDER_NAME, GalleryDialog, PathRole
from doodle.ui.pin import PinDialog
from tests.export.helpers import make_drawing


def _save(folder: Path, child: str | None, object_name: str) -> Path:
    drawing = make_drawing()
    drawing.child_name = child
    drawing.object_name = object_name
    saver = Autosaver(folder)
    saver.open(drawing)
    return saver.save().path


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "class"
    _save(folder, "Ada", "bear")
    _save(folder, None, "palm_tree")
    _save(folder, "Ben", "sheep")
    return folder


def _gallery(qtbot, folder: Path, settings: Settings | None = None) -> GalleryDialog:
    dialog = GalleryDialog(settings or Settings(save_folder=folder), [folder])
    qtbot.addWidget(dialog)
    return dialog


def _select(dialog: GalleryDialog, *rows: int) -> None:
    dialog.grid.clearSelection()
    for row in rows:
        dialog.grid.item(row).setSelected(True)


def _refuse_pin() -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PinDialog):
            dialog.reject()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_thumbnails_with_names_and_objects(qtbot, folder):
    dialog = _gallery(qtbot, folder)
    captions = sorted(dialog.grid.item(i).text() for i in range(dialog.grid.count()))
    assert captions == ["Ada\nBear", "Ben\nSheep", "Palm tree"]
    icon = dialog.grid.item(0).icon()
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()


def test_thumbnails_are_cached(qtbot, folder, monkeypatch):
    _gallery(qtbot, folder)
    cached = list((paths.cache_dir() / "thumbnails").glob("*.png"))
    assert len(cached) == 3
    monkeypatch.setattr(gallery, "load_for_gallery", lambda path: pytest.fail("not cached"))
    again = _gallery(qtbot, folder)
    captions = sorted(again.grid.item(i).text() for i in range(again.grid.count()))
    assert captions == ["Ada\nBear", "Ben\nSheep", "Palm tree"]


def test_open_emits_the_path(qtbot, folder):
    dialog = _gallery(qtbot, folder)
    _select(dialog, 1)
    with qtbot.waitSignal(dialog.drawing_opened) as opened:
        dialog.open_button.click()
    assert opened.args[0] == dialog.grid.item(1).data(PathRole)
    assert Path(opened.args[0]).parent == folder and Path(opened.args[0]).is_file()


def test_copy_and_name(qtbot, folder):
    dialog = _gallery(qtbot, folder)
    _select(dialog, 0)
    original = dialog.selected_paths()[0]
    copies = dialog.duplicate_selected()
    assert dialog.grid.count() == 4 and len(copies) == 1
    assert list(load_drawing(copies[0]).strokes) == list(load_drawing(original).strokes)
    for row in range(dialog.grid.count()):
        if dialog.grid.item(row).data(PathRole) == copies[0]:
            _select(dialog, row)
    dialog.name_selected("Cleo")
    assert load_drawing(copies[0]).child_name == "Cleo"
    captions = [dialog.grid.item(i).text() for i in range(dialog.grid.count())]
    object_name = load_drawing(original).object_name.capitalize()
    # The renamed file has a new thumbnail; the cached one of its old version is not used.
    assert captions.count(f"Cleo\n{object_name}") == 1
    assert load_drawing(original).child_name != "Cleo"


def test_delete_goes_to_trash_and_back(qtbot, folder):
    dialog = _gallery(qtbot, folder)
    _select(dialog, 0, 2)
    dialog.delete_button.click()
    assert dialog.grid.count() == 1
    dialog.trash_button.click()
    assert dialog.showing_trash and dialog.grid.count() == 2
    _select(dialog, 0)
    dialog.restore_button.click()
    assert dialog.grid.count() == 1
    dialog.trash_button.click()
    assert dialog.grid.count() == 2
    dialog.empty_trash()
    assert list((folder / ".trash").iterdir()) == []
    assert "deleted for good" in dialog.message_label.text()
    dialog.trash_button.click()
    assert dialog.grid.count() == 0


def test_pin_guards_delete_and_empty_trash(qtbot, folder):
    settings = Settings(save_folder=folder, teacher_pin_hash=hash_pin("1357", iterations=1000))
    dialog = _gallery(qtbot, folder, settings)
    _select(dialog, 0)
    _refuse_pin()
    dialog.delete_selected()
    assert dialog.grid.count() == 3 and not (folder / ".trash").exists()


def test_export_into_the_exports_folder(qtbot, folder):
    dialog = _gallery(qtbot, folder)
    _select(dialog, 0, 1)
    written = dialog.export_selected("png")
    assert len(written) == 2 and all(p.parent == folder / EXPORTS_FOLDER_NAME for p in written)
    assert str(folder / EXPORTS_FOLDER_NAME) in dialog.message_label.text()
    sheet = dialog.export_selected("sheet")
    assert [p.name for p in sheet] == ["class-sheet.pdf"]


def test_export_needs_pin_when_children_may_not(qtbot, folder):
    settings = Settings(
        save_folder=folder,
        children_may_export=False,
        teacher_pin_hash=hash_pin("1357", iterations=1000),
    )
    dialog = _gallery(qtbot, folder, settings)
    _select(dialog, 0)
    _refuse_pin()
    assert dialog.export_selected("svg") == []
    assert not (folder / EXPORTS_FOLDER_NAME).exists()


def test_morph_these_two_hands_over_two_drawings_and_closes(qtbot, folder):
    dialog = _gallery(qtbot, folder)
    dialog.show()
    assert not dialog.morph_button.isVisible()  # nothing that can morph has offered to
    dialog.offer_morph("Watch one turn into the other")
    assert dialog.morph_button.isVisible() and not dialog.morph_button.isEnabled()
    _select(dialog, 0)
    assert not dialog.morph_button.isEnabled()
    _select(dialog, 2, 0, 1)
    assert not dialog.morph_button.isEnabled()
    _select(dialog, 2, 0)
    assert dialog.morph_button.isEnabled()
    with qtbot.waitSignal(dialog.morph_requested) as requested:
        dialog.morph_button.click()
    first, second = requested.args
    expected = [load_drawing(dialog.grid.item(row).data(PathRole)) for row in (0, 2)]
    assert [first.child_name, second.child_name] == [d.child_name for d in expected]
    assert first.object_name == expected[0].object_name
    assert list(first.strokes) == list(expected[0].strokes)
    assert not dialog.isVisible()
    dialog.trash_button.click()
    assert not dialog.morph_button.isVisible()
