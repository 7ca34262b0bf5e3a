"""Quick, Draw! ndjson: read and write Google's simplified and raw drawing formats; imports no Qt.

One JSON object per line with ``word``, ``countrycode``, ``timestamp``, ``recognized``,
``key_id`` and ``drawing``: a list of strokes, each ``[[x...], [y...]]`` (simplified: integer
coordinates in the 0..255 box) or ``[[x...], [y...], [t...]]`` (raw: screen px and milliseconds).
Reading streams line by line (``iter_drawings``), so whole-class files of any size can be read;
each line, each drawing and the strokes in it are limited (see the ``MAX_*`` constants) and a bad
line raises ``DoodleFormatError`` naming the file and the line number.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core.drawing import DEFAULT_COLOR, DEFAULT_WIDTH, Drawing, DrawingSnapshot
from doodle.core.errors import DoodleFormatError
from doodle.core.units import simplify_like_quickdraw

MAX_LINE_BYTES = 4 * 1024 * 1024
"""Longest accepted line (the longest real raw drawings are well under 1 MiB)."""
MAX_STROKES = 2_000
"""Most strokes in one drawing."""
MAX_POINTS = 200_000
"""Most points in one drawing, all strokes together."""


@dataclass(frozen=True, eq=False)
class QuickDrawDrawing:
    """One Quick, Draw! drawing.

    ``strokes``: float32 arrays ``[N, 2]`` (x, y) for simplified drawings, ``[N, 3]`` (x, y,
    t in ms) for raw ones; all strokes of a drawing have the same number of columns.
    """

    word: str
    strokes: tuple[np.ndarray, ...]
    key_id: str = ""
    countrycode: str = ""
    timestamp: str = ""
    recognized: bool = True

    @property
    def is_raw(self) -> bool:
        """True when the strokes carry per-point times (Google's raw format)."""
        return bool(self.strokes) and self.strokes[0].shape[1] == 3

    def polylines(self) -> list[np.ndarray]:
        """The strokes as ``[N, 2]`` positions."""
        return [s[:, :2] for s in self.strokes]


_NUMBER_TYPES = {int, float}


class _LineError(Exception):
    """A problem in one line; turned into a DoodleFormatError that names file and line."""


def _reject_constant(name: str) -> float:
    raise _LineError(f"non-finite number {name}")


def _require_str(record: dict[str, Any], key: str, default: str | None = None) -> str:
    value = record.get(key, default)
    if value is None:
        raise _LineError(f"missing field '{key}'")
    if isinstance(value, int) and not isinstance(value, bool) and key == "key_id":
        return str(value)
    if not isinstance(value, str):
        raise _LineError(f"field '{key}' must be a string, got {type(value).__name__}")
    return value


def _parse_stroke(stroke: Any, index: int) -> np.ndarray:
    if not isinstance(stroke, list) or len(stroke) not in (2, 3):
        raise _LineError(f"stroke {index} must be a list of 2 (x, y) or 3 (x, y, t) lists")
    columns = []
    for axis, values in enumerate(stroke):
        if not isinstance(values, list) or not set(map(type, values)) <= _NUMBER_TYPES:
            raise _LineError(f"stroke {index} axis {axis} must be a list of numbers")
        columns.append(values)
    if len({len(c) for c in columns}) != 1:
        raise _LineError(f"stroke {index} has axes of different lengths")
    if not columns[0]:
        raise _LineError(f"stroke {index} has no points")
    array = np.array(columns, dtype=np.float64).T
    if not np.all(np.isfinite(array)):
        raise _LineError(f"stroke {index} has non-finite numbers")
    return array.astype(np.float32)


def parse_record(record: Any) -> QuickDrawDrawing:
    """Validate one decoded JSON object; raises ``ValueError`` subclasses on bad content."""
    if not isinstance(record, dict):
        raise _LineError(f"expected a JSON object, got {type(record).__name__}")
    strokes_field = record.get("drawing")
    if strokes_field is None:
        raise _LineError("missing field 'drawing'")
    if not isinstance(strokes_field, list):
        raise _LineError("field 'drawing' must be a list of strokes")
    if len(strokes_field) > MAX_STROKES:
        raise _LineError(f"{len(strokes_field)} strokes, more than the limit {MAX_STROKES}")
    strokes = tuple(_parse_stroke(s, i) for i, s in enumerate(strokes_field))
    if len({s.shape[1] for s in strokes}) > 1:
        raise _LineError("strokes mix simplified (x, y) and raw (x, y, t) layouts")
    total = sum(len(s) for s in strokes)
    if total > MAX_POINTS:
        raise _LineError(f"{total} points, more than the limit {MAX_POINTS}")
    recognized = record.get("recognized", True)
    if not isinstance(recognized, bool):
        raise _LineError("field 'recognized' must be true or false")
    return QuickDrawDrawing(
        word=_require_str(record, "word"),
        strokes=strokes,
        key_id=_require_str(record, "key_id", ""),
        countrycode=_require_str(record, "countrycode", ""),
        timestamp=_require_str(record, "timestamp", ""),
        recognized=recognized,
    )


def parse_line(line: bytes | str) -> QuickDrawDrawing:
    """Parse one ndjson line (raises ``ValueError`` on bad JSON or content)."""
    try:
        record = json.loads(line, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise _LineError(f"bad JSON ({error.msg} at column {error.colno})") from None
    except UnicodeDecodeError:
        raise _LineError("not UTF-8 text") from None
    except RecursionError:
        raise _LineError("JSON nested too deeply") from None
    return parse_record(record)


def iter_drawings(path: str | os.PathLike[str]) -> Iterator[QuickDrawDrawing]:
    """Stream the drawings of an ndjson file; blank lines are skipped.

    A bad line raises ``DoodleFormatError("<path>", "line <n>: <problem>")`` (a cut last line,
    as in truncated downloads, is reported the same way).
    """
    source = Path(path)
    try:
        handle = source.open("rb")
    except OSError as error:
        raise DoodleFormatError(source, f"cannot open: {error.strerror}") from None
    with handle:
        line_number = 0
        while True:
            line = handle.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            line_number += 1
            if len(line) > MAX_LINE_BYTES:
                raise DoodleFormatError(
                    source, f"line {line_number}: longer than the limit of {MAX_LINE_BYTES} bytes"
                )
            if not line.strip():
                continue
            try:
                yield parse_line(line)
            except _LineError as error:
                raise DoodleFormatError(source, f"line {line_number}: {error}") from None


def read_drawings(path: str | os.PathLike[str], limit: int | None = None) -> list[QuickDrawDrawing]:
    """The first ``limit`` drawings of a file (all if ``None``)."""
    drawings: list[QuickDrawDrawing] = []
    for drawing in iter_drawings(path):
        if limit is not None and len(drawings) >= limit:
            break
        drawings.append(drawing)
    return drawings


def _number(value: float) -> int | float:
    as_float = float(value)
    if not math.isfinite(as_float):
        raise ValueError("cannot write a non-finite number")
    return int(as_float) if as_float.is_integer() else as_float


def to_record(drawing: QuickDrawDrawing) -> dict[str, Any]:
    """The JSON object of one drawing, in Google's field order."""
    strokes = [
        [[_number(v) for v in stroke[:, axis]] for axis in range(stroke.shape[1])]
        for stroke in drawing.strokes
    ]
    return {
        "word": drawing.word,
        "countrycode": drawing.countrycode,
        "timestamp": drawing.timestamp,
        "recognized": drawing.recognized,
        "key_id": drawing.key_id,
        "drawing": strokes,
    }


def write_drawings(path: str | os.PathLike[str], drawings: Iterable[QuickDrawDrawing]) -> int:
    """Write drawings as ndjson (one compact object per line); returns how many were written.

    Integral coordinates are written as JSON integers, as in Google's files.
    """
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="\n") as handle:
        for drawing in drawings:
            handle.write(json.dumps(to_record(drawing), separators=(",", ":"), allow_nan=False))
            handle.write("\n")
            count += 1
    return count


def from_drawing(
    drawing: Drawing | DrawingSnapshot,
    *,
    raw: bool = False,
    key_id: str = "",
    countrycode: str = "",
) -> QuickDrawDrawing:
    """A Quick, Draw! record of an app drawing (all authors' strokes, in order).

    ``raw=False`` gives Google's simplified form (``simplify_like_quickdraw``: 0..255 box,
    integers); ``raw=True`` keeps canvas px and turns each point's time into milliseconds.
    """
    if raw:
        strokes = tuple(
            np.column_stack([s.points[:, :2], np.rint(s.points[:, 3] * 1000.0)]).astype(np.float32)
            for s in drawing.strokes
        )
    else:
        simplified = simplify_like_quickdraw([s.xy for s in drawing.strokes])
        strokes = tuple(s.astype(np.float32) for s in simplified)
    return QuickDrawDrawing(
        word=drawing.object_name,
        strokes=strokes,
        key_id=key_id,
        countrycode=countrycode,
        timestamp=drawing.created.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC"),
        recognized=True,
    )


def to_drawing(
    record: QuickDrawDrawing, color: str = DEFAULT_COLOR, width: float = DEFAULT_WIDTH
) -> Drawing:
    """An app drawing (child strokes) from a Quick, Draw! record; raw times become seconds."""
    drawing = Drawing(object_name=record.word)
    for stroke in record.strokes:
        points = np.zeros((len(stroke), 4), dtype=np.float32)
        points[:, :2] = stroke[:, :2]
        points[:, 2] = 1.0
        if stroke.shape[1] == 3:
            points[:, 3] = stroke[:, 2] / 1000.0
        drawing.add(drawing.new_stroke(points, color, width, "child"))
    return drawing
