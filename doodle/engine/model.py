"""A model folder opened for inference: lazily created onnxruntime sessions and state helpers.

Sessions run on the CPU with one intra-op and one inter-op thread (interactive inference on
a small shared machine). A graph that is missing or corrupt raises ``ModelError`` when first
needed; sessions already open keep working even if the folder is deleted afterwards.
Imports no Qt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np
import onnxruntime as ort

from doodle.core.errors import ModelError
from doodle.engine import contract
from doodle.engine.contract import ModelInfo

PROVIDERS = ["CPUExecutionProvider"]
STEP_OUTPUTS = ["params", "h_out", "c_out"]
STATE_OUTPUTS = ["h_out", "c_out"]
PRIME_CACHE_SIZE = 8
"""Primed states kept per model: a hint, a completion and variations of one drawing share one."""


def session_options() -> ort.SessionOptions:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return options


def open_session(path: Path) -> ort.InferenceSession:
    """An onnxruntime session for one graph file, or ``ModelError`` saying why not."""
    if not path.is_file():
        raise ModelError(f"{path}: graph file is missing (was the model folder removed?)")
    try:
        return ort.InferenceSession(str(path), session_options(), providers=PROVIDERS)
    except Exception as error:  # onnxruntime raises its own Fail/InvalidGraph/... types
        raise ModelError(f"{path}: cannot load ONNX graph ({error})") from None


class LoadedModel:
    """One model ready to run: ``info`` plus sessions created on first use."""

    def __init__(self, info: ModelInfo) -> None:
        self.info = info
        self._sessions: dict[str, ort.InferenceSession] = {}
        self._lock = threading.Lock()
        self._primed: OrderedDict[bytes, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def __repr__(self) -> str:
        return f"LoadedModel({self.info.name!r}, kind={self.info.kind!r}, path={self.info.path})"

    def session(self, graph_file: str) -> ort.InferenceSession:
        with self._lock:
            found = self._sessions.get(graph_file)
            if found is None:
                found = open_session(self.info.path / graph_file)
                self._sessions[graph_file] = found
            return found

    @property
    def decoder_step(self) -> ort.InferenceSession:
        return self.session(contract.DECODER_STEP)

    @property
    def decoder_prefix(self) -> ort.InferenceSession | None:
        if not self.info.has_prefix:
            return None
        return self.session(contract.DECODER_PREFIX)

    def _require_vae(self) -> None:
        if self.info.kind != "vae":
            raise ModelError(f"model {self.info.name!r} has no encoder (it is decoder-only)")

    @property
    def encoder(self) -> ort.InferenceSession:
        self._require_vae()
        return self.session(contract.ENCODER)

    @property
    def init_state_session(self) -> ort.InferenceSession:
        self._require_vae()
        return self.session(contract.INIT_STATE)

    def zero_state(self, batch: int) -> tuple[np.ndarray, np.ndarray]:
        shape = (batch, self.info.hidden_size)
        return np.zeros(shape, dtype=np.float32), np.zeros(shape, dtype=np.float32)

    def initial_state(self, batch: int, z: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Zero state for decoder-only models; ``init_state(z)`` for a VAE (z [B, Nz])."""
        if self.info.kind != "vae":
            return self.zero_state(batch)
        if z is None:
            raise ValueError("a VAE decoder needs z")
        h, c = self.init_state_session.run(["h", "c"], {"z": z})
        return h, c

    def step(
        self, x: np.ndarray, h: np.ndarray, c: np.ndarray, z: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One decoder step: x [B,5] -> params [B,6M+3], h, c."""
        feeds = {"x": x, "h": h, "c": c}
        if z is not None:
            feeds["z"] = z
        params, h_out, c_out = self.decoder_step.run(STEP_OUTPUTS, feeds)
        return params, h_out, c_out

    def prime(
        self, x_seq: np.ndarray, h: np.ndarray, c: np.ndarray, z: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Run the decoder over x_seq [B,T,5] from (h, c) and return the final state.

        One call through ``decoder_prefix.onnx`` when the model has it, else step by step.
        """
        x_seq = np.ascontiguousarray(x_seq, dtype=np.float32)
        if x_seq.shape[1] == 0:
            return h, c
        prefix = self.decoder_prefix
        if prefix is not None:
            feeds = {"x": x_seq, "h": h, "c": c}
            if z is not None:
                feeds["z"] = z
            h_out, c_out = prefix.run(STATE_OUTPUTS, feeds)
            return h_out, c_out
        for t in range(x_seq.shape[1]):
            _, h, c = self.step(np.ascontiguousarray(x_seq[:, t]), h, c, z)
        return h, c

    def primed_state(self, x_seq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Batch-1 state of a decoder-only model after x_seq [T,5] from the zero state.

        The last few results are cached by content; the arrays returned are shared, callers
        must not write to them.
        """
        if self.info.kind == "vae":
            raise ValueError("a VAE's state depends on z; use initial_state and prime")
        sequence = np.ascontiguousarray(x_seq, dtype=np.float32)
        key = sequence.tobytes()
        with self._lock:
            found = self._primed.get(key)
            if found is not None:
                self._primed.move_to_end(key)
                return found
        state = self.prime(sequence[None], *self.zero_state(1))
        with self._lock:
            self._primed[key] = state
            while len(self._primed) > PRIME_CACHE_SIZE:
                self._primed.popitem(last=False)
        return state
