"""Sampling the melody model: well-formed notes, a sense of metre, a background thread."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from doodle.music import vocab
from doodle.music.generator import MelodyGenerator, MelodySampler
from doodle.music.model import MelodyModel


@pytest.fixture(scope="module")
def model():
    return MelodyModel()


def test_sampled_notes_are_well_formed(model):
    sampler = MelodySampler(model, seed=0)
    notes = [sampler.next_note() for _ in range(300)]
    allowed_beats = {d / 4.0 for d in vocab.DURATIONS_16TH}
    assert all(n.beats in allowed_beats for n in notes)
    pitches = [n.relative_pitch for n in notes if n.relative_pitch is not None]
    assert len(pitches) > 250  # folk tunes have few rests
    assert all(vocab.PITCH_LOW <= p <= vocab.PITCH_HIGH for p in pitches)
    assert sum(n.bar_after for n in notes) > 30


def test_the_model_keeps_a_metre_most_bars_have_the_same_length(model):
    shares = []
    for seed in range(3):
        sampler = MelodySampler(model, seed=seed)
        bar_lengths = []
        current = 0.0
        for _ in range(400):
            note = sampler.next_note()
            current += note.beats
            if note.bar_after:
                bar_lengths.append(round(current, 2))
                current = 0.0
        shares.append(Counter(bar_lengths).most_common(1)[0][1] / len(bar_lengths))
    # Untrained weights give about 0.15; tunes change metre when a new one starts.
    assert sum(shares) / len(shares) > 0.4


def test_minor_tunes_use_the_minor_third_and_major_tunes_the_major_third(model):
    def thirds(minor: bool) -> tuple[int, int]:
        sampler = MelodySampler(model, seed=2)
        sampler.restart(minor)
        pitches = [sampler.next_note().relative_pitch for _ in range(300)]
        classes = [p % 12 for p in pitches if p is not None]
        return classes.count(3), classes.count(4)

    minor_third, major_third = thirds(minor=True)
    assert minor_third > major_third
    minor_third, major_third = thirds(minor=False)
    assert major_third > minor_third


def _wait_for_notes(generator: MelodyGenerator, count: int) -> None:
    deadline = time.monotonic() + 20.0  # generous: the machine may be busy
    while generator.notes_ready < count and time.monotonic() < deadline:
        time.sleep(0.01)
    assert generator.notes_ready >= count


def test_the_generator_thread_keeps_notes_ready(model):
    generator = MelodyGenerator(model, seed=3, ahead=8)
    _wait_for_notes(generator, 8)
    generator.close()  # nothing more is sampled: every note below must come from the queue
    assert generator.notes_ready == 8
    notes = [generator.next_note(timeout=0) for _ in range(8)]
    assert generator.notes_ready == 0
    assert any(n.relative_pitch is not None for n in notes)


def test_a_restarted_generator_throws_its_notes_away_and_plays_on(model):
    generator = MelodyGenerator(model, seed=3, ahead=8)
    try:
        _wait_for_notes(generator, 8)
        generator.restart(minor=True)
        after = [generator.next_note(timeout=1.0) for _ in range(20)]
        assert any(n.relative_pitch is not None for n in after)
    finally:
        generator.close()
    assert not generator.running


def test_a_generator_that_falls_behind_answers_with_a_rest_at_once(model):
    generator = MelodyGenerator(model, seed=4, ahead=1)
    generator.close()
    while True:  # empty what was sampled before closing
        started = time.perf_counter()
        note = generator.next_note(timeout=0.01)
        if note.relative_pitch is None and note.beats == 1.0:
            break
    assert time.perf_counter() - started < 0.1
