"""Decoder input dropout: zeroes the decoder's previous-point inputs while training only."""

from __future__ import annotations

import argparse

import pytest

torch = pytest.importorskip("torch")

from doodle.train import runner  # noqa: E402
from doodle.train.model import ModelConfig, SketchRNN  # noqa: E402


def _model(z_size: int) -> SketchRNN:
    torch.manual_seed(0)
    config = ModelConfig(hidden_size=16, enc_hidden_size=8, z_size=z_size, num_mixture=2)
    return SketchRNN(config)


def _strokes(seed: int) -> torch.Tensor:
    """[1, 7, 5]: start token and six random pen-down points."""
    generator = torch.Generator().manual_seed(seed)
    inputs = torch.zeros(1, 7, 5)
    inputs[0, 0, 2] = 1.0
    inputs[0, 1:, :2] = torch.randn(6, 2, generator=generator)
    inputs[0, 1:, 2] = 1.0
    return inputs


def _forward(model: SketchRNN, inputs: torch.Tensor, dropout: float) -> torch.Tensor:
    lengths = torch.tensor([inputs.shape[1] - 1])
    classes = torch.zeros(1, dtype=torch.long)
    with torch.no_grad():
        params, _, _ = model(inputs, lengths, classes, False, decoder_dropout=dropout)
    return params


def test_full_dropout_makes_the_decoder_blind_to_the_strokes():
    model = _model(z_size=0).train()
    first = _forward(model, _strokes(1), 1.0)
    second = _forward(model, _strokes(2), 1.0)
    assert torch.equal(first, second)
    assert not torch.allclose(_forward(model, _strokes(1), 0.0), _forward(model, _strokes(2), 0.0))


def test_full_dropout_leaves_a_vae_decoder_only_z():
    model = _model(z_size=4).train()
    inputs = _strokes(1)
    lengths = torch.tensor([6])
    classes = torch.zeros(1, dtype=torch.long)
    with torch.no_grad():
        mu, _ = model.encode(inputs[:, 1:], lengths)
        blind, _ = model.decode(torch.zeros(1, 6, 5), mu, classes)
    assert torch.equal(_forward(model, inputs, 1.0), blind)


def test_zero_dropout_changes_nothing():
    model = _model(z_size=4).train()
    inputs = _strokes(3)
    lengths = torch.tensor([6])
    classes = torch.zeros(1, dtype=torch.long)
    with torch.no_grad():
        plain, _, _ = model(inputs, lengths, classes, False)
    assert torch.equal(_forward(model, inputs, 0.0), plain)


def test_eval_mode_ignores_dropout():
    model = _model(z_size=4).eval()
    inputs = _strokes(4)
    assert torch.equal(_forward(model, inputs, 1.0), _forward(model, inputs, 0.0))


def test_partial_dropout_zeroes_some_rows_only():
    model = _model(z_size=0).train()
    inputs = _strokes(5).repeat(64, 1, 1)
    torch.manual_seed(1)
    dropped = _forward(model, inputs, 0.5)
    full = _forward(model, inputs, 0.0)
    changed = (dropped != full).any(-1).any(-1)
    assert 0 < int(changed.sum()) < 64


def test_the_option_reaches_the_train_config():
    parser = argparse.ArgumentParser()
    runner.add_model_options(parser)
    runner.add_training_options(parser)
    args = parser.parse_args(["--out", "run", "--decoder-dropout", "0.4"])
    assert runner.train_config(args).decoder_dropout == pytest.approx(0.4)
    default = parser.parse_args(["--out", "run"])
    assert runner.train_config(default).decoder_dropout == 0.0
