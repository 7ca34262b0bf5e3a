"""The app's own drawing file: versioned JSON, saved atomically; imports no Qt.

Layout (UTF-8 JSON, suffix ``.doodle``)::

    {"format": "doodle-drawing", "version": 2,
     "object_name": "cat", "child_name": "Mia" | null, "music_on": false (optional),
     "created": "2026-11-24T23:40:00+00:00", "modified": "...",
     "strokes": [{"id": 1, "author": "child", "color": "#ff0000", "width": 4.0,
                  "points": "<base64>"}, ...]}

Version 2 (written) stores each stroke's points as base64 of the little-endian float32 rows
``x, y, pressure, t`` (16 bytes per point). Version 1 (still read) stores them as JSON numbers,
``"points": [[x, y, pressure, t], ...]``; formatting those numbers took most of the time of a
save and held Python's interpreter lock throughout, which stalls the UI thread even when the
save runs on another thread. Either way float32 points read back bit for bit.

``save_drawing`` writes a temporary file in the target folder, flushes and fsyncs it, renames it
over the target with ``os.replace`` and fsyncs the folder, so a crash leaves either the old or the
new file, never half of one. ``load_drawing`` checks everything (size limit ``MAX_FILE_BYTES``,
JSON, format and version, field types, base64 and row size, finite numbers, unique ids) and
raises ``DoodleFormatError`` naming the file and the problem.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core.drawing import Drawing, DrawingSnapshot, Stroke
from doodle.core.errors import DoodleFormatError

FORMAT_NAME = "doodle-drawing"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
DRAWING_SUFFIX = ".doodle"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_STROKES = 100_000
MAX_POINTS = 5_000_000


class _Invalid(Exception):
    """A problem in the document; becomes a DoodleFormatError naming the file."""


_POINT_DTYPE = np.dtype("<f4")
_BYTES_PER_POINT = 4 * _POINT_DTYPE.itemsize


def _encode_points(points: np.ndarray, version: int) -> str | list[list[float]]:
    if version == 1:
        return points.astype(np.float64).tolist()
    return base64.b64encode(points.astype(_POINT_DTYPE).tobytes()).decode("ascii")


def drawing_to_json(
    drawing: Drawing | DrawingSnapshot, version: int = FORMAT_VERSION
) -> dict[str, Any]:
    """The JSON object of a drawing (plain Python values), in format ``version`` (1 or 2)."""
    if version not in READABLE_VERSIONS:
        raise ValueError(f"cannot write drawing format version {version}")
    return {
        "format": FORMAT_NAME,
        "version": version,
        "object_name": drawing.object_name,
        "child_name": drawing.child_name,
        "created": drawing.created.isoformat(),
        "modified": drawing.modified.isoformat(),
        "music_on": drawing.music_on,
        "strokes": [
            {
                "id": stroke.stroke_id,
                "author": stroke.author,
                "color": stroke.color,
                "width": stroke.width,
                "points": _encode_points(stroke.points, version),
            }
            for stroke in drawing.strokes
        ],
    }


def _field(obj: dict[str, Any], key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise _Invalid(f"{where}: missing field '{key}'")
    value = obj[key]
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        raise _Invalid(f"{where}: field '{key}' has the wrong type (bool)")
    if not isinstance(value, kinds):
        raise _Invalid(f"{where}: field '{key}' has the wrong type ({type(value).__name__})")
    return value


def _timestamp(obj: dict[str, Any], key: str) -> dt.datetime:
    text = _field(obj, key, str, "drawing")
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Invalid(f"field '{key}' is not an ISO 8601 time: {text[:40]!r}") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def _points_v1(obj: dict[str, Any], where: str) -> np.ndarray:
    rows = _field(obj, "points", list, where)
    if not rows:
        raise _Invalid(f"{where}: no points")
    for row in rows:
        if (
            not isinstance(row, list)
            or len(row) != 4
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in row)
        ):
            raise _Invalid(f"{where}: each point must be [x, y, pressure, t] numbers")
    try:
        return np.array(rows, dtype=np.float64)
    except OverflowError as error:
        raise _Invalid(f"{where}: {error}") from None


def _points_v2(obj: dict[str, Any], where: str) -> np.ndarray:
    text = _field(obj, "points", str, where)
    if not text:
        raise _Invalid(f"{where}: no points")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _Invalid(f"{where}: points are not valid base64") from None
    if len(raw) % _BYTES_PER_POINT:
        raise _Invalid(
            f"{where}: points hold {len(raw)} bytes, not whole [x, y, pressure, t] float32 rows"
        )
    return np.frombuffer(raw, dtype=_POINT_DTYPE).reshape(-1, 4)


def _point_count(obj: Any, version: int) -> int:
    """How many points a stroke object holds (0 when malformed: ``_stroke`` says why)."""
    points = obj.get("points") if isinstance(obj, dict) else None
    if version == 1:
        return len(points) if isinstance(points, list) else 0
    if not isinstance(points, str):
        return 0
    padding = len(points) - len(points.rstrip("="))
    return (len(points) // 4 * 3 - min(padding, 2)) // _BYTES_PER_POINT


def _stroke(obj: Any, index: int, version: int) -> Stroke:
    where = f"stroke {index}"
    if not isinstance(obj, dict):
        raise _Invalid(f"{where}: expected an object")
    stroke_id = _field(obj, "id", int, where)
    author = _field(obj, "author", str, where)
    color = _field(obj, "color", str, where)
    width = _field(obj, "width", int | float, where)
    points = _points_v1(obj, where) if version == 1 else _points_v2(obj, where)
    try:
        return Stroke(points, color, width, author, stroke_id)
    except (ValueError, OverflowError) as error:
        raise _Invalid(f"{where}: {error}") from None


def drawing_from_json(obj: Any, source: str | os.PathLike[str] | None = None) -> Drawing:
    """Check a decoded drawing object and build the ``Drawing``."""
    try:
        if not isinstance(obj, dict):
            raise _Invalid("expected a JSON object")
        if obj.get("format") != FORMAT_NAME:
            raise _Invalid(f"not a Doodle drawing (format {obj.get('format')!r})")
        version = _field(obj, "version", int, "drawing")
        if version > max(READABLE_VERSIONS):
            raise _Invalid(
                f"made by a newer Doodle (version {version}, this one reads "
                f"{' and '.join(str(v) for v in READABLE_VERSIONS)})"
            )
        if version not in READABLE_VERSIONS:
            raise _Invalid(f"unknown version {version}")
        object_name = _field(obj, "object_name", str, "drawing")
        child_name = _field(obj, "child_name", (str, type(None)), "drawing")
        music_on = _field(obj, "music_on", bool, "drawing") if "music_on" in obj else False
        raw_strokes = _field(obj, "strokes", list, "drawing")
        if len(raw_strokes) > MAX_STROKES:
            raise _Invalid(f"{len(raw_strokes)} strokes, more than the limit {MAX_STROKES}")
        total = sum(_point_count(s, version) for s in raw_strokes)
        if total > MAX_POINTS:
            raise _Invalid(f"{total} points, more than the limit {MAX_POINTS}")
        strokes = [_stroke(s, i, version) for i, s in enumerate(raw_strokes)]
        ids = [s.stroke_id for s in strokes]
        if len(set(ids)) != len(ids):
            raise _Invalid("two strokes share an id")
        return Drawing(
            object_name=object_name,
            child_name=child_name,
            strokes=strokes,
            created=_timestamp(obj, "created"),
            modified=_timestamp(obj, "modified"),
            music_on=music_on,
        )
    except _Invalid as error:
        raise DoodleFormatError(source, str(error)) from None


def _reject_constant(name: str) -> None:
    raise _Invalid(f"non-finite number {name}")


def load_drawing(path: str | os.PathLike[str]) -> Drawing:
    """Read and validate a drawing file."""
    source = Path(path)
    try:
        with source.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DoodleFormatError(source, f"cannot open: {error.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DoodleFormatError(source, f"larger than the limit of {MAX_FILE_BYTES} bytes")
    try:
        obj = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise DoodleFormatError(source, "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DoodleFormatError(
            source, f"bad JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None
    except (_Invalid, RecursionError) as error:
        raise DoodleFormatError(source, f"bad JSON ({error or 'nested too deeply'})") from None
    return drawing_from_json(obj, source)


def save_drawing(path: str | os.PathLike[str], drawing: Drawing | DrawingSnapshot) -> None:
    """Write a drawing atomically (temp file in the same folder, fsync, rename, fsync folder)."""
    target = Path(path)
    text = json.dumps(drawing_to_json(drawing), ensure_ascii=False, allow_nan=False)
    descriptor, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        # mkstemp creates the file private (0600); a drawing is an ordinary document.
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o644)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_directory(target.parent)


def _fsync_directory(folder: Path) -> None:
    # Makes the rename durable; folders cannot be opened this way on Windows.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
