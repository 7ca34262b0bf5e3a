"""Each model's own drawing of its object, for the picture buttons of the object picker.

The model draws from an empty page at a low temperature with fixed seeds (the first drawing
the model finishes is taken), so the picture is the same every time; it is cached as JSON in
the cache folder under a key made from the model's fingerprint (``model.json`` bytes plus
graph names, sizes and modification times), so a replaced model is redrawn and stale pictures
are never shown. Imports no Qt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from doodle import paths
from doodle.core.strokes import stroke3_to_strokes
from doodle.engine.model import LoadedModel

THUMBNAIL_TEMPERATURE = 0.2
THUMBNAIL_SEEDS = (7, 8, 9, 10, 11)
# A picture with fewer points is a failed sample (a dot); the next seed is tried.
MIN_POINTS = 8
CACHE_VERSION = 1


def model_fingerprint(folder: Path) -> str:
    """16 hex digits that change whenever the model folder's model or graphs change."""
    digest = hashlib.sha256()
    try:
        digest.update((folder / "model.json").read_bytes())
    except OSError:
        digest.update(b"no model.json")
    for graph in sorted(folder.glob("*.onnx")):
        try:
            stat = graph.stat()
        except OSError:
            continue
        digest.update(f"{graph.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def thumbnail_path(name: str, folder: Path) -> Path:
    return paths.cache_dir() / "thumbnails" / f"{name}-{model_fingerprint(folder)}.json"


def _draw(
    model: LoadedModel, seed: int, cancel: Callable[[], bool] | None
) -> tuple[list[np.ndarray], bool]:
    """Polylines [N, 2] in 256-box pixels drawn from an empty page, and whether it ended."""
    if model.info.kind == "vae":
        from doodle.engine import vae

        z = np.zeros(model.info.z_size, np.float32)
        drawing = vae.decode(
            z, model, n=1, temperature=THUMBNAIL_TEMPERATURE, seed=seed, cancel=cancel
        )[0]
        return drawing, sum(len(s) for s in drawing) < model.info.max_seq_len
    from doodle.engine.draw import complete_model_units

    stroke3, _frame = complete_model_units(
        [], model, temperature=THUMBNAIL_TEMPERATURE, seed=seed, cancel=cancel
    )
    to_box = model.info.scale_factor / model.info.pixel_factor
    ended = len(stroke3) < model.info.max_seq_len
    return [points * to_box for points in stroke3_to_strokes(stroke3)], ended


def _read_cached(path: Path) -> list[np.ndarray] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        strokes = [np.asarray(s, np.float32).reshape(-1, 2) for s in data["strokes"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return strokes if strokes and all(np.all(np.isfinite(s)) for s in strokes) else None


def _write_cached(path: Path, strokes: list[np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "version": CACHE_VERSION,
        "strokes": [s.tolist() for s in strokes],
    }
    handle, temporary = tempfile.mkstemp(prefix=".thumb-", suffix=".json", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(payload, file)
    os.replace(temporary, path)


def model_drawing(model: LoadedModel, cancel: Callable[[], bool] | None = None) -> list[np.ndarray]:
    """The model's picture of its object: polylines [N, 2] (y down), cached per fingerprint."""
    path = thumbnail_path(model.info.name, model.info.path)
    cached = _read_cached(path)
    if cached is not None:
        return cached
    # The first finished drawing wins; a model that never finishes gets its first scribble.
    candidates = []
    for seed in THUMBNAIL_SEEDS:
        drawn, ended = _draw(model, seed, cancel)
        # Rounded as stored, so a fresh and a cached picture are the same.
        strokes = [np.round(np.asarray(s, np.float32)[:, :2], 1) for s in drawn if len(s)]
        if sum(len(s) for s in strokes) >= MIN_POINTS:
            if ended:
                candidates = [strokes]
                break
            candidates.append(strokes)
    strokes = candidates[0] if candidates else []
    if strokes:
        _write_cached(path, strokes)
    return strokes


def remove_stale(names_and_folders: dict[str, Path]) -> int:
    """Delete cached pictures of removed or changed models; returns how many were removed."""
    folder = paths.cache_dir() / "thumbnails"
    if not folder.is_dir():
        return 0
    current = {thumbnail_path(n, f).name for n, f in names_and_folders.items()}
    removed = 0
    for file in folder.glob("*.json"):
        if file.name not in current:
            file.unlink(missing_ok=True)
            removed += 1
    return removed
