"""Training data: sketches in model units, length-bucketed batches, augmentation, collation.

A ``SketchCorpus`` holds stroke-3 sketches (model units) with their class and, for teacher
samples, the teacher's soft targets. Sources: teacher sample files written by
``doodle.train.teacher.save_samples``, sketch-rnn ``.npz`` datasets (through the core safe
loader) and Quick, Draw! ``.ndjson`` files (through the core reader). Imports torch and numpy,
no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import Dataset, Sampler

from doodle.core.errors import DoodleFormatError
from doodle.core.strokes import stroke3_to_strokes, strokes_to_stroke3
from doodle.core.units import simplify_like_quickdraw
from doodle.train.loss import Batch

# The class of real drawings of objects that have no teacher (never exported).
OTHER_OBJECTS = "other_objects"


def missing_classes_hint(missing: set[str] | Sequence[str]) -> str:
    """What to add when a resumed model draws classes the data lacks: a checkpoint keeps the
    unexported class of other objects, whose drawings come from an option, not a teacher."""
    if OTHER_OBJECTS in missing:
        return f" ({OTHER_OBJECTS!r} comes from --other-drawings: give it again)"
    return ""


@dataclass
class ClassUnits:
    """One class of a corpus: its name and how its model units relate to the 256-px box."""

    name: str
    scale_factor: float
    pixel_factor: float
    max_seq_len: int
    source: str
    # False for classes that only teach the shared weights (real drawings of objects that
    # have no teacher): they are trained on but get no exported folder.
    exported: bool = True


@dataclass
class SketchCorpus:
    """Sketches (stroke-3, model units) with class ids and optional teacher targets."""

    classes: list[ClassUnits] = field(default_factory=list)
    sketches: list[np.ndarray] = field(default_factory=list)
    class_ids: list[int] = field(default_factory=list)
    teacher_pen: list[np.ndarray] | None = None
    teacher_offsets: list[np.ndarray] | None = None
    # Per sketch: 1.0 when its points are the teacher's own samples (they teach as targets
    # too), 0.0 when a student drew it and only the teacher's soft targets teach.
    own_points: list[float] = field(default_factory=list)
    # True once every sketch is in the form of Quick, Draw!'s simplified drawings.
    in_quickdraw_form: bool = False

    def __len__(self) -> int:
        return len(self.sketches)

    @property
    def has_teacher_targets(self) -> bool:
        return self.teacher_pen is not None and self.teacher_offsets is not None

    def add_class(
        self,
        units: ClassUnits,
        sketches: Sequence[np.ndarray],
        pens: Sequence[np.ndarray] | None = None,
        offsets: Sequence[np.ndarray] | None = None,
        drawn_by_student: bool = False,
    ) -> None:
        if drawn_by_student and (pens is None or offsets is None):
            raise DoodleFormatError(
                units.source, "sketches drawn by a student need the teacher's soft targets"
            )
        names = [c.name for c in self.classes]
        if units.name in names:
            class_id = names.index(units.name)
        else:
            class_id = len(self.classes)
            self.classes.append(units)
        if not self.sketches:
            self.teacher_pen = [] if pens is not None else None
            self.teacher_offsets = [] if offsets is not None else None
        if (pens is None) != (self.teacher_pen is None):
            raise DoodleFormatError(
                units.source, "cannot mix teacher samples with plain drawings in one run"
            )
        self.sketches.extend(np.asarray(s, np.float32) for s in sketches)
        self.class_ids.extend([class_id] * len(sketches))
        self.own_points.extend([0.0 if drawn_by_student else 1.0] * len(sketches))
        if pens is not None and offsets is not None and self.teacher_pen is not None:
            self.teacher_pen.extend(pens)
            assert self.teacher_offsets is not None
            self.teacher_offsets.extend(offsets)

    def reorder_classes(self, names: Sequence[str]) -> None:
        """Renumber classes to follow ``names`` (a resumed model's class order)."""
        current = [c.name for c in self.classes]
        if sorted(current) != sorted(names):
            hint = missing_classes_hint(set(names) - set(current))
            raise DoodleFormatError(
                None,
                f"the data's classes {sorted(current)} differ from the model's {list(names)}"
                + hint,
            )
        mapping = [list(names).index(name) for name in current]
        self.classes = [self.classes[current.index(name)] for name in names]
        self.class_ids = [mapping[i] for i in self.class_ids]

    def drop_longer_than(self, max_len: int) -> None:
        keep = [i for i, s in enumerate(self.sketches) if 1 <= len(s) <= max_len]
        self.sketches = [self.sketches[i] for i in keep]
        self.class_ids = [self.class_ids[i] for i in keep]
        self.own_points = [self.own_points[i] for i in keep]
        if self.teacher_pen is not None and self.teacher_offsets is not None:
            self.teacher_pen = [self.teacher_pen[i] for i in keep]
            self.teacher_offsets = [self.teacher_offsets[i] for i in keep]

    def simplify_like_quickdraw(self) -> None:
        """Bring every sketch to the form in which real drawings reach the model.

        Real Quick, Draw! drawings are scaled into the 256-px box, resampled and simplified with
        RDP (epsilon 2.0), and start at their first point; teachers draw about twice as many,
        shorter steps. A student that learns from sketches in that same form predicts real
        drawings (the evaluation, and the child's strokes) better and ends its drawings after
        as many steps as people do. The teacher's step-by-step targets belong to the original
        sequences, so they are dropped.
        """
        if self.in_quickdraw_form:
            return
        units = [self.classes[i] for i in self.class_ids]
        if min(self.own_points, default=1.0) < 1.0:
            raise DoodleFormatError(
                None, "sketches drawn by a student teach only through the teacher's targets"
            )
        converted = [quickdraw_form(s, u) for s, u in zip(self.sketches, units, strict=True)]
        keep = [i for i, s in enumerate(converted) if len(s) >= 2]
        self.sketches = [converted[i] for i in keep]
        self.class_ids = [self.class_ids[i] for i in keep]
        self.own_points = [1.0] * len(keep)
        self.teacher_pen = self.teacher_offsets = None
        self.in_quickdraw_form = True

    def add_real_drawings(self, drawings: dict[str, list[list[np.ndarray]]], source: str) -> int:
        """Add real drawings (Quick, Draw! simplified strokes in 256-box px, by object name) as
        one class, ``OTHER_OBJECTS``, that teaches the shared weights and is not exported;
        returns how many were added.

        One class for all of them, rather than one per object, makes the decoder learn from
        the latent what a drawing shows, and so the encoder to put it there. They are in the
        form of real drawings already, so the corpus must be too (its teacher targets, which
        real drawings lack, are gone). Their model units are the median of the teacher
        classes' units, so their offsets are as large as the teachers' sketches'.
        """
        if not self.in_quickdraw_form:
            raise DoodleFormatError(
                None, "real drawings join only sketches in Quick, Draw! form (--like-quickdraw)"
            )
        teachers = [c for c in self.classes if c.exported]
        if not teachers:
            raise DoodleFormatError(None, "real drawings need teacher sketches to set the units")
        if OTHER_OBJECTS in [c.name for c in teachers]:
            raise DoodleFormatError(None, f"a teacher is named {OTHER_OBJECTS!r}")
        px_per_unit = float(np.median([c.scale_factor / c.pixel_factor for c in teachers]))
        sketches = []
        for name in sorted(drawings):
            for strokes in drawings[name]:
                stroke3 = strokes_to_stroke3([np.asarray(s, np.float32) for s in strokes])[1:]
                if len(stroke3) >= 2:
                    stroke3[:, :2] /= px_per_unit
                    sketches.append(stroke3)
        if sketches:
            units = ClassUnits(
                name=OTHER_OBJECTS,
                scale_factor=px_per_unit,
                pixel_factor=1.0,
                max_seq_len=max(len(s) for s in sketches),
                source=source,
                exported=False,
            )
            self.add_class(units, sketches)
        return len(sketches)


def quickdraw_form(sketch: np.ndarray, units: ClassUnits) -> np.ndarray:
    """A stroke-3 sketch in model units, simplified as Google simplified Quick, Draw! drawings."""
    px_per_unit = units.scale_factor / units.pixel_factor
    in_px = np.asarray(sketch, np.float64).copy()
    in_px[:, :2] *= px_per_unit
    simplified = simplify_like_quickdraw(stroke3_to_strokes(in_px.astype(np.float32)))
    stroke3 = strokes_to_stroke3([s.astype(np.float32) for s in simplified])[1:]
    stroke3[:, :2] /= px_per_unit
    return stroke3.astype(np.float32)


def _split(flat: np.ndarray, lengths: np.ndarray) -> list[np.ndarray]:
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    return [flat[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def load_teacher_samples(path: Path, corpus: SketchCorpus) -> None:
    """Add a teacher sample file (plain arrays, loaded without pickle) to ``corpus``."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except (OSError, ValueError) as error:
        raise DoodleFormatError(path, f"not a sample file ({error})") from None
    for key in ("points", "lengths", "class_name", "scale_factor", "pixel_factor"):
        if key not in arrays:
            raise DoodleFormatError(path, f"sample file lacks {key!r}")
    lengths = arrays["lengths"].astype(np.int64)
    points = arrays["points"].astype(np.float32)
    if points.ndim != 2 or points.shape[1] != 3 or lengths.sum() != len(points):
        raise DoodleFormatError(path, "points and lengths do not match")
    units = ClassUnits(
        name=str(arrays["class_name"]),
        scale_factor=float(arrays["scale_factor"]),
        pixel_factor=float(arrays["pixel_factor"]),
        max_seq_len=int(arrays.get("max_seq_len", lengths.max())),
        source=str(path),
    )
    pens = offsets = None
    if "teacher_pen" in arrays and "teacher_offsets" in arrays:
        pens = _split(arrays["teacher_pen"], lengths + 1)
        offsets = _split(arrays["teacher_offsets"], lengths)
    drawn_by_student = bool(arrays.get("drawn_by_student", False))
    corpus.add_class(units, _split(points, lengths), pens, offsets, drawn_by_student)


def offsets_scale(sketches: Sequence[np.ndarray]) -> float:
    """Magenta's normalising scale: the standard deviation of all offsets."""
    data = np.concatenate([s[:, :2] for s in sketches]).ravel()
    return float(np.std(data)) or 1.0


def augment(sketch: np.ndarray, rng: np.random.Generator, scale: float, drop: float) -> np.ndarray:
    """Random independent x/y scaling and dropping of pen-down points (paper's augmentation).

    A dropped point's offset is merged into the next point, so the drawing keeps its shape.
    """
    result = sketch.copy()
    if drop > 0 and len(result) > 2:
        kept: list[np.ndarray] = []
        carry = np.zeros(2, np.float32)
        for i, point in enumerate(result):
            point = point.copy()
            point[:2] += carry
            carry[:] = 0.0
            is_middle = 0 < i < len(result) - 1 and point[2] == 0 and result[i - 1, 2] == 0
            if is_middle and rng.random() < drop:
                carry[:] = point[:2]
                continue
            kept.append(point)
        result = np.asarray(kept, np.float32)
    if scale > 0:
        factors = 1.0 + rng.uniform(-scale, scale, size=2)
        result[:, :2] *= factors.astype(np.float32)
    return result


class SketchDataset(Dataset):
    """Items are (stroke-3, class id, teacher pen | None, teacher offsets | None, weight of
    the sketch's own points as targets)."""

    def __init__(
        self, corpus: SketchCorpus, scale: float = 0.0, drop: float = 0.0, seed: int = 0
    ) -> None:
        self.corpus = corpus
        self.scale = scale
        self.drop = drop
        self.rng = np.random.default_rng(seed)

    def __len__(self) -> int:
        return len(self.corpus)

    def __getitem__(self, index: int):
        corpus = self.corpus
        sketch = corpus.sketches[index]
        pen = offsets = None
        if corpus.teacher_pen is not None and corpus.teacher_offsets is not None:
            # Soft targets belong to the exact sampled sequence: no augmentation.
            pen, offsets = corpus.teacher_pen[index], corpus.teacher_offsets[index]
        elif self.scale or self.drop:
            sketch = augment(sketch, self.rng, self.scale, self.drop)
        return sketch, corpus.class_ids[index], pen, offsets, corpus.own_points[index]


def collate(items: Sequence[tuple]) -> Batch:
    """Pad to the longest sketch + 1 end token: [B, T+1, 5] with the start token first."""
    batch = len(items)
    steps = max(len(item[0]) for item in items) + 1
    inputs = np.zeros((batch, steps + 1, 5), np.float32)
    inputs[:, 0, 2] = 1.0
    lengths = np.zeros(batch, np.int64)
    class_ids = np.zeros(batch, np.int64)
    has_teacher = items[0][2] is not None
    pens = offsets = None
    if has_teacher:
        pens = np.zeros((batch, steps, 3), np.float32)
        pens[:, :, 2] = 1.0
        offsets = np.zeros((batch, steps, items[0][3].shape[1], 2), np.float32)
    own_points = np.asarray([item[4] if len(item) > 4 else 1.0 for item in items], np.float32)
    for row, (sketch, class_id, pen, offs, *_) in enumerate(items):
        n = len(sketch)
        lengths[row] = n
        class_ids[row] = class_id
        inputs[row, 1 : n + 1, :2] = sketch[:, :2]
        inputs[row, 1 : n + 1, 3] = sketch[:, 2]
        inputs[row, 1 : n + 1, 2] = 1.0 - sketch[:, 2]
        inputs[row, n + 1 :, 4] = 1.0
        if pens is not None and offsets is not None:
            pens[row, : n + 1] = pen
            offsets[row, :n] = offs
    return Batch(
        torch.from_numpy(inputs),
        torch.from_numpy(lengths),
        torch.from_numpy(class_ids),
        None if pens is None else torch.from_numpy(pens),
        None if offsets is None else torch.from_numpy(offsets),
        None if own_points.min() == 1.0 else torch.from_numpy(own_points),
    )


class BucketBatchSampler(Sampler[list[int]]):
    """Batches of similar length (little padding), shuffled each epoch, split across ranks."""

    def __init__(
        self,
        lengths: Sequence[int],
        batch_size: int,
        seed: int = 0,
        rank: int = 0,
        world_size: int = 1,
    ) -> None:
        self.lengths = np.asarray(lengths)
        self.batch_size = batch_size
        self.seed = seed
        self.rank = rank
        self.world_size = world_size
        self.epoch = 0

    def __len__(self) -> int:
        return math.ceil(len(self.lengths) / self.batch_size) // self.world_size

    def __iter__(self) -> Iterator[list[int]]:
        rng = np.random.default_rng(self.seed + self.epoch)
        self.epoch += 1
        # Jitter the sort key so equal-length sketches mix classes across epochs.
        order = np.argsort(self.lengths + rng.uniform(0, 3, len(self.lengths)), kind="stable")
        batches = [
            order[i : i + self.batch_size].tolist() for i in range(0, len(order), self.batch_size)
        ]
        rng.shuffle(batches)
        usable = len(batches) // self.world_size * self.world_size
        yield from batches[self.rank : usable : self.world_size]
