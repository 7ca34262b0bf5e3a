"""A plain numpy Sketch-RNN decoder, the baseline every inference figure is compared with.

The weights are read from the model's own ``decoder_step.onnx`` initialisers, so the numpy run
computes exactly what the ONNX graph computes. Two layouts are understood: the MatMul/Gemm cell
of ``doodle.engine.graphs.build_decoder_step`` (``W_x``, ``W_h``, ``bias`` with gate columns
i, f, o, j and the forget bias folded in) and the ONNX ``LSTM`` op (``W``, ``R``, ``B`` in the
op's order i, o, f, c); weights stored in half precision are read back as float32. Imports
no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

from doodle.core.errors import ModelError

FP16_SUFFIX = "__fp16"


@dataclass(frozen=True)
class NumpyDecoder:
    """Cell weights with gate columns ordered i, f, o, j and the forget bias folded in."""

    w_x: np.ndarray
    w_h: np.ndarray
    bias: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray

    @property
    def hidden_size(self) -> int:
        return int(self.w_h.shape[0])

    @property
    def num_mixture(self) -> int:
        return (int(self.out_b.shape[0]) - 3) // 6

    def step(
        self, x: np.ndarray, h: np.ndarray, c: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One decoder step: ``x`` [B, I] (stroke-5, with z appended for a vae)."""
        hidden = self.hidden_size
        gates = x @ self.w_x + h @ self.w_h + self.bias
        # sigmoid(g) written with tanh: the same values without overflow for large |g|.
        sig = 0.5 + 0.5 * np.tanh(0.5 * gates[:, : 3 * hidden])
        gate_i, gate_f, gate_o = np.split(sig, 3, axis=1)
        c_out = c * gate_f + gate_i * np.tanh(gates[:, 3 * hidden :])
        h_out = np.tanh(c_out) * gate_o
        return h_out @ self.out_w + self.out_b, h_out, c_out


def _reorder_onnx_lstm(w: np.ndarray) -> np.ndarray:
    """ONNX LSTM gate rows i, o, f, c -> columns i, f, o, j."""
    gate_i, gate_o, gate_f, gate_c = np.split(w, 4, axis=0)
    return np.concatenate([gate_i, gate_f, gate_o, gate_c], axis=0).T


def load_numpy_decoder(model_folder: Path) -> NumpyDecoder:
    """Read the decoder weights of a model folder, or raise ``ModelError`` for unknown layouts."""
    path = Path(model_folder) / "decoder_step.onnx"
    try:
        graph = onnx.load(str(path)).graph
    except Exception as error:  # onnx raises DecodeError, OSError, ...
        raise ModelError(f"{path}: not a readable ONNX graph ({error})") from None
    weights = {}
    for init in graph.initializer:
        # Half-precision models store big weights as "<name>__fp16", cast back in the graph.
        name = init.name.removesuffix(FP16_SUFFIX)
        weights[name] = numpy_helper.to_array(init).astype(np.float32)
    if "out_w" not in weights or "out_b" not in weights:
        raise ModelError(f"{path}: no output layer named out_w/out_b for the numpy baseline")
    out_w = np.ascontiguousarray(weights["out_w"], dtype=np.float32)
    out_b = np.ascontiguousarray(weights["out_b"], dtype=np.float32)
    if {"W_x", "W_h", "bias"} <= weights.keys():
        w_x, w_h, bias = weights["W_x"], weights["W_h"], weights["bias"]
    elif {"W", "R", "B"} <= weights.keys():
        w_x = _reorder_onnx_lstm(weights["W"][0])
        w_h = _reorder_onnx_lstm(weights["R"][0])
        b_w, b_r = np.split(weights["B"][0], 2)
        bias = _reorder_onnx_lstm((b_w + b_r)[:, None])[0]
    else:
        raise ModelError(f"{path}: unknown cell layout for the numpy baseline")
    return NumpyDecoder(
        w_x=np.ascontiguousarray(w_x, dtype=np.float32),
        w_h=np.ascontiguousarray(w_h, dtype=np.float32),
        bias=np.ascontiguousarray(bias, dtype=np.float32),
        out_w=out_w,
        out_b=out_b,
    )


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def sample_params(params: np.ndarray, temperature: float, rng: np.random.Generator) -> np.ndarray:
    """Draw one stroke-5 row per batch row from raw decoder outputs (Magenta's sampler)."""
    batch = params.shape[0]
    mixtures = (params.shape[1] - 3) // 6
    pen_logits = params[:, :3]
    pi, mu_x, mu_y, log_sx, log_sy, rho_raw = np.split(params[:, 3:], 6, axis=1)
    rows = np.arange(batch)
    pi_p = _softmax(pi / temperature)
    choice = (pi_p.cumsum(axis=1) < rng.random((batch, 1))).sum(axis=1).clip(0, mixtures - 1)
    sx = np.exp(log_sx[rows, choice]) * np.sqrt(temperature)
    sy = np.exp(log_sy[rows, choice]) * np.sqrt(temperature)
    rho = np.tanh(rho_raw[rows, choice])
    normal = rng.standard_normal((batch, 2))
    dx = mu_x[rows, choice] + sx * normal[:, 0]
    dy = mu_y[rows, choice] + sy * (rho * normal[:, 0] + np.sqrt(1.0 - rho * rho) * normal[:, 1])
    pen_p = _softmax(pen_logits / temperature)
    pen = (pen_p.cumsum(axis=1) < rng.random((batch, 1))).sum(axis=1).clip(0, 2)
    out = np.zeros((batch, 5), dtype=np.float32)
    out[:, 0], out[:, 1] = dx, dy
    out[rows, 2 + pen] = 1.0
    return out


def numpy_sample_steps(
    decoder: NumpyDecoder,
    prefix: np.ndarray,
    steps: int,
    batch: int,
    temperature: float,
    seed: int = 0,
    z: np.ndarray | None = None,
) -> np.ndarray:
    """Prime with ``prefix`` (stroke-5 [T,5]) then sample exactly ``steps`` rows per batch row.

    The run never stops early at an end token, so its cost is the cost of ``steps`` steps.
    """
    rng = np.random.default_rng(seed)
    hidden = decoder.hidden_size
    h = np.zeros((batch, hidden), dtype=np.float32)
    c = np.zeros((batch, hidden), dtype=np.float32)
    z_rows = None if z is None else np.broadcast_to(z, (batch, z.shape[-1])).astype(np.float32)

    def with_z(x: np.ndarray) -> np.ndarray:
        return x if z_rows is None else np.concatenate([x, z_rows], axis=1)

    x = np.tile(np.asarray([[0.0, 0.0, 1.0, 0.0, 0.0]], dtype=np.float32), (batch, 1))
    for row in prefix:
        _, h, c = decoder.step(with_z(x), h, c)
        x = np.tile(row[None].astype(np.float32), (batch, 1))
    out = np.zeros((batch, steps, 5), dtype=np.float32)
    for index in range(steps):
        params, h, c = decoder.step(with_z(x), h, c)
        x = sample_params(params, temperature, rng)
        out[:, index] = x
    return out
