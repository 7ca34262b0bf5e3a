"""A private Doodle user folder for benchmarks that run the real app.

The app autosaves drawings, writes an open-drawing marker and caches picker pictures in the
user's data folder; a benchmark must not touch the real one. The private folder's models
folder links to the models being measured, so the app offers exactly those (plus the
bundled ones). Imports no Qt.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from doodle.engine.contract import ModelInfo


@contextmanager
def private_user_folders(models: Sequence[ModelInfo]) -> Iterator[dict[str, str]]:
    """Environment variables that point Doodle at a temporary data and config folder."""
    # On a busy machine a background job of the closed window (a picker picture being cached)
    # can still write into the folder while it is removed; a leftover temporary folder is
    # harmless, a benchmark failing on it is not.
    with tempfile.TemporaryDirectory(
        prefix="doodle-bench-user-", ignore_cleanup_errors=True
    ) as folder:
        root = Path(folder)
        models_dir = root / "data" / "models"
        models_dir.mkdir(parents=True)
        for info in models:
            if not info.bundled:
                (models_dir / info.name).symlink_to(info.path.resolve(), target_is_directory=True)
        yield {"DOODLE_DATA_DIR": str(root / "data"), "DOODLE_CONFIG_DIR": str(root / "config")}


@contextmanager
def environment(variables: Mapping[str, str]) -> Iterator[None]:
    """Set ``variables`` in this process for the block, then put the old values back."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
