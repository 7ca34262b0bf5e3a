"""Settings and classroom config: precedence, malformed files and keys, the PIN gate."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from doodle import paths
from doodle.config import (
    KEYS,
    Settings,
    hash_pin,
    load_settings,
    save_user_settings,
    teacher_allows,
    verify_pin,
)


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_every_settings_field_has_a_parser():
    assert set(KEYS) == {f.name for f in fields(Settings)}


def test_defaults_without_files():
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.messages == ()
    assert loaded.settings.drawings_folder == paths.drawings_dir()
    assert set(loaded.sources.values()) == {"default"}


def test_classroom_overrides_user(tmp_path):
    _write(paths.user_config_path(), {"music_on": True, "language": "fr", "kiosk": False})
    _write(paths.system_config_path(), {"language": "de", "kiosk": True})
    loaded = load_settings()
    assert loaded.settings.language == "de"
    assert loaded.settings.kiosk is True
    assert loaded.settings.music_on is True  # only the user's file sets it
    assert loaded.sources["language"] == "classroom"
    assert loaded.sources["music_on"] == "user"
    assert loaded.locked("language") and not loaded.locked("music_on")


def test_all_keys_are_read(tmp_path):
    pin_hash = hash_pin("4321")
    share = tmp_path / "share" / "drawings"
    _write(
        paths.system_config_path(),
        {
            "save_folder": str(share),
            "music_on": False,
            "objects": ["bear", "Palm tree"],
            "children_may_export": False,
            "kiosk": True,
            "language": "de",
            "teacher_pin_hash": pin_hash,
            "print_straight_away": True,
        },
    )
    loaded = load_settings()
    assert loaded.messages == ()
    settings = loaded.settings
    assert settings.drawings_folder == share
    assert settings.objects == ("bear", "palm_tree")
    assert settings.offers("palm_tree") and settings.offers("bear")
    assert not settings.offers("dog")
    assert not settings.children_may_export and settings.kiosk and settings.print_straight_away
    assert settings.teacher_pin_hash == pin_hash and settings.pin_required


def test_wrong_type_ignores_only_that_key():
    system = _write(
        paths.system_config_path(),
        {"music_on": "yes", "kiosk": True, "objects": "bear", "language": 7},
    )
    loaded = load_settings()
    assert loaded.settings.kiosk is True
    assert loaded.settings.music_on is False  # the default, not "yes"
    assert loaded.settings.objects is None
    assert loaded.settings.language is None
    assert len(loaded.messages) == 3
    assert all(str(system) in message for message in loaded.messages)
    assert any("'music_on'" in m and "true or false" in m for m in loaded.messages)


def test_unknown_key_is_reported():
    _write(paths.user_config_path(), {"kiosk": True, "colour": "red"})
    loaded = load_settings()
    assert loaded.settings.kiosk is True
    assert len(loaded.messages) == 1 and "'colour'" in loaded.messages[0]


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '"kiosk"', "\ufeff{"])
def test_bad_file_is_ignored_whole(text):
    _write(paths.user_config_path(), {"kiosk": True})
    system = _write(paths.system_config_path(), text)
    loaded = load_settings()
    assert loaded.settings.kiosk is True  # the user's file still counts
    assert len(loaded.messages) == 1
    assert str(system) in loaded.messages[0] and "whole file is ignored" in loaded.messages[0]


def test_unreadable_bytes_are_reported():
    system = paths.system_config_path()
    system.parent.mkdir(parents=True, exist_ok=True)
    system.write_bytes(b"\xff\xfe\x00garbage")
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert len(loaded.messages) == 1


def test_bad_pin_hash_is_ignored():
    _write(paths.system_config_path(), {"teacher_pin_hash": "1234"})
    loaded = load_settings()
    assert loaded.settings.teacher_pin_hash is None
    assert "teacher_pin_hash" in loaded.messages[0]


def test_save_user_settings_round_trip(tmp_path):
    folder = tmp_path / "class"
    save_user_settings({"save_folder": folder, "objects": ("bear",), "music_on": False})
    save_user_settings({"objects": None, "language": "de"})
    stored = json.loads(paths.user_config_path().read_text())
    assert stored == {"save_folder": str(folder), "music_on": False, "language": "de"}
    settings = load_settings().settings
    assert settings.drawings_folder == folder and settings.objects is None
    with pytest.raises(ValueError, match="kiosk"):
        save_user_settings({"kiosk": "yes"})
    with pytest.raises(ValueError, match="unknown"):
        save_user_settings({"volume": 3})


def test_pin_is_stored_as_salted_hash():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert "2468" not in first
    assert first != second  # a fresh salt each time
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)
    assert not verify_pin("2468", "pbkdf2_sha256$1$00$00")
    with pytest.raises(ValueError):
        hash_pin("")


def test_pin_gate():
    open_settings = Settings()
    assert teacher_allows(open_settings, None)
    guarded = Settings(teacher_pin_hash=hash_pin("1357", iterations=1000))
    assert not teacher_allows(guarded, None)
    assert not teacher_allows(guarded, "")
    assert not teacher_allows(guarded, "7531")
    assert teacher_allows(guarded, "1357")


def test_classroom_command_makes_a_pin_hash(monkeypatch, capsys):
    import io

    from doodle.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("8642\n"))
    assert main(["classroom", "hash-pin"]) == 0
    made = capsys.readouterr().out.strip()
    assert verify_pin("8642", made) and "8642" not in made
    _write(paths.system_config_path(), {"teacher_pin_hash": made, "kiosk": 1})
    assert main(["classroom", "show"]) == 1
    shown = capsys.readouterr()
    assert str(paths.system_config_path()) in shown.out
    assert re.search(r"teacher_pin_hash\s+\"\(set\)\"\s+classroom", shown.out)
    assert "'kiosk'" in shown.err
