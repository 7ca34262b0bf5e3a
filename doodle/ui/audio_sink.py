"""Plays the built-in synth through the computer's speakers with QtMultimedia's QAudioSink.

The sink pulls PCM from ``doodle.music.synth.Synth`` through a small QIODevice. With no sound
device (or one that will not open) it emits ``failed`` with a friendly message and the app
carries on; music can still go to a MIDI port.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtMultimedia
from PySide6.QtCore import QIODevice, QObject, Signal
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

from doodle.music.synth import Synth

# Qt 6.7 moved the sink's state and error enums to QtAudio; QAudio's copies no longer compare
# equal to what QAudioSink returns.
QtAudio = getattr(QtMultimedia, "QtAudio", None) or QtMultimedia.QAudio
BUFFER_SECONDS = 0.05  # short enough that notes feel immediate, long enough not to stutter


class _SynthStream(QIODevice):
    """A read-only device whose bytes are the synth's next samples, as int16."""

    def __init__(self, synth: Synth, channels: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._synth = synth
        self._channels = channels

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 (Qt name)
        frames = maxlen // (2 * self._channels)
        if frames <= 0:
            return b""
        samples = (self._synth.render(frames) * 32767.0).astype("<i2")
        if self._channels > 1:
            samples = np.repeat(samples, self._channels)
        return samples.tobytes()

    def writeData(self, _data: bytes) -> int:  # noqa: N802 (Qt name)
        return -1

    def bytesAvailable(self) -> int:  # noqa: N802 (Qt name)
        # An endless stream: always as much as the sink asks for.
        return 1 << 20

    def isSequential(self) -> bool:  # noqa: N802 (Qt name)
        return True


class SynthAudioSink(QObject):
    """Owns the QAudioSink that plays ``synth``; ``failed`` says why sound cannot play."""

    failed = Signal(str)
    started = Signal()

    def __init__(self, synth: Synth, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synth = synth
        self._sink: QAudioSink | None = None
        self._stream: _SynthStream | None = None
        self.error_message: str | None = None

    @property
    def active(self) -> bool:
        return self._sink is not None and self._sink.state() == QtAudio.State.ActiveState

    def start(self) -> bool:
        """Open the default output device and start pulling samples; False if it cannot."""
        if self._sink is not None:
            return True
        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            return self._fail(
                self.tr("No speakers or headphones were found, so the music cannot play here.")
            )
        audio_format = QAudioFormat()
        audio_format.setSampleRate(self.synth.sample_rate)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(audio_format):
            audio_format.setChannelCount(2)
            if not device.isFormatSupported(audio_format):
                return self._fail(
                    self.tr("The sound device “%1” cannot play %2 Hz sound.")
                    .replace("%1", device.description())
                    .replace("%2", str(self.synth.sample_rate))
                )
        sink = QAudioSink(device, audio_format, self)
        sink.setBufferSize(
            int(self.synth.sample_rate * BUFFER_SECONDS) * 2 * audio_format.channelCount()
        )
        stream = _SynthStream(self.synth, audio_format.channelCount(), self)
        stream.open(QIODevice.OpenModeFlag.ReadOnly)
        sink.stateChanged.connect(self._on_sink_state_changed)
        sink.start(stream)
        if sink.error() != QtAudio.Error.NoError:
            sink.deleteLater()
            stream.close()
            return self._fail(
                self.tr("The sound device “%1” would not open.").replace("%1", device.description())
            )
        self._sink, self._stream = sink, stream
        self.error_message = None
        self.started.emit()
        return True

    def stop(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink.deleteLater()
            self._sink = None
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _fail(self, message: str) -> bool:
        self.error_message = message
        self.failed.emit(message)
        return False

    def _on_sink_state_changed(self) -> None:
        # The signal's argument is not taken: PySide cannot convert QAudio::State (Qt 6.12).
        sink = self._sink
        if sink is None or sink.state() != QtAudio.State.StoppedState:
            return
        if sink.error() not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            self.stop()
            self._fail(self.tr("The sound stopped working (the speakers may have been unplugged)."))
