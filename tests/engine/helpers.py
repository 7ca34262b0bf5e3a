"""Helpers for engine tests: small Magenta-format model files, a reference TF LSTM, and a
recorder of the batch sizes a model's decoder steps run with.

The small models go through the real importer (int16 blobs, base64, the same layout as the
published files), so the unit tests exercise the same path as the real models. The numpy
TensorFlow LSTM below is written independently of the ONNX graph builders.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

from doodle.engine.model import LoadedModel

SMALL_HIDDEN = 16
SMALL_MIXTURE = 3
SMALL_Z = 4
SMALL_ENC_HIDDEN = 8


def _blob(rng: np.random.Generator, shape: tuple[int, ...], spread: int) -> str:
    values = rng.integers(-spread, spread + 1, size=shape).astype("<i2")
    return base64.b64encode(values.tobytes()).decode("ascii")


def magenta_document(
    kind: str = "gen",
    hidden: int = SMALL_HIDDEN,
    mixture: int = SMALL_MIXTURE,
    z_size: int = SMALL_Z,
    enc_hidden: int = SMALL_ENC_HIDDEN,
    max_seq_len: int = 60,
    seed: int = 0,
    spread: int = 2000,
    pen_bias: tuple[float, float, float] | None = None,
) -> list:
    """A Magenta sketch-rnn-js document with random int16 weights (value = int16 * 10/32767)."""
    rng = np.random.default_rng(seed)
    out = 6 * mixture + 3
    decoder_shapes = [
        [hidden, out],
        [out],
        [5 + (z_size if kind == "vae" else 0), 4 * hidden],
        [hidden, 4 * hidden],
        [4 * hidden],
    ]
    if kind == "gen":
        shapes = decoder_shapes
        info = {
            "name": "small",
            "mode": "gen",
            "version": 6,
            "max_seq_len": max_seq_len,
            "scale_factor": 50.0,
        }
    else:
        encoder_shapes = [[5, 4 * enc_hidden], [enc_hidden, 4 * enc_hidden], [4 * enc_hidden]] * 2
        heads = [
            [2 * enc_hidden, z_size],
            [z_size],
            [2 * enc_hidden, z_size],
            [z_size],
            [z_size, 2 * hidden],
            [2 * hidden],
        ]
        shapes = encoder_shapes + heads + decoder_shapes
        info = {
            "name": "small",
            "mode": 1,
            "version": 6,
            "max_seq_len": max_seq_len,
            "scale_factor": 50.0,
        }
    blobs = [_blob(rng, tuple(shape), spread) for shape in shapes]
    if pen_bias is not None:
        # Steer the pen: the output bias starts with the three pen logits.
        index = len(shapes) - 4
        out_b = np.frombuffer(base64.b64decode(blobs[index]), dtype="<i2").copy()
        out_b[:3] = np.round(np.asarray(pen_bias) * 32767 / 10)
        blobs[index] = base64.b64encode(out_b.astype("<i2").tobytes()).decode("ascii")
    return [info, shapes, blobs]


def write_magenta(path: Path, document: list) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def magenta_weights(document: list) -> list[np.ndarray]:
    """Decode the blobs the way the published format defines them (independent of the importer)."""
    _, shapes, blobs = document
    return [
        (
            np.frombuffer(base64.b64decode(b), dtype="<i2").astype(np.float64) * 10.0 / 32767.0
        ).reshape(shape)
        for b, shape in zip(blobs, shapes, strict=True)
    ]


def record_batch_sizes(model: LoadedModel) -> list[int]:
    """The batch size of every decoder step ``model`` runs from now on, in order."""
    sizes: list[int] = []
    session = model.decoder_step
    original_run = session.run

    def recording_run(names, feeds, *args):
        sizes.append(feeds["x"].shape[0])
        return original_run(names, feeds, *args)

    session.run = recording_run
    return sizes


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def tf_lstm_step(x, h, c, w_xh, w_hh, bias):
    """TensorFlow's LSTM cell (float64): gates i, j, f, o; forget bias +1.0 added at run time."""
    gates = np.concatenate([x, h], axis=1) @ np.concatenate([w_xh, w_hh], axis=0) + bias
    i, j, f, o = np.split(gates, 4, axis=1)
    c_new = c * sigmoid(f + 1.0) + sigmoid(i) * np.tanh(j)
    return np.tanh(c_new) * sigmoid(o), c_new
