"""ONNX graphs of the Sketch-RNN model contract, built from TensorFlow LSTM weights.

The weights come in TensorFlow's layout (``gates = [x, h] @ [W_xh; W_hh] + bias``, gate order
i, j, f, o, forget bias +1.0 applied at run time and not stored). Every graph built here folds
the +1.0 into the forget-gate bias, so the graphs are exactly the contract's cell. Used by the
Magenta importer and by tests (small random weights). Imports no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
FORGET_BIAS = 1.0
BATCH = "batch"
TIME = "time"


@dataclass(frozen=True)
class LstmWeights:
    """One TensorFlow LSTM cell: ``w_xh`` [I, 4H], ``w_hh`` [H, 4H], ``bias`` [4H] (i, j, f, o)."""

    w_xh: np.ndarray
    w_hh: np.ndarray
    bias: np.ndarray

    @property
    def hidden_size(self) -> int:
        return int(self.w_hh.shape[0])

    @property
    def input_size(self) -> int:
        return int(self.w_xh.shape[0])


@dataclass(frozen=True)
class DecoderWeights:
    """The decoder cell plus the output layer ``out_w`` [H, 6M+3], ``out_b`` [6M+3]."""

    lstm: LstmWeights
    out_w: np.ndarray
    out_b: np.ndarray
    z_size: int = 0

    @property
    def num_mixture(self) -> int:
        return (int(self.out_b.shape[0]) - 3) // 6


@dataclass(frozen=True)
class EncoderWeights:
    """Bidirectional encoder, the mu / sigma heads and the latent-to-initial-state layer."""

    forward: LstmWeights
    backward: LstmWeights
    mu_w: np.ndarray
    mu_b: np.ndarray
    sigma_w: np.ndarray
    sigma_b: np.ndarray
    init_w: np.ndarray
    init_b: np.ndarray


def _f32(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array, dtype=np.float32)


def _split_tf_gates(matrix: np.ndarray) -> tuple[np.ndarray, ...]:
    """Split the last axis of a TF gate tensor into i, j, f, o."""
    return tuple(np.split(matrix, 4, axis=-1))


def _onnx_gate_order(lstm: LstmWeights) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """W [4H, I], R [4H, H], B [8H] in the ONNX LSTM op's gate order i, o, f, c."""
    i, j, f, o = _split_tf_gates(lstm.w_xh)
    w = np.concatenate([i, o, f, j], axis=1).T
    i, j, f, o = _split_tf_gates(lstm.w_hh)
    r = np.concatenate([i, o, f, j], axis=1).T
    i, j, f, o = _split_tf_gates(lstm.bias)
    b = np.concatenate([i, o, f + FORGET_BIAS, j, np.zeros_like(lstm.bias)])
    return _f32(w), _f32(r), _f32(b)


def _value(name: str, dims: list[int | str]) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)


def _const(name: str, array: np.ndarray) -> onnx.TensorProto:
    return numpy_helper.from_array(array, name)


def _int64(name: str, values: list[int]) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(values, dtype=np.int64), name)


def _model(graph: onnx.GraphProto) -> onnx.ModelProto:
    # Named nodes (after their first output) make graphs readable in tools and let tools
    # such as quantizers address single nodes.
    for node in graph.node:
        if not node.name:
            node.name = next(name for name in node.output if name)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="doodle"
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def _step_inputs(
    weights: DecoderWeights,
) -> tuple[list[onnx.ValueInfoProto], list[onnx.NodeProto], str]:
    """The step graphs' inputs ``x``, ``h``, ``c`` (+ ``z``), their first nodes (``x`` joined
    with ``z`` when the decoder is conditioned) and the name of the cell's input."""
    hidden = weights.lstm.hidden_size
    inputs = [_value("x", [BATCH, 5]), _value("h", [BATCH, hidden]), _value("c", [BATCH, hidden])]
    nodes = []
    cell_input = "x"
    if weights.z_size:
        inputs.append(_value("z", [BATCH, weights.z_size]))
        nodes.append(helper.make_node("Concat", ["x", "z"], ["xz"], axis=1))
        cell_input = "xz"
    return inputs, nodes, cell_input


def _step_model(
    weights: DecoderWeights,
    inputs: list[onnx.ValueInfoProto],
    cell_nodes: list[onnx.NodeProto],
    cell_weights: list[onnx.TensorProto],
) -> onnx.ModelProto:
    """A step graph from a cell that leaves ``h_out`` and ``c_out``: adds the output layer
    (``params``) and the contract's outputs."""
    hidden = weights.lstm.hidden_size
    out_size = int(weights.out_b.shape[0])
    nodes = [*cell_nodes, helper.make_node("Gemm", ["h_out", "out_w", "out_b"], ["params"])]
    graph = helper.make_graph(
        nodes,
        "decoder_step",
        inputs,
        [
            _value("params", [BATCH, out_size]),
            _value("h_out", [BATCH, hidden]),
            _value("c_out", [BATCH, hidden]),
        ],
        initializer=[
            *cell_weights,
            _const("out_w", _f32(weights.out_w)),
            _const("out_b", _f32(weights.out_b)),
        ],
    )
    return _model(graph)


def build_decoder_step(weights: DecoderWeights) -> onnx.ModelProto:
    """Step graph: ``x`` [B,5], ``h``, ``c`` [B,H] (+ ``z``) -> ``params``, ``h_out``, ``c_out``.

    Plain Gemm/Sigmoid/Tanh/Mul ops: with H=512 in onnxruntime (one thread) they take about
    72 us at batch 1 against 80 us for the LSTM op with a sequence of one, and the same time
    at batch 9. The gate columns are reordered to i, f, o, j so one Sigmoid covers three gates.
    """
    lstm = weights.lstm
    hidden = lstm.hidden_size
    i, j, f, o = _split_tf_gates(lstm.w_xh)
    w_x = _f32(np.concatenate([i, f, o, j], axis=1))
    i, j, f, o = _split_tf_gates(lstm.w_hh)
    w_h = _f32(np.concatenate([i, f, o, j], axis=1))
    i, j, f, o = _split_tf_gates(lstm.bias)
    bias = _f32(np.concatenate([i, f + FORGET_BIAS, o, j]))
    inputs, nodes, cell_input = _step_inputs(weights)
    nodes += [
        helper.make_node("Gemm", [cell_input, "W_x", "bias"], ["gx"]),
        helper.make_node("Gemm", ["h", "W_h", "gx"], ["gates"]),
        helper.make_node("Split", ["gates", "split_sig_tanh"], ["g_sig", "g_j"], axis=1),
        helper.make_node("Sigmoid", ["g_sig"], ["s_sig"]),
        helper.make_node("Tanh", ["g_j"], ["t_j"]),
        helper.make_node("Split", ["s_sig", "split_ifo"], ["s_i", "s_f", "s_o"], axis=1),
        helper.make_node("Mul", ["c", "s_f"], ["c_keep"]),
        helper.make_node("Mul", ["s_i", "t_j"], ["c_new"]),
        helper.make_node("Add", ["c_keep", "c_new"], ["c_out"]),
        helper.make_node("Tanh", ["c_out"], ["tanh_c"]),
        helper.make_node("Mul", ["tanh_c", "s_o"], ["h_out"]),
    ]
    cell_weights = [
        _const("W_x", w_x),
        _const("W_h", w_h),
        _const("bias", bias),
        _int64("split_sig_tanh", [3 * hidden, hidden]),
        _int64("split_ifo", [hidden, hidden, hidden]),
    ]
    return _step_model(weights, inputs, nodes, cell_weights)


def build_decoder_step_lstm_op(weights: DecoderWeights) -> onnx.ModelProto:
    """The same step through the ONNX LSTM op with a sequence of one (kept for comparison)."""
    lstm = weights.lstm
    hidden = lstm.hidden_size
    w, r, b = _onnx_gate_order(lstm)
    inputs, nodes, cell_input = _step_inputs(weights)
    nodes += [
        helper.make_node("Unsqueeze", [cell_input, "axis0"], ["x_seq"]),
        helper.make_node("Unsqueeze", ["h", "axis0"], ["h0"]),
        helper.make_node("Unsqueeze", ["c", "axis0"], ["c0"]),
        helper.make_node(
            "LSTM",
            ["x_seq", "W", "R", "B", "", "h0", "c0"],
            ["", "h_seq", "c_seq"],
            hidden_size=hidden,
        ),
        helper.make_node("Squeeze", ["h_seq", "axis0"], ["h_out"]),
        helper.make_node("Squeeze", ["c_seq", "axis0"], ["c_out"]),
    ]
    cell_weights = [
        _const("W", w[None]),
        _const("R", r[None]),
        _const("B", b[None]),
        _int64("axis0", [0]),
    ]
    return _step_model(weights, inputs, nodes, cell_weights)


def build_decoder_prefix(weights: DecoderWeights) -> onnx.ModelProto:
    """``x`` [B,T,5], ``h``, ``c`` (+ ``z``) -> ``h_out``, ``c_out`` after the whole sequence."""
    lstm = weights.lstm
    hidden = lstm.hidden_size
    w, r, b = _onnx_gate_order(lstm)
    inputs = [
        _value("x", [BATCH, TIME, 5]),
        _value("h", [BATCH, hidden]),
        _value("c", [BATCH, hidden]),
    ]
    initializers = [_const("W", w[None]), _const("R", r[None]), _const("B", b[None])]
    initializers.append(_int64("axis0", [0]))
    nodes = [helper.make_node("Transpose", ["x"], ["x_tb"], perm=[1, 0, 2])]
    cell_input = "x_tb"
    if weights.z_size:
        inputs.append(_value("z", [BATCH, weights.z_size]))
        initializers += [
            _int64("time_batch_start", [0]),
            _int64("time_batch_end", [2]),
            _int64("z_width", [weights.z_size]),
        ]
        nodes += [
            helper.make_node("Shape", ["x_tb"], ["x_shape"]),
            helper.make_node(
                "Slice", ["x_shape", "time_batch_start", "time_batch_end"], ["time_batch"]
            ),
            helper.make_node("Concat", ["time_batch", "z_width"], ["z_seq_shape"], axis=0),
            helper.make_node("Unsqueeze", ["z", "axis0"], ["z_1b"]),
            helper.make_node("Expand", ["z_1b", "z_seq_shape"], ["z_seq"]),
            helper.make_node("Concat", ["x_tb", "z_seq"], ["xz_tb"], axis=2),
        ]
        cell_input = "xz_tb"
    nodes += [
        helper.make_node("Unsqueeze", ["h", "axis0"], ["h0"]),
        helper.make_node("Unsqueeze", ["c", "axis0"], ["c0"]),
        helper.make_node(
            "LSTM",
            [cell_input, "W", "R", "B", "", "h0", "c0"],
            ["", "h_last", "c_last"],
            hidden_size=hidden,
        ),
        helper.make_node("Squeeze", ["h_last", "axis0"], ["h_out"]),
        helper.make_node("Squeeze", ["c_last", "axis0"], ["c_out"]),
    ]
    graph = helper.make_graph(
        nodes,
        "decoder_prefix",
        inputs,
        [_value("h_out", [BATCH, hidden]), _value("c_out", [BATCH, hidden])],
        initializer=initializers,
    )
    return _model(graph)


def build_encoder(weights: EncoderWeights) -> onnx.ModelProto:
    """``strokes`` [B,T,5], ``lengths`` int64 [B] -> ``mu``, ``sigma_hat`` [B,Nz].

    A bidirectional LSTM op over each sequence's own length (the backward direction reads
    each sequence from its last real step), final states concatenated [forward, backward].
    """
    hidden = weights.forward.hidden_size
    z_size = int(weights.mu_b.shape[0])
    w_f, r_f, b_f = _onnx_gate_order(weights.forward)
    w_b, r_b, b_b = _onnx_gate_order(weights.backward)
    nodes = [
        helper.make_node("Transpose", ["strokes"], ["x_tb"], perm=[1, 0, 2]),
        helper.make_node("Cast", ["lengths"], ["lengths_i32"], to=TensorProto.INT32),
        helper.make_node(
            "LSTM",
            ["x_tb", "W", "R", "B", "lengths_i32"],
            ["", "h_last"],
            hidden_size=hidden,
            direction="bidirectional",
        ),
        helper.make_node("Transpose", ["h_last"], ["h_b2"], perm=[1, 0, 2]),
        helper.make_node("Reshape", ["h_b2", "flat_shape"], ["h_both"]),
        helper.make_node("Gemm", ["h_both", "mu_w", "mu_b"], ["mu"]),
        helper.make_node("Gemm", ["h_both", "sigma_w", "sigma_b"], ["sigma_hat"]),
    ]
    graph = helper.make_graph(
        nodes,
        "encoder",
        [
            _value("strokes", [BATCH, TIME, 5]),
            helper.make_tensor_value_info("lengths", TensorProto.INT64, [BATCH]),
        ],
        [_value("mu", [BATCH, z_size]), _value("sigma_hat", [BATCH, z_size])],
        initializer=[
            _const("W", np.stack([w_f, w_b])),
            _const("R", np.stack([r_f, r_b])),
            _const("B", np.stack([b_f, b_b])),
            _int64("flat_shape", [0, 2 * hidden]),
            _const("mu_w", _f32(weights.mu_w)),
            _const("mu_b", _f32(weights.mu_b)),
            _const("sigma_w", _f32(weights.sigma_w)),
            _const("sigma_b", _f32(weights.sigma_b)),
        ],
    )
    return _model(graph)


def build_init_state(weights: EncoderWeights, squash_z: bool = False) -> onnx.ModelProto:
    """``z`` [B,Nz] -> ``h``, ``c`` [B,H]: tanh(z @ W + b) split as [c, h] (Magenta's order).

    ``squash_z`` applies tanh to z first, as Magenta's models before format version 6 expect.
    """
    z_size = int(weights.init_w.shape[0])
    hidden = int(weights.init_b.shape[0]) // 2
    nodes = []
    z_name = "z"
    if squash_z:
        nodes.append(helper.make_node("Tanh", ["z"], ["z_squashed"]))
        z_name = "z_squashed"
    nodes += [
        helper.make_node("Gemm", [z_name, "init_w", "init_b"], ["pre_state"]),
        helper.make_node("Tanh", ["pre_state"], ["state"]),
        helper.make_node("Split", ["state", "split_ch"], ["c", "h"], axis=1),
    ]
    graph = helper.make_graph(
        nodes,
        "init_state",
        [_value("z", [BATCH, z_size])],
        [_value("h", [BATCH, hidden]), _value("c", [BATCH, hidden])],
        initializer=[
            _const("init_w", _f32(weights.init_w)),
            _const("init_b", _f32(weights.init_b)),
            _int64("split_ch", [hidden, hidden]),
        ],
    )
    return _model(graph)


def random_lstm(
    rng: np.random.Generator, input_size: int, hidden: int, scale: float
) -> LstmWeights:
    """Small random TF-layout LSTM weights (for tests and benchmarks)."""
    return LstmWeights(
        w_xh=_f32(rng.normal(0, scale, (input_size, 4 * hidden))),
        w_hh=_f32(rng.normal(0, scale, (hidden, 4 * hidden))),
        bias=_f32(rng.normal(0, scale, 4 * hidden)),
    )


def random_decoder(
    rng: np.random.Generator, hidden: int, num_mixture: int, z_size: int = 0, scale: float = 0.1
) -> DecoderWeights:
    """A random decoder of the contract's shapes (for tests and benchmarks)."""
    out_size = 6 * num_mixture + 3
    return DecoderWeights(
        lstm=random_lstm(rng, 5 + z_size, hidden, scale),
        out_w=_f32(rng.normal(0, scale, (hidden, out_size))),
        out_b=_f32(rng.normal(0, scale, out_size)),
        z_size=z_size,
    )


def random_encoder(
    rng: np.random.Generator, enc_hidden: int, dec_hidden: int, z_size: int, scale: float = 0.1
) -> EncoderWeights:
    """A random encoder of the contract's shapes (for tests and benchmarks)."""
    return EncoderWeights(
        forward=random_lstm(rng, 5, enc_hidden, scale),
        backward=random_lstm(rng, 5, enc_hidden, scale),
        mu_w=_f32(rng.normal(0, scale, (2 * enc_hidden, z_size))),
        mu_b=_f32(rng.normal(0, scale, z_size)),
        sigma_w=_f32(rng.normal(0, scale, (2 * enc_hidden, z_size))),
        sigma_b=_f32(rng.normal(0, scale, z_size)),
        init_w=_f32(rng.normal(0, scale, (z_size, 2 * dec_hidden))),
        init_b=_f32(rng.normal(0, scale, 2 * dec_hidden)),
    )
