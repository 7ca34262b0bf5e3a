"""Both step-graph layouts compute the same cell, for decoder-only and VAE decoders."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import pytest

from doodle.engine import graphs
from doodle.engine.model import session_options


def _session(model) -> ort.InferenceSession:
    return ort.InferenceSession(
        model.SerializeToString(), session_options(), providers=["CPUExecutionProvider"]
    )


@pytest.mark.parametrize("z_size", [0, 3])
def test_lstm_op_step_equals_plain_step(z_size: int) -> None:
    rng = np.random.default_rng(z_size)
    weights = graphs.random_decoder(rng, 12, 2, z_size=z_size, scale=0.5)
    plain = _session(graphs.build_decoder_step(weights))
    lstm_op = _session(graphs.build_decoder_step_lstm_op(weights))
    feeds = {
        "x": rng.normal(size=(4, 5)).astype(np.float32),
        "h": rng.normal(size=(4, 12)).astype(np.float32),
        "c": rng.normal(size=(4, 12)).astype(np.float32),
    }
    if z_size:
        feeds["z"] = rng.normal(size=(4, z_size)).astype(np.float32)
    for a, b in zip(plain.run(None, feeds), lstm_op.run(None, feeds), strict=True):
        assert np.abs(a - b).max() <= 1e-5


def test_graph_nodes_are_named() -> None:
    weights = graphs.random_decoder(np.random.default_rng(0), 4, 1)
    for model in (graphs.build_decoder_step(weights), graphs.build_decoder_prefix(weights)):
        names = [node.name for node in model.graph.node]
        assert all(names) and len(set(names)) == len(names)
