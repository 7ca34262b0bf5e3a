"""Sketch-RNN in PyTorch: decoder-only ("gen") and VAE, optionally class-conditional.

The decoder is an ``nn.LSTM`` (fast fused kernels for training); export converts its weights to
TensorFlow's layout for the engine's graph builder. A class-conditional model feeds a one-hot
class vector into the decoder and the latent-to-state layer: those columns act as a per-class
bias, so exporting one class folds them into the biases and every exported folder is a plain
contract model (decoder input ``[x, z]``). Imports torch (only from training code) and no Qt.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class ModelConfig:
    """Sizes of a Sketch-RNN; ``z_size`` 0 means decoder-only."""

    hidden_size: int = 256
    enc_hidden_size: int = 128
    z_size: int = 64
    num_mixture: int = 20
    num_classes: int = 1

    @property
    def kind(self) -> str:
        return "vae" if self.z_size else "gen"

    @property
    def params_size(self) -> int:
        return 6 * self.num_mixture + 3

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


class SketchRNN(nn.Module):
    """Encoder (VAE only), latent-to-state layer and the mixture-density decoder."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        hidden = config.hidden_size
        self.decoder = nn.LSTM(5 + config.z_size + config.num_classes, hidden, batch_first=True)
        self.output = nn.Linear(hidden, config.params_size)
        if config.z_size:
            # Two one-way LSTMs rather than a packed bidirectional one: the backward pass of
            # packed sequences is several times slower on the CPU.
            self.encoder_forward = nn.LSTM(5, config.enc_hidden_size, batch_first=True)
            self.encoder_backward = nn.LSTM(5, config.enc_hidden_size, batch_first=True)
            self.to_mu = nn.Linear(2 * config.enc_hidden_size, config.z_size)
            self.to_sigma_hat = nn.Linear(2 * config.enc_hidden_size, config.z_size)
            self.init_state = nn.Linear(config.z_size + config.num_classes, 2 * hidden)
        with torch.no_grad():
            # TensorFlow's cell adds 1.0 to the forget gate; start from the same place.
            self.decoder.bias_ih_l0[hidden : 2 * hidden].fill_(1.0)
            self.decoder.bias_hh_l0.zero_()

    def class_one_hot(self, class_ids: torch.Tensor) -> torch.Tensor:
        return F.one_hot(class_ids, self.config.num_classes).to(self.output.weight.dtype)

    def encode(
        self, strokes: torch.Tensor, lengths: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """``strokes`` [B,T,5] (no start token), ``lengths`` [B] -> ``mu``, ``sigma_hat``."""
        batch, steps, _ = strokes.shape
        rows = torch.arange(batch, device=strokes.device)
        last = lengths - 1
        forward_out, _ = self.encoder_forward(strokes)
        # Each sequence reversed within its own length (padding after it is never read).
        positions = torch.arange(steps, device=strokes.device)[None, :]
        reverse_index = (last[:, None] - positions).clamp(min=0)
        reversed_strokes = strokes.gather(1, reverse_index[..., None].expand(-1, -1, 5))
        backward_out, _ = self.encoder_backward(reversed_strokes)
        both = torch.cat([forward_out[rows, last], backward_out[rows, last]], dim=1)
        return self.to_mu(both), self.to_sigma_hat(both)

    def initial_state(
        self, z: torch.Tensor | None, class_ids: torch.Tensor, batch: int
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(h, c) [1,B,H]: zeros for gen, tanh(W [z, class] + b) split as [c, h] for a VAE."""
        hidden = self.config.hidden_size
        if z is None:
            zeros = self.output.weight.new_zeros(1, batch, hidden)
            return zeros, zeros
        state = torch.tanh(self.init_state(torch.cat([z, self.class_one_hot(class_ids)], 1)))
        c, h = state.split(hidden, dim=1)
        return h.unsqueeze(0).contiguous(), c.unsqueeze(0).contiguous()

    def decode(
        self,
        inputs: torch.Tensor,
        z: torch.Tensor | None,
        class_ids: torch.Tensor,
        state: tuple[torch.Tensor, torch.Tensor] | None = None,
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """``inputs`` [B,T,5] (start token first) -> raw ``params`` [B,T,6M+3] and the state."""
        batch, steps, _ = inputs.shape
        parts = [inputs]
        if z is not None:
            parts.append(z.unsqueeze(1).expand(batch, steps, z.shape[1]))
        parts.append(self.class_one_hot(class_ids).unsqueeze(1).expand(batch, steps, -1))
        if state is None:
            state = self.initial_state(z, class_ids, batch)
        out, state = self.decoder(torch.cat(parts, 2), state)
        return self.output(out), state

    def forward(
        self,
        inputs: torch.Tensor,
        lengths: torch.Tensor,
        class_ids: torch.Tensor,
        sample_z: bool = True,
        decoder_dropout: float = 0.0,
    ) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None]:
        """Teacher-forced pass: ``inputs`` [B,T+1,5] with the start token; returns params,
        mu and sigma_hat (None for gen). The encoder reads ``inputs[:, 1:]`` up to ``lengths``.

        ``decoder_dropout`` (training mode only) replaces each decoder input row by zeros with
        that probability, so the decoder has to take what it cannot read from the previous
        points from z (against posterior collapse); the encoder always reads every point.
        """
        mu = sigma_hat = z = None
        if self.config.z_size:
            mu, sigma_hat = self.encode(inputs[:, 1:], lengths)
            z = mu
            if sample_z:
                z = mu + torch.exp(sigma_hat / 2.0) * torch.randn_like(mu)
        decoder_inputs = inputs[:, :-1]
        if self.training and decoder_dropout > 0.0:
            keep = torch.rand(decoder_inputs.shape[:2], device=inputs.device) >= decoder_dropout
            decoder_inputs = decoder_inputs * keep.unsqueeze(-1).to(decoder_inputs.dtype)
        params, _ = self.decode(decoder_inputs, z, class_ids)
        return params, mu, sigma_hat


def with_more_classes(model: SketchRNN, extra: int) -> SketchRNN:
    """A copy of ``model`` that also knows ``extra`` new classes, appended after its own.

    The class one-hot enters the decoder's input weights and the latent-to-state layer as
    columns; each new class starts at the mean of the existing classes' columns (the average
    object), so the shared drawing skills carry over and only what sets the new class apart
    is left to learn. The existing classes draw exactly as before.
    """
    sizes = model.config.to_dict()
    config = ModelConfig(**{**sizes, "num_classes": sizes["num_classes"] + extra})
    grown = SketchRNN(config)
    state = dict(model.state_dict())
    classes = model.config.num_classes
    for key in ("decoder.weight_ih_l0", "init_state.weight"):
        if key in state:
            columns = state[key]
            average = columns[:, -classes:].mean(dim=1, keepdim=True)
            state[key] = torch.cat([columns, average.expand(-1, extra)], dim=1)
    grown.load_state_dict(state)
    return grown
