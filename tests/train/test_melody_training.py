"""Training a tiny melody LSTM and exporting the step graph that the app runs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from doodle.music import vocab
from doodle.music.model import STEP_FILE, MelodyModel
from doodle.train.melody_data import Tune

torch = pytest.importorskip("torch", reason="training needs the [train] extra")


def _tunes(count: int, seed: int) -> list[Tune]:
    """Scale tunes: up and down a major scale in quavers, a bar line every four notes."""
    rng = np.random.default_rng(seed)
    tunes = []
    scale = [0, 2, 4, 5, 7, 9, 11, 12]
    for index in range(count):
        tokens = [vocab.BOS_MAJOR]
        start = int(rng.integers(0, 4))
        for step, degree in enumerate(scale[start:] + scale[::-1]):
            tokens += [vocab.pitch_token(degree), vocab.duration_token(2)]
            if step % 4 == 3:
                tokens.append(vocab.BAR)
        tokens += [vocab.BAR, vocab.EOS]
        tunes.append(Tune("scales", f"scales/{index}#0", np.asarray(tokens, dtype=np.int64)))
    return tunes


def test_a_tiny_model_learns_and_its_onnx_step_graph_matches_torch(tmp_path):
    from doodle.train.melody_model import export_step_onnx, sequence_nll, train

    torch.set_num_threads(1)
    result = train(
        _tunes(40, 0),
        _tunes(5, 1),
        vocab.VOCAB_SIZE,
        embedding_size=8,
        hidden_size=24,
        window=24,
        batch_size=16,
        minutes=1.0,
        max_steps=250,
        seed=0,
        log=lambda _message: None,
    )
    held_out = _tunes(5, 2)
    trained_nll = sequence_nll(result.model, held_out)
    assert trained_nll < 0.5 * np.log(vocab.VOCAB_SIZE)  # far better than guessing

    export_step_onnx(result.model, tmp_path / STEP_FILE)
    (tmp_path / "model.json").write_text(
        json.dumps(
            {
                "format": 1,
                "name": "music",
                "kind": "melody",
                "vocabulary": vocab.token_names(),
                "hidden_size": 24,
            }
        )
    )
    model = MelodyModel(tmp_path)
    total = sum(model.sequence_nll(t.tokens)[0] for t in held_out)
    count = sum(len(t.tokens) - 1 for t in held_out)
    assert abs(total / count - trained_nll) < 1e-4

    # Dynamic batch: three different tokens in one call.
    h, c = model.initial_state(3)
    logits, h, c = model.step(np.array([0, 17, 45]), h, c)
    assert logits.shape == (3, vocab.VOCAB_SIZE) and h.shape == (3, 24)


def test_the_training_command_names_an_unknown_collection(tmp_path, capsys):
    pytest.importorskip("music21", reason="the tune books come with the [train] extra")
    from doodle.cli import main

    code = main(["train", "melody", "--collections", "nosuchbook", "--out", str(tmp_path)])
    assert code == 2
    assert "no collection named 'nosuchbook'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
