"""Fuzzing the model folder contract check: a bad ``model.json`` raises ``ModelError`` only."""

from __future__ import annotations

import json
import shutil

import pytest

from doodle.engine.contract import check_model_folder, read_model_json
from doodle.engine.recognize import Classifier
from doodle.engine.registry import ModelRegistry
from doodle.music.model import read_model_info
from tests.bench.model_factory import write_tiny_model
from tests.fuzz.fuzzing import (
    BUDGETS,
    DOCUMENTED_ERRORS,
    corrupt_bytes,
    deeply_nested_json,
    fuzz,
    mutated_json,
)


@pytest.fixture
def model_folder(tmp_path):
    info = write_tiny_model(tmp_path / "models", "tiny")
    return info.path


def _check(folder, data: bytes) -> None:
    (folder / "model.json").write_bytes(data)
    for reader in (read_model_json, check_model_folder):
        try:
            info = reader(folder)
        except DOCUMENTED_ERRORS:
            continue
        assert info.hidden_size > 0 and info.max_seq_len > 0
        assert info.scale_factor > 0 and info.pixel_factor > 0
    # The registry scans the folder at start-up: a bad model is a problem entry, never a crash.
    registry = ModelRegistry(bundled_dir=folder.parent / "none", user_dir=folder.parent)
    registry.list()
    registry.problems()
    # The other model families read the same file name.
    for other_reader in (Classifier, read_model_info):
        try:
            other_reader(folder)
        except DOCUMENTED_ERRORS:
            pass


@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_model_json(model_folder, examples):
    valid = json.loads((model_folder / "model.json").read_text())
    fuzz(mutated_json(valid), lambda data: _check(model_folder, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_model_json_bytes(model_folder, examples):
    valid = (model_folder / "model.json").read_bytes()
    fuzz(corrupt_bytes(valid), lambda data: _check(model_folder, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_graph_bytes(model_folder, tmp_path, examples):
    graph = model_folder / "decoder_step.onnx"
    original = graph.read_bytes()

    def check(data: bytes) -> None:
        graph.write_bytes(data)
        try:
            check_model_folder(model_folder)
        except DOCUMENTED_ERRORS:
            pass
        graph.write_bytes(original)

    fuzz(corrupt_bytes(original), check, examples)


def test_deeply_nested_model_json(model_folder):
    _check(model_folder, deeply_nested_json())


def test_model_json_that_is_a_folder(model_folder):
    (model_folder / "model.json").unlink()
    (model_folder / "model.json").mkdir()
    with pytest.raises(DOCUMENTED_ERRORS):
        check_model_folder(model_folder)
    shutil.rmtree(model_folder / "model.json")
