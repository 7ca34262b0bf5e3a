"""`doodle recognize FILE [--top N] [--json]`: output shape, input formats, clear errors."""

from __future__ import annotations

import json

import numpy as np
import pytest

from doodle import paths
from doodle.cli import main
from doodle.core.drawing import Drawing, Stroke
from doodle.core.fileformat import save_drawing
from doodle.engine.magenta import import_magenta
from tests.engine.helpers import magenta_document, write_magenta
from tests.engine.test_recognize import SIZE, write_linear_classifier


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """Two small models and a classifier that tells flat lines from tall ones."""
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(tmp_path / "no-bundled"))
    for seed, name in ((1, "flat"), (2, "tall")):
        source = write_magenta(tmp_path / f"{name}.gen.json", magenta_document("gen", seed=seed))
        import_magenta(source, paths.user_models_dir(), name=name)
    row = np.zeros((SIZE, SIZE))
    row[SIZE // 2 - 1 : SIZE // 2 + 1, :] = 0.5
    weights = np.stack([row.ravel(), row.T.ravel()], axis=1)
    write_linear_classifier(paths.user_models_dir() / "recognizer", ["flat", "tall"], weights)


def _ndjson_line(word: str, strokes: list[list[list[int]]]) -> str:
    return json.dumps(
        {
            "word": word,
            "countrycode": "GB",
            "timestamp": "",
            "recognized": True,
            "key_id": "1",
            "drawing": strokes,
        }
    )


def test_json_output_has_one_entry_per_drawing_in_order(installed, tmp_path, capsys):
    file = tmp_path / "two.ndjson"
    file.write_text(
        _ndjson_line("x", [[[0, 100], [50, 50]]]) + "\n" + _ndjson_line("y", [[[5, 5], [0, 90]]])
    )
    assert main(["recognize", str(file), "--json", "--top", "2"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert isinstance(entries, list) and len(entries) == 2
    for entry in entries:
        assert list(entry) == ["top"] and len(entry["top"]) == 2
        for guess in entry["top"]:
            assert set(guess) == {"name", "score"}
            assert isinstance(guess["name"], str) and 0.0 <= guess["score"] <= 1.0
    assert entries[0]["top"][0]["name"] == "flat"
    assert entries[1]["top"][0]["name"] == "tall"


def test_doodle_drawing_files_are_read(installed, tmp_path, capsys):
    drawing = Drawing()
    points = [(x, 200.0, 1.0, 0.01 * x) for x in range(0, 300, 10)]
    drawing.add(Stroke(np.array(points, np.float32)))
    save_drawing(tmp_path / "line.doodle", drawing)
    assert main(["recognize", str(tmp_path / "line.doodle")]) == 0
    assert capsys.readouterr().out.startswith("1: flat")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"word": "x", "drawing": [[[1, 2], [3]]]}\n', "line 1"),
        (b"\x89PNG\r\n\x1a\n....", ""),
        (b'{"word": "x", "drawing": [[[1, 2], [3, 4]]]}\n{"word": broken}\n', "line 2"),
    ],
)
def test_malformed_input_is_a_clear_error_with_status_2(
    installed, tmp_path, capsys, content, problem
):
    file = tmp_path / "bad.ndjson"
    file.write_bytes(content)
    assert main(["recognize", str(file), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "doodle recognize:" in captured.err and str(file) in captured.err
    assert problem in captured.err


def test_missing_file_and_bad_options(installed, tmp_path, capsys):
    assert main(["recognize", str(tmp_path / "nope.ndjson")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["recognize"]) == 2
    assert main(["recognize", str(tmp_path / "nope.ndjson"), "--top", "0"]) == 2


def test_evaluate_reports_accuracy_for_complete_drawings_and_first_strokes(
    installed, tmp_path, capsys
):
    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "flat.ndjson").write_text(
        _ndjson_line("flat", [[[0, 100], [50, 50]], [[0, 100], [60, 60]]]) + "\n"
    )
    (folder / "tall.ndjson").write_text(_ndjson_line("tall", [[[5, 5], [0, 90]]]) + "\n")
    (folder / "cat.ndjson").write_text(_ndjson_line("cat", [[[5, 5], [0, 90]]]) + "\n")
    assert main(["recognize", "--evaluate", str(folder)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["classes"] == ["flat", "tall"]  # no model draws cats
    for key in ("complete", "first_1_strokes", "first_2_strokes", "first_3_strokes"):
        assert report[key] == {"top1": 1.0, "top3": 1.0, "drawings": 2}
    assert report["top1_by_class"] == {"flat": 1.0, "tall": 1.0}
