"""The built-in synth: audible, never clipping, in tune, silent after note off, no clicks."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from doodle.music.outputs import RecordedMessage
from doodle.music.synth import VOICES, Synth, midi_to_hz, render_messages, write_wav

RATE = 48000


def _peak_hz(samples: np.ndarray) -> float:
    window = samples * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(window))
    return float(np.fft.rfftfreq(len(samples), 1.0 / RATE)[int(np.argmax(spectrum))])


@pytest.mark.parametrize("voice", sorted(VOICES))
def test_a_held_note_is_audible_and_in_tune(voice):
    synth = Synth(RATE, voice)
    synth.note_on(69, 100)
    samples = synth.render(RATE // 2)
    assert np.sqrt(np.mean(samples**2)) > 0.01
    # 2**16 points would take longer than the note; 0.5 s gives 2 Hz resolution.
    assert abs(_peak_hz(samples) - 440.0) < 4.0


@pytest.mark.parametrize("pitch", [60, 67, 76, 84])
def test_the_spectral_peak_follows_the_played_pitch(pitch):
    synth = Synth(RATE, "flute")
    synth.note_on(pitch, 90)
    samples = synth.render(RATE // 2)
    assert abs(_peak_hz(samples) - midi_to_hz(pitch)) < 4.0


def test_many_loud_notes_do_not_clip():
    synth = Synth(RATE, "reed")
    synth.set_volume(1.0)
    for pitch in (48, 52, 55, 60, 64, 67, 72, 76, 79, 84, 88, 91):
        synth.note_on(pitch, 127)
    samples = synth.render(RATE)
    assert np.max(np.abs(samples)) < 0.99
    assert np.max(np.abs(samples)) > 0.3  # loud, yet not flattened against full scale


def test_note_off_ends_the_sound_after_the_release():
    synth = Synth(RATE, "flute")
    synth.note_on(72, 100)
    before = synth.render(RATE // 4)
    synth.note_off(72)
    release = synth.render(int(RATE * VOICES["flute"].release_s))
    after = synth.render(RATE // 10)
    assert np.sqrt(np.mean(before**2)) > 0.05
    assert np.max(np.abs(after)) == 0.0
    assert synth.active_notes == 0
    # The release is a ramp down, not a cut: its last samples are already very quiet.
    assert np.max(np.abs(release[-RATE // 200 :])) < 0.02


@pytest.mark.parametrize("voice", sorted(VOICES))
def test_notes_start_and_stop_without_clicks(voice):
    synth = Synth(RATE, voice)
    synth.note_on(64, 127)
    block = synth.render(RATE // 5)
    synth.note_off(64)
    tail = synth.render(RATE // 2)
    signal = np.concatenate([np.zeros(100, dtype=np.float32), block, tail])
    # A click is a jump between neighbouring samples far larger than the note's own motion.
    steps = np.abs(np.diff(signal))
    loudest_note_step = 2 * np.pi * midi_to_hz(64) * 6 / RATE * np.max(np.abs(signal))
    assert np.max(steps) <= loudest_note_step
    assert np.abs(block[0]) < 0.01


def test_volume_scales_and_zero_is_silent():
    loud, quiet = Synth(RATE, "piano"), Synth(RATE, "piano")
    quiet.set_volume(0.2)
    for synth in (loud, quiet):
        synth.note_on(60, 100)
    loud_rms = np.sqrt(np.mean(loud.render(RATE // 4) ** 2))
    quiet_rms = np.sqrt(np.mean(quiet.render(RATE // 4) ** 2))
    assert quiet_rms < 0.4 * loud_rms
    silent = Synth(RATE, "piano")
    silent.set_volume(0.0)
    silent.note_on(60, 100)
    assert np.max(np.abs(silent.render(1000))) == 0.0


def test_rendered_messages_place_notes_in_time_and_write_a_wav(tmp_path):
    messages = [
        RecordedMessage(0.5, "note_on", 69, 100),
        RecordedMessage(1.0, "note_off", 69),
    ]
    samples = render_messages(messages, 2.0, "marimba", RATE)
    assert len(samples) == 2 * RATE
    assert np.max(np.abs(samples[: int(0.49 * RATE)])) == 0.0
    assert np.max(np.abs(samples[int(0.5 * RATE) : int(0.6 * RATE)])) > 0.05
    assert np.max(np.abs(samples[int(1.2 * RATE) :])) == 0.0
    path = tmp_path / "tone.wav"
    write_wav(path, samples, RATE)
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.getnframes() == 2 * RATE


class _ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _onset(samples: np.ndarray) -> int:
    return int(np.argmax(np.abs(samples) > 1e-3))


def test_live_messages_land_on_their_own_sample_not_on_block_boundaries():
    clock = _ManualClock()
    synth = Synth(RATE, "marimba", clock=clock, lead_s=0.04)
    block = 960  # the device pulls 20 ms every 20 ms
    out = []
    for index in range(8):
        clock.now = 100.0 + 0.020 * index
        if index == 2:
            clock.now = 100.027  # a note arrives 7 ms after the pull at 20 ms
            synth.note_on(69, 100)
            clock.now = 100.040
        out.append(synth.render(block))
    samples = np.concatenate(out)
    # Played 40 ms after its stamp: 67 ms, which the pull at 60 ms (sample 2880) places
    # 7 ms into its block.
    expected = 3 * block + int(round(0.007 * RATE))
    assert abs(_onset(samples) - expected) <= 5  # the attack ramp starts at zero


def test_a_late_message_still_sounds_at_its_planned_time():
    onsets = []
    for arrival in (100.027, 100.045):  # on time, and 18 ms late (a busy interpreter)
        clock = _ManualClock()
        synth = Synth(RATE, "marimba", clock=clock, lead_s=0.04)
        out = []
        for index in range(8):
            clock.now = 100.0 + 0.020 * index
            if index == 3:
                clock.now = arrival
                synth.note_on(69, 100, at=100.027)
                clock.now = 100.060
            out.append(synth.render(960))
        onsets.append(_onset(np.concatenate(out)))
    assert onsets[0] == onsets[1]


def test_a_device_that_did_not_pull_for_long_does_not_burst_old_notes():
    clock = _ManualClock()
    synth = Synth(RATE, "marimba", clock=clock)
    for pitch in (60, 62, 64, 65):
        synth.note_on(pitch, 100)
        clock.now += 0.25
    synth.note_on(67, 100)  # recent: still played
    clock.now += 0.05
    synth.render(RATE // 10)
    assert synth.active_notes == 1
    assert synth.render(0).shape == (0,)
