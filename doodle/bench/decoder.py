"""Decoder-step latency: the model's ``decoder_step.onnx`` in onnxruntime against numpy.

One figure per model size (kind, hidden size) and batch; the numpy baseline runs the same
weights in the same process. Imports no Qt.
"""

from __future__ import annotations

import numpy as np

from doodle.bench.numpy_decoder import load_numpy_decoder
from doodle.bench.stats import Figure, time_steps
from doodle.core.errors import ModelError
from doodle.engine import contract
from doodle.engine.model import open_session

STEPS_PER_REPEAT = 200


def _inputs(info: contract.ModelInfo, batch: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    feed = {
        "x": np.tile(np.asarray([[0.1, -0.2, 1.0, 0.0, 0.0]], np.float32), (batch, 1)),
        "h": rng.normal(0, 0.1, (batch, info.hidden_size)).astype(np.float32),
        "c": rng.normal(0, 0.1, (batch, info.hidden_size)).astype(np.float32),
    }
    if info.kind == "vae":
        feed["z"] = rng.normal(0, 1, (batch, info.z_size)).astype(np.float32)
    return feed


def decoder_step_figure(info: contract.ModelInfo, batch: int, repeats: int) -> Figure:
    # The app's own session settings (one thread, sequential).
    session = open_session(info.path / contract.DECODER_STEP)
    feed = _inputs(info, batch)
    figure = Figure(
        name="decoder_step",
        model=info.name,
        batch=batch,
        extra={"hidden_size": info.hidden_size, "kind": info.kind, "unit": "per step"},
    )
    if info.hidden_size == 512 and batch == 1:
        figure.target_ms = 0.1

    def ort_step() -> None:
        session.run(None, feed)

    figure.set_samples(time_steps(ort_step, STEPS_PER_REPEAT, repeats))

    try:
        numpy_decoder = load_numpy_decoder(info.path)
    except ModelError as error:
        figure.note = f"no numpy baseline: {error}"
        return figure
    x = feed["x"] if "z" not in feed else np.concatenate([feed["x"], feed["z"]], axis=1)
    h, c = feed["h"], feed["c"]

    def numpy_step() -> None:
        numpy_decoder.step(x, h, c)

    return figure.set_numpy(time_steps(numpy_step, STEPS_PER_REPEAT, repeats))
