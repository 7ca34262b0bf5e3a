"""Rendering melodies to files: `doodle music render` and ``write_midi`` for other code."""

from __future__ import annotations

import wave

import mido
import numpy as np
import pytest

from doodle.cli import main
from doodle.core.errors import DoodleFormatError
from doodle.music import render
from doodle.music.objects import INSTRUMENTS, music_for


def _notes(path):
    midi = mido.MidiFile(str(path))
    ons = [m for m in midi if m.type == "note_on" and m.velocity > 0]
    return midi, ons


def test_cli_renders_twenty_seconds_to_a_valid_midi_file(tmp_path, capsys):
    out = tmp_path / "tune.mid"
    assert main(["music", "render", "--seconds", "20", "--out", str(out)]) == 0
    assert "notes" in capsys.readouterr().out
    midi, ons = _notes(out)
    assert len(ons) >= 30
    assert len({m.note for m in ons}) > 5
    assert 19.0 <= midi.length <= 21.0
    offs = [m for m in midi if m.type == "note_off" or (m.type == "note_on" and m.velocity == 0)]
    assert len(offs) == len(ons)
    assert any(m.type == "program_change" for m in midi)


def test_the_same_seed_gives_the_same_file_and_another_seed_another(tmp_path):
    paths = [tmp_path / f"{name}.mid" for name in ("a", "b", "c")]
    render.write_midi(paths[0], 10, seed=5, object_name="cat")
    render.write_midi(paths[1], 10, seed=5, object_name="cat")
    render.write_midi(paths[2], 10, seed=6, object_name="cat")
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_the_object_chooses_instrument_and_the_tune_ends_on_its_tonic(tmp_path):
    out = tmp_path / "bear.mid"
    render.write_midi(out, 20, seed=1, object_name="bear")
    midi, ons = _notes(out)
    program = next(m.program for m in midi if m.type == "program_change")
    assert program == INSTRUMENTS[music_for("bear").instrument].gm_program
    assert ons[-1].note % 12 == music_for("bear").tonic_midi % 12


def test_a_drawings_own_strokes_drive_its_melody(tmp_path):
    rng = np.random.default_rng(0)
    strokes = []
    t = 0.0
    for _ in range(6):
        n = 60
        xy = np.cumsum(rng.normal(0, 6, size=(n, 2)), axis=0) + 300
        times = t + np.arange(n) / 60.0
        strokes.append(np.column_stack([xy, np.ones(n), times]).astype(np.float32))
        t = times[-1] + 0.5
    out = tmp_path / "drawing.mid"
    count = render.write_midi(out, None, seed=2, object_name="owl", strokes=strokes)
    midi, ons = _notes(out)
    assert count == len(ons) > 5
    # As long as the drawing (about 8.5 s) plus room for the closing cadence.
    assert t < midi.length <= t + render.ENDING_S + 1.0


def test_a_drawing_without_strokes_is_a_clear_error(tmp_path):
    with pytest.raises(DoodleFormatError, match="no strokes"):
        render.write_midi(tmp_path / "x.mid", None, strokes=[])


def test_cli_renders_audio_with_the_built_in_synth(tmp_path):
    out = tmp_path / "tune.wav"
    assert main(["music", "render", "--seconds", "6", "--out", str(out), "--object", "cat"]) == 0
    with wave.open(str(out)) as wav:
        frames = wav.readframes(wav.getnframes())
        assert wav.getnframes() == 6 * wav.getframerate()
    samples = np.frombuffer(frames, dtype="<i2")
    assert np.abs(samples).max() > 1000
    assert np.abs(samples).max() < 32767


def test_cli_rejects_an_unknown_file_type(tmp_path, capsys):
    assert main(["music", "render", "--out", str(tmp_path / "tune.mp3")]) == 2
    assert ".mid or .wav" in capsys.readouterr().err


def test_cli_lists_ports_and_instruments(capsys):
    assert main(["music", "ports"]) == 0
    out = capsys.readouterr().out
    assert "instruments: music_box" in out
    assert "remembered: auto" in out
