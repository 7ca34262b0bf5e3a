"""PyTorch melody LSTM: training on token streams and export of the ONNX step graph.

Imports torch at module level, so only ``doodle train melody`` (inside its handler) imports
this module; imports no Qt.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from doodle.train.melody_data import Tune


class MelodyLSTM(nn.Module):
    """Token embedding -> one LSTM layer -> logits over the vocabulary."""

    def __init__(self, vocab_size: int, embedding_size: int, hidden_size: int, dropout: float):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_size)
        self.lstm = nn.LSTM(embedding_size, hidden_size, batch_first=True)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, tokens: torch.Tensor, state=None):
        output, state = self.lstm(self.dropout(self.embedding(tokens)), state)
        return self.head(self.dropout(output)), state


class MelodyStep(nn.Module):
    """One step for inference: token [B], h [B,H], c [B,H] -> logits [B,V], h_out, c_out."""

    def __init__(self, model: MelodyLSTM):
        super().__init__()
        self.model = model

    def forward(self, token: torch.Tensor, h: torch.Tensor, c: torch.Tensor):
        embedded = self.model.embedding(token).unsqueeze(1)
        output, (h_out, c_out) = self.model.lstm(embedded, (h.unsqueeze(0), c.unsqueeze(0)))
        return self.model.head(output[:, 0]), h_out[0], c_out[0]


@dataclass
class TrainResult:
    model: MelodyLSTM
    steps: int
    seconds: float
    best_validation_nll: float


def sequence_nll(model: MelodyLSTM, tunes: list[Tune], batch_size: int = 64) -> float:
    """Mean NLL (nats per predicted token) over whole tunes, each from a zero state."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(tunes), batch_size):
            chunk = tunes[start : start + batch_size]
            longest = max(len(t.tokens) for t in chunk)
            batch = np.zeros((len(chunk), longest), dtype=np.int64)
            mask = np.zeros((len(chunk), longest - 1), dtype=bool)
            for row, tune in enumerate(chunk):
                batch[row, : len(tune.tokens)] = tune.tokens
                mask[row, : len(tune.tokens) - 1] = True
            tokens = torch.from_numpy(batch)
            logits, _ = model(tokens[:, :-1])
            losses = nn.functional.cross_entropy(
                logits.transpose(1, 2), tokens[:, 1:], reduction="none"
            )
            selected = losses[torch.from_numpy(mask)]
            total += float(selected.sum())
            count += int(selected.numel())
    return total / count


def train(
    train_tunes: list[Tune],
    validation_tunes: list[Tune],
    vocab_size: int,
    embedding_size: int = 64,
    hidden_size: int = 256,
    window: int = 192,
    batch_size: int = 64,
    minutes: float = 15.0,
    max_steps: int = 500,
    seed: int = 0,
    log=print,
) -> TrainResult:
    """Adam (cosine schedule) on windows of the concatenated training tunes.

    Stops after ``max_steps`` or ``minutes``, whichever comes first, and keeps the weights
    with the best validation NLL.
    """
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    stream = np.concatenate([t.tokens for t in train_tunes])
    # Windows begin where tunes begin, as playing does: the model then learns to carry the
    # major/minor start token through the tune instead of guessing the mode midway.
    tune_starts = np.concatenate([[0], np.cumsum([len(t.tokens) for t in train_tunes])[:-1]])
    tune_starts = tune_starts[tune_starts + window + 1 <= len(stream)]
    model = MelodyLSTM(vocab_size, embedding_size, hidden_size, dropout=0.15)
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, max_steps, eta_min=2e-4)
    best_nll, best_state = float("inf"), None
    started = time.monotonic()
    step = 0

    def out_of_time() -> bool:
        return time.monotonic() - started >= minutes * 60.0

    while step < max_steps and not out_of_time():
        model.train()
        starts = rng.choice(tune_starts, size=batch_size)
        batch = torch.from_numpy(np.stack([stream[s : s + window + 1] for s in starts]))
        logits, _ = model(batch[:, :-1])
        loss = nn.functional.cross_entropy(logits.transpose(1, 2), batch[:, 1:])
        optimiser.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        scheduler.step()
        step += 1
        if step % 100 == 0 or step == max_steps or out_of_time():
            validation = sequence_nll(model, validation_tunes)
            log(
                f"step {step} loss {loss.item():.3f} val {validation:.3f} "
                f"({time.monotonic() - started:.0f} s)"
            )
            if validation < best_nll:
                best_nll = validation
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return TrainResult(model, step, time.monotonic() - started, best_nll)


def export_step_onnx(model: MelodyLSTM, path: Path) -> None:
    """Write the step graph (token, h, c -> logits, h_out, c_out) with a dynamic batch axis."""
    step = MelodyStep(model).eval()
    hidden = model.lstm.hidden_size
    # An example batch of 2: batch 1 can freeze the batch axis during export.
    example = (
        torch.zeros(2, dtype=torch.int64),
        torch.zeros(2, hidden),
        torch.zeros(2, hidden),
    )
    batch = {0: "batch"}
    torch.onnx.export(
        step,
        example,
        str(path),
        input_names=["token", "h", "c"],
        output_names=["logits", "h_out", "c_out"],
        dynamic_axes={
            "token": batch,
            "h": batch,
            "c": batch,
            "logits": batch,
            "h_out": batch,
            "c_out": batch,
        },
        opset_version=17,
        dynamo=False,
    )
