"""The music follows the drawing (real melody model, simulated pen on simulated time)."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.music.conductor import CADENCE_BEATS, TEMPO_RANGE
from doodle.music.model import MelodyModel
from doodle.music.objects import music_for
from tests.music.drawing_sessions import pen_events, play


@pytest.fixture(scope="module")
def model():
    return MelodyModel()


def _notes_per_minute(notes, start: float, end: float) -> float:
    sounding = [n for n in notes if n.pitch is not None and start <= n.start < end]
    return len(sounding) * 60.0 / (end - start)


def test_faster_drawing_gives_more_notes_per_minute(model):
    fast = pen_events(0.0, 60.0, speed=1.6, stroke_s=1.2, gap_s=0.3)
    slow = pen_events(0.0, 60.0, speed=0.15, stroke_s=3.0, gap_s=0.9)
    fast_rates, slow_rates = [], []
    for seed in range(3):
        fast_rates.append(_notes_per_minute(play(model, fast, 60.0, seed), 5.0, 60.0))
        slow_rates.append(_notes_per_minute(play(model, slow, 60.0, seed), 5.0, 60.0))
    assert np.mean(fast_rates) > 1.4 * np.mean(slow_rates)
    assert min(slow_rates) > 0  # slow drawing still has music


def test_lively_is_faster_than_calm_for_the_same_drawing(model):
    events = pen_events(0.0, 40.0, speed=0.8, stroke_s=1.5, gap_s=0.5)
    calm = _notes_per_minute(play(model, events, 40.0, 1, "calm"), 2.0, 40.0)
    lively = _notes_per_minute(play(model, events, 40.0, 1, "lively"), 2.0, 40.0)
    assert lively > 1.2 * calm


def test_a_pause_in_drawing_fades_to_rests_and_drawing_again_brings_notes_back(model):
    events = pen_events(0.0, 10.0, 1.0, 1.5, 0.3) + pen_events(25.0, 35.0, 1.0, 1.5, 0.3)
    notes = play(model, events, 35.0, seed=2)
    last_pen_event = max(e[3] for e in events if e[3] < 20)
    during_pause = [n for n in notes if last_pen_event + 4.0 < n.start < 25.0]
    assert during_pause and all(n.pitch is None for n in during_pause)
    fading = [
        n
        for n in notes
        if last_pen_event + 1.5 < n.start < last_pen_event + 3.5 and n.pitch is not None
    ]
    drawing = [n for n in notes if 2.0 < n.start < last_pen_event and n.pitch is not None]
    if fading:  # a long note can bridge the fade
        assert np.mean([n.velocity for n in fading]) < np.mean([n.velocity for n in drawing])
    assert any(n.pitch is not None for n in notes if 25.0 <= n.start < 35.0)


def test_nothing_is_played_before_the_child_draws(model):
    notes = play(model, pen_events(8.0, 12.0, 1.0, 1.0, 0.3), 12.0)
    assert all(n.pitch is None for n in notes if n.start < 8.0)
    assert any(n.pitch is not None for n in notes if n.start >= 8.0)


def test_pen_height_sets_the_register(model):
    high = play(model, pen_events(0.0, 30.0, 1.0, 1.5, 0.3, y=0.1), 30.0, seed=3)
    low = play(model, pen_events(0.0, 30.0, 1.0, 1.5, 0.3, y=0.9), 30.0, seed=3)
    high_pitch = np.mean([n.pitch for n in high if n.pitch is not None and n.start > 3])
    low_pitch = np.mean([n.pitch for n in low if n.pitch is not None and n.start > 3])
    assert high_pitch - low_pitch > 15


@pytest.mark.parametrize("object_name", ["bear", "cat", "owl", "no-such-thing"])
def test_finishing_the_drawing_lands_on_the_objects_tonic(model, object_name):
    events = pen_events(0.0, 12.0, 1.0, 1.5, 0.3) + [("completed", 0.5, 0.5, 12.5)]
    notes = play(model, events, 25.0, seed=4, object_name=object_name)
    after = [n for n in notes if n.start >= 12.5 and n.pitch is not None]
    assert 1 <= len(after) <= 5  # the rest of the bar, then the tonic
    final = after[-1]
    assert final.pitch % 12 == music_for(object_name).tonic_midi % 12
    assert final.duration >= CADENCE_BEATS * 60.0 / max(TEMPO_RANGE["calm"])  # held
    later = [n for n in notes if n.start > final.start + final.duration]
    assert later and all(n.pitch is None for n in later)


def test_a_new_stroke_after_finishing_starts_a_new_tune(model):
    events = (
        pen_events(0.0, 8.0, 1.0, 1.5, 0.3)
        + [("completed", 0.5, 0.5, 8.2)]
        + pen_events(15.0, 25.0, 1.0, 1.5, 0.3)
    )
    notes = play(model, events, 25.0, seed=5)
    assert any(n.pitch is not None for n in notes if n.start > 15.5)


def test_objects_have_their_own_key(model):
    def pitch_classes(name):
        events = pen_events(0.0, 60.0, 1.0, 1.5, 0.3)
        notes = play(model, events, 60.0, seed=6, object_name=name)
        return np.bincount([n.pitch % 12 for n in notes if n.pitch is not None], minlength=12)

    bear, cat = pitch_classes("bear"), pitch_classes("cat")  # C major vs D major
    # F natural belongs to C major, F sharp to D major.
    assert bear[5] > bear[6]
    assert cat[6] > cat[5]
