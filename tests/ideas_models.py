"""Model folders and drawings shared by the ideas tests (engine, window and ``doodle morph``).

``write_random_vae`` writes a small VAE with random weights through the engine's own graph
builder and folder writer (no torch needed), with a ``model.json`` that passes the contract
check; ``shape_drawing`` makes the two kinds of test drawings (circles and zigzags) in canvas
px. ``bundled_vae_pair`` and ``quickdraw_drawings`` reach the bundled VAEs and real Quick, Draw!
drawings of their objects, skipping with the reason when either is absent.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from doodle import paths
from doodle.engine import class_blend, contract, graphs
from doodle.engine.magenta import MagentaModel
from doodle.engine.registry import ModelRegistry
from tests.bench.model_factory import write_checked_folder
from tests.shared_data import require_shared

SHAPES = ("circle", "zigzag")
SHAPE_POINTS = 17


def write_random_vae(
    models_dir: Path,
    name: str = "shapes",
    seed: int = 0,
    hidden: int = 16,
    z_size: int = 4,
    mixtures: int = 3,
    max_seq_len: int = 40,
    class_name: str | None = None,
) -> contract.ModelInfo:
    """A VAE folder ``models_dir/name`` with random weights; it draws (pen mostly down)."""
    rng = np.random.default_rng(seed)
    decoder = graphs.random_decoder(rng, hidden, mixtures, z_size=z_size, scale=0.4)
    out_b = decoder.out_b.copy()
    out_b[:3] = (2.0, 0.0, -2.5)  # pen down / up / end logits: strokes, some lifts, an end
    decoder = replace(decoder, out_b=out_b)
    encoder = graphs.random_encoder(rng, 8, hidden, z_size, scale=0.6)
    model = MagentaModel({"max_seq_len": max_seq_len, "version": 6}, "vae", decoder, encoder)
    meta = {
        "kind": "vae",
        "hidden_size": hidden,
        "z_size": z_size,
        "num_mixture": mixtures,
        "max_seq_len": max_seq_len,
        "scale_factor": 50.0,
        "pixel_factor": 1.0,
        "provenance": {"source": "random weights for tests", "class_name": class_name or name},
    }
    return write_checked_folder(models_dir, name, model, meta)


def shape_drawing(kind: str, rng: np.random.Generator, centre=(300.0, 250.0)) -> list[np.ndarray]:
    """One stroke of ``SHAPE_POINTS`` points in canvas px: a closed circle or an open zigzag."""
    if kind == "circle":
        angles = rng.uniform(0, 2 * np.pi) + np.linspace(0, 2 * np.pi, SHAPE_POINTS)
        radius = rng.uniform(60, 120)
        aspect = rng.uniform(0.85, 1.15)
        points = np.stack([np.cos(angles) * radius * aspect, np.sin(angles) * radius], axis=1)
    elif kind == "zigzag":
        width, height = rng.uniform(180, 260), rng.uniform(50, 90)
        x = np.linspace(-width / 2, width / 2, SHAPE_POINTS)
        y = np.where(np.arange(SHAPE_POINTS) % 2 == 0, -height / 2, height / 2)
        points = np.stack([x, y], axis=1)
    else:
        raise ValueError(kind)
    points = points + rng.normal(0, 1.5, points.shape) + np.asarray(centre)
    return [points.astype(np.float32)]


PREFERRED_PAIR = ("sheep_vae", "dog_vae")
"""Two four-legged animals: a morph between them should show a body that changes its kind."""


def bundled_vae_pair() -> tuple[contract.ModelInfo, contract.ModelInfo]:
    """Two bundled VAE folders of one class-conditional model (sheep and dog when they are)."""
    registry = ModelRegistry(bundled_dir=paths.bundled_models_dir(), user_dir=Path("/nonexistent"))
    vaes = {info.name: info for info in registry.list() if info.kind == "vae"}
    groups: dict[str, list[contract.ModelInfo]] = {}
    for info in vaes.values():
        groups.setdefault(class_blend.shared_key(info) or "", []).append(info)
    preferred = [vaes.get(name) for name in PREFERRED_PAIR]
    if all(preferred) and class_blend.class_blend(*preferred) is not None:
        return preferred[0], preferred[1]
    for members in groups.values():
        if len(members) >= 2:
            return members[0], members[1]
    pytest.skip(
        f"needs two bundled VAE folders of one class-conditional model in "
        f"{paths.bundled_models_dir()}"
    )


def class_name(info: contract.ModelInfo) -> str:
    """The object a model folder draws (its class, or its name when it has none)."""
    return str(info.provenance.get("class_name", info.name))


def quickdraw_file(info: contract.ModelInfo) -> Path:
    """The shared Quick, Draw! simplified ndjson of the model's object."""
    word = class_name(info).replace("_", " ")
    return require_shared("quickdraw", "simplified", f"{word}.ndjson")


def quickdraw_drawings(info: contract.ModelInfo, count: int) -> list[list[np.ndarray]]:
    """The first ``count`` real drawings of the model's object (strokes in canvas px)."""
    from doodle.core.ndjson import iter_drawings

    drawings = iter_drawings(quickdraw_file(info))
    return [list(item.strokes) for item in itertools.islice(drawings, count)]
