"""Measure the recogniser on real drawings: top-1 / top-3 accuracy and latency.

Real drawings are Quick, Draw! ndjson files named by class (``bear.ndjson``,
``palm tree.ndjson``); only classes that have an installed model are scored. Each drawing is
scored complete and cut to its first 1, 2 and 3 strokes (a drawing with fewer strokes counts
as complete at that cut: the child has stopped drawing). The candidates are all installed
models, as in the app. The report ends with the time one guess takes for a 60-point drawing
with every installed model as a candidate. The training commands pick their real drawings
out of such files here too: of given objects (``real_drawings``) or of every other object
(``other_object_drawings``). A recogniser that trained on some real drawings lists their keys
in its ``model.json``; the evaluation skips those drawings, so its figures are always on
drawings the recogniser never saw. Imports no Qt.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core import ndjson
from doodle.core.errors import DoodleFormatError
from doodle.engine.recognize import Guess, Recognizer, drawable_objects

STROKE_CUTS = (1, 2, 3)
# The latency probe: one real drawing resampled to this many points, as after a pen-up.
LATENCY_POINTS = 60


def class_name(word: str) -> str:
    """Quick, Draw! class words use spaces ("palm tree"); model names use underscores."""
    return word.strip().lower().replace(" ", "_")


def ndjson_files(source: Path) -> list[Path]:
    """The ndjson files of ``source``: the file itself, or a folder's ``*.ndjson`` in order."""
    if source.is_dir():
        return sorted(source.glob("*.ndjson"))
    if source.is_file():
        return [source]
    raise DoodleFormatError(source, "no such Quick, Draw! ndjson file or folder")


def drawing_key(drawing: ndjson.QuickDrawDrawing) -> str:
    """What names one drawing for good: its Quick, Draw! ``key_id``, else a digest of its
    lines (so drawings without an id can still be told apart from one another)."""
    if drawing.key_id:
        return drawing.key_id
    digest = hashlib.sha1(usedforsecurity=False)
    for stroke in drawing.strokes:
        digest.update(np.ascontiguousarray(stroke, dtype=np.float64).tobytes())
        digest.update(b"|")
    return "lines-" + digest.hexdigest()[:20]


def in_part(key: str, part: int, parts: int) -> bool:
    """Whether the drawing named ``key`` falls in ``part`` of ``parts`` (0 <= part < parts).

    The split depends on the key alone, so a drawing stays in its part whatever else the
    files hold, and the parts of one split never share a drawing.
    """
    return zlib.crc32(key.encode("utf-8")) % parts == part


def real_drawings_by_key(
    source: Path,
    classes: Sequence[str],
    limit_per_class: int | None = None,
) -> dict[str, list[tuple[str, list[np.ndarray]]]]:
    """(key, lines) of every drawing of the given classes in an ndjson file or a folder of
    them, by model name (see ``drawing_key``)."""
    files = ndjson_files(source)
    wanted = set(classes)
    found: dict[str, list[tuple[str, list[np.ndarray]]]] = {}
    for file in files:
        if source.is_dir() and class_name(file.stem) not in wanted:
            continue
        for drawing in ndjson.iter_drawings(file):
            name = class_name(drawing.word)
            items = found.setdefault(name, []) if name in wanted else None
            if (
                items is not None
                and drawing.strokes
                and (limit_per_class is None or len(items) < limit_per_class)
            ):
                items.append((drawing_key(drawing), drawing.polylines()))
    return found


def real_drawings(
    source: Path, classes: Sequence[str], limit_per_class: int | None = None
) -> dict[str, list[list[np.ndarray]]]:
    """Drawings of the given classes from an ndjson file or a folder of them, by model name."""
    return {
        name: [lines for _, lines in items]
        for name, items in real_drawings_by_key(source, classes, limit_per_class).items()
    }


def other_object_drawings(source: Path, known: Sequence[str]) -> dict[str, list[list[np.ndarray]]]:
    """Real drawings of every object in ``source`` (ndjson file or folder) that is not one of
    ``known``, by object name.

    The training commands teach with them how people draw. They never include a drawing of
    one of ``known``, so a measure on real drawings of those objects stays a measure on
    drawings the trained model never saw.
    """
    excluded = set(known)
    found: dict[str, list[list[np.ndarray]]] = {}
    for file in ndjson_files(source):
        if source.is_dir() and class_name(file.stem) in excluded:
            continue
        for drawing in ndjson.iter_drawings(file):
            name = class_name(drawing.word)
            if name not in excluded and drawing.strokes:
                found.setdefault(name, []).append(drawing.polylines())
    return found


def _accuracy(guesses: list[list[Guess]], labels: list[str]) -> dict[str, Any]:
    pairs = list(zip(guesses, labels, strict=True))
    top1 = sum(bool(g) and g[0].name == label for g, label in pairs)
    top3 = sum(label in [x.name for x in g[:3]] for g, label in pairs)
    count = len(labels)
    return {"top1": round(top1 / count, 4), "top3": round(top3 / count, 4), "drawings": count}


def evaluate(
    recognizer: Recognizer, folder: Path, limit_per_class: int | None = None
) -> dict[str, Any]:
    """Accuracy figures on the real drawings in ``folder`` for the installed models, leaving
    out every drawing the recogniser trained on."""
    candidates = drawable_objects(recognizer.registry)
    trained_on = recognizer.classifier.trained_drawing_keys if recognizer.classifier else set()
    everything = real_drawings_by_key(folder, candidates, limit_per_class)
    by_class = {
        name: [lines for key, lines in items if key not in trained_on]
        for name, items in everything.items()
    }
    skipped = sum(len(items) for items in everything.values()) - sum(
        len(items) for items in by_class.values()
    )
    by_class = {name: items for name, items in by_class.items() if items}
    if not by_class:
        reason = (
            "the recogniser trained on every drawing here of an installed model's class"
            if skipped
            else "no drawings of any installed model's class"
        )
        raise DoodleFormatError(folder, reason)
    labels = [name for name, items in by_class.items() for _ in items]
    complete = [d for items in by_class.values() for d in items]
    complete_guesses = recognizer.guess_many(complete, candidates, top=3)
    result: dict[str, Any] = {
        "classes": sorted(by_class),
        "candidates": len(candidates),
        "classifier_classes": len(recognizer.classifier.classes) if recognizer.classifier else 0,
        "skipped_training_drawings": skipped,
        "complete": _accuracy(complete_guesses, labels),
    }
    for cut in STROKE_CUTS:
        guesses = recognizer.guess_many([d[:cut] for d in complete], candidates, top=3)
        result[f"first_{cut}_strokes"] = _accuracy(guesses, labels)
    per_class = {}
    for name in by_class:
        rows = [i for i, label in enumerate(labels) if label == name]
        hits = sum(complete_guesses[i][0].name == name for i in rows if complete_guesses[i])
        per_class[name] = round(hits / len(rows), 4)
    result["top1_by_class"] = per_class
    probe = resample_to_points(complete[0], LATENCY_POINTS)
    result["latency"] = latency_ms(recognizer, probe)
    return result


def resample_to_points(strokes: Sequence[np.ndarray], points: int) -> list[np.ndarray]:
    """The drawing with about ``points`` points in total (for a fixed-size latency probe)."""
    total = sum(len(s) for s in strokes)
    result = []
    for stroke in strokes:
        count = max(2, round(len(stroke) * points / total))
        position = np.linspace(0, len(stroke) - 1, count)
        index = np.arange(len(stroke))
        result.append(np.stack([np.interp(position, index, stroke[:, k]) for k in (0, 1)], axis=1))
    return result


def latency_ms(
    recognizer: Recognizer, drawing: Sequence[np.ndarray], repeats: int = 30
) -> dict[str, float]:
    """Median and 90th-percentile time of one ``guess`` (after one warm-up call)."""
    recognizer.guess(drawing)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        recognizer.guess(drawing)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(float(np.median(times)), 2),
        "p90_ms": round(float(np.percentile(times, 90)), 2),
        "points": int(sum(len(s) for s in drawing)),
        "models": len(drawable_objects(recognizer.registry)),
    }
