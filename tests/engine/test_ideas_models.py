"""Small real VAE model folders for the ideas tests (no torch needed), and checks of them.

``write_random_vae`` writes random weights through the engine's own graph builder and folder
writer, with a ``model.json`` that passes the contract check; ``shape_drawing`` makes the two
kinds of test drawings (circles and zigzags) in canvas px. Other ideas tests import both.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from doodle.engine import contract, graphs
from doodle.engine.magenta import MagentaModel, write_model_folder
from doodle.engine.model import LoadedModel

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
    folder = models_dir / name
    folder.mkdir(parents=True)
    meta = {
        "format": contract.FORMAT_VERSION,
        "name": name,
        "label": name.capitalize(),
        "kind": "vae",
        "hidden_size": hidden,
        "z_size": z_size,
        "num_mixture": mixtures,
        "max_seq_len": max_seq_len,
        "scale_factor": 50.0,
        "pixel_factor": 1.0,
        "provenance": {"source": "random weights for tests", "class_name": class_name or name},
        "metrics": {},
    }
    write_model_folder(model, folder, meta)
    return contract.check_model_folder(folder)


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


def test_random_vae_folder_passes_the_contract(tmp_path: Path) -> None:
    info = write_random_vae(tmp_path, "blob", class_name="blob_class")
    assert info.kind == "vae" and info.z_size == 4
    assert info.provenance["class_name"] == "blob_class"
    for graph in (contract.ENCODER, contract.INIT_STATE, contract.DECODER_STEP):
        assert (tmp_path / "blob" / graph).is_file()
    meta = json.loads((tmp_path / "blob" / contract.MODEL_JSON).read_text("utf-8"))
    assert meta["kind"] == "vae"
    model = LoadedModel(info)
    h, c = model.initial_state(2, np.zeros((2, 4), np.float32))
    assert h.shape == (2, 16) and c.shape == (2, 16)


def test_shapes_differ_in_kind() -> None:
    rng = np.random.default_rng(0)
    circle = shape_drawing("circle", rng)[0]
    zigzag = shape_drawing("zigzag", rng)[0]
    assert circle.shape == zigzag.shape == (SHAPE_POINTS, 2)
    # A circle closes on itself; a zigzag ends far from where it began.
    assert np.linalg.norm(circle[0] - circle[-1]) < 10
    assert np.linalg.norm(zigzag[0] - zigzag[-1]) > 150
