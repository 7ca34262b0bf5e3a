"""Small real model folders for tests of the benchmark, soak and fault harnesses.

Random weights, real ONNX graphs written by the same builder the Magenta importer uses, and a
``model.json`` that passes the contract check.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from doodle.engine import contract, graphs
from doodle.engine.magenta import MagentaModel, write_model_folder


def write_tiny_model(
    models_dir: Path, name: str = "tiny", hidden: int = 16, mixtures: int = 3, seed: int = 0
) -> contract.ModelInfo:
    """A decoder-only model folder ``models_dir/name`` that passes ``check_model_folder``."""
    decoder = graphs.random_decoder(np.random.default_rng(seed), hidden, mixtures, scale=0.3)
    model = MagentaModel(info={"max_seq_len": 250}, kind="gen", decoder=decoder, encoder=None)
    meta = {
        "kind": "gen",
        "hidden_size": hidden,
        "num_mixture": mixtures,
        "max_seq_len": 250,
        "scale_factor": 60.0,
        "pixel_factor": 2.0,
        "provenance": {"source": "random weights for tests"},
    }
    return write_checked_folder(models_dir, name, model, meta)


def write_checked_folder(
    models_dir: Path, name: str, model: MagentaModel, meta: dict[str, object]
) -> contract.ModelInfo:
    """``model`` written as the folder ``models_dir/name``, its ``model.json`` the contract's
    format, name and label plus ``meta``; the folder's checked contract info."""
    folder = models_dir / name
    folder.mkdir(parents=True)
    header = {"format": contract.FORMAT_VERSION, "name": name, "label": name.capitalize()}
    write_model_folder(model, folder, {**header, **meta, "metrics": {}})
    return contract.check_model_folder(folder)
