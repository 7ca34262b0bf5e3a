"""The drawing document and its undo commands; imports no Qt.

A ``Drawing`` is an ordered list of immutable ``Stroke`` objects (points as a read-only float32
``[N, 4]`` array: x, y in canvas px, pressure 0..1, t in seconds since the drawing started), each
with a colour, width, author ("child" or "model") and a ``stroke_id`` that is unique within the
drawing and never reused. It is the single source of truth: the canvas renders it, undo commands
change it, and ``snapshot()`` gives an immutable copy that is safe to hand to a worker thread.

Undo commands (``AddStrokes``, ``RemoveStrokes``, ``ClearStrokes``, ``ReplaceStrokes``) hold plain
data; ``apply`` and ``revert`` restore the exact strokes, ids and order, so the UI can wrap each
one in a ``QUndoCommand`` without this module knowing about Qt.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

Author = Literal["child", "model"]
AUTHORS: tuple[str, ...] = ("child", "model")
DEFAULT_COLOR = "#000000"
DEFAULT_WIDTH = 4.0
_COLOR_PATTERN = re.compile(r"^#[0-9a-f]{6}$")


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC (the timestamps a drawing stores)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class StrokeSample:
    """One pointer sample: canvas px, pressure 0..1, seconds since the drawing started."""

    x: float
    y: float
    pressure: float = 1.0
    t: float = 0.0


def _frozen_points(points: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
    array = np.asarray(points, dtype=np.float32)
    if array.ndim != 2 or array.shape[1] not in (2, 3, 4):
        raise ValueError(f"stroke points must have shape [N, 2..4], got {array.shape}")
    if len(array) == 0:
        raise ValueError("a stroke needs at least one point")
    if array.shape[1] < 4:
        # Missing columns get full pressure and t = 0 (e.g. strokes produced by a model).
        full = np.zeros((len(array), 4), dtype=np.float32)
        full[:, 2] = 1.0
        full[:, : array.shape[1]] = array
        array = full
    else:
        array = array.copy()
    if not np.all(np.isfinite(array)):
        raise ValueError("stroke points contain NaN or infinite values")
    array.flags.writeable = False
    # A view of a read-only base cannot be made writeable again, so snapshots stay immutable.
    return array.view()


@dataclass(frozen=True, eq=False)
class Stroke:
    """One immutable stroke; ``points`` is a read-only float32 copy ``[N, 4]`` (x, y, pressure, t).

    Points given as ``[N, 2]`` or ``[N, 3]`` are completed with pressure 1.0 and t 0.0.
    """

    points: np.ndarray
    color: str = DEFAULT_COLOR
    width: float = DEFAULT_WIDTH
    author: Author = "child"
    stroke_id: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", _frozen_points(self.points))
        color = str(self.color).lower()
        if not _COLOR_PATTERN.match(color):
            raise ValueError(f"stroke colour must be '#rrggbb', got {self.color!r}")
        object.__setattr__(self, "color", color)
        width = float(self.width)
        if not np.isfinite(width) or width <= 0:
            raise ValueError(f"stroke width must be a positive number, got {self.width!r}")
        object.__setattr__(self, "width", width)
        if self.author not in AUTHORS:
            raise ValueError(f"stroke author must be 'child' or 'model', got {self.author!r}")
        if isinstance(self.stroke_id, bool) or not isinstance(self.stroke_id, int | np.integer):
            raise ValueError(f"stroke_id must be an int, got {self.stroke_id!r}")
        if self.stroke_id < 0:
            raise ValueError(f"stroke_id must be >= 0, got {self.stroke_id}")
        object.__setattr__(self, "stroke_id", int(self.stroke_id))

    @classmethod
    def from_samples(
        cls,
        samples: Iterable[StrokeSample],
        color: str = DEFAULT_COLOR,
        width: float = DEFAULT_WIDTH,
        author: Author = "child",
        stroke_id: int = 0,
    ) -> Stroke:
        """Build a stroke from pointer samples."""
        rows = [(s.x, s.y, s.pressure, s.t) for s in samples]
        return cls(np.array(rows, dtype=np.float32).reshape(-1, 4), color, width, author, stroke_id)

    @property
    def xy(self) -> np.ndarray:
        """Read-only view ``[N, 2]`` of the positions in canvas px."""
        return self.points[:, :2]

    def __len__(self) -> int:
        return len(self.points)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stroke):
            return NotImplemented
        return (
            self.stroke_id == other.stroke_id
            and self.color == other.color
            and self.width == other.width
            and self.author == other.author
            and np.array_equal(self.points, other.points)
        )

    def __hash__(self) -> int:
        return hash((self.stroke_id, self.color, self.width, self.author, len(self.points)))


@dataclass(frozen=True)
class DrawingSnapshot:
    """An immutable copy of a drawing at one moment, safe to read from any thread."""

    strokes: tuple[Stroke, ...]
    object_name: str
    child_name: str | None
    created: dt.datetime
    modified: dt.datetime
    revision: int
    music_on: bool = False

    def polylines(self, author: Author | None = None) -> list[np.ndarray]:
        """Positions ``[N, 2]`` of each stroke (optionally of one author), in order."""
        return [s.xy for s in self.strokes if author is None or s.author == author]


class Drawing:
    """The document: ordered strokes plus the object being drawn and who draws it.

    Change it from one thread (the UI's); other threads get a ``snapshot()``.
    """

    def __init__(
        self,
        object_name: str = "",
        child_name: str | None = None,
        strokes: Iterable[Stroke] = (),
        created: dt.datetime | None = None,
        modified: dt.datetime | None = None,
        music_on: bool = False,
    ) -> None:
        self._object_name = str(object_name)
        self._child_name = child_name
        # Whether music played while the drawing was made (its melody can then be exported).
        self.music_on = bool(music_on)
        self._strokes: list[Stroke] = []
        self._next_id = 1
        self.revision = 0
        self.created = created if created is not None else utc_now()
        for stroke in strokes:
            self._insert(stroke, len(self._strokes))
        self.modified = modified if modified is not None else self.created

    # -- reading -------------------------------------------------------------------------------

    @property
    def strokes(self) -> tuple[Stroke, ...]:
        return tuple(self._strokes)

    @property
    def object_name(self) -> str:
        return self._object_name

    @object_name.setter
    def object_name(self, value: str) -> None:
        self._object_name = str(value)
        self._touch()

    @property
    def child_name(self) -> str | None:
        return self._child_name

    @child_name.setter
    def child_name(self, value: str | None) -> None:
        self._child_name = value
        self._touch()

    @property
    def next_stroke_id(self) -> int:
        """The id the next ``new_stroke`` will get (ids are never reused)."""
        return self._next_id

    def __len__(self) -> int:
        return len(self._strokes)

    def __iter__(self) -> Iterator[Stroke]:
        return iter(tuple(self._strokes))

    def index_of(self, stroke_id: int) -> int:
        for index, stroke in enumerate(self._strokes):
            if stroke.stroke_id == stroke_id:
                return index
        raise KeyError(f"no stroke with id {stroke_id}")

    def get(self, stroke_id: int) -> Stroke:
        return self._strokes[self.index_of(stroke_id)]

    def snapshot(self) -> DrawingSnapshot:
        return DrawingSnapshot(
            strokes=tuple(self._strokes),
            object_name=self._object_name,
            child_name=self._child_name,
            created=self.created,
            modified=self.modified,
            revision=self.revision,
            music_on=self.music_on,
        )

    # -- changing ------------------------------------------------------------------------------

    def new_stroke(
        self,
        points: np.ndarray | Sequence[Sequence[float]],
        color: str = DEFAULT_COLOR,
        width: float = DEFAULT_WIDTH,
        author: Author = "child",
    ) -> Stroke:
        """A stroke with a fresh id (not yet added: add it directly or through ``AddStrokes``)."""
        stroke = Stroke(points, color, width, author, self._next_id)
        self._next_id += 1
        return stroke

    def add(self, stroke: Stroke, index: int | None = None) -> None:
        """Insert ``stroke`` at ``index`` (default: on top); its id must not be in the drawing."""
        position = len(self._strokes) if index is None else index
        if not 0 <= position <= len(self._strokes):
            raise IndexError(f"insert position {position} outside 0..{len(self._strokes)}")
        self._insert(stroke, position)
        self._touch()

    def remove(self, stroke_id: int) -> tuple[int, Stroke]:
        """Remove a stroke by id; returns its former index and the stroke."""
        index = self.index_of(stroke_id)
        stroke = self._strokes.pop(index)
        self._touch()
        return index, stroke

    def clear(self) -> tuple[Stroke, ...]:
        """Remove every stroke; returns them in order."""
        removed = tuple(self._strokes)
        self._strokes.clear()
        self._touch()
        return removed

    def _insert(self, stroke: Stroke, position: int) -> None:
        if not isinstance(stroke, Stroke):
            raise TypeError(f"expected a Stroke, got {type(stroke).__name__}")
        if any(s.stroke_id == stroke.stroke_id for s in self._strokes):
            raise ValueError(f"stroke id {stroke.stroke_id} is already in the drawing")
        self._strokes.insert(position, stroke)
        self._next_id = max(self._next_id, stroke.stroke_id + 1)

    def _touch(self) -> None:
        self.revision += 1
        self.modified = utc_now()


class DrawingCommand(Protocol):
    """An undoable change: ``apply`` then ``revert`` leaves the drawing as it was."""

    text: str

    def apply(self, drawing: Drawing) -> None: ...

    def revert(self, drawing: Drawing) -> None: ...


def _restore(drawing: Drawing, placed: Sequence[tuple[int, Stroke]]) -> None:
    # Ascending original indices re-create each position exactly.
    for index, stroke in sorted(placed, key=lambda item: item[0]):
        drawing.add(stroke, index)


def _take_out(drawing: Drawing, stroke_ids: Iterable[int]) -> list[tuple[int, Stroke]]:
    positions = sorted((drawing.index_of(i), i) for i in stroke_ids)
    removed = [drawing.remove(stroke_id) for _, stroke_id in reversed(positions)]
    return sorted(removed, key=lambda item: item[0])


@dataclass
class AddStrokes:
    """Add strokes in order, on top (or starting at ``index``)."""

    strokes: tuple[Stroke, ...]
    index: int | None = None
    text: str = "Draw"

    def __post_init__(self) -> None:
        self.strokes = tuple(self.strokes)

    def apply(self, drawing: Drawing) -> None:
        start = len(drawing) if self.index is None else self.index
        for offset, stroke in enumerate(self.strokes):
            drawing.add(stroke, start + offset)

    def revert(self, drawing: Drawing) -> None:
        for stroke in reversed(self.strokes):
            drawing.remove(stroke.stroke_id)


@dataclass
class RemoveStrokes:
    """Remove strokes by id; ``revert`` puts each back at its former position."""

    stroke_ids: tuple[int, ...]
    text: str = "Erase"
    _removed: list[tuple[int, Stroke]] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.stroke_ids = tuple(self.stroke_ids)

    def apply(self, drawing: Drawing) -> None:
        self._removed = _take_out(drawing, self.stroke_ids)

    def revert(self, drawing: Drawing) -> None:
        _restore(drawing, self._removed)
        self._removed = []


@dataclass
class ClearStrokes:
    """Remove every stroke; ``revert`` restores them all, same ids and order."""

    text: str = "Clear"
    _removed: tuple[Stroke, ...] = field(default=(), init=False, repr=False)

    def apply(self, drawing: Drawing) -> None:
        self._removed = drawing.clear()

    def revert(self, drawing: Drawing) -> None:
        for index, stroke in enumerate(self._removed):
            drawing.add(stroke, index)
        self._removed = ()


@dataclass
class ReplaceStrokes:
    """Swap strokes for others (e.g. a new model completion for the previous one).

    The new strokes go where the first removed stroke was (on top if none was removed).
    """

    old_ids: tuple[int, ...]
    new_strokes: tuple[Stroke, ...]
    text: str = "Replace"
    _removed: list[tuple[int, Stroke]] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.old_ids = tuple(self.old_ids)
        self.new_strokes = tuple(self.new_strokes)

    def apply(self, drawing: Drawing) -> None:
        self._removed = _take_out(drawing, self.old_ids)
        start = self._removed[0][0] if self._removed else len(drawing)
        for offset, stroke in enumerate(self.new_strokes):
            drawing.add(stroke, start + offset)

    def revert(self, drawing: Drawing) -> None:
        for stroke in reversed(self.new_strokes):
            drawing.remove(stroke.stroke_id)
        _restore(drawing, self._removed)
        self._removed = []
