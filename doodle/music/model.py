"""The melody model on disk and its onnxruntime step session; imports no Qt.

A melody model is a folder (bundled: ``models_onnx/music/``) holding ``model.json``
(``kind: "melody"``, vocabulary, sizes, provenance, metrics), ``melody_step.onnx``
(token [B] int64, h [B,H], c [B,H] -> logits [B,V], h_out, c_out) and ``bigram.json``
(the training split's bigram counts, the baseline the model is measured against).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from doodle import paths
from doodle.core.errors import ModelError
from doodle.music import vocab

MODEL_FILE = "model.json"
STEP_FILE = "melody_step.onnx"
BIGRAM_FILE = "bigram.json"


def bundled_melody_dir() -> Path:
    return paths.bundled_models_dir() / "music"


@dataclass(frozen=True)
class MelodyModelInfo:
    path: Path
    hidden_size: int
    vocabulary: tuple[str, ...]
    provenance: dict
    metrics: dict


def read_model_info(folder: Path) -> MelodyModelInfo:
    """Check a melody model folder and read its model.json (ModelError when unusable)."""
    meta_path = folder / MODEL_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{meta_path}: the melody model is missing") from None
    except (OSError, ValueError, RecursionError) as error:
        raise ModelError(f"{meta_path}: cannot read model.json ({error})") from None
    if not isinstance(meta, dict) or meta.get("format") != 1 or meta.get("kind") != "melody":
        raise ModelError(f'{meta_path}: not a melody model (needs format 1, kind "melody")')
    if tuple(meta.get("vocabulary", ())) != tuple(vocab.token_names()):
        raise ModelError(f"{meta_path}: its vocabulary does not match this version of Doodle")
    hidden = meta.get("hidden_size")
    if not isinstance(hidden, int) or hidden <= 0:
        raise ModelError(f"{meta_path}: hidden_size must be a positive integer")
    if not (folder / STEP_FILE).is_file():
        raise ModelError(f"{folder / STEP_FILE}: the melody step graph is missing")
    return MelodyModelInfo(
        path=folder,
        hidden_size=hidden,
        vocabulary=tuple(meta["vocabulary"]),
        provenance=dict(meta.get("provenance", {})),
        metrics=dict(meta.get("metrics", {})),
    )


class MelodyModel:
    """An onnxruntime session over the step graph (one thread: the machine is shared)."""

    def __init__(self, folder: Path | None = None) -> None:
        import onnxruntime as ort

        self.info = read_model_info(folder or bundled_melody_dir())
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        try:
            self._session = ort.InferenceSession(
                str(self.info.path / STEP_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # onnxruntime raises several unrelated types
            raise ModelError(f"{self.info.path / STEP_FILE}: cannot load ({error})") from None

    @property
    def hidden_size(self) -> int:
        return self.info.hidden_size

    def initial_state(self, batch: int = 1) -> tuple[np.ndarray, np.ndarray]:
        zeros = np.zeros((batch, self.hidden_size), dtype=np.float32)
        return zeros, zeros.copy()

    def step(
        self, tokens: np.ndarray, h: np.ndarray, c: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Feed tokens int64 [B]; returns logits [B,V] and the next state."""
        logits, h_out, c_out = self._session.run(
            None, {"token": tokens.astype(np.int64), "h": h, "c": c}
        )
        return logits, h_out, c_out

    def sequence_nll(self, tokens: np.ndarray) -> tuple[float, int]:
        """Summed NLL (nats) of tokens[1:] given the prefix, and how many were predicted."""
        h, c = self.initial_state()
        total = 0.0
        for current, following in zip(tokens[:-1], tokens[1:], strict=True):
            logits, h, c = self.step(np.asarray([current]), h, c)
            row = logits[0].astype(np.float64)
            top = row.max()
            total += float(np.log(np.exp(row - top).sum()) + top - row[following])
        return total, len(tokens) - 1


def load_bigram_counts(folder: Path | None = None) -> np.ndarray:
    """The training split's bigram counts int64 [V, V] stored beside the model."""
    path = (folder or bundled_melody_dir()) / BIGRAM_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        counts = np.asarray(data["counts"], dtype=np.int64)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ModelError(f"{path}: cannot read bigram counts ({error})") from None
    if counts.shape != (vocab.VOCAB_SIZE, vocab.VOCAB_SIZE):
        raise ModelError(f"{path}: bigram counts must be {vocab.VOCAB_SIZE}x{vocab.VOCAB_SIZE}")
    return counts
