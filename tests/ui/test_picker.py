"""The object picker: one picture button per offered model, drawn by the model itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from doodle.config import Settings
from doodle.engine import thumbnails
from doodle.engine.magenta import import_magenta
from doodle.engine.registry import ModelRegistry
from doodle.ui.main_window import MainWindow
from doodle.ui.picker_setup import attach_object_picker
from tests.real_models import import_magenta_models
from tests.shared_data import require_shared

PICTURE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def picker_models(tmp_path_factory) -> Path:
    names = ("bear", "bicycle", "palm_tree")
    return import_magenta_models(tmp_path_factory.mktemp("picker-models"), names)


@pytest.fixture
def user_models(picker_models, tmp_path) -> Path:
    """A private, changeable copy of the imported models."""
    folder = tmp_path / "user-models"
    shutil.copytree(picker_models, folder)
    return folder


def _window(qtbot, tmp_path, user_models, settings=None):
    empty = tmp_path / "no-bundled"
    empty.mkdir(exist_ok=True)
    window = MainWindow(ModelRegistry(bundled_dir=empty, user_dir=user_models))
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    parts = attach_object_picker(window, settings or Settings())
    window.show()
    qtbot.waitExposed(window)
    return window, parts


def _all_pictures_drawn(picker) -> bool:
    return all(button.has_picture for button in picker.buttons().values())


def test_one_picture_button_per_model_and_choosing_switches_the_model(qtbot, tmp_path, user_models):
    window, parts = _window(qtbot, tmp_path, user_models)
    picker = parts.picker.picker
    assert picker.names() == ["bear", "bicycle", "palm_tree"]
    assert [b.text() for b in picker.buttons().values()] == ["Bear", "Bicycle", "Palm tree"]
    qtbot.waitUntil(lambda: _all_pictures_drawn(picker), timeout=PICTURE_TIMEOUT_MS)
    for button in picker.buttons().values():
        image = button.icon().pixmap(64, 64).toImage()
        inked = sum(
            image.pixelColor(x, y).alpha() > 0 for x in range(0, 64, 2) for y in range(0, 64, 2)
        )
        assert inked > 20, f"{button.name}: the picture is (nearly) empty"
    # The picture is cached on disk, keyed by the model's fingerprint.
    cached = list((thumbnails.paths.cache_dir() / "thumbnails").glob("*.json"))
    assert sorted(p.name.rsplit("-", 1)[0] for p in cached) == ["bear", "bicycle", "palm_tree"]

    parts.picker.current_button.click()
    assert parts.picker.popup.isVisible()
    qtbot.mouseClick(picker.buttons()["palm_tree"], Qt.MouseButton.LeftButton)
    assert window.active_model() == "palm_tree"
    assert not parts.picker.popup.isVisible()
    assert picker.buttons()["palm_tree"].isChecked()
    assert not picker.buttons()["bear"].isChecked()
    assert parts.picker.current_button.text() == "Palm tree"


def test_picker_follows_models_added_and_removed(qtbot, tmp_path, user_models):
    window, parts = _window(qtbot, tmp_path, user_models)
    picker = parts.picker.picker
    import_magenta(require_shared("magenta", "key.gen.json"), user_models)
    shutil.rmtree(user_models / "bicycle")
    window.draw_along.refresh_models()
    assert picker.names() == ["bear", "key", "palm_tree"]
    qtbot.waitUntil(lambda: picker.buttons()["key"].has_picture, timeout=PICTURE_TIMEOUT_MS)


def test_classroom_objects_limit_the_picker(qtbot, tmp_path, user_models):
    settings = Settings(objects=("palm tree", "bear"))
    _window_, parts = _window(qtbot, tmp_path, user_models, settings)
    assert parts.picker.picker.names() == ["bear", "palm_tree"]


def test_a_replaced_model_gets_a_new_picture(user_models):
    registry = ModelRegistry(bundled_dir=user_models / "none", user_dir=user_models)
    first = thumbnails.thumbnail_path("bear", user_models / "bear")
    drawing = thumbnails.model_drawing(registry.get("bear"))
    assert first.is_file() and sum(len(s) for s in drawing) >= thumbnails.MIN_POINTS
    assert thumbnails.model_drawing(registry.get("bear"))[0].tolist() == drawing[0].tolist()
    meta = user_models / "bear" / "model.json"
    meta.write_text(meta.read_text().replace('"label": "Bear"', '"label": "Big Bear"'))
    assert thumbnails.thumbnail_path("bear", user_models / "bear") != first


def test_pictures_of_removed_models_leave_the_cache(qtbot, tmp_path, user_models):
    window, parts = _window(qtbot, tmp_path, user_models)
    picker = parts.picker.picker
    qtbot.waitUntil(lambda: _all_pictures_drawn(picker), timeout=PICTURE_TIMEOUT_MS)
    shutil.rmtree(user_models / "bicycle")
    window.draw_along.refresh_models()
    cached = (thumbnails.paths.cache_dir() / "thumbnails").glob("*.json")
    assert sorted(p.name.rsplit("-", 1)[0] for p in cached) == ["bear", "palm_tree"]
