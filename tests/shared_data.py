"""The one helper through which tests find the shared reference data.

The data (pretrained Magenta models, real Quick, Draw! drawings, the aaron_sheep dataset) is
never copied into the repository. ``DOODLE_SHARED_DATA`` points at it; the default is
``../shared/data`` beside the repository. Tests that need it skip with a clear reason if absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    return Path(os.environ.get("DOODLE_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


def require_shared(*parts: str) -> Path:
    """Path to a file or folder of the shared data, or skip the test saying what is missing."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"shared reference data not found at {path} "
            "(set DOODLE_SHARED_DATA to the folder described in the README)"
        )
    return path
