"""Real MIDI round-trips through rtmidi (JACK; ALSA where it exists): notes, timing, loss.

CI starts ``jackd -d dummy -r 48000``. A MidiIn on the other side of Doodle's output
receives the notes. JACK delivers MIDI once per period (1024 frames = 21 ms at 48 kHz by
default), so arrival times are checked with that granularity; the scheduler's own jitter
is measured by ``doodle bench``.
"""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from doodle.music import midi_out
from doodle.music.conductor import TimedNote
from doodle.music.midi_out import MidiPortOutput, MidiSettings
from doodle.music.player import MusicMessage, MusicPlayer, MusicProblem
from doodle.music.scheduler import NoteScheduler
from tests.music.drawing_sessions import AudioPuller
from tests.music.midi_receiver import MidiReceiver as Receiver

JACK_PERIOD_S = 1024 / 48000
INTERVAL = 0.12


def _open_backends():
    import mido

    backends = []
    for api in ("UNIX_JACK", "LINUX_ALSA"):
        try:
            backend = mido.Backend(f"mido.backends.rtmidi/{api}", load=True)
            backend.get_output_names()
        except Exception:  # noqa: BLE001 - rtmidi raises its own error types
            continue
        backends.append(pytest.param(backend, id=api))
    return backends


BACKENDS = _open_backends()
needs_midi = pytest.mark.skipif(
    not BACKENDS,
    reason="no MIDI API can be opened: start a JACK server (jackd -d dummy -r 48000) "
    "or provide the ALSA sequencer (/dev/snd/seq)",
)


def _steady(pitches):
    counter = itertools.count()
    return lambda start: TimedNote(start, INTERVAL, pitches[next(counter) % len(pitches)], 100)


def _port_named(backend, fragment: str) -> str:
    for _ in range(50):
        names = [n for n in backend.get_output_names() if fragment in n]
        if names:
            return names[0]
        time.sleep(0.02)
    raise AssertionError(f"no output port containing {fragment!r}: {backend.get_output_names()}")


def _check_steady_notes(receiver: Receiver, pitches: list[int]) -> None:
    ons = receiver.notes("note_on")
    offs = receiver.notes("note_off")
    assert len(ons) >= 8, receiver.received
    assert [m.note for _, m in ons[:6]] == (pitches * 6)[:6]
    assert all(m.velocity == 100 and m.channel == 0 for _, m in ons)
    assert len(offs) >= len(ons) - 1
    for (on_time, on), (off_time, off) in zip(ons, offs, strict=False):
        assert off.note == on.note and off_time >= on_time
    intervals = np.diff([t for t, _ in ons])
    # Arrival is quantised to JACK periods; on average the spacing is exact.
    assert abs(np.median(intervals) - INTERVAL) < JACK_PERIOD_S + 0.005
    assert np.max(np.abs(intervals - INTERVAL)) < 2 * JACK_PERIOD_S + 0.02
    span = ons[-1][0] - ons[0][0]
    assert abs(span - INTERVAL * (len(ons) - 1)) < 2 * JACK_PERIOD_S + 0.01


@needs_midi
@pytest.mark.parametrize("backend", BACKENDS)
def test_notes_reach_a_midi_input_port_with_their_timing(backend):
    receiver = Receiver(backend, "doodle-roundtrip-in", virtual=True)
    output = MidiPortOutput.open(_port_named(backend, "doodle-roundtrip-in"), backend)
    time.sleep(0.4)  # let the connection settle before timing anything
    pitches = [60, 64, 67]
    scheduler = NoteScheduler(_steady(pitches), output)
    try:
        scheduler.start()
        time.sleep(1.5)
        scheduler.stop()
        time.sleep(0.2)
        _check_steady_notes(receiver, pitches)
        assert any(m.type == "control_change" and m.control == 123 for _, m in receiver.received)
    finally:
        output.close()
        receiver.close()


@needs_midi
@pytest.mark.parametrize("backend", BACKENDS)
def test_other_programs_can_listen_to_the_virtual_doodle_port(backend):
    output = MidiPortOutput.open_virtual("Doodle-virtual-test", backend)
    receiver = None
    try:
        source = next(n for n in backend.get_input_names() if "Doodle-virtual-test" in n)
        receiver = Receiver(backend, source)
        time.sleep(0.4)
        pitches = [72, 74]
        scheduler = NoteScheduler(_steady(pitches), output)
        scheduler.start()
        time.sleep(1.5)
        scheduler.stop()
        time.sleep(0.2)
        _check_steady_notes(receiver, pitches)
    finally:
        if receiver is not None:
            receiver.close()
        output.close()


def _draw_briskly(player: MusicPlayer, seconds: float) -> None:
    listener = player.listener
    start = time.monotonic()
    listener.pen_down(0.5, 0.5, start)
    while time.monotonic() - start < seconds:
        now = time.monotonic()
        phase = (now - start) * 6.0
        listener.pen_move(0.5 + 0.3 * np.cos(phase), 0.5 + 0.3 * np.sin(phase), now)
        time.sleep(1 / 60)
    listener.pen_up(0.5, 0.5, time.monotonic())


@needs_midi
def test_the_player_plays_to_the_chosen_port_and_falls_back_when_it_vanishes():
    backend = midi_out.midi_backend(refresh=True)
    receiver = Receiver(backend, "doodle-player-in", virtual=True)
    port = _port_named(backend, "doodle-player-in")
    messages: list[MusicMessage] = []
    midi_out.save_settings(MidiSettings("port", port))
    player = MusicPlayer(on_message=messages.append, seed=1)
    try:
        assert player.start()
        assert player.output_name == port
        _draw_briskly(player, 3.0)
        ons = receiver.notes("note_on")
        assert len(ons) >= 3
        assert any(m.type == "program_change" for _, m in receiver.received)
        receiver.close()  # the port goes away while music plays
        deadline = time.monotonic() + 5.0
        while player.output_name != player.synth.name and time.monotonic() < deadline:
            _draw_briskly(player, 0.3)
        assert player.output_name == player.synth.name
        assert any(m.problem is MusicProblem.OUTPUT_LOST and m.details[0] == port for m in messages)
        assert player.playing
        with AudioPuller(player.synth) as speakers:
            _draw_briskly(player, 1.5)
        assert np.sqrt(np.mean(speakers.samples() ** 2)) > 0.005  # the synth took over
    finally:
        player.stop()
    # The choice is remembered for next time.
    assert midi_out.load_settings() == MidiSettings("port", port)


@needs_midi
def test_a_remembered_port_that_is_missing_falls_back_to_the_synth_with_a_message():
    midi_out.save_settings(MidiSettings("port", "Nonexistent Synth:port 0"))
    messages: list[MusicMessage] = []
    player = MusicPlayer(on_message=messages.append)
    try:
        assert player.start()
        assert player.output_name == player.synth.name
        assert MusicMessage(MusicProblem.PORT_NOT_CONNECTED, ("Nonexistent Synth:port 0",)) in (
            messages
        )
    finally:
        player.stop()
