"""The music player: drawing listener, generator, conductor, scheduler and output together.

The app creates one ``MusicPlayer``, gives its ``listener`` the canvas's pen events and its
``synth`` to the audio sink, and calls ``start``/``stop``. Problems for the user (a MIDI port
vanished, the model is missing) go to ``on_message`` as a ``MusicMessage`` (what went wrong
and its technical details; the UI puts it into words in the user's language) and every
switch of output to
``on_output_changed`` (with the new output's name; the speakers are needed exactly when it is
the built-in synth). Both may be called from a background thread: the UI must hand them to
its own thread. Imports no Qt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from doodle.core.errors import ModelError
from doodle.music import midi_out
from doodle.music.conductor import STYLES, Conductor
from doodle.music.generator import MelodyGenerator
from doodle.music.listener import DrawingActivity
from doodle.music.midi_out import MidiPortOutput, MidiSettings
from doodle.music.model import MelodyModel
from doodle.music.objects import INSTRUMENTS, music_for
from doodle.music.outputs import NoteOutput, OutputLost
from doodle.music.scheduler import JitterStats, NoteScheduler
from doodle.music.synth import Synth

WATCH_INTERVAL_S = 1.0


class MusicProblem(Enum):
    """What went wrong with the music (the details each one carries are listed)."""

    NO_MELODY_MODEL = "no_melody_model"  # the model's error
    PORT_NOT_CONNECTED = "port_not_connected"  # the port's name; the synth plays instead
    OUTPUT_UNUSABLE = "output_unusable"  # the error opening it; the synth plays instead
    OUTPUT_LOST = "output_lost"  # the output's name, the error; the synth plays instead


@dataclass(frozen=True)
class MusicMessage:
    """A problem to tell the user about, with its technical details (names, error texts)."""

    problem: MusicProblem
    details: tuple[str, ...] = ()


class _PlayerOutput:
    """Applies the player's mute to whichever device is playing."""

    def __init__(self, inner: NoteOutput, player: MusicPlayer) -> None:
        self.inner = inner
        self.name = inner.name
        self._player = player

    def set_program(self, program: int) -> None:
        self.inner.set_program(program)

    def set_volume(self, volume: float) -> None:
        self.inner.set_volume(volume)

    def note_on(self, pitch: int, velocity: int, at: float | None = None) -> None:
        if not self._player.muted:
            self.inner.note_on(pitch, velocity, at)

    def note_off(self, pitch: int, at: float | None = None) -> None:
        self.inner.note_off(pitch, at)

    def all_notes_off(self) -> None:
        self.inner.all_notes_off()

    def close(self) -> None:
        if not isinstance(self.inner, Synth):
            self.inner.close()


class MusicPlayer:
    """Music that follows the drawing, on a MIDI port or the built-in synth."""

    def __init__(
        self,
        model_folder: Path | None = None,
        synth: Synth | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_message: Callable[[MusicMessage], None] | None = None,
        seed: int | None = None,
    ) -> None:
        self.activity = DrawingActivity(clock)
        self.synth = synth or Synth(clock=clock)
        self.on_message = on_message
        self.on_output_changed: Callable[[str], None] | None = None
        self._model_folder = model_folder
        self._clock = clock
        self._seed = seed
        self._lock = threading.RLock()
        self._object_name: str | None = None
        self._instrument: str | None = None  # None: the object's own instrument
        self._style = "calm"
        self._volume = 0.8
        self.muted = False
        self._generator: MelodyGenerator | None = None
        self._conductor: Conductor | None = None
        self._scheduler: NoteScheduler | None = None
        self._watch_stop = threading.Event()
        self._watch_thread: threading.Thread | None = None

    @property
    def listener(self) -> DrawingActivity:
        return self.activity

    @property
    def playing(self) -> bool:
        return self._scheduler is not None and self._scheduler.running

    @property
    def instrument(self) -> str:
        return self._instrument or music_for(self._object_name).instrument

    @property
    def output_name(self) -> str:
        return self._scheduler.output.name if self._scheduler else self._choose_output_name()

    def start(self) -> bool:
        """Start playing; False (and a message) when the melody model cannot be used."""
        with self._lock:
            if self.playing:
                return True
            try:
                model = MelodyModel(self._model_folder)
            except ModelError as error:
                self._tell(MusicProblem.NO_MELODY_MODEL, str(error))
                return False
            music = music_for(self._object_name)
            self._generator = MelodyGenerator(model, self._seed)
            self._generator.restart(music.minor)
            self._conductor = Conductor(
                self._generator, self.activity.snapshot, music, self._style, self._seed
            )
            output = _PlayerOutput(self._open_output(midi_out.load_settings()), self)
            self._scheduler = NoteScheduler(
                self._conductor.next_note, output, self._on_output_lost, self._clock
            )
            self._configure(output)
            self._scheduler.start()
            self._watch_stop.clear()
            self._watch_thread = threading.Thread(
                target=self._watch, name="midi-watch", daemon=True
            )
            self._watch_thread.start()
            self._output_changed(output.name)
            return True

    def stop(self) -> None:
        with self._lock:
            self._watch_stop.set()
            if self._watch_thread is not None:
                self._watch_thread.join(timeout=2.0)
                self._watch_thread = None
            if self._scheduler is not None:
                self._scheduler.stop()
                self._scheduler.output.close()
                self._scheduler = None
            if self._generator is not None:
                self._generator.close()
                self._generator = None
            self._conductor = None

    def jitter(self) -> JitterStats:
        return self._scheduler.jitter() if self._scheduler else JitterStats.from_lateness([])

    def set_object(self, object_name: str | None) -> None:
        with self._lock:
            self._object_name = object_name
            if self._conductor is not None:
                self._conductor.set_music(music_for(object_name))
            self._reconfigure()

    def set_instrument(self, instrument: str | None) -> None:
        if instrument is not None and instrument not in INSTRUMENTS:
            raise ValueError(f"unknown instrument {instrument!r}")
        with self._lock:
            self._instrument = instrument
            self._reconfigure()

    @property
    def style(self) -> str:
        return self._style

    @property
    def volume(self) -> float:
        return self._volume

    def set_style(self, style: str) -> None:
        if style not in STYLES:
            raise ValueError(f"style must be one of {STYLES}, not {style!r}")
        with self._lock:
            if self._conductor is not None:
                self._conductor.style = style
            self._style = style

    def set_volume(self, volume: float) -> None:
        with self._lock:
            self._volume = min(1.0, max(0.0, volume))
            self._reconfigure()

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted and self._scheduler is not None:
            try:
                self._scheduler.output.all_notes_off()
            except OutputLost:
                pass

    def use_output(self, settings: MidiSettings) -> None:
        """Remember a new output choice and switch to it now if playing."""
        midi_out.save_settings(settings)
        with self._lock:
            if self._scheduler is None:
                return
            output = _PlayerOutput(self._open_output(settings), self)
            old = self._scheduler.output
            self._scheduler.set_output(output)
            self._configure(output)
            old.close()
            self._output_changed(output.name)

    def _configure(self, output: NoteOutput) -> None:
        instrument = INSTRUMENTS[self.instrument]
        self.synth.set_voice(instrument.voice)
        self.synth.set_volume(self._volume)
        try:
            output.set_program(instrument.gm_program)
            output.set_volume(self._volume)
        except OutputLost as error:
            self._on_output_lost(output, error)

    def _reconfigure(self) -> None:
        if self._scheduler is not None:
            self._configure(self._scheduler.output)
        else:
            self.synth.set_voice(INSTRUMENTS[self.instrument].voice)
            self.synth.set_volume(self._volume)

    def _choose_output_name(self) -> str:
        settings = midi_out.load_settings()
        if settings.output == "synth":
            return self.synth.name
        if settings.output == "virtual":
            return midi_out.VIRTUAL_PORT_NAME
        if settings.output == "port" and settings.port:
            return settings.port
        return midi_out.default_port(midi_out.list_output_ports()) or self.synth.name

    def _open_output(self, settings: MidiSettings) -> NoteOutput:
        try:
            if settings.output == "synth":
                return self.synth
            if settings.output == "virtual":
                return MidiPortOutput.open_virtual()
            ports = midi_out.list_output_ports()
            if settings.output == "port" and settings.port:
                if settings.port not in ports:
                    self._tell(MusicProblem.PORT_NOT_CONNECTED, settings.port)
                    return self.synth
                return MidiPortOutput.open(settings.port)
            chosen = midi_out.default_port(ports)
            return MidiPortOutput.open(chosen) if chosen else self.synth
        except OutputLost as error:
            self._tell(MusicProblem.OUTPUT_UNUSABLE, str(error))
            return self.synth

    def _on_output_lost(self, output: NoteOutput, error: Exception) -> NoteOutput | None:
        self._tell(MusicProblem.OUTPUT_LOST, output.name, str(error))
        replacement = _PlayerOutput(self.synth, self)
        try:
            output.close()
        except Exception:  # noqa: BLE001 - closing a vanished port may fail too
            pass
        self._configure(replacement)
        self._output_changed(replacement.name)
        return replacement

    def _watch(self) -> None:
        """Notice a MIDI port that vanished even when sends to it still "succeed"."""
        while not self._watch_stop.wait(WATCH_INTERVAL_S):
            scheduler = self._scheduler
            if scheduler is None:
                return
            output = scheduler.output
            inner = output.inner if isinstance(output, _PlayerOutput) else output
            if isinstance(inner, MidiPortOutput) and not inner.is_alive():
                replacement = self._on_output_lost(output, OutputLost("port disconnected"))
                if replacement is not None:
                    scheduler.set_output(replacement)

    def _output_changed(self, name: str) -> None:
        if self.on_output_changed is not None:
            self.on_output_changed(name)

    def _tell(self, problem: MusicProblem, *details: str) -> None:
        if self.on_message is not None:
            self.on_message(MusicMessage(problem, details))
