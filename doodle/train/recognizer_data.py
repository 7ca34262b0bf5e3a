"""Training drawings for the recogniser: sampled from the installed sketch models.

Every installed model is run in large batches (one ONNX call per step for a whole batch is
about a hundred times cheaper per drawing than one drawing at a time) at a mix of
temperatures, so the classifier sees both tidy and wild versions of each object. Sampled
drawings come back as stroke-3 in the 256-pixel Quick, Draw! box. Imports no Qt and no torch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort

from doodle.engine import contract


def _session(path: Path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=1, keepdims=True)


def _choose(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One index per row drawn from each row's categorical distribution."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random((len(probabilities), 1)) * cumulative[:, -1:]
    return np.minimum((cumulative < draws).sum(axis=1), probabilities.shape[1] - 1)


def sample_step(
    params: np.ndarray, temperatures: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Sample (dx, dy) [B, 2] and a pen index [B] (0 down, 1 up, 2 end) from raw params.

    Magenta's temperature: logits divided by it, variances multiplied by it.
    """
    temps = temperatures[:, None]
    pen = _choose(rng, _softmax(params[:, :3] / temps))
    pieces = np.split(params[:, 3:], 6, axis=1)
    pi_logits, mu_x, mu_y, log_sx, log_sy, rho_raw = pieces
    component = _choose(rng, _softmax(pi_logits / temps))
    rows = np.arange(len(params))
    sqrt_t = np.sqrt(temperatures)
    sx = np.exp(log_sx[rows, component]) * sqrt_t
    sy = np.exp(log_sy[rows, component]) * sqrt_t
    rho = np.tanh(rho_raw[rows, component])
    normal = rng.standard_normal((len(params), 2))
    dx = mu_x[rows, component] + sx * normal[:, 0]
    dy = mu_y[rows, component] + sy * (rho * normal[:, 0] + np.sqrt(1 - rho**2) * normal[:, 1])
    return np.stack([dx, dy], axis=1), pen


def sample_model(
    folder: Path,
    count: int,
    temperature_range: tuple[float, float] = (0.2, 1.0),
    batch: int = 100,
    seed: int = 0,
    cancel: Callable[[], bool] | None = None,
) -> list[np.ndarray]:
    """``count`` drawings from the model in ``folder`` as stroke-3 in 256-box pixels."""
    info = contract.check_model_folder(folder)
    step = _session(folder / contract.DECODER_STEP)
    init = _session(folder / contract.INIT_STATE) if info.kind == "vae" else None
    rng = np.random.default_rng(seed)
    to_box = info.scale_factor / info.pixel_factor
    drawings: list[np.ndarray] = []
    while len(drawings) < count:
        if cancel is not None and cancel():
            break
        size = min(batch, count - len(drawings))
        temps = rng.uniform(*temperature_range, size=size)
        feeds: dict[str, np.ndarray] = {}
        if init is not None:
            z = rng.standard_normal((size, info.z_size)).astype(np.float32)
            h, c = init.run(["h", "c"], {"z": z})
            feeds["z"] = z
        else:
            h = np.zeros((size, info.hidden_size), np.float32)
            c = np.zeros_like(h)
        x = np.tile(np.asarray(contract.START_TOKEN, np.float32), (size, 1))
        offsets = np.zeros((size, info.max_seq_len, 3), np.float32)
        lengths = np.full(size, info.max_seq_len)
        alive = np.ones(size, bool)
        for t in range(info.max_seq_len):
            params, h, c = step.run(["params", "h_out", "c_out"], {"x": x, "h": h, "c": c, **feeds})
            delta, pen = sample_step(params, temps, rng)
            ended = alive & (pen == 2)
            lengths[ended] = t
            alive &= pen != 2
            if not alive.any():
                break
            offsets[:, t, :2] = delta
            offsets[:, t, 2] = pen == 1
            x = np.zeros((size, 5), np.float32)
            x[:, :2] = delta
            x[np.arange(size), 2 + pen] = 1.0
        for row in range(size):
            drawing = offsets[row, : lengths[row]].copy()
            if len(drawing) >= 2:
                drawing[:, :2] *= to_box
                drawing[-1, 2] = 1.0
                drawings.append(drawing)
    return drawings


def save_samples(path: Path, drawings: Sequence[np.ndarray]) -> None:
    """Store stroke-3 drawings as one flat array plus lengths (no pickled objects)."""
    lengths = np.asarray([len(d) for d in drawings], np.int64)
    points = np.concatenate(drawings, axis=0) if drawings else np.zeros((0, 3), np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(temporary, points=points.astype(np.float32), lengths=lengths)
    temporary.replace(path)


def load_samples(path: Path) -> list[np.ndarray]:
    """The drawings written by ``save_samples``."""
    with np.load(path, allow_pickle=False) as data:
        points, lengths = data["points"], data["lengths"]
    return np.split(points, np.cumsum(lengths)[:-1]) if len(lengths) else []
