"""Sketch-RNN losses: mixture-density offset NLL, pen cross-entropy, KL with a floor.

Offsets are scored only on real points; the pen loss covers the whole padded length, end
tokens included, as in the paper. Both are normalised by a fixed ``norm_len`` (the paper's
N_max) so batches of different lengths weigh the same per step. Optional distillation terms
replace the sampled target by the teacher's own distribution: its pen probabilities (soft
cross-entropy) and extra offsets drawn from its mixture at every step (a Monte Carlo estimate
of the cross-entropy between the teacher's and the student's mixtures). Imports torch, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch.nn import functional as F

LOG_2PI = math.log(2.0 * math.pi)
RHO_EPS = 1e-6


@dataclass(frozen=True)
class Mixture:
    """Mixture parameters after activation, each [..., M]."""

    log_pi: torch.Tensor
    mu_x: torch.Tensor
    mu_y: torch.Tensor
    log_sigma_x: torch.Tensor
    log_sigma_y: torch.Tensor
    rho: torch.Tensor


def split_params(params: torch.Tensor, num_mixture: int) -> tuple[torch.Tensor, Mixture]:
    """Raw params [..., 6M+3] in Magenta order -> pen logits [..., 3] and the mixture."""
    pen_logits = params[..., :3]
    pi, mu_x, mu_y, ls_x, ls_y, rho_raw = params[..., 3:].split(num_mixture, dim=-1)
    mixture = Mixture(
        log_pi=F.log_softmax(pi, dim=-1),
        mu_x=mu_x,
        mu_y=mu_y,
        log_sigma_x=ls_x,
        log_sigma_y=ls_y,
        rho=torch.tanh(rho_raw),
    )
    return pen_logits, mixture


def offset_nll(mixture: Mixture, dx: torch.Tensor, dy: torch.Tensor) -> torch.Tensor:
    """-log p(dx, dy) under the bivariate Gaussian mixture; ``dx``/``dy`` broadcast as [...]."""
    dx = dx.unsqueeze(-1)
    dy = dy.unsqueeze(-1)
    norm_x = (dx - mixture.mu_x) * torch.exp(-mixture.log_sigma_x)
    norm_y = (dy - mixture.mu_y) * torch.exp(-mixture.log_sigma_y)
    one_minus_rho2 = 1.0 - mixture.rho**2 + RHO_EPS
    quad = (norm_x**2 + norm_y**2 - 2.0 * mixture.rho * norm_x * norm_y) / one_minus_rho2
    log_density = (
        -0.5 * quad
        - LOG_2PI
        - mixture.log_sigma_x
        - mixture.log_sigma_y
        - 0.5 * torch.log(one_minus_rho2)
    )
    return -torch.logsumexp(mixture.log_pi + log_density, dim=-1)


@dataclass(frozen=True)
class Batch:
    """A padded training batch (see ``doodle.train.data.collate``)."""

    inputs: torch.Tensor  # [B, T+1, 5] start token, points, end tokens
    lengths: torch.Tensor  # [B] number of real points
    class_ids: torch.Tensor  # [B]
    teacher_pen: torch.Tensor | None = None  # [B, T, 3] teacher pen probabilities
    teacher_offsets: torch.Tensor | None = None  # [B, T, K, 2] extra teacher samples
    # [B] weight of each sketch's own points as offset targets (None: all 1); 0 for sketches a
    # student drew, whose points say nothing about the teacher.
    own_points: torch.Tensor | None = None

    def to(self, device: torch.device) -> Batch:
        def move(tensor: torch.Tensor | None) -> torch.Tensor | None:
            return None if tensor is None else tensor.to(device, non_blocking=True)

        return Batch(
            move(self.inputs),
            move(self.lengths),
            move(self.class_ids),
            move(self.teacher_pen),
            move(self.teacher_offsets),
            move(self.own_points),
        )


@dataclass(frozen=True)
class LossWeights:
    """KL settings (paper defaults) and the distillation switch."""

    kl_weight: float = 0.5
    kl_tolerance: float = 0.2
    norm_len: int = 250
    match_teacher: bool = False
    # Weight of the pen loss against the offset loss (the paper: 1). More makes a small
    # student spend its capacity on where strokes end, which low-temperature drawing needs.
    pen_weight: float = 1.0


def reconstruction_terms(
    params: torch.Tensor, batch: Batch, num_mixture: int, match_teacher: bool
) -> tuple[torch.Tensor, torch.Tensor]:
    """Summed offset NLL (real points) and pen cross-entropy (all steps) over the batch."""
    targets = batch.inputs[:, 1:]
    steps = targets.shape[1]
    pen_logits, mixture = split_params(params, num_mixture)
    mask = (torch.arange(steps, device=targets.device)[None, :] < batch.lengths[:, None]).float()
    nll = offset_nll(mixture, targets[..., 0], targets[..., 1])
    if match_teacher and batch.teacher_offsets is not None:
        extra = batch.teacher_offsets
        extra_mixture = Mixture(*(t.unsqueeze(-2) for t in vars(mixture).values()))
        extra_nll = offset_nll(extra_mixture, extra[..., 0], extra[..., 1])
        own = 1.0 if batch.own_points is None else batch.own_points[:, None]
        nll = (own * nll + extra_nll.sum(-1)) / (own + extra.shape[-2])
    offset_sum = (nll * mask).sum()
    log_pen = F.log_softmax(pen_logits, dim=-1)
    pen_target = targets[..., 2:]
    if match_teacher and batch.teacher_pen is not None:
        pen_target = batch.teacher_pen
    pen_sum = -(pen_target * log_pen).sum()
    return offset_sum, pen_sum


def kl_divergence(mu: torch.Tensor, sigma_hat: torch.Tensor) -> torch.Tensor:
    """Mean over latent dims and batch of KL(N(mu, exp(sigma_hat)) || N(0, 1))."""
    return -0.5 * torch.mean(1.0 + sigma_hat - mu**2 - torch.exp(sigma_hat))


def sketch_loss(
    params: torch.Tensor,
    mu: torch.Tensor | None,
    sigma_hat: torch.Tensor | None,
    batch: Batch,
    num_mixture: int,
    weights: LossWeights,
    kl_eta: float,
) -> tuple[torch.Tensor, dict[str, float]]:
    """Total loss L_s + w_pen L_p + eta * w_KL * max(KL, tolerance) and its (unweighted) parts."""
    offset_sum, pen_sum = reconstruction_terms(params, batch, num_mixture, weights.match_teacher)
    denominator = batch.inputs.shape[0] * max(weights.norm_len, batch.inputs.shape[1] - 1)
    offset_loss = offset_sum / denominator
    pen_loss = pen_sum / denominator
    total = offset_loss + weights.pen_weight * pen_loss
    parts = {"offset": offset_loss.item(), "pen": pen_loss.item()}
    if mu is not None and sigma_hat is not None:
        kl = kl_divergence(mu, sigma_hat)
        total = total + kl_eta * weights.kl_weight * torch.clamp(kl, min=weights.kl_tolerance)
        parts["kl"] = kl.item()
    parts["loss"] = total.item()
    return total, parts
