"""The player end to end on the built-in synth: drawing makes notes, settings take effect."""

from __future__ import annotations

import time

import numpy as np
import pytest

from doodle.core.errors import ModelError
from doodle.music import midi_out
from doodle.music.midi_out import MidiSettings
from doodle.music.objects import INSTRUMENTS
from doodle.music.outputs import RecordingOutput
from doodle.music.player import MusicMessage, MusicPlayer, MusicProblem
from doodle.music.synth import VOICES
from tests.music.drawing_sessions import AudioPuller


def _draw(player: MusicPlayer, seconds: float, y: float = 0.5) -> None:
    listener = player.listener
    start = time.monotonic()
    listener.pen_down(0.5, y, start)
    while time.monotonic() - start < seconds:
        now = time.monotonic()
        phase = (now - start) * 6.0
        listener.pen_move(0.5 + 0.3 * np.cos(phase), y + 0.1 * np.sin(phase), now)
        time.sleep(1 / 60)
    listener.pen_up(0.5, y, time.monotonic())


@pytest.fixture
def synth_player():
    midi_out.save_settings(MidiSettings("synth"))
    player = MusicPlayer(seed=0)
    yield player
    player.stop()


def test_drawing_makes_the_synth_sound(synth_player):
    player = synth_player
    assert player.start()
    assert player.playing and player.output_name == player.synth.name
    with AudioPuller(player.synth) as speakers:
        _draw(player, 2.5)
    assert np.sqrt(np.mean(speakers.samples() ** 2)) > 0.005
    stats = player.jitter()
    assert stats.count >= 4


def test_mute_stops_new_notes_and_volume_reaches_the_synth(synth_player):
    player = synth_player
    player.set_volume(0.3)
    assert player.start()
    player.set_muted(True)
    with AudioPuller(player.synth) as speakers:
        _draw(player, 1.5)
    muted = speakers.samples()
    # Anything sounding when mute came on fades within its release; then silence.
    assert np.max(np.abs(muted[len(muted) // 2 :])) == 0.0
    player.set_muted(False)
    with AudioPuller(player.synth) as speakers:
        _draw(player, 1.5)
    assert np.sqrt(np.mean(speakers.samples() ** 2)) > 0.002


def test_instrument_follows_the_object_unless_chosen():
    player = MusicPlayer()
    player.set_object("cat")
    assert player.instrument == "flute"
    player.set_instrument("marimba")
    player.set_object("bear")
    assert player.instrument == "marimba"
    player.set_instrument(None)
    assert player.instrument == "bassoon"
    with pytest.raises(ValueError):
        player.set_instrument("kazoo")
    with pytest.raises(ValueError):
        player.set_style("noisy")
    assert set(i.voice for i in INSTRUMENTS.values()) <= set(VOICES)


def test_the_scheduler_sends_instrument_and_volume_to_a_new_output(synth_player):
    player = synth_player
    assert player.start()
    recording = RecordingOutput()
    player._configure(recording)  # what every new output receives
    kinds = [m.kind for m in recording.snapshot()]
    assert kinds == ["program", "volume"]


def test_a_missing_model_is_a_message_not_a_crash(tmp_path):
    messages = []
    player = MusicPlayer(model_folder=tmp_path / "nowhere", on_message=messages.append)
    assert player.start() is False
    assert not player.playing
    (message,) = messages
    assert message.problem is MusicProblem.NO_MELODY_MODEL
    assert "nowhere" in message.details[0]  # the technical detail names the folder


def test_a_missing_port_is_reported_with_its_name_and_the_synth_plays():
    midi_out.save_settings(MidiSettings("port", "Piano in the hall:1"))
    messages = []
    player = MusicPlayer(on_message=messages.append, seed=0)
    try:
        assert player.start()
        assert player.output_name == player.synth.name
    finally:
        player.stop()
    assert messages == [MusicMessage(MusicProblem.PORT_NOT_CONNECTED, ("Piano in the hall:1",))]


def test_a_broken_model_json_is_a_model_error(tmp_path):
    from doodle.music.model import read_model_info

    (tmp_path / "model.json").write_text('{"format": 1, "kind": "gen"}')
    with pytest.raises(ModelError, match="not a melody model"):
        read_model_info(tmp_path)
    (tmp_path / "model.json").write_text("{not json")
    with pytest.raises(ModelError, match="cannot read"):
        read_model_info(tmp_path)
