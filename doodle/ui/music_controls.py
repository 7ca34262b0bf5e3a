"""Music controls for the main window: music on/off, volume, instrument, calm/lively, output.

``MusicControls`` owns the ``MusicPlayer`` and the audio sink of its built-in synth and
passes the canvas's pen events to the player's listener. ``attach_music(window)`` is the one
call that puts the controls into the window's music area and wires the canvas and the
draw-along controller to them.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QSlider,
    QToolButton,
    QWidget,
)

from doodle.music import midi_out
from doodle.music.midi_out import MidiSettings
from doodle.music.objects import INSTRUMENTS
from doodle.music.player import MusicMessage, MusicPlayer, MusicProblem
from doodle.ui.widgets import BigButton

if TYPE_CHECKING:
    from doodle.ui.audio_sink import SynthAudioSink

OWN_INSTRUMENT = ""  # combo data: the instrument that belongs to the object being drawn
# The labels of doodle.music.objects.INSTRUMENTS, named for lupdate; this class translates them.
INSTRUMENT_LABELS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("MusicControls", "Music box"),
    QT_TRANSLATE_NOOP("MusicControls", "Marimba"),
    QT_TRANSLATE_NOOP("MusicControls", "Flute"),
    QT_TRANSLATE_NOOP("MusicControls", "Soft piano"),
    QT_TRANSLATE_NOOP("MusicControls", "Ocarina"),
    QT_TRANSLATE_NOOP("MusicControls", "Xylophone"),
    QT_TRANSLATE_NOOP("MusicControls", "Bassoon"),
    QT_TRANSLATE_NOOP("MusicControls", "Harp"),
)
PLACEHOLDER = re.compile(r"%(\d)")


def _fill(template: str, details: tuple[str, ...]) -> str:
    """``template`` with %1, %2, ... replaced by the details (all at once: a detail may hold %)."""
    return PLACEHOLDER.sub(lambda match: details[int(match.group(1)) - 1], template)


class MusicControls(QWidget):
    """The music button and its settings; ``message_posted`` carries friendly messages."""

    message_posted = Signal(str)
    _player_said = Signal(object)  # MusicMessage from the player's threads, for the UI thread
    _player_output_changed = Signal(str)  # likewise

    def __init__(self, player: MusicPlayer | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.player = player or MusicPlayer()
        self.player.on_message = self._player_said.emit
        self._player_said.connect(self._on_player_said, Qt.ConnectionType.QueuedConnection)
        self.player.on_output_changed = self._player_output_changed.emit
        self._player_output_changed.connect(
            self._on_player_output_changed, Qt.ConnectionType.QueuedConnection
        )
        # Made when first needed: QtMultimedia takes about 60 ms to import at start-up.
        self._sink: SynthAudioSink | None = None
        self._canvas = None
        self._last_sink_message: str | None = None
        self._stroke_open = False
        self._last_point = (0.5, 0.5)

        self.music_button = BigButton("music", "")
        self.music_button.setCheckable(True)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(80)
        self.volume_slider.setMinimumWidth(110)
        self.instrument_box = QComboBox()
        self.instrument_box.addItem("", OWN_INSTRUMENT)
        for instrument in INSTRUMENTS.values():
            self.instrument_box.addItem("", instrument.name)
        self.style_box = QComboBox()
        self.style_box.addItem("", "calm")
        self.style_box.addItem("", "lively")
        self.output_button = QToolButton()
        self.output_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.output_menu = QMenu(self.output_button)
        self.output_menu.aboutToShow.connect(self._fill_output_menu)
        self.output_button.setMenu(self.output_menu)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.music_button,
            self.volume_slider,
            self.instrument_box,
            self.style_box,
            self.output_button,
        ):
            layout.addWidget(widget)
        self.retranslate()
        self._set_settings_enabled(False)

        self.music_button.toggled.connect(self.set_music_on)
        self.volume_slider.valueChanged.connect(self._on_volume_slider_value_changed)
        self.instrument_box.currentIndexChanged.connect(self._on_instrument_box_changed)
        self.style_box.currentIndexChanged.connect(self._on_style_box_changed)

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text in the current language (at start and on a switch)."""
        self.music_button.setText(self.tr("Music"))
        self.music_button.setToolTip(self.tr("Music that follows your drawing"))
        self.volume_slider.setToolTip(self.tr("How loud"))
        self.instrument_box.setItemText(0, self.tr("Animal's own"))
        for index, instrument in enumerate(INSTRUMENTS.values(), start=1):
            self.instrument_box.setItemText(index, self.tr(instrument.label))
        self.instrument_box.setToolTip(self.tr("Which instrument plays"))
        self.style_box.setItemText(0, self.tr("Calm"))
        self.style_box.setItemText(1, self.tr("Lively"))
        self.style_box.setToolTip(self.tr("Calm or lively music"))
        self.output_button.setText(self.tr("Sound out"))
        self.output_button.setToolTip(self.tr("Speakers (built-in synth) or a MIDI port"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def say(self, message: MusicMessage) -> str:
        """The player's ``message`` as a sentence in the current language."""
        templates = {
            MusicProblem.NO_MELODY_MODEL: self.tr("Music is not available: %1"),
            MusicProblem.PORT_NOT_CONNECTED: self.tr(
                "The MIDI port “%1” is not connected, so the speakers play the music."
            ),
            MusicProblem.OUTPUT_UNUSABLE: self.tr(
                "The MIDI output could not be used (%1), so the speakers play the music."
            ),
            MusicProblem.OUTPUT_LOST: self.tr(
                "The MIDI output “%1” went away (%2), so the speakers play the music."
            ),
        }
        return _fill(templates[message.problem], message.details)

    def _on_player_said(self, message: MusicMessage) -> None:
        self.message_posted.emit(self.say(message))

    # -- music on/off ------------------------------------------------------------------------

    def set_music_on(self, on: bool) -> None:
        if self.music_button.isChecked() != on:
            self.music_button.setChecked(on)  # comes back here through toggled
            return
        if on:
            if not self.player.start():
                self.music_button.setChecked(False)
                return
        else:
            self.player.stop()
            self._stop_sink()
        self._set_settings_enabled(on)

    def shutdown(self) -> None:
        """Stop the music and the sound device (the window is closing)."""
        self.player.stop()
        self._stop_sink()

    @property
    def sink(self) -> SynthAudioSink:
        """The speakers' audio sink (a ``SynthAudioSink``), opened on first use."""
        if self._sink is None:
            from doodle.ui.audio_sink import SynthAudioSink

            self._sink = SynthAudioSink(self.player.synth, self)
            self._sink.failed.connect(self._on_sink_failed)
        return self._sink

    def _stop_sink(self) -> None:
        if self._sink is not None:
            self._sink.stop()

    def _set_settings_enabled(self, enabled: bool) -> None:
        for widget in (self.volume_slider, self.instrument_box, self.style_box):
            widget.setEnabled(enabled)

    # -- the drawing ---------------------------------------------------------------------------

    def connect_canvas(self, canvas) -> None:
        """Listen to a ``DrawingCanvas``: stroke_started, pen_moved and stroke_finished."""
        self._canvas = canvas
        canvas.stroke_started.connect(self._on_canvas_stroke_started)
        canvas.pen_moved.connect(self._on_canvas_pen_moved)
        canvas.stroke_finished.connect(self._on_canvas_stroke_finished)

    def set_object(self, object_name: str | None) -> None:
        """The object being drawn chooses the key (and the instrument, unless one is picked)."""
        self.player.set_object(object_name or None)

    def drawing_completed(self, *_args) -> None:
        """The drawing was finished or autocompleted: the tune comes home to its tonic."""
        self.player.listener.completed(time.monotonic())

    def _normalised(self, x: float, y: float) -> tuple[float, float]:
        width, height = self._canvas.canvas_size() if self._canvas is not None else (1.0, 1.0)
        return x / max(width, 1.0), y / max(height, 1.0)

    def _on_canvas_stroke_started(self) -> None:
        # The position comes with the first pen_moved; the stroke opens there.
        self._stroke_open = True

    def _on_canvas_pen_moved(self, x: float, y: float, _pressure: float, _t: float) -> None:
        nx, ny = self._normalised(x, y)
        self._last_point = (nx, ny)
        now = time.monotonic()
        if self._stroke_open:
            self._stroke_open = False
            self.player.listener.pen_down(nx, ny, now)
        else:
            self.player.listener.pen_move(nx, ny, now)

    def _on_canvas_stroke_finished(self, _stroke: object) -> None:
        self._stroke_open = False
        self.player.listener.pen_up(*self._last_point, time.monotonic())

    # -- settings ------------------------------------------------------------------------------

    def _on_volume_slider_value_changed(self, value: int) -> None:
        self.player.set_volume(value / 100.0)

    def _on_instrument_box_changed(self, _index: int) -> None:
        self.player.set_instrument(self.instrument_box.currentData() or None)

    def _on_style_box_changed(self, _index: int) -> None:
        self.player.set_style(self.style_box.currentData())

    def _fill_output_menu(self) -> None:
        self.output_menu.clear()
        settings = midi_out.load_settings()
        group = QActionGroup(self.output_menu)
        choices: list[tuple[str, MidiSettings]] = [
            (self.tr("Automatic"), MidiSettings("auto")),
            (self.tr("Speakers (built-in synth)"), MidiSettings("synth")),
            (self.tr("Doodle MIDI port (for other programs)"), MidiSettings("virtual")),
        ]
        choices += [
            (name, MidiSettings("port", name))
            for name in midi_out.list_output_ports()
            if not name.lower().startswith(midi_out.CLIENT_NAME.lower())
        ]
        for label, choice in choices:
            action = QAction(label, self.output_menu, checkable=True)
            action.setChecked(choice == settings)
            action.triggered.connect(lambda _checked, c=choice: self.choose_output(c))
            group.addAction(action)
            self.output_menu.addAction(action)

    def choose_output(self, settings: MidiSettings) -> None:
        """Remember the output and switch to it now if the music is playing."""
        self.player.use_output(settings)

    def _on_player_output_changed(self, name: str) -> None:
        """The speakers play exactly when the built-in synth is the output."""
        if self.player.playing and name == self.player.synth.name:
            self.sink.start()
        else:
            self._stop_sink()

    def _on_sink_failed(self, message: str) -> None:
        # Say it once: every switch back to the speakers would otherwise repeat it.
        if message != self._last_sink_message:
            self._last_sink_message = message
            self.message_posted.emit(message)


def attach_music(window) -> MusicControls:
    """Put music controls into ``window`` (a ``MainWindow``) and connect them to its canvas.

    Uses the window's ``add_to_music_area``, ``canvas`` and, when present, its draw-along
    controller (``active_model_changed`` picks the object, ``completion_ready`` lands the
    tune) and its message banner; the music stops when the application quits.
    """
    controls = MusicControls(parent=window)
    window.add_to_music_area(controls)
    controls.connect_canvas(window.canvas)
    draw_along = getattr(window, "draw_along", None)
    if draw_along is not None:
        draw_along.active_model_changed.connect(controls.set_object)
        draw_along.completion_ready.connect(controls.drawing_completed)
    banner = getattr(window, "banner", None)
    if banner is not None and hasattr(banner, "show_message"):
        controls.message_posted.connect(banner.show_message)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controls.shutdown)
    return controls
