"""Real models for tests: Magenta's published models imported from the shared data, and a
bundled-models folder that holds only the shipped recogniser.

Both skip (through ``require_shared``) with a clear reason when the shared data is absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from doodle.engine.magenta import import_magenta
from doodle.engine.recognize import RECOGNIZER_FOLDER
from tests.shared_data import REPO_ROOT, require_shared


def import_magenta_models(folder: Path, names: Iterable[str]) -> Path:
    """``folder`` holding the Magenta models ``names`` imported through the engine."""
    for name in names:
        import_magenta(require_shared("magenta", f"{name}.gen.json"), folder)
    return folder


def bundle_only_the_recognizer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bundled-models folder with only the shipped recogniser, set as the app's bundled
    models for this test."""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / RECOGNIZER_FOLDER).symlink_to(REPO_ROOT / "models_onnx" / RECOGNIZER_FOLDER)
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(bundled))
    return bundled
