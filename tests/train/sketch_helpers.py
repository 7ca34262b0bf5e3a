"""Small Sketch-RNN models, corpora and model folders for the training tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from doodle.engine import contract, graphs


def polygon_sketch(rng: np.random.Generator, sides: int, size: float = 1.0) -> np.ndarray:
    """A closed regular polygon as stroke-3 (one stroke), with a little noise."""
    angles = np.linspace(0.0, 2.0 * np.pi, sides + 1) + rng.uniform(0, 0.3)
    points = np.stack([np.cos(angles), np.sin(angles)], axis=1) * size
    points += rng.normal(0.0, 0.02, points.shape)
    offsets = np.diff(points, axis=0)
    stroke3 = np.zeros((len(offsets), 3), np.float32)
    stroke3[:, :2] = offsets
    stroke3[-1, 2] = 1.0
    return stroke3


def tiny_corpus(count: int = 120, seed: int = 0, classes: int = 2):
    """Triangles (class 0) and hexagons (class 1) in model units."""
    from doodle.train.data import ClassUnits, SketchCorpus

    rng = np.random.default_rng(seed)
    corpus = SketchCorpus()
    for class_id, sides in enumerate((3, 6, 4)[:classes]):
        units = ClassUnits(f"shape{sides}", 40.0 + class_id, 2.0, 20, "test")
        corpus.add_class(units, [polygon_sketch(rng, sides) for _ in range(count // classes)])
    return corpus


def randomise(model, scale: float = 0.3, seed: int = 0) -> None:
    """Move every weight away from its initial value so folding errors would show."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(torch.randn(parameter.shape, generator=generator) * scale)


def write_constant_model(
    folder: Path,
    pen_logits: tuple[float, float, float],
    scale_factor: float,
    pixel_factor: float,
    hidden: int = 4,
) -> None:
    """A one-component decoder whose output never changes: N(0, I) offsets, fixed pen odds."""
    rng = np.random.default_rng(0)
    out_b = np.zeros(9, np.float32)
    out_b[:3] = pen_logits
    decoder = graphs.DecoderWeights(
        lstm=graphs.random_lstm(rng, 5, hidden, 0.5),
        out_w=np.zeros((hidden, 9), np.float32),
        out_b=out_b,
    )
    folder.mkdir(parents=True)
    import onnx

    onnx.save(graphs.build_decoder_step(decoder), str(folder / contract.DECODER_STEP))
    meta = {
        "format": 1,
        "name": folder.name,
        "label": folder.name,
        "kind": "gen",
        "hidden_size": hidden,
        "num_mixture": 1,
        "max_seq_len": 50,
        "scale_factor": scale_factor,
        "pixel_factor": pixel_factor,
        "provenance": {"source": "test"},
        "metrics": {},
    }
    (folder / contract.MODEL_JSON).write_text(json.dumps(meta), "utf-8")
