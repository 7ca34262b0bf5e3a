"""The app's drawing file: round trip, atomic saving, and validation of bad files."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import os
from pathlib import Path

import numpy as np
import pytest

from doodle.core import fileformat
from doodle.core.drawing import Drawing
from doodle.core.errors import DoodleFormatError
from doodle.core.fileformat import drawing_to_json, load_drawing, save_drawing


def _sample_drawing() -> Drawing:
    rng = np.random.default_rng(7)
    drawing = Drawing(object_name="hedgehog", child_name="Zoë")
    for index, (color, author) in enumerate(
        [("#112233", "child"), ("#ff8800", "model"), ("#00aaff", "child")]
    ):
        points = rng.normal(300, 80, size=(10 + index, 4)).astype(np.float32)
        points[:, 2] = rng.uniform(0, 1, len(points))
        points[:, 3] = np.cumsum(rng.uniform(0.01, 0.02, len(points)))
        drawing.add(drawing.new_stroke(points, color, 2.5 + index, author))
    drawing.remove(2)  # ids need not be contiguous
    drawing.music_on = True
    return drawing


def test_round_trip_is_exact(tmp_path: Path) -> None:
    drawing = _sample_drawing()
    path = tmp_path / "hedgehog.doodle"
    save_drawing(path, drawing)
    loaded = load_drawing(path)
    assert loaded.strokes == drawing.strokes
    assert [s.stroke_id for s in loaded.strokes] == [1, 3]
    assert [s.author for s in loaded.strokes] == ["child", "child"]
    assert loaded.object_name == "hedgehog" and loaded.child_name == "Zoë"
    assert loaded.created == drawing.created and loaded.modified == drawing.modified
    assert loaded.next_stroke_id == 4
    assert loaded.music_on is True
    header = json.loads(path.read_text(encoding="utf-8"))
    assert header["format"] == "doodle-drawing" and header["version"] == 2
    assert all(isinstance(stroke["points"], str) for stroke in header["strokes"])


def test_version_1_files_still_read_exactly(tmp_path: Path) -> None:
    drawing = _sample_drawing()
    path = tmp_path / "old.doodle"
    path.write_text(json.dumps(drawing_to_json(drawing, version=1)), encoding="utf-8")
    loaded = load_drawing(path)
    assert loaded.strokes == drawing.strokes and loaded.music_on is True
    # A file as the first Doodle wrote it, typed out by hand.
    path.write_text(
        '{"format": "doodle-drawing", "version": 1, "object_name": "sun", "child_name": null,'
        ' "created": "2026-11-24T23:40:00+00:00", "modified": "2026-11-24T23:41:00+00:00",'
        ' "strokes": [{"id": 4, "author": "child", "color": "#ffaa00", "width": 6.0,'
        ' "points": [[1.5, 2.25, 0.5, 0], [3, 4.125, 1, 0.0125]]}]}',
        encoding="utf-8",
    )
    (stroke,) = load_drawing(path).strokes
    assert stroke.stroke_id == 4 and stroke.color == "#ffaa00"
    np.testing.assert_array_equal(
        stroke.points, np.array([[1.5, 2.25, 0.5, 0], [3, 4.125, 1, 0.0125]], np.float32)
    )


def test_version_2_points_are_little_endian_float32_rows() -> None:
    drawing = Drawing(object_name="dot")
    drawing.add(drawing.new_stroke(np.array([[1.0, 2.0, 0.5, 0.25]], np.float32)))
    (stroke,) = drawing_to_json(drawing)["strokes"]
    assert base64.b64decode(stroke["points"]) == np.array([1.0, 2.0, 0.5, 0.25], "<f4").tobytes()
    with pytest.raises(ValueError, match="version 3"):
        drawing_to_json(drawing, version=3)


def test_snapshot_and_model_strokes_round_trip(tmp_path: Path) -> None:
    drawing = Drawing(object_name="cat")
    drawing.add(drawing.new_stroke(np.array([[1.0, 2.0], [3.0, 4.0]]), "#abcdef", 1.0, "model"))
    path = tmp_path / "cat.doodle"
    save_drawing(path, drawing.snapshot())
    (stroke,) = load_drawing(path).strokes
    assert (stroke.author, stroke.color, stroke.width) == ("model", "#abcdef", 1.0)
    assert load_drawing(path).child_name is None
    # Files written before the music flag existed read as "no music".
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["music_on"]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_drawing(path).music_on is False


def test_save_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "d.doodle"
    save_drawing(path, _sample_drawing())
    empty = Drawing(object_name="empty")
    save_drawing(path, empty)
    assert load_drawing(path).object_name == "empty"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.doodle"]
    assert (path.stat().st_mode & 0o777) == 0o644


def test_failed_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.doodle"
    save_drawing(path, _sample_drawing())
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_drawing(path, Drawing(object_name="new"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.doodle"]


def _valid_json(version: int = 2) -> dict:
    return drawing_to_json(_sample_drawing(), version=version)


def _mutated(change: object, version: int = 2) -> dict:
    document = copy.deepcopy(_valid_json(version))
    change(document)  # type: ignore[operator]
    return document


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# Problems of any version (checked on version 2 and on version 1 documents).
BAD_DOCUMENTS = [
    ("not a Doodle drawing", lambda d: d.update(format="other")),
    ("newer Doodle .version 3, this one reads 1 and 2", lambda d: d.update(version=3)),
    ("unknown version 0", lambda d: d.update(version=0)),
    ("missing field 'version'", lambda d: d.pop("version")),
    ("field 'version' has the wrong type", lambda d: d.update(version="1")),
    ("field 'object_name' has the wrong type", lambda d: d.update(object_name=3)),
    ("missing field 'strokes'", lambda d: d.pop("strokes")),
    ("field 'strokes' has the wrong type", lambda d: d.update(strokes={})),
    ("field 'music_on' has the wrong type", lambda d: d.update(music_on="yes")),
    ("not an ISO 8601 time", lambda d: d.update(created="yesterday")),
    ("stroke 0: expected an object", lambda d: d["strokes"].__setitem__(0, [1])),
    ("stroke 1: missing field 'color'", lambda d: d["strokes"][1].pop("color")),
    ("stroke 0: field 'id' has the wrong type", lambda d: d["strokes"][0].update(id=True)),
    ("stroke 0: stroke colour", lambda d: d["strokes"][0].update(color="blue")),
    ("stroke 0: stroke author", lambda d: d["strokes"][0].update(author="teacher")),
    ("stroke 0: stroke width", lambda d: d["strokes"][0].update(width=-1)),
    ("stroke 0: stroke_id must be >= 0", lambda d: d["strokes"][0].update(id=-5)),
    ("share an id", lambda d: d["strokes"][1].update(id=d["strokes"][0]["id"])),
]

BAD_VERSION_1_DOCUMENTS = [
    ("stroke 0: no points", lambda d: d["strokes"][0].update(points=[])),
    ("stroke 0: each point", lambda d: d["strokes"][0]["points"].append([1, 2, 3])),
    ("stroke 0: each point", lambda d: d["strokes"][0]["points"].append([1, "2", 3, 4])),
    ("stroke 0: field 'points' has the wrong type", lambda d: d["strokes"][0].update(points="AA")),
]

BAD_VERSION_2_DOCUMENTS = [
    ("stroke 0: no points", lambda d: d["strokes"][0].update(points="")),
    ("stroke 0: field 'points' has the wrong type", lambda d: d["strokes"][0].update(points=[])),
    ("stroke 0: points are not valid base64", lambda d: d["strokes"][0].update(points="ab$d")),
    ("stroke 0: points are not valid base64", lambda d: d["strokes"][0].update(points="abc")),
    ("stroke 0: points are not valid base64", lambda d: d["strokes"][0].update(points="äöü=")),
    (
        "stroke 0: points hold 12 bytes, not whole",
        lambda d: d["strokes"][0].update(points=_b64(bytes(12))),
    ),
    (
        "stroke 1: stroke points contain NaN",
        lambda d: d["strokes"][1].update(points=_b64(np.full(4, np.nan, "<f4").tobytes())),
    ),
    (
        "stroke 0: stroke points contain NaN or infinite",
        lambda d: d["strokes"][0].update(points=_b64(np.full(8, np.inf, "<f4").tobytes())),
    ),
]

BAD_CASES = [
    *[(version, problem, change) for version in (1, 2) for problem, change in BAD_DOCUMENTS],
    *[(1, problem, change) for problem, change in BAD_VERSION_1_DOCUMENTS],
    *[(2, problem, change) for problem, change in BAD_VERSION_2_DOCUMENTS],
]


@pytest.mark.parametrize(("version", "problem", "change"), BAD_CASES)
def test_bad_documents_name_file_and_problem(
    tmp_path: Path, version: int, problem: str, change: object
) -> None:
    path = tmp_path / "bad.doodle"
    path.write_text(json.dumps(_mutated(change, version)), encoding="utf-8")
    with pytest.raises(DoodleFormatError, match=problem) as caught:
        load_drawing(path)
    assert caught.value.source == str(path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "bad JSON"),
        (b'{"format": ', "bad JSON"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"[1, 2]", "expected a JSON object"),
        (b"[" * 200_000, "bad JSON"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.doodle"
    path.write_bytes(content)
    with pytest.raises(DoodleFormatError, match=problem):
        load_drawing(path)


def test_non_finite_numbers_are_refused(tmp_path: Path) -> None:
    text = json.dumps(_valid_json(version=1))
    first_number = text.index('"points": [[') + len('"points": [[')
    for constant in ("NaN", "Infinity", "-Infinity"):
        path = tmp_path / "nan.doodle"
        comma = text.index(",", first_number)
        path.write_text(text[:first_number] + constant + text[comma:], encoding="utf-8")
        with pytest.raises(DoodleFormatError, match="non-finite"):
            load_drawing(path)
    huge = text[:first_number] + "1e999" + text[text.index(",", first_number) :]
    path.write_text(huge, encoding="utf-8")
    with pytest.raises(DoodleFormatError, match="NaN or infinite"):
        load_drawing(path)


def test_size_limits_and_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "d.doodle"
    save_drawing(path, _sample_drawing())
    old = tmp_path / "old.doodle"
    old.write_text(json.dumps(_valid_json(version=1)), encoding="utf-8")
    # The sample keeps strokes of 10 and 12 points: the count is exact in both versions.
    monkeypatch.setattr(fileformat, "MAX_POINTS", 21)
    for source in (path, old):
        with pytest.raises(DoodleFormatError, match="22 points, more than the limit 21"):
            load_drawing(source)
    monkeypatch.setattr(fileformat, "MAX_POINTS", 22)
    assert len(load_drawing(path)) == len(load_drawing(old)) == 2
    monkeypatch.setattr(fileformat, "MAX_STROKES", 1)
    with pytest.raises(DoodleFormatError, match="2 strokes, more than the limit 1"):
        load_drawing(path)
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 100)
    with pytest.raises(DoodleFormatError, match="larger than the limit of 100 bytes"):
        load_drawing(path)
    with pytest.raises(DoodleFormatError, match="cannot open"):
        load_drawing(tmp_path / "absent.doodle")


def test_naive_timestamps_are_read_as_utc(tmp_path: Path) -> None:
    document = _mutated(lambda d: d.update(created="2026-01-02T03:04:05"))
    path = tmp_path / "t.doodle"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_drawing(path).created == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
