"""Autosave: atomic saves after each change, crash recovery, fallback folder, gallery store."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import numpy as np
import pytest

from doodle import autosave, paths
from doodle.autosave import Autosaver, DrawingStore, recover_open_drawing
from doodle.core import fileformat
from doodle.core.drawing import Drawing
from doodle.core.fileformat import load_drawing


def _stroke(drawing: Drawing, offset: float) -> None:
    points = np.array([[offset, 10.0, 0.5, offset], [offset + 20.0, 30.0, 0.7, offset + 0.1]])
    drawing.add(drawing.new_stroke(points))


def _same_strokes(a: Drawing, b: Drawing) -> bool:
    return list(a.strokes) == list(b.strokes)


@pytest.fixture
def drawing() -> Drawing:
    drawing = Drawing(object_name="bear", child_name="Ada")
    _stroke(drawing, 0.0)
    return drawing


def test_each_change_is_saved_and_recoverable(tmp_path, drawing):
    saver = Autosaver(tmp_path / "class")
    saver.open(drawing)
    first = saver.save()
    assert first.saved and not first.used_fallback and first.problem is None
    assert first.path.parent == tmp_path / "class" and first.path.suffix == ".doodle"
    for step in range(1, 4):
        _stroke(drawing, 40.0 * step)
        saver.save()
        assert _same_strokes(load_drawing(first.path), drawing)
    assert recover_open_drawing() == first.path
    assert sorted(p.name for p in first.path.parent.iterdir()) == [first.path.name]  # no temps
    saver.close()
    assert recover_open_drawing() is None
    assert _same_strokes(load_drawing(first.path), drawing)


def test_unchanged_drawing_is_not_rewritten(tmp_path, drawing):
    saver = Autosaver(tmp_path)
    saver.open(drawing)
    path = saver.save().path
    os.utime(path, (1, 1))
    saver.save()
    assert path.stat().st_mtime == 1
    saver.save(force=True)
    assert path.stat().st_mtime > 1


def test_save_folder_under_a_file_falls_back(tmp_path, drawing):
    blocker = tmp_path / "share"
    blocker.write_text("not a folder")  # root ignores chmod; a file in the way cannot be written
    saver = Autosaver(blocker / "drawings")
    saver.open(drawing)
    outcome = saver.save()
    assert outcome.saved and outcome.used_fallback
    assert outcome.path.parent == paths.fallback_drawings_dir()
    assert "Could not save to" in outcome.problem and str(blocker / "drawings") in outcome.problem
    assert str(paths.fallback_drawings_dir()) in outcome.problem
    assert _same_strokes(load_drawing(outcome.path), drawing)
    assert recover_open_drawing() == outcome.path
    # The share comes back: the next save goes there and the fallback copy disappears.
    blocker.unlink()
    _stroke(drawing, 50.0)
    again = saver.save()
    assert again.path == blocker / "drawings" / outcome.path.name and not again.used_fallback
    assert not outcome.path.exists()
    assert recover_open_drawing() == again.path


def test_full_disk_falls_back(tmp_path, drawing, monkeypatch):
    share = tmp_path / "share"
    real_replace = os.replace

    def replace(source, target):
        if Path(target).parent == share:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    saver = Autosaver(share)
    saver.open(drawing)
    outcome = saver.save()
    assert outcome.used_fallback and "the disk is full" in outcome.problem
    assert outcome.path.is_file() and _same_strokes(load_drawing(outcome.path), drawing)
    assert list(share.iterdir()) == []  # the temporary file was cleaned up


def test_nowhere_to_save_keeps_drawing_in_memory(tmp_path, drawing):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    saver = Autosaver(blocker / "a", fallback_folder=blocker / "b")
    saver.open(drawing)
    outcome = saver.save()
    assert not outcome.saved
    assert "kept in memory" in outcome.problem
    assert len(saver.drawing) == 1


def test_reopened_drawing_keeps_its_file(tmp_path, drawing):
    saver = Autosaver(tmp_path)
    saver.open(drawing)
    path = saver.save().path
    reopened = load_drawing(path)
    other = Autosaver(tmp_path)
    other.open(reopened, path)
    _stroke(reopened, 99.0)
    assert other.save().path == path
    assert len(load_drawing(path)) == 2


def test_store_duplicate_trash_restore_empty(tmp_path, drawing):
    drawing.music_on = True
    saver = Autosaver(tmp_path)
    saver.open(drawing)
    original = saver.save().path
    store = DrawingStore(tmp_path)
    copy = store.duplicate(original)
    assert copy != original and set(store.drawings()) == {original, copy}
    duplicate = load_drawing(copy)
    assert _same_strokes(duplicate, drawing)
    assert duplicate.child_name == "Ada" and duplicate.object_name == "bear" and duplicate.music_on
    trashed = store.move_to_trash(copy)
    assert store.drawings() == [original] and store.trashed() == [trashed]
    restored = store.restore(trashed)
    assert restored == copy and store.trashed() == []
    store.move_to_trash(copy)
    store.move_to_trash(original)
    assert store.drawings() == []
    assert store.empty_trash() == 2 and store.trashed() == []


def test_missing_folder_lists_nothing(tmp_path):
    assert DrawingStore(tmp_path / "nowhere").drawings() == []


def test_names_sort_by_time_and_are_safe(drawing):
    drawing.object_name = "../palm tree"
    name = autosave.new_drawing_name(drawing)
    assert "/" not in name and name.endswith(".doodle") and "palm-tree" in name


class _HeldFsync:
    """``os.fsync`` of drawing files waits until released (a slow disk), then goes on."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self._real_fsync = os.fsync

    def __call__(self, descriptor: int) -> None:
        self.threads.append(threading.current_thread())
        self.entered.set()
        assert self.release.wait(10), "never released"
        self._real_fsync(descriptor)


def test_save_soon_returns_before_the_disk_and_coalesces(tmp_path, drawing, monkeypatch):
    outcomes: list[autosave.SaveOutcome] = []
    saver = Autosaver(tmp_path, on_saved=outcomes.append)
    saver.open(drawing)
    first = saver.save()
    held = _HeldFsync()
    monkeypatch.setattr(fileformat.os, "fsync", held)
    _stroke(drawing, 40.0)
    assert saver.save_soon()
    assert held.entered.wait(10)  # the writer is inside the write, the caller is not
    for step in range(2, 5):
        _stroke(drawing, 40.0 * step)
        assert saver.save_soon()
    assert not saver.save_soon()  # nothing changed since the last request
    assert saver.saving and len(load_drawing(first.path)) == 1
    held.release.set()
    saver.flush()
    assert not saver.saving
    assert _same_strokes(load_drawing(first.path), drawing)
    # The first held write, then only the newest of the three waiting ones.
    assert [o.revision for o in outcomes] == [1, 2, drawing.revision]
    assert all(o.path == first.path for o in outcomes)
    assert threading.main_thread() not in held.threads


def test_a_write_that_dies_midway_leaves_the_previous_save(tmp_path, drawing, monkeypatch):
    saver = Autosaver(tmp_path)
    saver.open(drawing)
    path = saver.save().path

    def power_cut(descriptor: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(fileformat.os, "fsync", power_cut)
    _stroke(drawing, 60.0)
    outcome = saver.save()
    assert not outcome.saved and "kept in memory" in outcome.problem
    assert len(load_drawing(path)) == 1  # the earlier save, whole
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left
    monkeypatch.undo()
    # The same state is written as soon as the disk works again.
    assert saver.save().path == path and _same_strokes(load_drawing(path), drawing)


def test_opening_another_drawing_finishes_the_previous_write(tmp_path, drawing, monkeypatch):
    saver = Autosaver(tmp_path)
    saver.open(drawing)
    held = _HeldFsync()
    monkeypatch.setattr(fileformat.os, "fsync", held)
    saver.save_soon()
    assert held.entered.wait(10)
    first_path = saver.path
    threading.Timer(0.1, held.release.set).start()
    saver.open(Drawing(object_name="cat"))
    assert held.release.is_set() and _same_strokes(load_drawing(first_path), drawing)
    assert saver.path != first_path
