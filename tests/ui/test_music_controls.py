"""Music controls and the audio sink, offscreen.

Without a sound device (as in CI) the sink reports it clearly; where one exists (e.g. a
PulseAudio null sink) the same tests check that the speakers really play instead.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from doodle.music import midi_out
from doodle.music.midi_out import MidiSettings
from doodle.music.player import MusicMessage, MusicPlayer, MusicProblem
from doodle.music.synth import Synth
from doodle.ui.audio_sink import SynthAudioSink, _SynthStream
from doodle.ui.i18n import install_translator
from doodle.ui.music_controls import MusicControls


def _has_sound_device() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return not QMediaDevices.defaultAudioOutput().isNull()


@pytest.fixture
def make_controls(qtbot):
    """Makes music controls for a saved output choice; they shut down after the test."""
    made: list[MusicControls] = []

    def make(settings: MidiSettings) -> MusicControls:
        midi_out.save_settings(settings)
        controls = MusicControls(MusicPlayer(seed=0))
        qtbot.addWidget(controls)
        made.append(controls)
        return controls

    yield make
    for controls in made:
        controls.shutdown()


@pytest.fixture
def controls(make_controls):
    return make_controls(MidiSettings("synth"))


@pytest.fixture
def music_window(qtbot):
    """A shown main window without models, with the music controls attached (playing through
    the built-in synth); both shut down after the test."""
    from doodle.ui.main_window import MainWindow
    from doodle.ui.music_controls import attach_music

    midi_out.save_settings(MidiSettings("synth"))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    controls = attach_music(window)
    yield window, controls
    controls.shutdown()
    window.shutdown()


def test_a_sink_without_a_sound_device_reports_a_clear_error(qtbot):
    if _has_sound_device():
        pytest.skip("this computer has a sound device; tests/ui/test_music_audio_sink.py uses it")
    sink = SynthAudioSink(Synth())
    with qtbot.waitSignal(sink.failed, timeout=2000) as blocker:
        assert sink.start() is False
    message = blocker.args[0]
    assert "speakers" in message.lower() or "sound device" in message.lower()
    assert sink.error_message == message
    assert not sink.active
    sink.stop()  # stopping a sink that never started is harmless


def test_the_sink_stream_delivers_the_synths_samples_as_int16():
    synth = Synth()
    synth.note_on(69, 100)
    stream = _SynthStream(synth, channels=2)
    from PySide6.QtCore import QIODevice

    assert stream.open(QIODevice.OpenModeFlag.ReadOnly)
    data = stream.read(4800 * 4)
    samples = np.frombuffer(bytes(data), dtype="<i2").reshape(-1, 2)
    assert samples.shape == (4800, 2)
    assert np.array_equal(samples[:, 0], samples[:, 1])
    assert np.abs(samples).max() > 1000


def test_the_music_button_starts_and_stops_the_player(controls, qtbot):
    messages = []
    controls.message_posted.connect(messages.append)
    assert not controls.volume_slider.isEnabled()
    qtbot.mouseClick(controls.music_button, pytest.importorskip("PySide6.QtCore").Qt.LeftButton)
    assert controls.music_button.isChecked()
    assert controls.player.playing
    assert controls.volume_slider.isEnabled()
    if _has_sound_device():
        qtbot.waitUntil(lambda: controls.sink.active, timeout=2000)
    else:  # the child gets a message and the app keeps running
        qtbot.waitUntil(lambda: bool(messages), timeout=2000)
        assert "speakers" in messages[0].lower()
    controls.set_music_on(False)
    assert not controls.sink.active
    assert not controls.player.playing
    assert not controls.music_button.isChecked()


def test_settings_reach_the_player(controls):
    controls.set_music_on(True)
    controls.volume_slider.setValue(25)
    assert controls.player.volume == pytest.approx(0.25)
    index = controls.instrument_box.findData("xylophone")
    controls.instrument_box.setCurrentIndex(index)
    assert controls.player.instrument == "xylophone"
    controls.instrument_box.setCurrentIndex(0)  # the animal's own
    controls.set_object("cat")
    assert controls.player.instrument == "flute"
    controls.style_box.setCurrentIndex(controls.style_box.findData("lively"))
    assert controls.player.style == "lively"


def test_the_output_menu_offers_synth_virtual_port_and_remembers_the_choice(controls):
    controls._fill_output_menu()
    labels = [action.text() for action in controls.output_menu.actions()]
    assert labels[:3] == [
        "Automatic",
        "Speakers (built-in synth)",
        "Doodle MIDI port (for other programs)",
    ]
    checked = [action.text() for action in controls.output_menu.actions() if action.isChecked()]
    assert checked == ["Speakers (built-in synth)"]
    controls.output_menu.actions()[0].trigger()
    assert midi_out.load_settings() == MidiSettings("auto")


def test_canvas_pen_events_reach_the_listener(controls, canvas):
    controls.connect_canvas(canvas)
    width, height = canvas.canvas_size()
    canvas.stroke_started.emit()
    for step in range(10):
        canvas.pen_moved.emit(width * (0.2 + 0.05 * step), height * 0.1, 1.0, step / 60)
        time.sleep(1 / 60)
    snapshot = controls.player.listener.snapshot()
    assert snapshot.pen_is_down and snapshot.strokes_started == 1
    assert snapshot.height == pytest.approx(0.1, abs=0.02)
    assert snapshot.energy > 0
    canvas.stroke_finished.emit(None)
    assert not controls.player.listener.snapshot().pen_is_down
    controls.drawing_completed([])
    assert controls.player.listener.snapshot().completions == 1


def test_attach_music_puts_the_controls_into_the_main_window_and_wires_it(music_window):
    window, controls = music_window
    assert window.music_area.isAncestorOf(controls)
    assert controls.music_button.isVisible()
    window.draw_along.active_model_changed.emit("cat")
    assert controls.player.instrument == "flute"
    width, height = window.canvas.canvas_size()
    window.canvas.stroke_started.emit()
    window.canvas.pen_moved.emit(width / 2, height * 0.8, 1.0, 0.0)
    snapshot = controls.player.listener.snapshot()
    assert snapshot.pen_is_down and snapshot.height == pytest.approx(0.8, abs=0.02)
    window.draw_along.completion_ready.emit([])
    assert controls.player.listener.snapshot().completions == 1
    controls.message_posted.emit("Test message")
    assert window.banner.text() == "Test message"


def test_the_speakers_are_used_exactly_when_the_synth_plays(qtbot, make_controls):
    if midi_out.midi_backend(refresh=True) is None:
        pytest.skip("no MIDI API can be opened (start jackd -d dummy -r 48000)")
    controls = make_controls(MidiSettings("virtual"))
    messages = []
    controls.message_posted.connect(messages.append)
    controls.set_music_on(True)
    assert controls.player.output_name == midi_out.VIRTUAL_PORT_NAME
    qtbot.wait(200)
    assert messages == []  # MIDI out: the speakers were not needed
    assert not controls.sink.active
    controls.choose_output(MidiSettings("synth"))
    assert controls.player.output_name == controls.player.synth.name
    if _has_sound_device():
        qtbot.waitUntil(lambda: controls.sink.active, timeout=2000)
        controls.choose_output(MidiSettings("virtual"))
        qtbot.waitUntil(lambda: not controls.sink.active, timeout=2000)
        return
    qtbot.waitUntil(lambda: bool(messages), timeout=2000)
    assert "speakers" in messages[0].lower()  # there are none, and it says so
    controls.choose_output(MidiSettings("virtual"))
    controls.choose_output(MidiSettings("synth"))
    qtbot.wait(200)
    assert len(messages) == 1  # said once, not at every switch


def test_drawing_with_the_mouse_on_the_real_canvas_plays_music(qtbot, music_window):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    window, controls = music_window
    viewport = window.canvas.viewport()

    def send(kind, x, y, button):
        buttons = (
            Qt.MouseButton.NoButton
            if kind == QEvent.Type.MouseButtonRelease
            else (Qt.MouseButton.LeftButton)
        )
        point = QPointF(x, y)
        QApplication.sendEvent(
            viewport,
            QMouseEvent(
                kind,
                point,
                viewport.mapToGlobal(point),
                button,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            ),
        )

    controls.set_music_on(True)
    assert controls.player.playing
    width, height = viewport.width(), viewport.height()
    send(QEvent.Type.MouseButtonPress, width * 0.2, height * 0.2, Qt.MouseButton.LeftButton)
    started = time.monotonic()
    while time.monotonic() - started < 1.5:
        phase = (time.monotonic() - started) * 5.0
        send(
            QEvent.Type.MouseMove,
            width * (0.5 + 0.3 * np.cos(phase)),
            height * (0.25 + 0.05 * np.sin(phase)),
            Qt.MouseButton.NoButton,
        )
        qtbot.wait(15)
    snapshot = controls.player.listener.snapshot()
    assert snapshot.pen_is_down and snapshot.strokes_started == 1
    assert snapshot.energy > 0.3
    assert snapshot.height < 0.5  # drawing near the top: the high register
    send(QEvent.Type.MouseButtonRelease, width * 0.5, height * 0.25, Qt.MouseButton.LeftButton)
    assert not controls.player.listener.snapshot().pen_is_down
    assert controls.player.jitter().count >= 2  # note messages went to the synth


def test_a_german_ui_says_in_german_that_the_midi_port_is_missing(qtbot, qapp, make_controls):
    install_translator(qapp, "de")
    try:
        controls = make_controls(MidiSettings("port", "Klavier im Saal:1"))
        messages = []
        controls.message_posted.connect(messages.append)
        controls.set_music_on(True)
        qtbot.waitUntil(lambda: any("MIDI" in m for m in messages), timeout=2000)
        said = next(m for m in messages if "MIDI" in m)
        assert said == (
            "Der MIDI-Anschluss „Klavier im Saal:1“ ist nicht verbunden, "
            "deshalb spielen die Lautsprecher die Musik."
        )
        assert controls.player.output_name == controls.player.synth.name
    finally:
        install_translator(qapp, "en")


def test_player_problems_become_sentences_with_their_details(controls):
    lost = MusicMessage(MusicProblem.OUTPUT_LOST, ("Synth %2", "port disconnected"))
    assert controls.say(lost) == (
        "The MIDI output “Synth %2” went away (port disconnected), so the speakers play the music."
    )
    missing = MusicMessage(MusicProblem.NO_MELODY_MODEL, ("melody.onnx is missing",))
    assert controls.say(missing) == "Music is not available: melody.onnx is missing"
