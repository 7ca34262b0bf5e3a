"""Folk tunes become melody tokens: keys, ties, rests, bars; stable held-out split."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.music import vocab
from doodle.train import melody_data

music21 = pytest.importorskip("music21", reason="music21 comes with the [train] extra")

TUNE_IN_G = """X:1
T:Test tune
M:3/4
L:1/8
K:G
G2 AB c2|d4 z2|B2-B2 A2|G6|]
"""

TUNE_IN_E_MINOR = """X:2
T:Minor test
M:2/4
L:1/8
K:Em
E2 GB|e2 d2|B2 G2|E4|]
"""


def _names(tokens):
    return [vocab.token_names()[t] for t in tokens]


def test_a_tune_becomes_pitch_duration_pairs_relative_to_its_tonic():
    score = music21.converter.parse(TUNE_IN_G, format="abc")
    tokens = melody_data.tokenize_score(score)
    assert _names(tokens) == [
        "BOS_MAJOR",
        "P+0",
        "D4",
        "P+2",
        "D2",
        "P+4",
        "D2",
        "P+5",
        "D4",
        "BAR",
        "P+7",
        "D8",
        "REST",
        "D4",
        "BAR",
        "P+4",
        "D8",
        "P+2",
        "D4",
        "BAR",  # the tied B2-B2 is one long note
        "P+0",
        "D12",
        "BAR",
        "EOS",
    ]


def test_minor_tunes_start_with_the_minor_marker_and_keep_their_tonic():
    score = music21.converter.parse(TUNE_IN_E_MINOR, format="abc")
    tokens = melody_data.tokenize_score(score)
    assert tokens[0] == vocab.BOS_MINOR
    pitches = [vocab.token_pitch(t) for t in tokens if vocab.is_pitch(t)]
    assert pitches[0] == 0 and pitches[-1] == 0  # starts and ends on E
    assert 3 in pitches  # G, the minor third


def test_the_held_out_split_is_stable_and_about_a_tenth():
    identities = [f"book/{i}.abc#0" for i in range(2000)]
    splits = [melody_data.split_of(identity) for identity in identities]
    assert splits == [melody_data.split_of(identity) for identity in identities]
    assert 0.07 < splits.count("test") / len(splits) < 0.13
    assert 0.03 < splits.count("val") / len(splits) < 0.08


def test_the_token_cache_round_trips_without_pickle(tmp_path):
    tunes = [
        melody_data.Tune("c1", "c1/a#0", np.array([0, 17, 45, 3, 2], dtype=np.int64)),
        melody_data.Tune("c2", "c2/b#1", np.array([1, 4, 44, 3, 2], dtype=np.int64)),
    ]
    path = tmp_path / "tokens.npz"
    melody_data.save_cache(path, tunes)
    loaded = melody_data.load_cache(path)
    assert [(t.collection, t.identity, t.tokens.tolist()) for t in loaded] == [
        (t.collection, t.identity, t.tokens.tolist()) for t in tunes
    ]


def test_bigram_counts_and_smoothed_nll():
    tune = melody_data.Tune("c", "c/x#0", np.array([0, 17, 45, 17, 45, 2], dtype=np.int64))
    counts = melody_data.bigram_counts([tune])
    assert counts[17, 45] == 2 and counts[45, 17] == 1 and counts.sum() == 5
    seen = melody_data.bigram_nll(counts, [tune], k=0.01)
    unseen = melody_data.bigram_nll(
        counts,
        [
            melody_data.Tune(
                "c",
                "c/y#0",
                np.array([1, 4, 44, 2]),
            )
        ],
        k=0.01,
    )
    assert seen < 1.0 < unseen
