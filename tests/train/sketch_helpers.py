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


def make_model(z_size: int, classes: int = 3):
    """A small class-conditional ``SketchRNN`` (a VAE when ``z_size``) with random weights."""
    import torch

    from doodle.train.model import ModelConfig, SketchRNN

    torch.manual_seed(0)
    model = SketchRNN(
        ModelConfig(
            hidden_size=24, enc_hidden_size=12, z_size=z_size, num_mixture=3, num_classes=classes
        )
    )
    randomise(model)
    return model.eval()


def class_units(classes: int):
    """Units for ``classes`` classes named ``class0``, ``class1``, ..."""
    from doodle.train.data import ClassUnits

    return [ClassUnits(f"class{i}", 50.0 + i, 2.0, 40, "test") for i in range(classes)]


def random_inputs(batch: int, steps: int):
    """Decoder inputs ``[batch, steps, 5]``: random offsets, one-hot pen states (fixed seed)."""
    import torch

    generator = torch.Generator().manual_seed(1)
    inputs = torch.randn(batch, steps, 5, generator=generator)
    pen = torch.randint(0, 3, (batch, steps), generator=generator)
    inputs[..., 2:] = torch.nn.functional.one_hot(pen, 3).float()
    return inputs


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
