"""Where drawings live: autosave, crash recovery, the fallback folder and the trash; no Qt.

``Autosaver`` keeps the open drawing on disk: the window calls ``save_soon()`` after every
finished stroke and every accepted model completion. That takes an immutable snapshot on the
UI thread and hands it to one background writer (``doodle.background_writer``), which formats,
writes and fsyncs it while the child goes on drawing; when strokes end faster than the disk
keeps up, only the newest snapshot is written next. Each write is atomic (``save_drawing``
writes a temporary file, fsyncs it, renames it over the old one and fsyncs the folder), so a
crash or a power cut leaves the previous save intact and loses at most the strokes of the last
moment: the one being drawn and one whose write had not finished. Quitting, opening another
drawing and an explicit ``save()`` wait for pending writes. A small marker file names the open
drawing; it is removed on a clean close, so finding it at start-up means the last session
ended abruptly and the drawing is reopened (``recover_open_drawing``).

When the save folder cannot be written (read-only, full, a network share that went away) the
drawing stays in memory and is saved into the fallback folder in the user's data folder; the
outcome carries a clear message. Once the save folder works again the fallback copy is removed.

``DrawingStore`` is a save folder as the gallery sees it: drawings newest first, duplicates,
and a ``.trash`` folder that deleted drawings go to until the teacher empties it.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from doodle import paths
from doodle.background_writer import BackgroundWriter
from doodle.core.drawing import Drawing, DrawingSnapshot
from doodle.core.errors import DoodleError, DoodleFormatError
from doodle.core.fileformat import DRAWING_SUFFIX, load_drawing, save_drawing

log = logging.getLogger(__name__)

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
    """What one save did: ``path`` is where the drawing now is on disk (None: nowhere).

    ``revision`` is the drawing's revision that was written (which change it includes).
    """

    path: Path | None
    used_fallback: bool = False
    problem: str | None = None
    revision: int | None = None

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


@dataclass(frozen=True)
class _SaveJob:
    """One drawing state to write: taken on the UI thread, written on the writer thread."""

    snapshot: DrawingSnapshot
    path: Path
    fallback_path: Path
    opened: int  # which ``open()`` the snapshot belongs to


class Autosaver:
    """Saves one open drawing after each change, falling back to the user's data folder.

    ``save_soon()`` is what the window calls after every change: it takes an immutable snapshot
    (cheap: the strokes are already immutable) and leaves formatting, writing and ``fsync`` to
    a background writer, so the UI thread never waits for the disk. ``save()`` does the same
    and waits until the file is written. ``on_saved`` is called with each ``SaveOutcome`` on
    the writer thread (a UI passes it on to its own thread).
    """

    def __init__(
        self,
        save_folder: Path,
        fallback_folder: Path | None = None,
        marker: Path | None = None,
        on_saved: Callable[[SaveOutcome], None] | None = None,
    ) -> None:
        self.save_folder = Path(save_folder)
        self.fallback_folder = (
            fallback_folder if fallback_folder is not None else paths.fallback_drawings_dir()
        )
        self.marker = marker if marker is not None else paths.open_drawing_marker_path()
        self.on_saved = on_saved
        self.drawing: Drawing | None = None
        self.path: Path | None = None
        self._writer: BackgroundWriter[_SaveJob] = BackgroundWriter(
            self._write, name="doodle-autosave"
        )
        # Shared with the writer thread: what was last written and what is already asked for.
        self._lock = threading.Lock()
        self._last_outcome: SaveOutcome | None = None
        self._opened = 0
        self._requested: tuple[int, int] | None = None  # (open count, revision) queued or saved
        self._marker_target: Path | None = None  # only the writer thread (or an idle writer)

    @property
    def last_outcome(self) -> SaveOutcome | None:
        """What the newest save did; waits for saves still being written."""
        self.flush()
        return self.latest_outcome

    @property
    def latest_outcome(self) -> SaveOutcome | None:
        """What the newest finished save did, without waiting for one being written."""
        with self._lock:
            return self._last_outcome

    def open(self, drawing: Drawing, path: Path | None = None) -> None:
        """Start keeping ``drawing`` saved (``path``: where it came from; new: a fresh name).

        Saves of the previous drawing are finished first, so its file is complete.
        """
        self.flush()
        self.drawing = drawing
        self.path = Path(path) if path is not None else self.save_folder / new_drawing_name(drawing)
        with self._lock:
            self._opened += 1
            # A reopened drawing is on disk as it is; a new one has never been saved.
            self._requested = (self._opened, drawing.revision) if path is not None else None

    def save_soon(self, force: bool = False) -> bool:
        """Queue a save if the drawing changed since the last one (or always with ``force``).

        Returns at once (False: nothing to save). The outcome reaches ``on_saved`` and
        ``last_outcome``.
        """
        if self.drawing is None or self.path is None:
            raise RuntimeError("no drawing is open")
        with self._lock:
            state = (self._opened, self.drawing.revision)
            if not force and state == self._requested and self._last_outcome is not None:
                return False
            self._requested = state
            opened = self._opened
        job = _SaveJob(
            self.drawing.snapshot(), self.path, self.fallback_folder / self.path.name, opened
        )
        self._writer.submit(job.path, job)
        return True

    def save(self, force: bool = False) -> SaveOutcome:
        """Save now (if changed, or always with ``force``) and wait until it is on disk."""
        self.save_soon(force)
        outcome = self.last_outcome
        if outcome is None:
            raise RuntimeError("the save finished without an outcome")
        return outcome

    @property
    def saving(self) -> bool:
        """Whether a save is being written or waits to be."""
        return not self._writer.idle

    def flush(self) -> None:
        """Wait until every queued save is written."""
        self._writer.wait()

    def _write(self, job: _SaveJob) -> None:
        outcome = replace(self._write_files(job), revision=job.snapshot.revision)
        with self._lock:
            self._last_outcome = outcome
            if outcome.path is None and self._requested == (job.opened, job.snapshot.revision):
                # Nothing was saved: the next request for the same state must try again.
                self._requested = None
        if self.on_saved is not None:
            try:
                self.on_saved(outcome)
            except Exception:
                log.exception("the autosave listener failed")

    def _write_files(self, job: _SaveJob) -> SaveOutcome:
        try:
            job.path.parent.mkdir(parents=True, exist_ok=True)
            save_drawing(job.path, job.snapshot)
        except (OSError, DoodleError) as error:
            problem = f"Could not save to {job.path.parent}: {_reason(error)}."
            outcome = self._save_fallback(job.snapshot, job.fallback_path, problem)
        else:
            job.fallback_path.unlink(missing_ok=True)
            outcome = SaveOutcome(job.path)
        if outcome.path is not None and outcome.path != self._marker_target:
            try:
                _write_marker(self.marker, outcome.path)
                self._marker_target = outcome.path
            except OSError:
                # Without a marker the drawing is still saved; it just is not reopened.
                pass
        return outcome

    def _save_fallback(
        self, snapshot: DrawingSnapshot, fallback_path: Path, problem: str
    ) -> SaveOutcome:
        try:
            fallback_path.parent.mkdir(parents=True, exist_ok=True)
            save_drawing(fallback_path, snapshot)
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
        """A clean end: save what is left, wait for it and forget the marker."""
        if self.drawing is not None and len(self.drawing):
            self.save()
        self.flush()
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
