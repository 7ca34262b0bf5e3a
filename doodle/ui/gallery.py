"""The gallery: saved drawings as big thumbnails, no file dialogs.

A child opens, duplicates or names a drawing with one touch; deleting moves it to the trash
(behind the teacher PIN) and only the teacher empties the trash. Export writes into an
``exports`` folder inside the save folder (the classroom setting ``children_may_export`` decides
whether that needs the PIN); print uses the classroom's print setting. The drawings of the
fallback folder (saved there while the save folder failed) are shown too.

"Morph these two" (shown once a part of the app that can morph calls ``offer_morph``) closes the
gallery and hands the two selected drawings to the morph (``morph_requested``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from doodle.autosave import DrawingStore, load_for_gallery
from doodle.config import Settings
from doodle.core.drawing import Drawing
from doodle.core.errors import DoodleError
from doodle.core.fileformat import save_drawing
from doodle.export.captions import date_text
from doodle.export.formats import export_drawings
from doodle.export.png import render_image
from doodle.paths import cache_dir
from doodle.ui.i18n import object_label
from doodle.ui.pin import confirm_teacher
from doodle.ui.printing import print_drawings

THUMBNAIL_PX = 180
BUTTON_HEIGHT_PX = 52
EXPORTS_FOLDER_NAME = "exports"
PathRole = Qt.ItemDataRole.UserRole


_CACHE_FORMAT = "1"


@dataclass(frozen=True)
class GalleryEntry:
    """What the gallery shows of one drawing: its thumbnail, object, child's name and date."""

    image: QImage
    object_name: str
    child_name: str | None
    created: dt.datetime


def _thumbnail_cache_file(path: Path) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    # A changed drawing has a new mtime or size, hence a new key: stale thumbnails never show.
    key = f"{path.resolve()}|{stat.st_mtime_ns}|{stat.st_size}|{THUMBNAIL_PX}"
    return cache_dir() / "thumbnails" / f"{hashlib.sha1(key.encode()).hexdigest()}.png"


def _entry_for(drawing: Drawing) -> GalleryEntry:
    image = render_image(drawing, THUMBNAIL_PX, uniform_width=True)
    return GalleryEntry(image, drawing.object_name, drawing.child_name, drawing.created)


def gallery_entry(path: Path) -> GalleryEntry | None:
    """The entry of a saved drawing, from the thumbnail cache when the file is unchanged."""
    cache_file = _thumbnail_cache_file(path)
    if cache_file is not None and cache_file.is_file():
        image = QImage(str(cache_file))
        if not image.isNull() and image.text("doodle-format") == _CACHE_FORMAT:
            try:
                created = dt.datetime.fromisoformat(image.text("created"))
            except ValueError:
                created = None
            if created is not None:
                child = image.text("child_name") or None
                return GalleryEntry(image, image.text("object_name"), child, created)
    drawing = load_for_gallery(path)
    if drawing is None:
        return None
    entry = _entry_for(drawing)
    if cache_file is not None:
        image = QImage(entry.image)
        image.setText("doodle-format", _CACHE_FORMAT)
        image.setText("object_name", drawing.object_name)
        image.setText("child_name", drawing.child_name or "")
        image.setText("created", drawing.created.isoformat())
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        # A cache that cannot be written only costs speed.
        image.save(str(cache_file), "PNG")
    return entry


class GalleryDialog(QDialog):
    """Saved drawings (or the trash) as a grid of thumbnails."""

    drawing_opened = Signal(object)  # Path of the drawing to open in the canvas
    drawings_trashed = Signal(list)  # Paths of the drawings just moved to the trash
    morph_requested = Signal(object, object)  # the two selected Drawings, in gallery order

    def __init__(
        self,
        settings: Settings,
        folders: Sequence[Path],
        open_drawing: Callable[[], tuple[Path | None, Drawing]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.stores = [DrawingStore(folder) for folder in folders]
        self._open_drawing = open_drawing
        self.showing_trash = False
        self.setWindowTitle(self.tr("My drawings"))
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        self.grid = QListWidget()
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setSpacing(12)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.itemActivated.connect(self._on_grid_item_activated)
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.grid, 1)
        self.message_label = QLabel()
        self.message_label.setObjectName("galleryMessage")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)

        row = QHBoxLayout()
        layout.addLayout(row)
        self.open_button = QPushButton(self.tr("Open"))
        self.name_button = QPushButton(self.tr("Name..."))
        self.duplicate_button = QPushButton(self.tr("Copy"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        for fmt, label in self._format_labels().items():
            export_menu.addAction(label, lambda f=fmt: self.export_selected(f))
        self.export_button.setMenu(export_menu)
        self.print_button = QPushButton(self.tr("Print"))
        self.morph_button = QPushButton(self.tr("Morph these two"))
        self.morph_button.hide()
        self._morph_offered = False
        self.sheet_button = QPushButton(self.tr("Print class sheet"))
        self.trash_button = QPushButton(self.tr("Trash"))
        self.trash_button.setCheckable(True)
        self.restore_button = QPushButton(self.tr("Put back"))
        self.empty_trash_button = QPushButton(self.tr("Empty trash"))
        close_button = QPushButton(self.tr("Close"))
        drawing_buttons = (
            self.open_button,
            self.name_button,
            self.duplicate_button,
            self.delete_button,
            self.export_button,
            self.print_button,
            self.morph_button,
            self.sheet_button,
        )
        trash_buttons = (self.trash_button, self.restore_button, self.empty_trash_button)
        for button in (*drawing_buttons, *trash_buttons, close_button):
            button.setMinimumHeight(BUTTON_HEIGHT_PX)  # big enough for small fingers
        for button in drawing_buttons:
            row.addWidget(button)
        row.addStretch(1)
        for button in (*trash_buttons, close_button):
            row.addWidget(button)
        self.open_button.clicked.connect(self.open_selected)
        self.name_button.clicked.connect(self.name_selected)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_button.clicked.connect(lambda: self.print_selected(contact_sheet=False))
        self.sheet_button.clicked.connect(lambda: self.print_selected(contact_sheet=True))
        self.morph_button.clicked.connect(self.morph_selected)
        self.trash_button.toggled.connect(self._on_trash_button_toggled)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_trash_button.clicked.connect(self.empty_trash)
        close_button.clicked.connect(self.accept)
        self.refresh()

    def _format_labels(self) -> dict[str, str]:
        labels = {
            "png": self.tr("Picture (PNG)"),
            "svg": self.tr("Vector picture (SVG)"),
            "pdf": self.tr("PDF, one drawing per page"),
            "sheet": self.tr("Class sheet (PDF)"),
            "gif": self.tr("Animation of the drawing (GIF)"),
            "ndjson": self.tr("Quick, Draw! data (ndjson)"),
            "mid": self.tr("Melody (MIDI)"),
        }
        return labels

    # -- contents ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the folders (drawings or trash) and rebuild the thumbnails."""
        self.grid.clear()
        open_path, open_drawing = (
            self._open_drawing() if self._open_drawing is not None else (None, None)
        )
        for store in self.stores:
            found = store.trashed() if self.showing_trash else store.drawings()
            for path in found:
                if path == open_path and open_drawing is not None:
                    entry = _entry_for(open_drawing)  # may be newer than its file
                else:
                    entry = gallery_entry(path)
                if entry is None:
                    continue
                item = QListWidgetItem(QIcon(QPixmap.fromImage(entry.image)), self._caption(entry))
                item.setData(PathRole, path)
                item.setToolTip(date_text(entry.created))
                self.grid.addItem(item)
        self._update_buttons()

    def _caption(self, entry: GalleryEntry) -> str:
        label = object_label(entry.object_name) if entry.object_name else self.tr("Drawing")
        return f"{entry.child_name}\n{label}" if entry.child_name else label

    def _current_or_load(self, path: Path) -> Drawing | None:
        if self._open_drawing is not None:
            open_path, open_drawing = self._open_drawing()
            if open_path is not None and open_path == path:
                return open_drawing
        return load_for_gallery(path)

    def selected_paths(self) -> list[Path]:
        return [item.data(PathRole) for item in self.grid.selectedItems()]

    def _store_of(self, path: Path) -> DrawingStore:
        for store in self.stores:
            if path.parent in (store.folder, store.trash_folder):
                return store
        return self.stores[0]

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    def _update_buttons(self) -> None:
        count = len(self.grid.selectedItems())
        drawings_view = not self.showing_trash
        self.open_button.setEnabled(drawings_view and count == 1)
        self.name_button.setEnabled(drawings_view and count == 1)
        self.duplicate_button.setEnabled(drawings_view and count >= 1)
        self.delete_button.setEnabled(drawings_view and count >= 1)
        self.export_button.setEnabled(drawings_view and count >= 1)
        self.print_button.setEnabled(drawings_view and count >= 1)
        self.morph_button.setVisible(self._morph_offered and drawings_view)
        self.morph_button.setEnabled(drawings_view and count == 2)
        self.sheet_button.setEnabled(drawings_view and self.grid.count() > 0)
        self.restore_button.setVisible(self.showing_trash)
        self.empty_trash_button.setVisible(self.showing_trash)
        self.restore_button.setEnabled(count >= 1)
        self.empty_trash_button.setEnabled(self.grid.count() > 0)

    def offer_morph(self, tooltip: str) -> None:
        """Show "Morph these two" (for exactly two selected drawings)."""
        self._morph_offered = True
        self.morph_button.setToolTip(tooltip)
        self._update_buttons()

    # -- actions -------------------------------------------------------------------------------

    def open_selected(self) -> None:
        paths = self.selected_paths()
        if len(paths) == 1:
            self.drawing_opened.emit(paths[0])
            self.accept()

    def morph_selected(self) -> None:
        """Close and hand the two selected drawings to the morph (first in the gallery first)."""
        rows = sorted(self.grid.row(item) for item in self.grid.selectedItems())
        if len(rows) != 2 or self.showing_trash:
            return
        drawings = [self._current_or_load(self.grid.item(row).data(PathRole)) for row in rows]
        if drawings[0] is None or drawings[1] is None:
            self._say(self.tr("One of these drawings could not be read."))
            return
        self.accept()
        self.morph_requested.emit(drawings[0], drawings[1])

    def name_selected(self, name: str | None = None) -> None:
        """Record the child's name with the selected drawing (asks for it when not given)."""
        paths = self.selected_paths()
        if len(paths) != 1:
            return
        drawing = self._current_or_load(paths[0])
        if drawing is None:
            return
        if name is None:
            name, accepted = QInputDialog.getText(
                self,
                self.tr("Name"),
                self.tr("Who made this drawing?"),
                text=drawing.child_name or "",
            )
            if not accepted:
                return
        drawing.child_name = name.strip() or None
        try:
            save_drawing(paths[0], drawing)
        except (OSError, DoodleError) as error:
            self._say(self.tr("The name could not be saved: %1").replace("%1", str(error)))
            return
        self.refresh()

    def duplicate_selected(self) -> list[Path]:
        copies = []
        for path in self.selected_paths():
            try:
                copies.append(self._store_of(path).duplicate(path))
            except (OSError, DoodleError) as error:
                self._say(self.tr("The copy could not be made: %1").replace("%1", str(error)))
        self.refresh()
        return copies

    def delete_selected(self) -> None:
        """Move the selected drawings to the trash (needs the teacher PIN when one is set)."""
        paths = self.selected_paths()
        if not paths or not confirm_teacher(
            self, self.settings, self.tr("Please type the teacher PIN to delete drawings.")
        ):
            return
        trashed = []
        for path in paths:
            try:
                self._store_of(path).move_to_trash(path)
                trashed.append(path)
            except OSError as error:
                self._say(self.tr("Could not delete: %1").replace("%1", str(error)))
        if trashed:
            self.drawings_trashed.emit(trashed)
        self.refresh()

    def restore_selected(self) -> None:
        for path in self.selected_paths():
            self._store_of(path).restore(path)
        self.refresh()

    def empty_trash(self) -> None:
        """Delete the trash for good (teacher only)."""
        if not confirm_teacher(
            self, self.settings, self.tr("Please type the teacher PIN to empty the trash.")
        ):
            return
        removed = sum(store.empty_trash() for store in self.stores)
        self._say(self.tr("%n drawing(s) deleted for good.", "", removed))
        self.refresh()

    def export_selected(self, fmt: str) -> list[Path]:
        """Export the selected drawings (the class sheet: all) into the exports folder."""
        if not self.settings.children_may_export and not confirm_teacher(
            self, self.settings, self.tr("Please type the teacher PIN to export drawings.")
        ):
            return []
        paths = self._all_paths() if fmt == "sheet" else self.selected_paths()
        named = []
        for path in paths:
            drawing = self._current_or_load(path)
            if drawing is not None:
                named.append((path.stem, drawing))
        if not named:
            return []
        out_dir = self.stores[0].folder / EXPORTS_FOLDER_NAME
        try:
            written = export_drawings(named, fmt, out_dir)
        except (OSError, DoodleError) as error:
            self._say(self.tr("Export did not work: %1").replace("%1", str(error)))
            return []
        self._say(self.tr("Saved in %1").replace("%1", str(out_dir)))
        return written

    def _all_paths(self) -> list[Path]:
        return [self.grid.item(row).data(PathRole) for row in range(self.grid.count())]

    def print_selected(self, contact_sheet: bool = False) -> None:
        paths = self._all_paths() if contact_sheet else self.selected_paths()
        drawings = [d for d in (self._current_or_load(p) for p in paths) if d is not None]
        result = print_drawings(
            self, drawings, self.settings.print_straight_away, contact_sheet=contact_sheet
        )
        if result.message:
            self._say(result.message)
        elif result.printed:
            self._say(self.tr("Sent to the printer."))

    # -- slots ---------------------------------------------------------------------------------

    def _on_grid_item_activated(self, _item: QListWidgetItem) -> None:
        if not self.showing_trash:
            self.open_selected()

    def _on_trash_button_toggled(self, showing_trash: bool) -> None:
        self.showing_trash = showing_trash
        self.refresh()
