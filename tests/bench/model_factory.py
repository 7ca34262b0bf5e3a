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
    folder = models_dir / name
    folder.mkdir(parents=True)
    meta = {
        "format": contract.FORMAT_VERSION,
        "name": name,
        "label": name.capitalize(),
        "kind": "gen",
        "hidden_size": hidden,
        "num_mixture": mixtures,
        "max_seq_len": 250,
        "scale_factor": 60.0,
        "pixel_factor": 2.0,
        "provenance": {"source": "random weights for tests"},
        "metrics": {},
    }
    write_model_folder(model, folder, meta)
    return contract.check_model_folder(folder)
