"""Score a whole drawing under a decoder in one onnxruntime call (the likelihood fallback).

Stepping the decoder once per point costs one ``run()`` per point and per model; with many
objects the classifier does not know, that dominates the time after a pen-up. This module
builds, once per model, a small graph that runs the decoder's LSTM over the whole sequence
(the ONNX LSTM op) and applies the output layer to every step: ``x`` [T, 1, 5], ``h0``,
``c0`` [1, 1, H] -> ``params`` [T, 6M+3]. The weights are read from the model's
``decoder_step.onnx`` (gate columns i, f, o, j with the forget bias folded in, as
``doodle.engine.graphs`` writes them). If a step graph is laid out differently, ``None`` is
returned and the caller steps the decoder instead. Imports no Qt.
"""

from __future__ import annotations

import threading

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from doodle.engine import contract
from doodle.engine.model import PROVIDERS, LoadedModel, session_options
from doodle.engine.thumbnails import model_fingerprint

OPSET = 17
_cache: dict[tuple[str, str], ort.InferenceSession | None] = {}
_lock = threading.Lock()


def _sequence_graph(step_graph: onnx.ModelProto) -> onnx.ModelProto | None:
    weights = {t.name: numpy_helper.to_array(t) for t in step_graph.graph.initializer}
    try:
        w_x, w_h, bias = weights["W_x"], weights["W_h"], weights["bias"]
        out_w, out_b = weights["out_w"], weights["out_b"]
    except KeyError:
        return None
    hidden = int(w_h.shape[0])
    if w_h.shape != (hidden, 4 * hidden) or w_x.shape[1] != 4 * hidden or w_x.shape[0] < 5:
        return None

    # Step graph columns are i, f, o, j; the LSTM op wants i, o, f, c(=j), rows per gate.
    def reorder(matrix: np.ndarray) -> np.ndarray:
        i, f, o, j = np.split(matrix, 4, axis=-1)
        return np.concatenate([i, o, f, j], axis=-1)

    # A VAE's extra input columns multiply z, which is zero when scoring: keep x's five rows.
    w = reorder(w_x[:5]).T[None].astype(np.float32)
    r = reorder(w_h).T[None].astype(np.float32)
    b = np.concatenate([reorder(bias), np.zeros(4 * hidden)])[None].astype(np.float32)
    nodes = [
        helper.make_node("LSTM", ["x", "W", "R", "B", "", "h0", "c0"], ["y"], hidden_size=hidden),
        helper.make_node("Reshape", ["y", "flat"], ["h_seq"]),
        helper.make_node("Gemm", ["h_seq", "out_w", "out_b"], ["params"]),
    ]
    graph = helper.make_graph(
        nodes,
        "decoder_sequence",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["time", 1, 5]),
            helper.make_tensor_value_info("h0", TensorProto.FLOAT, [1, 1, hidden]),
            helper.make_tensor_value_info("c0", TensorProto.FLOAT, [1, 1, hidden]),
        ],
        [helper.make_tensor_value_info("params", TensorProto.FLOAT, ["time", out_b.shape[0]])],
        initializer=[
            numpy_helper.from_array(w, "W"),
            numpy_helper.from_array(r, "R"),
            numpy_helper.from_array(b, "B"),
            numpy_helper.from_array(np.asarray([-1, hidden], np.int64), "flat"),
            numpy_helper.from_array(out_w.astype(np.float32), "out_w"),
            numpy_helper.from_array(out_b.astype(np.float32), "out_b"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    return model


def sequence_session(model: LoadedModel) -> ort.InferenceSession | None:
    """The whole-sequence scoring session for ``model`` (built once), or None if unusable."""
    key = (str(model.info.path), model_fingerprint(model.info.path))
    with _lock:
        if key in _cache:
            return _cache[key]
    session = None
    try:
        built = _sequence_graph(onnx.load(str(model.info.path / contract.DECODER_STEP)))
        if built is not None:
            session = ort.InferenceSession(
                built.SerializeToString(), session_options(), providers=PROVIDERS
            )
    except Exception:  # noqa: BLE001 - onnx/onnxruntime raise many types; stepping still works
        session = None
    with _lock:
        _cache[key] = session
    return session


def sequence_params(
    session: ort.InferenceSession, inputs: np.ndarray, h0: np.ndarray, c0: np.ndarray
) -> np.ndarray:
    """params [T, 6M+3] after each of the stroke-5 ``inputs`` [T, 5] from state (h0, c0)."""
    (params,) = session.run(
        ["params"],
        {
            "x": np.ascontiguousarray(inputs[:, None, :], np.float32),
            "h0": np.ascontiguousarray(h0[None], np.float32),
            "c0": np.ascontiguousarray(c0[None], np.float32),
        },
    )
    return params
