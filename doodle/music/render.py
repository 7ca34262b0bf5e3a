"""Offline rendering of a drawing's melody to MIDI or WAV files; imports no Qt.

The same conductor as live play runs on simulated time: either a replay of a drawing's
strokes (their sample times drive the music as the child's pen did) or, without strokes, a
made-up lively drawing session. The music ends on the tonic, as a finished drawing does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from doodle.core.errors import DoodleFormatError
from doodle.music.conductor import Conductor, TimedNote
from doodle.music.generator import MelodySampler
from doodle.music.listener import DrawingActivity
from doodle.music.model import MelodyModel
from doodle.music.objects import INSTRUMENTS, Instrument, music_for
from doodle.music.outputs import RecordedMessage
from doodle.music.synth import render_messages, write_wav

TICKS_PER_BEAT = 480
FILE_TEMPO_BPM = 120.0  # the file's nominal tempo; note times are exact seconds
ENDING_S = 3.0  # room for the cadence after the drawing is finished
STROKE_GAP_S = 0.4
MAX_GAP_S = 5.0  # a long break in a saved drawing is shortened in its music
UNTIMED_SPEED = 0.8  # drawing extents per second, for strokes saved without times


@dataclass(frozen=True)
class PenEvent:
    kind: str  # "down", "move", "up", "completed"
    x: float
    y: float
    t: float


def simulated_session(seconds: float, seed: int | None) -> list[PenEvent]:
    """A child drawing steadily: strokes of 1-2.5 s, short gaps, then finishing the drawing."""
    rng = np.random.default_rng(seed)
    events: list[PenEvent] = []
    t = 0.2
    x, y = 0.5, 0.5
    end = max(1.0, seconds - ENDING_S)
    while t < end:
        events.append(PenEvent("down", x, y, t))
        stroke_end = min(end, t + rng.uniform(1.0, 2.5))
        heading = rng.uniform(0, 2 * np.pi)
        speed = rng.uniform(0.6, 1.4)
        while t < stroke_end:
            t += 1 / 60
            heading += rng.normal(0, 0.15)
            x = float(np.clip(x + np.cos(heading) * speed / 60, 0.05, 0.95))
            y = float(np.clip(y + np.sin(heading) * speed / 60, 0.05, 0.95))
            events.append(PenEvent("move", x, y, t))
        events.append(PenEvent("up", x, y, t))
        t += rng.uniform(0.2, 0.7)
    events.append(PenEvent("completed", x, y, t))
    return events


def strokes_session(strokes: Sequence[np.ndarray]) -> list[PenEvent]:
    """Pen events replaying strokes ([N, >=2] canvas px, optional time in column 3).

    Positions are normalised to the drawing's extent. Strokes without usable times are laid
    out one after another at a child's pace.
    """
    arrays = [np.asarray(getattr(s, "points", s), dtype=np.float64) for s in strokes]
    arrays = [a for a in arrays if a.ndim == 2 and a.shape[0] > 0 and a.shape[1] >= 2]
    if not arrays:
        raise DoodleFormatError(None, "the drawing has no strokes to make music from")
    every = np.concatenate([a[:, :2] for a in arrays])
    if not np.all(np.isfinite(every)):
        raise DoodleFormatError(None, "the drawing has points that are not numbers")
    low = every.min(axis=0)
    extent = max(float((every.max(axis=0) - low).max()), 1e-6)
    timed = all(a.shape[1] >= 4 and np.all(np.diff(a[:, 3]) >= 0) for a in arrays)
    events: list[PenEvent] = []
    clock = 0.2
    previous_end: float | None = None
    for stroke in arrays:
        gap = 0.0 if not events else STROKE_GAP_S
        if timed:
            if previous_end is not None and stroke[0, 3] >= previous_end:
                gap = min(MAX_GAP_S, float(stroke[0, 3] - previous_end))
            offsets = stroke[:, 3] - stroke[0, 3]
            previous_end = float(stroke[-1, 3])
        else:
            steps = np.hypot(*np.diff(stroke[:, :2], axis=0).T) / extent
            offsets = np.concatenate([[0.0], np.cumsum(steps) / UNTIMED_SPEED])
        times = clock + gap + offsets
        for index, ((px, py), t) in enumerate(zip(stroke[:, :2], times, strict=True)):
            kind = "down" if index == 0 else "move"
            events.append(PenEvent(kind, (px - low[0]) / extent, (py - low[1]) / extent, float(t)))
        clock = float(times[-1])
        events.append(PenEvent("up", events[-1].x, events[-1].y, clock))
    events.append(PenEvent("completed", events[-1].x, events[-1].y, clock))
    return events


def render_notes(
    seconds: float | None = 20.0,
    seed: int | None = 0,
    object_name: str | None = None,
    style: str = "calm",
    strokes: Sequence[np.ndarray] | None = None,
    model: MelodyModel | None = None,
) -> tuple[list[TimedNote], float]:
    """The notes (rests left out) of a drawing session and the music's length in seconds."""
    if strokes is not None:
        events = strokes_session(strokes)
        if seconds is None:
            seconds = events[-1].t + ENDING_S
    else:
        seconds = 20.0 if seconds is None else seconds
        events = simulated_session(seconds, seed)
    music = music_for(object_name)
    activity = DrawingActivity(clock=lambda: 0.0)
    pending = iter(events)
    upcoming = [next(pending, None)]

    def snapshot_at(t: float):
        while upcoming[0] is not None and upcoming[0].t <= t:
            event = upcoming[0]
            if event.kind == "completed":
                activity.completed(event.t)
            else:
                getattr(activity, f"pen_{event.kind}")(event.x, event.y, event.t)
            upcoming[0] = next(pending, None)
        return activity.snapshot(t)

    sampler = MelodySampler(model or MelodyModel(), seed)
    sampler.restart(music.minor)
    conductor = Conductor(sampler, snapshot_at, music, style, seed)
    notes: list[TimedNote] = []
    t = 0.0
    while t < seconds:
        note = conductor.next_note(t)
        if note.pitch is not None:
            notes.append(note)
        t = note.start + note.duration
    return notes, seconds


def notes_to_messages(notes: list[TimedNote], seconds: float) -> list[RecordedMessage]:
    messages: list[RecordedMessage] = []
    for note in notes:
        if note.pitch is None or note.start >= seconds:
            continue
        messages.append(RecordedMessage(note.start, "note_on", note.pitch, note.velocity))
        messages.append(
            RecordedMessage(min(seconds, note.start + note.sounding), "note_off", note.pitch)
        )
    # Offs before ons at the same instant, so a repeated pitch sounds again.
    return sorted(messages, key=lambda m: (m.time, m.kind != "note_off"))


def _render_for_file(
    seconds: float | None,
    seed: int | None,
    object_name: str | None,
    style: str,
    strokes: Sequence[np.ndarray] | None,
    instrument: str | None,
) -> tuple[list[TimedNote], float, Instrument]:
    """The notes, their length in seconds and the instrument (the object's own by default)."""
    notes, length = render_notes(seconds, seed, object_name, style, strokes)
    return notes, length, INSTRUMENTS[instrument or music_for(object_name).instrument]


def write_midi(
    path: str | Path,
    seconds: float | None = 20.0,
    seed: int | None = 0,
    object_name: str | None = None,
    strokes: Sequence[np.ndarray] | None = None,
    style: str = "calm",
    instrument: str | None = None,
) -> int:
    """Write the melody as a standard MIDI file (type 0); returns how many notes it holds.

    With ``strokes`` (a drawing's strokes, canvas px, optional sample times in column 3) the
    music follows that drawing; ``seconds`` None then means "as long as the drawing".
    """
    import mido

    notes, length, chosen = _render_for_file(seconds, seed, object_name, style, strokes, instrument)
    messages = notes_to_messages(notes, length)
    ticks_per_second = TICKS_PER_BEAT * FILE_TEMPO_BPM / 60.0
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(FILE_TEMPO_BPM), time=0))
    track.append(mido.MetaMessage("track_name", name=f"Doodle: {object_name or 'drawing'}", time=0))
    track.append(mido.Message("program_change", channel=0, program=chosen.gm_program, time=0))
    previous_tick = 0
    for message in messages:
        tick = int(round(message.time * ticks_per_second))
        velocity = message.value if message.kind == "note_on" else 0
        track.append(
            mido.Message(
                message.kind,
                channel=0,
                note=message.pitch,
                velocity=velocity,
                time=tick - previous_tick,
            )
        )
        previous_tick = tick
    end_tick = int(round(length * ticks_per_second))
    track.append(mido.MetaMessage("end_of_track", time=max(0, end_tick - previous_tick)))
    midi_file = mido.MidiFile(type=0, ticks_per_beat=TICKS_PER_BEAT)
    midi_file.tracks.append(track)
    midi_file.save(str(path))
    return len(notes)


def write_audio(
    path: str | Path,
    seconds: float | None = 20.0,
    seed: int | None = 0,
    object_name: str | None = None,
    strokes: Sequence[np.ndarray] | None = None,
    style: str = "calm",
    instrument: str | None = None,
) -> int:
    """Write the melody as a 16-bit mono WAV played by the built-in synth; returns notes."""
    notes, length, chosen = _render_for_file(seconds, seed, object_name, style, strokes, instrument)
    samples = render_messages(notes_to_messages(notes, length), length, chosen.voice)
    write_wav(Path(path), samples)
    return len(notes)
