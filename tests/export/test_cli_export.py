"""`doodle export`: Doodle drawings, Quick, Draw! ndjson files and --all, every format."""

from __future__ import annotations

import json
import re

import mido
import pytest

from doodle import paths
from doodle.autosave import Autosaver
from doodle.cli import main
from doodle.core.fileformat import save_drawing
from doodle.core.ndjson import read_drawings
from tests.export.helpers import make_drawing, page_count
from tests.shared_data import require_shared


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "in" / "palm.doodle"
    path.parent.mkdir()
    save_drawing(path, make_drawing())
    return path


@pytest.mark.parametrize("fmt", ["png", "svg", "gif"])
def test_one_file_per_drawing(saved, tmp_path, capsys, fmt):
    out = tmp_path / "out"
    assert main(["export", str(saved), "--format", fmt, "--out", str(out), "--size", "200"]) == 0
    written = out / f"palm.{fmt}"
    assert capsys.readouterr().out.split() == [str(written)]
    assert written.stat().st_size > 100


def test_png_of_any_size(saved, tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "out"
    assert (
        main(
            [
                "export",
                str(saved),
                "--format",
                "png",
                "--out",
                str(out),
                "--size",
                "640x200",
                "--transparent",
            ]
        )
        == 0
    )
    image = QImage(str(out / "palm.png"))
    assert (image.width(), image.height()) == (640, 200) and image.hasAlphaChannel()
    with pytest.raises(SystemExit):
        main(["export", str(saved), "--format", "png", "--out", str(out), "--size", "big"])


def test_pdf_and_sheet_from_ndjson(tmp_path, capsys):
    source = require_shared("quickdraw", "simplified", "hedgehog.ndjson")
    count = len(read_drawings(source))
    out = tmp_path / "out"
    assert main(["export", str(source), "--format", "pdf", "--out", str(out)]) == 0
    assert page_count(out / "drawings.pdf") == count
    assert main(["export", str(source), "--format", "sheet", "--out", str(out)]) == 0
    assert page_count(out / "class-sheet.pdf") == -(-count // 20)


def test_ndjson_round_trip_through_cli(tmp_path):
    source = require_shared("quickdraw", "simplified", "bear.ndjson")
    out = tmp_path / "out"
    assert main(["export", str(source), "--format", "ndjson", "--out", str(out)]) == 0
    before, after = read_drawings(source), read_drawings(out / "drawings.ndjson")
    assert [d.word for d in after] == [d.word for d in before]
    for a, b in zip(after, before, strict=True):
        assert [s.tolist() for s in a.strokes] == [s.tolist() for s in b.strokes]


def test_all_exports_the_save_folder(tmp_path, capsys):
    share = tmp_path / "share"
    paths.user_config_path().parent.mkdir(parents=True, exist_ok=True)
    paths.user_config_path().write_text(json.dumps({"save_folder": str(share)}))
    for _ in range(3):
        saver = Autosaver(share)
        saver.open(make_drawing())
        saver.save()
    out = tmp_path / "out"
    assert main(["export", "--all", "--format", "svg", "--out", str(out)]) == 0
    assert len(list(out.glob("*.svg"))) == 3


def test_midi_only_for_drawings_made_with_music(tmp_path, capsys):
    quiet, musical = make_drawing(), make_drawing()
    musical.music_on = True
    save_drawing(tmp_path / "quiet.doodle", quiet)
    save_drawing(tmp_path / "musical.doodle", musical)
    out = tmp_path / "out"
    files = [str(tmp_path / "quiet.doodle"), str(tmp_path / "musical.doodle")]
    assert main(["export", *files, "--format", "mid", "--out", str(out)]) == 0
    assert [p.name for p in out.iterdir()] == ["musical.mid"]
    notes = [m for m in mido.MidiFile(out / "musical.mid").tracks[0] if m.type == "note_on"]
    assert notes
    assert main(["export", files[0], "--format", "mid", "--out", str(out)]) == 2
    assert "music" in capsys.readouterr().err


def test_bad_input_is_reported_and_skipped(saved, tmp_path, capsys):
    broken = tmp_path / "broken.doodle"
    broken.write_text("{nope")
    out = tmp_path / "out"
    code = main(["export", str(broken), str(saved), "--format", "png", "--out", str(out)])
    assert code == 1
    error = capsys.readouterr().err
    assert re.search(r"skipped .*broken\.doodle: bad JSON", error)
    assert (out / "palm.png").is_file()
    assert main(["export", "--format", "png", "--out", str(out)]) == 2
