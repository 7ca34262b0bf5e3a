"""Where drawings live: autosave, crash recovery, the fallback folder and the trash; no Qt.

``Autosaver`` keeps the open drawing on disk: the window calls ``save()`` after every finished
stroke and every accepted model completion, and each save is atomic (``save_drawing`` writes a
temporary file, fsyncs it and renames it over the old one), so a crash or a power cut loses at
most the stroke being drawn. A small marker file names the open drawing; it is removed on a
clean close, so finding it at start-up means the last session ended abruptly and the drawing is
reopened (``recover_open_drawing``).

When the save folder cannot be written (read-only, full, a network share that went away) the
drawing stays in memory and is saved into the fallback folder in the user's data folder; the
outcome carries a clear message. Once the save folder works again the fallback copy is removed.

``DrawingStore`` is a save folder as the gallery sees it: drawings newest first, duplicates,
and a ``.trash`` folder that deleted drawings go to until the teacher empties it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path

from doodle import paths
from doodle.core.drawing import Drawing
from doodle.core.errors import DoodleError, DoodleFormatError
from doodle.core.fileformat import DRAWING_SUFFIX, load_drawing, save_drawing

TRASH_FOLDER_NAME = ".trash"
_UNSAFE_NAME_CHARS = re.compile(r"[^a-z0-9_-]+")


def new_drawing_name(drawing: Drawing) -> str:
    """A file name that sorts by time and never collides: ``20261124-093000-bear-3f9a.doodle``."""
    stamp = drawing.created.astimezone().strftime("%Y%m%d-%H%M%S")
    subject = _UNSAFE_NAME_CHARS.sub("-", drawing.object_name.lower()).strip("-") or "drawing"
    return f"{stamp}-{subject[:40]}-{secrets.token_hex(2)}{DRAWING_SUFFIX}"


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return "the disk is full"
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "it is read-only"
        if error.errno in (errno.ENOTDIR, errno.ENOENT):
            return "it does not exist"
        return error.strerror or str(error)
    return str(error)


@dataclass(frozen=True)
class SaveOutcome:
    """What one save did: ``path`` is where the drawing now is on disk (None: nowhere)."""

    path: Path | None
    used_fallback: bool = False
    problem: str | None = None

    @property
    def saved(self) -> bool:
        return self.path is not None


def _write_marker(marker: Path, drawing_path: Path) -> None:
    marker.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{marker.name}.", dir=marker.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"format": 1, "path": str(drawing_path)}, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, marker)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if os.name == "posix":
        # The rename itself must reach the disk, or a power cut could forget the marker.
        folder = os.open(marker.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def recover_open_drawing(marker: Path | None = None) -> Path | None:
    """The drawing that was open when Doodle last stopped without closing cleanly, if any."""
    marker = marker if marker is not None else paths.open_drawing_marker_path()
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        path = Path(data["path"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.is_file() else None


class Autosaver:
    """Saves one open drawing after each change, falling back to the user's data folder."""

    def __init__(
        self,
        save_folder: Path,
        fallback_folder: Path | None = None,
        marker: Path | None = None,
    ) -> None:
        self.save_folder = Path(save_folder)
        self.fallback_folder = (
            fallback_folder if fallback_folder is not None else paths.fallback_drawings_dir()
        )
        self.marker = marker if marker is not None else paths.open_drawing_marker_path()
        self.drawing: Drawing | None = None
        self.path: Path | None = None
        self.last_outcome: SaveOutcome | None = None
        self._saved_revision: int | None = None
        self._marker_target: Path | None = None

    def open(self, drawing: Drawing, path: Path | None = None) -> None:
        """Start keeping ``drawing`` saved (``path``: where it came from; new: a fresh name)."""
        self.drawing = drawing
        self.path = Path(path) if path is not None else self.save_folder / new_drawing_name(drawing)
        self._saved_revision = drawing.revision if path is not None else None

    def save(self, force: bool = False) -> SaveOutcome:
        """Save now if the drawing changed since the last save (or always with ``force``)."""
        if self.drawing is None or self.path is None:
            raise RuntimeError("no drawing is open")
        if not force and self._saved_revision == self.drawing.revision and self.last_outcome:
            return self.last_outcome
        revision = self.drawing.revision
        fallback_path = self.fallback_folder / self.path.name
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            save_drawing(self.path, self.drawing)
        except (OSError, DoodleError) as error:
            problem = f"Could not save to {self.path.parent}: {_reason(error)}."
            outcome = self._save_fallback(self.drawing, fallback_path, problem)
        else:
            fallback_path.unlink(missing_ok=True)
            outcome = SaveOutcome(self.path)
        if outcome.path is not None:
            self._saved_revision = revision
            if outcome.path != self._marker_target:
                try:
                    _write_marker(self.marker, outcome.path)
                    self._marker_target = outcome.path
                except OSError:
                    # Without a marker the drawing is still saved; it just is not reopened.
                    pass
        self.last_outcome = outcome
        return outcome

    def _save_fallback(self, drawing: Drawing, fallback_path: Path, problem: str) -> SaveOutcome:
        try:
            fallback_path.parent.mkdir(parents=True, exist_ok=True)
            save_drawing(fallback_path, drawing)
        except (OSError, DoodleError) as error:
            return SaveOutcome(
                None,
                problem=f"{problem} The fallback folder {fallback_path.parent} failed too "
                f"({_reason(error)}); the drawing is kept in memory only.",
            )
        return SaveOutcome(
            fallback_path,
            used_fallback=True,
            problem=f"{problem} The drawing is kept safe in {fallback_path.parent}.",
        )

    def close(self) -> None:
        """A clean end: save what is left and forget the marker (nothing to recover)."""
        if self.drawing is not None and len(self.drawing):
            self.save()
        self.marker.unlink(missing_ok=True)
        self._marker_target = None
        self.drawing = None
        self.path = None


class DrawingStore:
    """One save folder as the gallery sees it."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def trash_folder(self) -> Path:
        return self.folder / TRASH_FOLDER_NAME

    def drawings(self) -> list[Path]:
        """Saved drawings, newest first (a missing or unreadable folder has none)."""
        return _newest_first(self.folder)

    def trashed(self) -> list[Path]:
        return _newest_first(self.trash_folder)

    def duplicate(self, path: Path) -> Path:
        """A copy of a drawing under a new name (same strokes, object and child's name)."""
        original = load_drawing(path)
        copy = Drawing(
            object_name=original.object_name,
            child_name=original.child_name,
            strokes=original.strokes,
            music_on=original.music_on,
        )
        copy_path = self.folder / new_drawing_name(copy)
        save_drawing(copy_path, copy)
        return copy_path

    def move_to_trash(self, path: Path) -> Path:
        """Move a drawing into the trash (the teacher can restore it or empty the trash)."""
        self.trash_folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(self.trash_folder / Path(path).name)
        os.replace(path, target)
        return target

    def restore(self, trashed_path: Path) -> Path:
        target = _free_name(self.folder / Path(trashed_path).name)
        os.replace(trashed_path, target)
        return target

    def empty_trash(self) -> int:
        """Delete the drawings in the trash for good; returns how many were deleted."""
        removed = 0
        for path in self.trashed():
            path.unlink(missing_ok=True)
            removed += 1
        return removed


def _newest_first(folder: Path) -> list[Path]:
    try:
        found = [p for p in folder.iterdir() if p.suffix == DRAWING_SUFFIX and p.is_file()]
    except OSError:
        return []

    def modified(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=lambda p: (modified(p), p.name), reverse=True)


def _free_name(path: Path) -> Path:
    candidate = path
    counter = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
        counter += 1
    return candidate


def load_for_gallery(path: Path) -> Drawing | None:
    """The drawing at ``path``, or None if it cannot be read (the gallery skips it)."""
    try:
        return load_drawing(path)
    except (OSError, DoodleFormatError):
        return None
