"""Sampling melodies from the model, and a background thread that keeps a few notes ready.

``MelodySampler`` walks the step graph one token at a time under the vocabulary's grammar
(a pitch or rest is always followed by a duration) and yields ``MelodyNote``s.
``MelodyGenerator`` runs a sampler in a background thread a little ahead of playback, so the
scheduler never waits for the model. Imports no Qt.
"""

from __future__ import annotations

import queue
import threading

import numpy as np

from doodle.music import vocab
from doodle.music.model import MelodyModel
from doodle.music.vocab import MelodyNote

_AFTER_NOTE = np.zeros(vocab.VOCAB_SIZE, dtype=bool)
_AFTER_NOTE[vocab.DUR_BASE :] = True
_AFTER_DURATION = np.zeros(vocab.VOCAB_SIZE, dtype=bool)
_AFTER_DURATION[[vocab.BAR, vocab.REST, vocab.EOS]] = True
_AFTER_DURATION[vocab.PITCH_BASE : vocab.DUR_BASE] = True
_AFTER_BAR = _AFTER_DURATION.copy()
_AFTER_BAR[vocab.BAR] = False  # no empty bars
MAX_TUNE_TOKENS = 600  # long enough for any folk tune; a runaway tune restarts
MIN_TUNE_TOKENS = 24  # no ending before a few bars, so a new tune never ends at once


class MelodySampler:
    """Samples one note at a time from the model (call from one thread only)."""

    def __init__(self, model: MelodyModel, seed: int | None = None, temperature: float = 0.8):
        self._model = model
        self._rng = np.random.default_rng(seed)
        self.temperature = temperature
        self._minor = False
        self.restart(minor=False)

    def restart(self, minor: bool) -> None:
        """Begin a new tune in major or minor."""
        self._minor = minor
        self._h, self._c = self._model.initial_state()
        self._logits, self._h, self._c = self._model.step(
            np.asarray([vocab.BOS_MINOR if minor else vocab.BOS_MAJOR]), self._h, self._c
        )
        self._previous = vocab.BAR
        self._pending: int | None = None
        self._tokens_in_tune = 1

    def _sample(self, allowed: np.ndarray) -> int:
        logits = self._logits[0].astype(np.float64) / max(self.temperature, 1e-3)
        logits[~allowed] = -np.inf
        if self._tokens_in_tune < MIN_TUNE_TOKENS:
            logits[vocab.EOS] = -np.inf
        probs = np.exp(logits - logits.max())
        token = int(self._rng.choice(len(probs), p=probs / probs.sum()))
        self._logits, self._h, self._c = self._model.step(np.asarray([token]), self._h, self._c)
        self._tokens_in_tune += 1
        return token

    def next_note(self) -> MelodyNote:
        """The next note or rest; a finished tune starts a new one in the same mode."""
        while True:
            if self._tokens_in_tune > MAX_TUNE_TOKENS:
                self.restart(self._minor)
            if self._pending is not None:
                token, self._pending = self._pending, None
            else:
                allowed = _AFTER_BAR if self._previous == vocab.BAR else _AFTER_DURATION
                token = self._sample(allowed)
            if token == vocab.EOS:
                self.restart(self._minor)
                continue
            if token == vocab.BAR:
                self._previous = vocab.BAR
                continue
            beats = vocab.token_sixteenths(self._sample(_AFTER_NOTE)) / 4.0
            pitch = None if token == vocab.REST else vocab.token_pitch(token)
            # Sample what follows now, to know whether this note closes its bar.
            following = self._sample(_AFTER_DURATION)
            bar_after = following == vocab.BAR
            self._previous = vocab.BAR if bar_after else vocab.DUR_BASE
            self._pending = None if bar_after else following
            return MelodyNote(pitch, beats, bar_after=bar_after)


class MelodyGenerator:
    """Keeps up to ``ahead`` sampled notes ready in a background thread."""

    def __init__(self, model: MelodyModel, seed: int | None = None, ahead: int = 16) -> None:
        self._sampler = MelodySampler(model, seed)
        self._notes: queue.Queue[tuple[int, MelodyNote]] = queue.Queue(maxsize=ahead)
        self._generation = 0
        self._wanted_minor = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="melody-generator", daemon=True)
        self._thread.start()

    def restart(self, minor: bool) -> None:
        """Throw away the notes made so far and begin a new tune."""
        with self._lock:
            self._generation += 1
            self._wanted_minor = minor
        while True:
            try:
                self._notes.get_nowait()
            except queue.Empty:
                break

    def next_note(self, timeout: float = 0.02) -> MelodyNote:
        """The next note; a one-beat rest if the model has fallen behind (timing comes first)."""
        deadline_generation = self._generation
        try:
            while True:
                generation, note = self._notes.get(timeout=timeout)
                if generation == deadline_generation:
                    return note
        except queue.Empty:
            return MelodyNote(None, 1.0)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def notes_ready(self) -> int:
        """How many sampled notes wait in the queue (approximate while the thread runs)."""
        return self._notes.qsize()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2.0)

    def _run(self) -> None:
        current_generation = -1
        while not self._stop.is_set():
            with self._lock:
                generation, minor = self._generation, self._wanted_minor
            if generation != current_generation:
                self._sampler.restart(minor)
                current_generation = generation
            note = self._sampler.next_note()
            while not self._stop.is_set():
                try:
                    self._notes.put((generation, note), timeout=0.1)
                    break
                except queue.Full:
                    if self._generation != generation:
                        break
