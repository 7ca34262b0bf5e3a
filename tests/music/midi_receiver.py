"""A MIDI input port for tests that listens on the far side of Doodle's output.

It polls python-rtmidi's MidiIn from a thread of its own rather than taking a callback, as
mido's Input does. With a callback, JACK's process thread calls into Python, and closing the
port while notes arrive can go wrong in two ways: mido's ``close()`` re-arms the callback and
closes the port holding the GIL while the process thread waits for the GIL inside the
callback (a hung test run, seen once), and python-rtmidi's ``cancel_callback()`` frees the
callback while a delivery may still be about to use it (a crash). Polled, the process thread
only fills RtMidi's own queue and never needs the GIL, so the port can close at any moment,
as a keyboard can be unplugged at any moment.
"""

from __future__ import annotations

import threading
import time

import mido
import rtmidi

# How long the reader waits when the queue is empty: well under a JACK period (1024 frames
# at 48 kHz = 21 ms), so polling adds no delay the tests could see.
_POLL_S = 0.001


class MidiReceiver:
    """Every message received, as mido messages with their arrival times.

    The times are RtMidi's own (the driver's clock at delivery, as offsets from the first
    message), so they keep the driver's granularity whatever the reader thread is doing.
    """

    def __init__(self, backend, name: str, virtual: bool = False) -> None:
        self.received: list[tuple[float, mido.Message]] = []
        self._lock = threading.Lock()
        api = getattr(rtmidi, f"API_{backend.api}")
        self._rt = rtmidi.MidiIn(rtapi=api, name="doodle-test")
        if virtual:
            self._rt.open_virtual_port(name)
        else:
            ports = self._rt.get_ports()
            matching = [index for index, port in enumerate(ports) if name in port]
            if not matching:
                self._rt.delete()
                raise OSError(f"no MIDI input port named {name!r}: {ports}")
            self._rt.open_port(matching[0])
        self._rt.ignore_types(sysex=False, timing=False, active_sense=True)
        self._stop = threading.Event()
        self._clock = 0.0
        self._reader = threading.Thread(target=self._read, name="midi-receiver", daemon=True)
        self._reader.start()
        self.closed = False

    def _read(self) -> None:
        while not self._stop.is_set():
            event = self._rt.get_message()
            if event is None:
                time.sleep(_POLL_S)
                continue
            data, delta = event
            self._clock += delta
            try:
                message = mido.Message.from_bytes(data)
            except ValueError:
                continue  # not a message mido knows; no test looks for one
            with self._lock:
                self.received.append((self._clock, message))

    def notes(self, kind: str) -> list[tuple[float, mido.Message]]:
        with self._lock:
            return [(t, m) for t, m in self.received if m.type == kind]

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._stop.set()
        self._reader.join()
        self._rt.close_port()
        self._rt.delete()
