"""Every object Doodle ships a drawing model for has its own key and instrument."""

from __future__ import annotations

import json

from doodle import paths
from doodle.music.objects import DEFAULT_MUSIC, INSTRUMENTS, OBJECT_MUSIC, music_for


def _bundled_classes() -> set[str]:
    classes = set()
    for model_json in paths.bundled_models_dir().glob("*/model.json"):
        meta = json.loads(model_json.read_text("utf-8"))
        if meta.get("kind") == "gen":
            classes.add(meta.get("provenance", {}).get("class_name", meta["name"]))
    return classes


def test_every_bundled_object_has_its_own_music():
    classes = _bundled_classes()
    assert classes
    for name in classes:
        assert name in OBJECT_MUSIC, f"{name} would play the default music"
        assert music_for(name) is not DEFAULT_MUSIC
    assert music_for("Palm tree") == OBJECT_MUSIC["palm_tree"]  # labels find it too


def test_object_music_uses_known_instruments_in_a_singable_range():
    for name, music in OBJECT_MUSIC.items():
        assert music.instrument in INSTRUMENTS, name
        assert 48 <= music.tonic_midi <= 84, name
