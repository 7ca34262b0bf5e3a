"""The real-time scheduler: messages at absolute deadlines, no drift, clean stop, fallback."""

from __future__ import annotations

import itertools
import time

from doodle.music.conductor import GATE, TimedNote
from doodle.music.outputs import OutputLost, RecordingOutput
from doodle.music.scheduler import JitterStats, NoteScheduler

INTERVAL = 0.06
TOLERANCE = 0.02  # generous: without real-time priority a busy machine delays wake-ups


def _steady(pitches):
    counter = itertools.count()

    def next_note(start: float) -> TimedNote:
        index = next(counter)
        pitch = pitches[index % len(pitches)]
        return TimedNote(start, INTERVAL, pitch, 80)

    return next_note


def test_notes_leave_on_time_without_drift():
    output = RecordingOutput()
    scheduler = NoteScheduler(_steady([60, 62, None, 64]), output)
    scheduler.start()
    time.sleep(1.5)
    scheduler.stop()
    ons = [m for m in output.snapshot() if m.kind == "note_on"]
    offs = [m for m in output.snapshot() if m.kind == "note_off"]
    assert len(ons) >= 15
    # Every fourth slot is a rest: the on-times are whole multiples of the interval apart.
    slots = [(m.time - ons[0].time) / INTERVAL for m in ons]
    assert max(abs(s - round(s)) for s in slots) * INTERVAL < TOLERANCE
    # Absolute deadlines: every note sits in its planned slot, however long the run.
    planned = [slot for slot in range(4 * len(ons)) if slot % 4 != 2][: len(ons)]
    assert [round(s) for s in slots] == planned
    # Each note is released after its gate time, before the next begins.
    first_off = next(m for m in offs if m.pitch == ons[0].pitch and m.time > ons[0].time)
    assert abs((first_off.time - ons[0].time) - GATE * INTERVAL) < TOLERANCE
    assert [m.pitch for m in ons[:3]] == [60, 62, 64]


def test_stop_silences_the_output_and_the_jitter_is_measured():
    output = RecordingOutput()
    scheduler = NoteScheduler(_steady([70]), output)
    scheduler.start()
    time.sleep(0.4)
    scheduler.stop()
    assert not scheduler.running
    assert output.snapshot()[-1].kind == "all_off"
    stats = scheduler.jitter()
    assert isinstance(stats, JitterStats)
    assert stats.count >= 10
    assert 0.0 <= stats.median_ms <= stats.p90_ms <= stats.max_ms


def test_jitter_statistics_from_known_lateness():
    stats = JitterStats.from_lateness([0.001] * 8 + [0.004, 0.010])
    assert stats.count == 10
    assert abs(stats.median_ms - 1.0) < 1e-9
    assert abs(stats.max_ms - 10.0) < 1e-9
    assert 1.0 <= stats.p90_ms <= 10.0


class _UnpluggedOutput(RecordingOutput):
    """A recording output whose device goes away after a few notes."""

    def __init__(self, notes_before_loss: int) -> None:
        super().__init__(name="unplugged")
        self._left = notes_before_loss

    def note_on(self, pitch: int, velocity: int, at: float | None = None) -> None:
        if self._left <= 0:
            raise OutputLost("device unplugged")
        self._left -= 1
        super().note_on(pitch, velocity, at)


def test_a_lost_output_is_replaced_and_playing_goes_on():
    lost = _UnpluggedOutput(notes_before_loss=3)
    replacement = RecordingOutput(name="replacement")
    reports = []

    def on_lost(output, error):
        reports.append((output.name, str(error)))
        return replacement

    scheduler = NoteScheduler(_steady([60, 64]), lost, on_output_lost=on_lost)
    scheduler.start()
    time.sleep(0.6)
    scheduler.stop()
    assert reports == [("unplugged", "device unplugged")]
    assert scheduler.output is replacement
    assert len([m for m in lost.snapshot() if m.kind == "note_on"]) == 3
    assert len([m for m in replacement.snapshot() if m.kind == "note_on"]) >= 5
