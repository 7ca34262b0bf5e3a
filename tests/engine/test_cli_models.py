"""`doodle models import | list | remove` through the real command-line entry point."""

from __future__ import annotations

import json
from pathlib import Path

from doodle import paths
from doodle.cli import main


def test_import_list_remove(small_gen_file: Path, capsys) -> None:
    assert main(["models", "import", str(small_gen_file), "--name", "tiny"]) == 0
    assert (paths.user_models_dir() / "tiny" / "decoder_step.onnx").is_file()
    assert main(["models", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    user_models = [m for m in listed["models"] if m["source"] == "user"]
    assert [(m["name"], m["label"], m["kind"]) for m in user_models] == [("tiny", "Tiny", "gen")]
    assert main(["models", "import", str(small_gen_file), "--name", "tiny"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["models", "remove", "tiny"]) == 0
    assert not (paths.user_models_dir() / "tiny").exists()
    assert main(["models", "remove", "tiny"]) == 1
    assert "no user model named 'tiny'" in capsys.readouterr().err


def test_import_of_bad_file_reports_and_leaves_nothing(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.gen.json"
    bad.write_text("[1, 2")
    assert main(["models", "import", str(bad)]) == 2
    assert "bad.gen.json" in capsys.readouterr().err
    assert list(paths.user_models_dir().iterdir()) == []


def test_remove_refuses_paths(capsys) -> None:
    assert main(["models", "remove", "../models"]) == 1
    assert main(["models", "remove", ".."]) == 1
    assert paths.user_models_dir().is_dir()
