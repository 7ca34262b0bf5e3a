"""The models Doodle can use: bundled folders plus the user's imported ones.

A user model with the same name as a bundled one takes its place (a teacher can install a
newer or better version without touching the installation); removing the user model brings
the bundled one back. Folders that break the contract are left out of ``list()`` and reported
by ``problems()``. Folders whose names start with a dot (imports in progress) are ignored,
and so are ``recognizer`` and folders of other model families (melody, recogniser kinds).
Sessions open lazily in ``get()``. Imports no Qt.
"""

from __future__ import annotations

import threading
from pathlib import Path

from doodle import paths
from doodle.core.errors import ModelError
from doodle.engine.contract import ModelInfo, check_model_folder, is_other_model_family
from doodle.engine.model import LoadedModel

__all__ = ["LoadedModel", "ModelInfo", "ModelRegistry"]


# The drawing recogniser's folder sits beside the sketch models but is not one of them.
NOT_SKETCH_MODELS = frozenset({"recognizer"})


def _model_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and p.name not in NOT_SKETCH_MODELS
        and not is_other_model_family(p)
    )


def _folder_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of a folder's files: unchanged means same model."""
    try:
        entries = sorted(folder.iterdir())
        return tuple(
            (entry.name, stat.st_size, stat.st_mtime_ns)
            for entry in entries
            if entry.is_file() and (stat := entry.stat())
        )
    except OSError:
        return ()


class ModelRegistry:
    """Bundled + user models by name; ``refresh()`` rescans the folders."""

    def __init__(self, bundled_dir: Path | None = None, user_dir: Path | None = None) -> None:
        self._bundled_dir = bundled_dir
        self._user_dir = user_dir
        self._infos: dict[str, ModelInfo] = {}
        self._problems: dict[str, str] = {}
        self._loaded: dict[str, LoadedModel] = {}
        # Folder check results by (folder, bundled, signature): a rescan re-checks only changes.
        self._checked: dict[tuple[Path, bool], tuple[tuple, ModelInfo | str]] = {}
        self._scanned = False
        self._lock = threading.RLock()

    @property
    def bundled_dir(self) -> Path:
        return self._bundled_dir if self._bundled_dir is not None else paths.bundled_models_dir()

    @property
    def user_dir(self) -> Path:
        return self._user_dir if self._user_dir is not None else paths.user_models_dir()

    def refresh(self) -> None:
        """Rescan both folders: pick up added, changed and removed models."""
        infos: dict[str, ModelInfo] = {}
        problems: dict[str, str] = {}
        checked: dict[tuple[Path, bool], tuple[tuple, ModelInfo | str]] = {}
        for root, bundled in ((self.bundled_dir, True), (self.user_dir, False)):
            for folder in _model_folders(root):
                key = (folder, bundled)
                signature = _folder_signature(folder)
                previous = self._checked.get(key)
                if previous is not None and previous[0] == signature:
                    outcome = previous[1]
                else:
                    try:
                        outcome = check_model_folder(folder, bundled=bundled)
                    except ModelError as error:
                        outcome = str(error)
                checked[key] = (signature, outcome)
                if isinstance(outcome, str):
                    problems[str(folder)] = outcome
                else:
                    infos[outcome.name] = outcome
        with self._lock:
            self._checked = checked
            for name, loaded in list(self._loaded.items()):
                if infos.get(name) != loaded.info:
                    del self._loaded[name]
            self._infos = infos
            self._problems = problems
            self._scanned = True

    def _ensure_scanned(self) -> None:
        if not self._scanned:
            self.refresh()

    def list(self) -> list[ModelInfo]:
        """Usable models, sorted by label."""
        self._ensure_scanned()
        with self._lock:
            return sorted(self._infos.values(), key=lambda info: (info.label.lower(), info.name))

    def problems(self) -> dict[str, str]:
        """Model folders that were left out, with the reason (folder path -> message)."""
        self._ensure_scanned()
        with self._lock:
            return dict(self._problems)

    def info(self, name: str) -> ModelInfo:
        self._ensure_scanned()
        with self._lock:
            found = self._infos.get(name)
        if found is None:
            raise ModelError(f"no model named {name!r}")
        return found

    def __contains__(self, name: object) -> bool:
        self._ensure_scanned()
        with self._lock:
            return name in self._infos

    def get(self, name: str) -> LoadedModel:
        """The model ready to run; sessions open on first use. ``ModelError`` if unusable."""
        info = self.info(name)
        if not info.path.is_dir():
            with self._lock:
                self._loaded.pop(name, None)
            raise ModelError(f"model {name!r} was removed from {info.path}")
        with self._lock:
            loaded = self._loaded.get(name)
            if loaded is None:
                loaded = LoadedModel(info)
                self._loaded[name] = loaded
            return loaded
