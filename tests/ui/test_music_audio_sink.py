"""The audio sink on a real sound device (PulseAudio's null sink will do); skipped without one.

Offscreen CI has no sound device: the error path is tested in test_music_controls.py.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtMultimedia import QMediaDevices

from doodle.music.synth import Synth
from doodle.ui.audio_sink import SynthAudioSink


class _RecordingSynth(Synth):
    """The real synth, keeping a copy of every block the device pulled."""

    def __init__(self) -> None:
        super().__init__(clock=time.monotonic, voice="marimba")
        self.blocks: list[np.ndarray] = []

    def render(self, frames: int) -> np.ndarray:
        block = super().render(frames)
        self.blocks.append(block)
        return block


def test_notes_play_through_the_sound_device_with_steady_spacing(qtbot):
    if QMediaDevices.defaultAudioOutput().isNull():
        pytest.skip("no sound device here (start PulseAudio with a null sink to run this)")
    synth = _RecordingSynth()
    sink = SynthAudioSink(synth)
    failures = []
    sink.failed.connect(failures.append)
    assert sink.start(), failures
    try:
        assert sink.active
        spacing = 0.3
        stamps = []
        started = time.monotonic()
        while time.monotonic() - started < 6.0:
            qtbot.wait(2)
            now = time.monotonic()
            if len(stamps) < 12 and now - started > 0.5 + spacing * len(stamps):
                stamps.append(now)
                synth.note_on(69, 100)
            if stamps and 0.08 < now - stamps[-1] < 0.2:
                synth.note_off(69)
    finally:
        sink.stop()
    assert not sink.active and failures == []
    audio = np.concatenate(synth.blocks)
    loud = np.abs(audio) > 0.003
    edges = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    onsets = [e for e in edges if not loud[max(0, e - 2400) : e].any()]
    assert len(onsets) >= 8
    gaps_ms = np.diff(onsets) / synth.sample_rate * 1000.0
    # Whatever blocks the device pulls, each note sounds on its own sample.
    assert np.median(np.abs(gaps_ms - spacing * 1000.0)) < 2.0
