"""Figures for `doodle bench`: scheduler jitter, melody sampling and synth speed; no Qt.

Each function runs for a bounded time and returns a plain dict of numbers (JSON-ready).
"""

from __future__ import annotations

import time
from pathlib import Path

from doodle.music.conductor import TimedNote
from doodle.music.generator import MelodySampler
from doodle.music.model import MelodyModel
from doodle.music.outputs import NoteOutput, RecordingOutput
from doodle.music.scheduler import NoteScheduler
from doodle.music.synth import Synth


def measure_scheduler_jitter(
    seconds: float = 5.0, note_interval_s: float = 0.1, output: NoteOutput | None = None
) -> dict:
    """How late note on/off messages leave their deadlines (ms) over a steady note stream."""
    pitches = [60, 62, 64, 65, 67, 69, 71, 72]
    counter = iter(range(10**9))

    def steady(start: float) -> TimedNote:
        return TimedNote(start, note_interval_s, pitches[next(counter) % len(pitches)], 90)

    scheduler = NoteScheduler(steady, output or RecordingOutput())
    scheduler.start()
    time.sleep(seconds)
    scheduler.stop()
    stats = scheduler.jitter()
    return {
        "messages": stats.count,
        "median_ms": round(stats.median_ms, 3),
        "p90_ms": round(stats.p90_ms, 3),
        "max_ms": round(stats.max_ms, 3),
        "target_ms": 5.0,
        "realtime_priority": scheduler.realtime_priority,
    }


def measure_melody_sampling(notes: int = 300, model_folder: Path | None = None) -> dict:
    """Milliseconds per sampled note with the bundled melody model (onnxruntime, 1 thread)."""
    sampler = MelodySampler(MelodyModel(model_folder), seed=0)
    sampler.next_note()
    started = time.perf_counter()
    for _ in range(notes):
        sampler.next_note()
    per_note = (time.perf_counter() - started) / notes
    return {"notes": notes, "ms_per_note": round(per_note * 1000.0, 4)}


def measure_synth_render(seconds: float = 2.0, block: int = 1024, voices: int = 4) -> dict:
    """How many times faster than real time the built-in synth renders ``voices`` notes."""
    synth = Synth()
    for pitch in range(60, 60 + 3 * voices, 3):
        synth.note_on(pitch, 100)
    frames = int(seconds * synth.sample_rate)
    started = time.perf_counter()
    for _ in range(frames // block):
        synth.render(block)
        if synth.active_notes < voices:
            synth.note_on(60 + 3 * synth.active_notes, 100)
    elapsed = time.perf_counter() - started
    return {
        "seconds_rendered": seconds,
        "block": block,
        "voices": voices,
        "realtime_factor": round(seconds / elapsed, 1),
    }
