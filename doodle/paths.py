"""The one place that knows where Doodle's files live.

Bundled models and assets ship inside the wheel (under ``doodle/_bundled``); in a source
checkout they sit at the repository root. User data (drawings, imported models, caches) lives
in the per-user data folder from platformdirs, which ``DOODLE_DATA_DIR`` overrides (tests use
it to stay out of the real home folder). Imports no Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "Doodle"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE_DIR / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def bundled_models_dir() -> Path:
    """Folder of the models that ship with Doodle (``models_onnx/``)."""
    override = os.environ.get("DOODLE_BUNDLED_MODELS_DIR")
    return Path(override) if override else _bundled("models_onnx")


def assets_dir() -> Path:
    """Folder of icons, translations and other shipped assets (``assets/``)."""
    return _bundled("assets")


def user_dir() -> Path:
    """The user's Doodle data folder (created on demand)."""
    override = os.environ.get("DOODLE_DATA_DIR")
    path = Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_models_dir() -> Path:
    """Models the user imported or downloaded; same folder contract as the bundled ones."""
    path = user_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def drawings_dir() -> Path:
    """Default save folder for drawings (classroom settings may point elsewhere)."""
    path = user_dir() / "drawings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Regenerable files such as picker thumbnails."""
    path = user_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_path() -> Path:
    """The user's own settings file."""
    override = os.environ.get("DOODLE_CONFIG_DIR")
    base = Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))
    return base / "settings.json"


def system_config_path() -> Path:
    """The classroom (system-wide) config file, which overrides user settings.

    Linux: /etc/doodle/classroom.json; macOS: /Library/Application Support/Doodle/classroom.json;
    Windows: %PROGRAMDATA%\\Doodle\\classroom.json. ``DOODLE_SYSTEM_CONFIG`` overrides it.
    """
    override = os.environ.get("DOODLE_SYSTEM_CONFIG")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME / "classroom.json"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "classroom.json"
    return Path("/etc/doodle/classroom.json")


def fallback_drawings_dir() -> Path:
    """Where drawings are kept when the save folder cannot be written (read-only, full, gone)."""
    path = user_dir() / "unsaved-drawings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_drawing_marker_path() -> Path:
    """Names the drawing that is open; it survives a crash so the next start reopens it."""
    return user_dir() / "open-drawing.json"
