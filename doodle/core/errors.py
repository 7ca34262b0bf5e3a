"""The error types a user can cause; imports no Qt.

``DoodleFormatError`` is the one documented error for malformed input files (drawings, ndjson,
npz, model folders, configs): its message names the file and the problem, so the CLI can print
it and the UI can turn it into a friendly message.
"""

from __future__ import annotations

from pathlib import Path


class DoodleError(Exception):
    """Base class of errors a user can cause and act on."""


class DoodleFormatError(DoodleError, ValueError):
    """A file (or in-memory document) is malformed: wrong JSON, shapes, NaN, too large, ..."""

    def __init__(self, source: str | Path | None, problem: str) -> None:
        self.source = str(source) if source is not None else None
        self.problem = problem
        where = f"{self.source}: " if self.source else ""
        super().__init__(f"{where}{problem}")


class ModelError(DoodleError):
    """A model folder cannot be used (missing, corrupt, wrong contract)."""
