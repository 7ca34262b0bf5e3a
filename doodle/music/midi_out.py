"""MIDI output through mido + python-rtmidi, and the remembered port choice; imports no Qt.

This is the one gateway to MIDI: it finds a MIDI API that works on this machine (on Linux
ALSA first, then JACK), lists output ports, picks a sensible default (a synth, never
"Midi Through"), opens a named port or a virtual "Doodle" port that users can route anywhere,
and reports a port that went away as ``OutputLost`` so the player can fall back to the
built-in synth. The choice is kept in ``midi.json`` next to the user's settings.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from doodle import paths
from doodle.music.outputs import OutputLost

VIRTUAL_PORT_NAME = "Doodle"
CLIENT_NAME = "Doodle"
SYNTH_WORDS = (
    "fluid",
    "timidity",
    "synth",
    "wavetable",
    "gs wavetable",
    "qsynth",
    "zynaddsubfx",
    "sfizz",
    "musescore",
    "yoshimi",
)
SKIPPED_WORDS = ("midi through", "rtmidi", CLIENT_NAME.lower())
OUTPUT_MODES = ("auto", "synth", "port", "virtual")


def candidate_apis() -> list[str | None]:
    """rtmidi API names to try, best first (None: rtmidi's own default)."""
    if sys.platform.startswith("linux"):
        return ["LINUX_ALSA", "UNIX_JACK"]
    return [None]


_backend_lock = threading.Lock()
_working_api: list[str | None] = []


def _backend(api: str | None):
    import mido

    name = "mido.backends.rtmidi" + (f"/{api}" if api else "")
    return mido.Backend(name, load=True)


def midi_backend(refresh: bool = False):
    """The first mido backend whose MIDI API opens here, or None when none does."""
    with _backend_lock:
        if _working_api and not refresh:
            return _backend(_working_api[0])
        _working_api.clear()
        for api in candidate_apis():
            try:
                backend = _backend(api)
                backend.get_output_names()
            except Exception:  # noqa: BLE001 - rtmidi raises its own SystemError types
                continue
            _working_api.append(api)
            return backend
        return None


def list_output_ports(backend=None) -> list[str]:
    """Output port names, or an empty list when no MIDI API works."""
    backend = backend or midi_backend()
    if backend is None:
        return []
    try:
        return list(backend.get_output_names())
    except Exception:  # noqa: BLE001 - a MIDI server that stopped lists nothing
        return []


def default_port(names: list[str]) -> str | None:
    """A real synth port if there is one; never "Midi Through" or Doodle's own ports."""
    usable = [n for n in names if not any(word in n.lower() for word in SKIPPED_WORDS)]
    for name in usable:
        if any(word in name.lower() for word in SYNTH_WORDS):
            return name
    return None


@dataclass
class MidiSettings:
    """The remembered choice: ``auto`` (a synth port if any, else built-in), ``synth``
    (built-in), ``port`` (the named port) or ``virtual`` (Doodle's own port)."""

    output: str = "auto"
    port: str | None = None


def settings_path() -> Path:
    return paths.user_config_path().parent / "midi.json"


def load_settings() -> MidiSettings:
    """The remembered choice; defaults when the file is missing or unreadable."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return MidiSettings()
    if not isinstance(data, dict) or data.get("output") not in OUTPUT_MODES:
        return MidiSettings()
    port = data.get("port")
    return MidiSettings(data["output"], port if isinstance(port, str) else None)


def save_settings(settings: MidiSettings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=1), encoding="utf-8")
    temporary.replace(path)


class MidiPortOutput:
    """A ``NoteOutput`` over a mido port (channel 1)."""

    def __init__(self, port, name: str, backend, watched: bool) -> None:
        self._port = port
        self._backend = backend
        self.name = name
        self._watched = watched  # a connection to another program's port, which can vanish
        self._lock = threading.Lock()

    @classmethod
    def open(cls, port_name: str, backend=None) -> MidiPortOutput:
        """Connect to another program's (or device's) port; OutputLost if it cannot open."""
        backend = backend or midi_backend()
        if backend is None:
            raise OutputLost("no MIDI system is available on this computer")
        try:
            # No client_name here: mido turns any port opened with one into a virtual port.
            port = backend.open_output(port_name)
        except Exception as error:  # noqa: BLE001 - rtmidi / mido raise several types
            raise OutputLost(f"cannot open MIDI port {port_name!r}: {error}") from None
        return cls(port, port_name, backend, watched=True)

    @classmethod
    def open_virtual(cls, port_name: str = VIRTUAL_PORT_NAME, backend=None) -> MidiPortOutput:
        """Doodle's own output port that other programs connect to."""
        backend = backend or midi_backend()
        if backend is None:
            raise OutputLost("no MIDI system is available on this computer")
        try:
            port = backend.open_output(port_name, virtual=True, client_name=CLIENT_NAME)
        except Exception as error:  # noqa: BLE001 - not every MIDI API has virtual ports
            raise OutputLost(f"cannot create the virtual MIDI port: {error}") from None
        return cls(port, port.name, backend, watched=False)

    def is_alive(self) -> bool:
        """False once the port we connected to has gone (checked by listing ports)."""
        if self._port.closed:
            return False
        if not self._watched:
            return True
        return self.name in list_output_ports(self._backend)

    def _send(self, message) -> None:
        with self._lock:
            if self._port.closed:
                raise OutputLost(f"MIDI port {self.name!r} is closed")
            try:
                self._port.send(message)
            except Exception as error:  # noqa: BLE001 - the device went away mid-play
                raise OutputLost(f"MIDI port {self.name!r} stopped working: {error}") from None

    def set_program(self, program: int) -> None:
        import mido

        self._send(mido.Message("program_change", channel=0, program=program))

    def set_volume(self, volume: float) -> None:
        import mido

        value = int(round(min(1.0, max(0.0, volume)) * 127))
        self._send(mido.Message("control_change", channel=0, control=7, value=value))

    def note_on(self, pitch: int, velocity: int, at: float | None = None) -> None:
        import mido

        self._send(mido.Message("note_on", channel=0, note=pitch, velocity=velocity))

    def note_off(self, pitch: int, at: float | None = None) -> None:
        import mido

        self._send(mido.Message("note_off", channel=0, note=pitch, velocity=0))

    def all_notes_off(self) -> None:
        import mido

        self._send(mido.Message("control_change", channel=0, control=123, value=0))

    def close(self) -> None:
        with self._lock:
            if not self._port.closed:
                self._port.close()
