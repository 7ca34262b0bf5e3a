"""The conductor: turns sampled melody notes into timed notes that follow the drawing.

Pure logic, no threads and no clock of its own (the caller passes the time), so the real-time
scheduler and offline rendering share it. Drawing energy sets tempo and note density, pen
height sets the register (changed at bar lines), a pause fades to rests, and a finished drawing
lands on the tonic. Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from doodle.music.listener import ActivitySnapshot
from doodle.music.objects import ObjectMusic
from doodle.music.vocab import MelodyNote

STYLES = ("calm", "lively")
TEMPO_RANGE = {"calm": (66.0, 100.0), "lively": (96.0, 150.0)}
PAUSE_FADE_START_S = 1.2
PAUSE_FADE_LENGTH_S = 2.5
SILENT_REST_BEATS = 1.0
CADENCE_MAX_NOTES = 4
CADENCE_BEATS = 3.0
LOWEST_PITCH = 43  # G2
HIGHEST_PITCH = 96  # C7
GATE = 0.9  # part of a note's length it sounds, so repeated notes stay distinct


class NoteSource(Protocol):
    def next_note(self) -> MelodyNote: ...
    def restart(self, minor: bool) -> None: ...


@dataclass(frozen=True)
class TimedNote:
    """One note (or rest: ``pitch`` None) at an absolute time in seconds."""

    start: float
    duration: float
    pitch: int | None
    velocity: int

    @property
    def sounding(self) -> float:
        return self.duration * GATE


class Conductor:
    def __init__(
        self,
        source: NoteSource,
        activity: Callable[[float], ActivitySnapshot],
        music: ObjectMusic,
        style: str = "calm",
        seed: int | None = None,
    ) -> None:
        self._source = source
        self._activity = activity
        self._rng = np.random.default_rng(seed)
        self._music = music
        self.style = style
        self._register = 0
        self._at_bar_start = True
        self._seen_completions = 0
        self._cadence_notes_left: int | None = None
        self._finished_at_stroke: int | None = None
        self._last_energy = 0.0

    @property
    def style(self) -> str:
        return self._style

    @style.setter
    def style(self, value: str) -> None:
        if value not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, not {value!r}")
        self._style = value

    def set_music(self, music: ObjectMusic) -> None:
        """A new object: its key and mode take over from the next tune."""
        if music.minor != self._music.minor:
            self._source.restart(music.minor)
        self._music = music

    def tempo(self, energy: float) -> float:
        low, high = TEMPO_RANGE[self._style]
        return low + (high - low) * energy

    def next_note(self, start: float) -> TimedNote:
        """The note that begins at ``start`` (seconds on the activity's clock)."""
        snapshot = self._activity(start)
        if snapshot.completions > self._seen_completions:
            self._seen_completions = snapshot.completions
            self._cadence_notes_left = CADENCE_MAX_NOTES
        if self._finished_at_stroke is not None:
            if snapshot.strokes_started > self._finished_at_stroke:
                self._finished_at_stroke = None
                self._source.restart(self._music.minor)
                self._at_bar_start = True
            else:
                return self._rest(start, snapshot)
        if self._cadence_notes_left is not None:
            return self._cadence_step(start, snapshot)
        fade = self._pause_fade(snapshot)
        if fade <= 0.0:
            return self._rest(start, snapshot)
        if self._at_bar_start:
            self._register = self._register_for(snapshot.height)
        note = self._thinned_note(snapshot.energy)
        self._at_bar_start = note.bar_after
        return self._timed(start, note, snapshot.energy, fade)

    def _cadence_step(self, start: float, snapshot: ActivitySnapshot) -> TimedNote:
        energy = max(snapshot.energy, self._last_energy)
        if self._cadence_notes_left and not self._at_bar_start:
            self._cadence_notes_left -= 1
            note = self._source.next_note()
            self._at_bar_start = note.bar_after
            return self._timed(start, note, energy, 1.0)
        self._cadence_notes_left = None
        self._finished_at_stroke = snapshot.strokes_started
        self._at_bar_start = True
        return self._timed(start, MelodyNote(0, CADENCE_BEATS, bar_after=True), energy, 1.0)

    def _thinned_note(self, energy: float) -> MelodyNote:
        """Slow drawing merges short notes into longer ones: fewer notes per minute."""
        note = self._source.next_note()
        merge_chance = 0.7 * (1.0 - energy) ** 2
        while not note.bar_after and note.beats < 1.0 and self._rng.random() < merge_chance:
            following = self._source.next_note()
            note = MelodyNote(
                note.relative_pitch, note.beats + following.beats, following.bar_after
            )
        return note

    def _timed(self, start: float, note: MelodyNote, energy: float, fade: float) -> TimedNote:
        self._last_energy = energy
        seconds_per_beat = 60.0 / self.tempo(energy)
        duration = note.beats * seconds_per_beat
        if note.relative_pitch is None:
            return TimedNote(start, duration, None, 0)
        pitch = self._music.tonic_midi + self._register + note.relative_pitch
        # Keep to the range where the soft instruments sound friendly, moving by octaves.
        while pitch > HIGHEST_PITCH:
            pitch -= 12
        while pitch < LOWEST_PITCH:
            pitch += 12
        accent = 8 if self._at_bar_start else 0
        velocity = int(round((62 + 40 * energy + accent) * fade))
        return TimedNote(start, duration, pitch, max(1, min(127, velocity)))

    def _rest(self, start: float, snapshot: ActivitySnapshot) -> TimedNote:
        seconds = SILENT_REST_BEATS * 60.0 / self.tempo(snapshot.energy)
        return TimedNote(start, seconds, None, 0)

    @staticmethod
    def _register_for(height: float) -> int:
        if height < 0.3:
            return 12
        if height > 0.7:
            return -12
        return 0

    @staticmethod
    def _pause_fade(snapshot: ActivitySnapshot) -> float:
        """1 while drawing, falling to 0 over a pause (and 0 before the first stroke)."""
        if snapshot.idle_s <= PAUSE_FADE_START_S:
            return 1.0
        return max(0.0, 1.0 - (snapshot.idle_s - PAUSE_FADE_START_S) / PAUSE_FADE_LENGTH_S)
