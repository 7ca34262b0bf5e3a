"""Fuzzing the classroom config: a malformed file never raises, it yields messages instead."""

from __future__ import annotations

import json

import pytest

from doodle.config import KEYS, Settings, load_settings
from tests.fuzz.fuzzing import (
    BUDGETS,
    corrupt_or_random_bytes,
    deeply_nested_json,
    fuzz,
    mutated_json,
)

VALID = {
    "save_folder": "/srv/class/drawings",
    "music_on": False,
    "objects": ["bear", "palm_tree"],
    "children_may_export": False,
    "kiosk": True,
    "language": "de",
    "print_straight_away": True,
}


def _check(folder, data: bytes) -> None:
    classroom = folder / "classroom.json"
    classroom.write_bytes(data)
    loaded = load_settings(user_path=folder / "missing.json", system_path=classroom)
    assert isinstance(loaded.settings, Settings)
    for message in loaded.messages:
        assert str(classroom) in message
    for key in KEYS:
        assert loaded.sources[key] in ("default", "classroom")
    if loaded.messages:
        return
    # Nothing reported: every key of the file was taken over exactly.
    document = json.loads(data)
    assert {k for k, v in document.items() if v is not None} == {
        k for k, s in loaded.sources.items() if s == "classroom"
    }


@pytest.mark.parametrize("examples", BUDGETS)
def test_mutated_config(tmp_path, examples):
    fuzz(mutated_json(VALID), lambda data: _check(tmp_path, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_config_bytes(tmp_path, examples):
    valid = json.dumps(VALID).encode()
    fuzz(corrupt_or_random_bytes(valid), lambda d: _check(tmp_path, d), examples)


def test_deeply_nested_config(tmp_path):
    _check(tmp_path, deeply_nested_json())
    _check(tmp_path, b'{"objects": ' + deeply_nested_json(50_000) + b"}")
