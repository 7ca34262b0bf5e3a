"""Checks of the small VAE folders and test drawings that the ideas tests share."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from doodle.engine import contract
from doodle.engine.model import LoadedModel
from tests.ideas_models import SHAPE_POINTS, shape_drawing, write_random_vae


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
