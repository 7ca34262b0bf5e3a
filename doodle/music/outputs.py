"""Where played notes go: the output interface shared by MIDI ports and the built-in synth.

Everything plays on one channel. ``at`` is the message's planned time on the player's clock:
an output that can schedule (the built-in synth) plays it then, even if the message arrives
a little late; MIDI ports send at once. Outputs may raise ``OutputLost`` when their device
goes away; the player then falls back to the built-in synth. Imports no Qt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class OutputLost(RuntimeError):
    """The output device disappeared or refused a message."""


class NoteOutput(Protocol):
    name: str

    def set_program(self, program: int) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def note_on(self, pitch: int, velocity: int, at: float | None = None) -> None: ...
    def note_off(self, pitch: int, at: float | None = None) -> None: ...
    def all_notes_off(self) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class RecordedMessage:
    time: float
    kind: str  # "note_on", "note_off", "program", "volume", "all_off"
    pitch: int = 0
    value: int = 0


class RecordingOutput:
    """Keeps every message with the time it was sent (for offline rendering and tests)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, name: str = "recording"):
        self.name = name
        self._clock = clock
        self._lock = threading.Lock()
        self.messages: list[RecordedMessage] = []

    def _add(self, kind: str, pitch: int = 0, value: int = 0) -> None:
        with self._lock:
            self.messages.append(RecordedMessage(self._clock(), kind, pitch, value))

    def set_program(self, program: int) -> None:
        self._add("program", value=program)

    def set_volume(self, volume: float) -> None:
        self._add("volume", value=int(round(volume * 127)))

    def note_on(self, pitch: int, velocity: int, at: float | None = None) -> None:
        self._add("note_on", pitch, velocity)  # the time it was sent, to measure timing

    def note_off(self, pitch: int, at: float | None = None) -> None:
        self._add("note_off", pitch)

    def all_notes_off(self) -> None:
        self._add("all_off")

    def close(self) -> None:
        """Nothing to release."""

    def snapshot(self) -> list[RecordedMessage]:
        with self._lock:
            return list(self.messages)
