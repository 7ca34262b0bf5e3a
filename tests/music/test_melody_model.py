"""The bundled melody model: contract, size, recorded metrics, and beating the bigram baseline
on held-out tunes recomputed here."""

from __future__ import annotations

import json

import numpy as np
import pytest

from doodle.music import vocab
from doodle.music.model import (
    BIGRAM_FILE,
    STEP_FILE,
    MelodyModel,
    bundled_melody_dir,
    load_bigram_counts,
)


@pytest.fixture(scope="module")
def model():
    return MelodyModel()


def test_the_bundled_model_folder_follows_its_contract(model):
    meta = json.loads((bundled_melody_dir() / "model.json").read_text())
    assert meta["format"] == 1 and meta["name"] == "music" and meta["kind"] == "melody"
    assert meta["vocabulary"] == vocab.token_names()
    assert set(meta["provenance"]["collections"]) == {"oneills1850", "airdsAirs", "ryansMammoth"}
    assert "public domain" in meta["provenance"]["licence"]
    size = (bundled_melody_dir() / STEP_FILE).stat().st_size
    assert 100_000 < size < 5_000_000
    h, c = model.initial_state(4)
    logits, h, c = model.step(np.array([0, 1, 17, 45]), h, c)
    assert logits.shape == (4, vocab.VOCAB_SIZE)
    assert np.all(np.isfinite(logits))


def test_the_recorded_metrics_show_the_model_beating_the_bigram_baseline():
    metrics = json.loads((bundled_melody_dir() / "model.json").read_text())["metrics"]
    assert metrics["test_nll_model"] < metrics["test_nll_bigram"] - 0.1


def _bigram_nll(counts: np.ndarray, k: float, tokens: np.ndarray) -> tuple[float, int]:
    probs = (counts + k) / (counts.sum(axis=1, keepdims=True) + k * counts.shape[1])
    return float(-np.log(probs[tokens[:-1], tokens[1:]]).sum()), len(tokens) - 1


def test_on_held_out_tunes_the_model_beats_the_bigram_baseline(model):
    pytest.importorskip("music21", reason="reading the tune books needs the [train] extra")
    from doodle.train import melody_data

    held_out_files = [
        p
        for p in melody_data.corpus_files("ryansMammoth")
        if melody_data.split_of(f"ryansMammoth/{p.name}#0") == "test"
    ][:12]
    tunes = [
        t
        for t in melody_data.iter_tunes("ryansMammoth", held_out_files)
        if melody_data.split_of(t.identity) == "test"
    ]
    assert len(tunes) >= 8
    counts = load_bigram_counts()
    k = json.loads((bundled_melody_dir() / BIGRAM_FILE).read_text())["k"]
    model_total = bigram_total = 0.0
    count = 0
    for tune in tunes:
        model_nll, n = model.sequence_nll(tune.tokens)
        bigram_nll, _ = _bigram_nll(counts, k, tune.tokens)
        model_total += model_nll
        bigram_total += bigram_nll
        count += n
    assert model_total / count < bigram_total / count - 0.1
