"""Settings and classroom configuration; imports no Qt.

Doodle reads up to two JSON files, each an object of the keys below. Later files win:

1. built-in defaults;
2. the user's settings file, ``doodle.paths.user_config_path()``
   (Linux ``~/.config/Doodle/settings.json``, macOS ``~/Library/Application Support/Doodle/
   settings.json``, Windows ``%LOCALAPPDATA%\\Doodle\\settings.json``; ``DOODLE_CONFIG_DIR``
   overrides the folder). The settings dialog writes it;
3. the classroom (system-wide) file, ``doodle.paths.system_config_path()``
   (Linux ``/etc/doodle/classroom.json``, macOS ``/Library/Application Support/Doodle/
   classroom.json``, Windows ``%PROGRAMDATA%\\Doodle\\classroom.json``; ``DOODLE_SYSTEM_CONFIG``
   overrides the path). A key set here overrides the user's file and is locked in the dialog.

Keys (all optional):

=========================  ===============  ====================================================
key                        type             meaning
=========================  ===============  ====================================================
``save_folder``            string           folder for drawings (may be a network share);
                                            default: ``drawings`` in the user's data folder
``music_on``               bool             music plays when Doodle starts (default false: a
                                            quiet start; the music button turns it on)
``objects``                list of strings  objects offered to draw (model names such as
                                            ``"bear"``, ``"palm_tree"``); default: all
``children_may_export``    bool             children may export from the canvas (default true)
``kiosk``                  bool             full-screen kiosk mode (default false)
``language``               string           ``"en"``, ``"de"``, ...; absent: the system locale
``teacher_pin_hash``       string           salted hash of the teacher PIN
                                            (``doodle classroom hash-pin`` makes one); guards
                                            settings, deleting drawings and quitting
``print_straight_away``    bool             print to the default printer without a dialog
``idea_panes``             int 1..9         how many idea panes show other endings (default 6)
``hints_on``               bool             a ghost line hints at the next stroke (default true)
``pen_only``               bool             ignore touch once a pen has been seen, so a hand
                                            resting on a tablet does not draw (default false)
``models_url``             string           http(s) folder "More objects" downloads sketch
                                            models from (default: Magenta's published models;
                                            ``DOODLE_MODELS_URL`` overrides it)
=========================  ===============  ====================================================

A malformed file never stops Doodle: invalid JSON (or anything but an object) makes the whole
file ignored, a key with the wrong type or an unknown key is ignored alone; each case adds a
message naming the file and the key to ``LoadedSettings.messages``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doodle import paths

PIN_HASH_SCHEME = "pbkdf2_sha256"
_PIN_ITERATIONS = 200_000
_PIN_HASH_PATTERN = re.compile(r"^pbkdf2_sha256\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$")
_LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")
_OBJECT_PATTERN = re.compile(r"^[a-z0-9_ -]{1,64}$")


@dataclass(frozen=True)
class Settings:
    """The effective settings after defaults, user file and classroom file are merged."""

    save_folder: Path | None = None
    music_on: bool = False
    objects: tuple[str, ...] | None = None
    children_may_export: bool = True
    kiosk: bool = False
    language: str | None = None
    teacher_pin_hash: str | None = None
    print_straight_away: bool = False
    idea_panes: int = 6
    hints_on: bool = True
    pen_only: bool = False
    models_url: str | None = None

    @property
    def drawings_folder(self) -> Path:
        """Where drawings are saved: the configured folder or the user's default one."""
        return self.save_folder if self.save_folder is not None else paths.drawings_dir()

    @property
    def pin_required(self) -> bool:
        return self.teacher_pin_hash is not None

    def offers(self, object_name: str) -> bool:
        """Whether the object (a model name such as ``"palm_tree"``) is offered to children."""
        return self.objects is None or _object_key(object_name) in {
            _object_key(o) for o in self.objects
        }


@dataclass(frozen=True)
class LoadedSettings:
    """Settings plus where each key came from and what was wrong with the files."""

    settings: Settings
    sources: Mapping[str, str] = field(default_factory=dict)
    messages: tuple[str, ...] = ()

    def locked(self, key: str) -> bool:
        """True when the classroom file sets ``key`` (the user cannot change it)."""
        return self.sources.get(key) == "classroom"


def _object_key(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def _parse_path(value: Any) -> Path | None:
    if not isinstance(value, str) or not value.strip():
        raise TypeError("a folder path (non-empty string)")
    return Path(os.path.expandvars(os.path.expanduser(value.strip())))


def _parse_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true or false")
    return value


def _parse_objects(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(
        isinstance(item, str) and _OBJECT_PATTERN.match(_object_key(item)) for item in value
    ):
        raise TypeError('a list of object names such as ["bear", "palm_tree"]')
    return tuple(_object_key(item) for item in value)


def _parse_language(value: Any) -> str:
    if not isinstance(value, str) or not _LANGUAGE_PATTERN.match(value):
        raise TypeError('a language code such as "en" or "de"')
    return value


def _parse_pin_hash(value: Any) -> str:
    if not isinstance(value, str) or not _PIN_HASH_PATTERN.match(value):
        raise TypeError(f"a PIN hash '{PIN_HASH_SCHEME}$<iterations>$<salt>$<hash>'")
    return value


def _parse_idea_panes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
        raise TypeError("a whole number from 1 to 9")
    return value


def _parse_url(value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise TypeError("an http:// or https:// address")
    return value


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "save_folder": _parse_path,
    "music_on": _parse_bool,
    "objects": _parse_objects,
    "children_may_export": _parse_bool,
    "kiosk": _parse_bool,
    "language": _parse_language,
    "teacher_pin_hash": _parse_pin_hash,
    "print_straight_away": _parse_bool,
    "idea_panes": _parse_idea_panes,
    "hints_on": _parse_bool,
    "pen_only": _parse_bool,
    "models_url": _parse_url,
}
KEYS: tuple[str, ...] = tuple(_PARSERS)


def read_config_file(path: Path, messages: list[str]) -> dict[str, Any]:
    """The valid keys of one config file (missing file: empty); problems go to ``messages``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        messages.append(f"{path}: cannot be read ({error}); the whole file is ignored")
        return {}
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        messages.append(f"{path}: not valid JSON ({error}); the whole file is ignored")
        return {}
    if not isinstance(data, dict):
        messages.append(f"{path}: must hold a JSON object of settings; the whole file is ignored")
        return {}
    values: dict[str, Any] = {}
    for key, raw in data.items():
        parser = _PARSERS.get(key)
        if parser is None:
            known = ", ".join(KEYS)
            messages.append(f"{path}: unknown key {key!r} is ignored (known keys: {known})")
            continue
        if raw is None:
            continue
        try:
            values[key] = parser(raw)
        except TypeError as expected:
            messages.append(
                f"{path}: key {key!r} must be {expected}, got {json.dumps(raw)[:60]}; "
                "this key is ignored"
            )
    return values


def load_settings(user_path: Path | None = None, system_path: Path | None = None) -> LoadedSettings:
    """Defaults, overridden by the user's file, overridden by the classroom file."""
    user_path = user_path if user_path is not None else paths.user_config_path()
    system_path = system_path if system_path is not None else paths.system_config_path()
    messages: list[str] = []
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {key: "default" for key in KEYS}
    for source, path in (("user", user_path), ("classroom", system_path)):
        values = read_config_file(path, messages)
        merged.update(values)
        sources.update({key: source for key in values})
    return LoadedSettings(replace(Settings(), **merged), sources, tuple(messages))


def _to_json(key: str, value: Any) -> Any:
    if key == "save_folder":
        return str(value)
    if key == "objects":
        return list(value)
    return value


def save_user_settings(changes: Mapping[str, Any], path: Path | None = None) -> None:
    """Merge ``changes`` into the user's settings file (atomically); ``None`` removes a key.

    Values are validated with the same rules as when reading; a bad value raises ``ValueError``.
    """
    path = path if path is not None else paths.user_config_path()
    current: dict[str, Any] = {}
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(existing, dict):
            current = existing
    except (OSError, ValueError):
        current = {}
    for key, value in changes.items():
        if key not in _PARSERS:
            raise ValueError(f"unknown setting {key!r}")
        if value is None:
            current.pop(key, None)
            continue
        json_value = _to_json(key, value)
        try:
            _PARSERS[key](json_value)
        except TypeError as expected:
            raise ValueError(f"setting {key!r} must be {expected}") from None
        current[key] = json_value
    _write_json_atomically(path, current)


def _write_json_atomically(path: Path, data: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2, sort_keys=True)
            stream.write("\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def hash_pin(pin: str, salt: bytes | None = None, iterations: int = _PIN_ITERATIONS) -> str:
    """A salted PBKDF2-SHA256 hash of ``pin`` for ``teacher_pin_hash`` (the PIN is never stored)."""
    if not pin:
        raise ValueError("the PIN must not be empty")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{PIN_HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored_hash: str) -> bool:
    """Whether ``pin`` matches ``stored_hash`` (constant-time comparison)."""
    match = _PIN_HASH_PATTERN.match(stored_hash)
    if match is None:
        return False
    iterations, salt_hex, digest_hex = match.groups()
    digest = hashlib.pbkdf2_hmac(
        "sha256", pin.encode("utf-8"), bytes.fromhex(salt_hex), int(iterations)
    )
    return hmac.compare_digest(digest.hex(), digest_hex)


def teacher_allows(settings: Settings, pin: str | None) -> bool:
    """The PIN gate: open when no PIN is configured, otherwise only with the right PIN."""
    if settings.teacher_pin_hash is None:
        return True
    return pin is not None and verify_pin(pin, settings.teacher_pin_hash)
