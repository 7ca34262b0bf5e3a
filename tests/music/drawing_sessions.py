"""Simulated pen activity for music tests: a child drawing at a chosen pace."""

from __future__ import annotations

import math
import threading
import time

from doodle.music.conductor import Conductor, TimedNote
from doodle.music.generator import MelodySampler
from doodle.music.listener import DrawingActivity
from doodle.music.model import MelodyModel
from doodle.music.objects import music_for


def pen_events(
    start: float,
    end: float,
    speed: float,
    stroke_s: float,
    gap_s: float,
    y: float = 0.5,
) -> list[tuple[str, float, float, float]]:
    """(kind, x, y, t) events: strokes of ``stroke_s`` at ``speed`` canvas/s, ``gap_s`` apart."""
    events = []
    t = start
    while t < end:
        events.append(("down", 0.5, y, t))
        stroke_end = min(end, t + stroke_s)
        angle = 0.0
        while t < stroke_end:
            t += 1 / 60
            angle += speed / 60 / 0.2
            events.append(("move", 0.5 + 0.2 * math.cos(angle), y + 0.05 * math.sin(angle), t))
        events.append(("up", 0.5, y, t))
        t += gap_s
    return events


class Session:
    """Feeds scripted pen events to a DrawingActivity as simulated time passes."""

    def __init__(self, events: list[tuple[str, float, float, float]]) -> None:
        self.activity = DrawingActivity(clock=lambda: 0.0)
        self._events = sorted(events, key=lambda e: e[3])
        self._next = 0

    def snapshot(self, t: float):
        while self._next < len(self._events) and self._events[self._next][3] <= t:
            kind, x, y, when = self._events[self._next]
            if kind == "completed":
                self.activity.completed(when)
            else:
                getattr(self.activity, f"pen_{kind}")(x, y, when)
            self._next += 1
        return self.activity.snapshot(t)


def play(
    model: MelodyModel,
    events: list[tuple[str, float, float, float]],
    seconds: float,
    seed: int = 0,
    style: str = "calm",
    object_name: str | None = None,
) -> list[TimedNote]:
    """Every timed note and rest the conductor makes for the session."""
    session = Session(events)
    sampler = MelodySampler(model, seed)
    conductor = Conductor(sampler, session.snapshot, music_for(object_name), style, seed)
    notes = []
    t = 0.0
    while t < seconds:
        note = conductor.next_note(t)
        notes.append(note)
        t = note.start + note.duration
    return notes


class AudioPuller:
    """Pulls the synth's audio in 10 ms blocks in real time, as a sound device would."""

    BLOCK_S = 0.01

    def __init__(self, synth) -> None:
        self._synth = synth
        self._blocks: list = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> AudioPuller:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2.0)

    def _run(self) -> None:
        frames = int(self._synth.sample_rate * self.BLOCK_S)
        deadline = time.monotonic()
        while not self._stop.is_set():
            self._blocks.append(self._synth.render(frames))
            deadline += self.BLOCK_S
            time.sleep(max(0.0, deadline - time.monotonic()))

    def samples(self):
        import numpy as np

        blocks = list(self._blocks)
        return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)
