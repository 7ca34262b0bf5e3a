"""The built-in synth: renders the note stream to PCM with numpy; imports no Qt.

Soft additive voices (a few sine partials) with attack/decay/sustain/release envelopes:
the attack and the release are ramps, so notes never start or stop with a click. The mix is
soft-limited (tanh) so it cannot clip. ``Synth`` is thread-safe: the scheduler thread sends
note on/off, the audio device's thread pulls blocks with ``render``.
"""

from __future__ import annotations

import math
import threading
import wave
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from doodle.music.outputs import RecordedMessage

SAMPLE_RATE = 48000
VOICE_GAIN = 0.22
MAX_VOICES = 12
SILENCE_LEVEL = 1e-4
MAX_PENDING = 512  # stamped messages waiting for the audio device (bounded if none pulls)
STALE_S = 0.15  # a note later than this (or than two blocks) is dropped: no bursts after a stall
TIME_MAP_PULLS = 24  # the time map is the earliest of this many recent pulls


@dataclass(frozen=True)
class Voice:
    """A timbre: partials (frequency ratio, amplitude, extra decay per second) and envelope."""

    partials: tuple[tuple[float, float, float], ...]
    attack_s: float
    decay_s: float  # time constant of the fall from 1 to the sustain level
    sustain: float
    release_s: float
    vibrato: float = 0.0  # frequency deviation as a fraction, at 5 Hz


VOICES: dict[str, Voice] = {
    "music_box": Voice(
        ((1, 1.0, 0.0), (2, 0.25, 2.0), (3, 0.12, 4.0), (5.04, 0.04, 8.0)), 0.004, 0.5, 0.0, 0.12
    ),
    "marimba": Voice(((1, 1.0, 0.0), (4, 0.2, 8.0), (10, 0.05, 20.0)), 0.004, 0.35, 0.0, 0.08),
    "xylophone": Voice(((1, 1.0, 0.0), (3, 0.3, 6.0), (6.1, 0.08, 14.0)), 0.003, 0.22, 0.0, 0.06),
    "flute": Voice(((1, 1.0, 0.0), (2, 0.18, 0.0), (3, 0.06, 0.0)), 0.06, 0.3, 0.75, 0.12, 0.004),
    "ocarina": Voice(((1, 1.0, 0.0), (2, 0.05, 0.0)), 0.05, 0.4, 0.8, 0.15, 0.003),
    "piano": Voice(
        ((1, 1.0, 0.0), (2, 0.4, 1.5), (3, 0.15, 3.0), (4, 0.08, 5.0)), 0.005, 0.9, 0.15, 0.18
    ),
    "reed": Voice(
        ((1, 1.0, 0.0), (2, 0.45, 0.0), (3, 0.3, 0.0), (4, 0.12, 0.0)), 0.04, 0.3, 0.7, 0.1, 0.002
    ),
    "harp": Voice(((1, 1.0, 0.0), (2, 0.3, 2.5), (3, 0.1, 5.0)), 0.003, 0.8, 0.0, 0.2),
}


def midi_to_hz(pitch: float) -> float:
    return 440.0 * 2.0 ** ((pitch - 69.0) / 12.0)


class _Note:
    def __init__(self, pitch: int, velocity: int, voice: Voice, sample_rate: int) -> None:
        self.pitch = pitch
        self.frequency = midi_to_hz(pitch)
        self.amplitude = (velocity / 127.0) ** 1.5
        self.voice = voice
        self.rate = sample_rate
        self.age = 0  # samples since note on
        self.released_at: int | None = None  # age at note off
        norm = sum(a for _, a, _ in voice.partials)
        self.partials = [
            (r, a / norm, d)
            for r, a, d in voice.partials
            if self.frequency * r < 0.45 * sample_rate
        ]

    def render(self, frames: int) -> np.ndarray:
        voice = self.voice
        t = (self.age + np.arange(frames)) / self.rate
        envelope = np.minimum(1.0, t / voice.attack_s)
        after_attack = np.maximum(0.0, t - voice.attack_s)
        envelope *= voice.sustain + (1.0 - voice.sustain) * np.exp(-after_attack / voice.decay_s)
        if self.released_at is not None:
            since_release = t - self.released_at / self.rate
            envelope *= np.clip(1.0 - since_release / voice.release_s, 0.0, 1.0)
        if voice.vibrato:
            # Vibrato fades in after a quarter second, as a player would.
            depth = voice.vibrato * np.minimum(1.0, t / 0.25)
            phase_t = t + depth * np.sin(2 * math.pi * 5.0 * t) / (2 * math.pi * 5.0)
        else:
            phase_t = t
        wave_sum = np.zeros(frames)
        for ratio, amplitude, decay in self.partials:
            partial = amplitude * np.sin(2 * math.pi * self.frequency * ratio * phase_t)
            if decay:
                partial *= np.exp(-decay * t)
            wave_sum += partial
        self.age += frames
        return wave_sum * envelope * self.amplitude

    @property
    def finished(self) -> bool:
        t = self.age / self.rate
        if self.released_at is not None:
            return t >= self.released_at / self.rate + self.voice.release_s
        if self.voice.sustain == 0.0 and t > self.voice.attack_s:
            return math.exp(-(t - self.voice.attack_s) / self.voice.decay_s) < SILENCE_LEVEL
        return False


class Synth:
    """Polyphonic synth with the ``NoteOutput`` interface plus ``render`` for the audio device.

    Offline (no ``clock``) a note message takes effect at the next rendered sample. Live, with
    a ``clock``, each message is stamped on arrival and placed at its own sample: audio
    devices pull blocks in bursts (10 ms to 200 ms), and without stamps notes would snap to
    block boundaries. Rendered frames are mapped to clock time by the earliest of the recent
    pulls (a pull is never early, only late; old ones are forgotten, such as the burst that
    fills the device's buffer at the start), and messages sound ``lead`` later: ``lead_s`` or
    one and a half of the device's largest recent block, whichever is longer.
    """

    name = "Built-in synth"

    def __init__(
        self,
        sample_rate: int = SAMPLE_RATE,
        voice: str = "music_box",
        clock: Callable[[], float] | None = None,
        lead_s: float = 0.04,
    ) -> None:
        self.sample_rate = sample_rate
        self._lock = threading.Lock()
        self._voice = VOICES[voice]
        self._notes: list[_Note] = []
        self._volume = 0.8
        self._clock = clock
        self._lead_s = lead_s
        self._pending: deque[tuple[float, int, int]] = deque(maxlen=MAX_PENDING)
        self._frames_rendered = 0
        self._recent_origins: deque[float] = deque(maxlen=TIME_MAP_PULLS)
        self._largest_block_s = 0.0

    @property
    def voice_names(self) -> list[str]:
        return list(VOICES)

    def set_voice(self, voice: str) -> None:
        with self._lock:
            self._voice = VOICES[voice]

    def set_program(self, program: int) -> None:
        """MIDI programs mean nothing here: the player chooses the voice by name."""

    def set_volume(self, volume: float) -> None:
        with self._lock:
            self._volume = min(1.0, max(0.0, volume))

    def note_on(self, pitch: int, velocity: int, at: float | None = None) -> None:
        """Start a note; live, at time ``at`` on the clock (default: now) plus the lead."""
        with self._lock:
            if self._clock is not None:
                self._pending.append((self._clock() if at is None else at, pitch, velocity))
            else:
                self._apply(pitch, velocity)

    def note_off(self, pitch: int, at: float | None = None) -> None:
        self.note_on(pitch, 0, at)

    def all_notes_off(self) -> None:
        with self._lock:
            self._pending.clear()
            for note in self._notes:
                if note.released_at is None:
                    note.released_at = note.age

    def close(self) -> None:
        self.all_notes_off()

    @property
    def active_notes(self) -> int:
        with self._lock:
            return len(self._notes)

    def _apply(self, pitch: int, velocity: int) -> None:
        if velocity <= 0:
            for note in self._notes:
                if note.pitch == pitch and note.released_at is None:
                    note.released_at = note.age
            return
        sounding = [n for n in self._notes if n.released_at is None]
        if len(sounding) >= MAX_VOICES:
            sounding[0].released_at = sounding[0].age  # fade the oldest out instead of cutting
        if len(self._notes) >= 2 * MAX_VOICES:
            self._notes.pop(0)
        self._notes.append(_Note(pitch, velocity, self._voice, self.sample_rate))

    def _render_notes(self, frames: int) -> np.ndarray:
        mix = np.zeros(frames)
        for note in self._notes:
            mix += note.render(frames)
        self._notes = [n for n in self._notes if not n.finished]
        return mix

    def render(self, frames: int) -> np.ndarray:
        """The next ``frames`` mono samples, float32 in (-1, 1)."""
        if frames <= 0:
            return np.zeros(0, dtype=np.float32)
        with self._lock:
            parts: list[np.ndarray] = []
            position = 0
            if self._clock is not None:
                position = self._place_pending(frames, parts)
            if frames > position:
                parts.append(self._render_notes(frames - position))
            mix = np.concatenate(parts) if len(parts) > 1 else parts[0]
            self._frames_rendered += frames
            volume = self._volume
        # tanh keeps several loud notes from clipping while leaving quiet ones linear.
        return np.tanh(mix * VOICE_GAIN * 2.0 * volume).astype(np.float32)

    def _place_pending(self, frames: int, parts: list[np.ndarray]) -> int:
        """Apply the stamped messages that fall into this block at their own samples."""
        rate = self.sample_rate
        self._recent_origins.append(self._clock() - self._frames_rendered / rate)
        origin = min(self._recent_origins)  # the clock time of frame 0
        block_s = frames / rate
        self._largest_block_s = max(block_s, self._largest_block_s * 0.99)
        lead = max(self._lead_s, 1.5 * self._largest_block_s)
        stale = -max(STALE_S, 2 * self._largest_block_s) * rate
        position = 0
        while self._pending:
            stamp, pitch, velocity = self._pending[0]
            offset = int(round((stamp + lead - origin) * rate)) - self._frames_rendered
            if offset >= frames:
                break
            self._pending.popleft()
            if velocity > 0 and offset < stale:
                continue
            offset = max(offset, position)
            if offset > position:
                parts.append(self._render_notes(offset - position))
                position = offset
            self._apply(pitch, velocity)
        return position

    def render_int16(self, frames: int) -> bytes:
        return (self.render(frames) * 32767.0).astype("<i2").tobytes()


def render_messages(
    messages: list[RecordedMessage],
    seconds: float,
    voice: str = "music_box",
    sample_rate: int = SAMPLE_RATE,
    volume: float = 0.8,
) -> np.ndarray:
    """Offline: float32 mono PCM of timed messages (times in seconds from 0)."""
    synth = Synth(sample_rate, voice)
    synth.set_volume(volume)
    total = int(round(seconds * sample_rate))
    chunks: list[np.ndarray] = []
    position = 0
    for message in sorted(messages, key=lambda m: m.time):
        at = min(total, int(round(message.time * sample_rate)))
        if at > position:
            chunks.append(synth.render(at - position))
            position = at
        if message.kind == "note_on":
            synth.note_on(message.pitch, message.value)
        elif message.kind == "note_off":
            synth.note_off(message.pitch)
    if total > position:
        chunks.append(synth.render(total - position))
    return np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)


def write_wav(path: Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> None:
    """16-bit mono WAV."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm.tobytes())
