"""Choosing and remembering the MIDI output."""

from __future__ import annotations

import json

from doodle import paths
from doodle.music import midi_out
from doodle.music.midi_out import MidiSettings


def test_the_default_port_is_a_real_synth_never_midi_through_or_doodle_itself():
    names = [
        "Midi Through:Midi Through Port-0 14:0",
        "Doodle:Doodle 130:0",
        "USB Keyboard:USB Keyboard MIDI 1 20:0",
        "FLUID Synth (1234):Synth input port (1234:0) 128:0",
    ]
    assert midi_out.default_port(names) == names[3]
    assert midi_out.default_port(names[:3]) is None  # no synth: the built-in one plays
    assert midi_out.default_port(["TiMidity:TiMidity port 0 128:0"]).startswith("TiMidity")
    assert midi_out.default_port([]) is None


def test_the_choice_is_kept_in_a_small_json_beside_the_user_settings():
    assert midi_out.load_settings() == MidiSettings("auto", None)
    midi_out.save_settings(MidiSettings("port", "FLUID Synth:port 0"))
    path = midi_out.settings_path()
    assert path.parent == paths.user_config_path().parent
    assert json.loads(path.read_text()) == {"output": "port", "port": "FLUID Synth:port 0"}
    assert midi_out.load_settings() == MidiSettings("port", "FLUID Synth:port 0")


def test_a_damaged_settings_file_falls_back_to_automatic():
    path = midi_out.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for text in ("{broken", "[]", '{"output": "loudspeaker"}', '{"output": "port", "port": 7}'):
        path.write_text(text)
        settings = midi_out.load_settings()
        assert settings.output in midi_out.OUTPUT_MODES
        assert settings.port is None or isinstance(settings.port, str)
    path.write_text('{"output": "loudspeaker"}')
    assert midi_out.load_settings() == MidiSettings()
