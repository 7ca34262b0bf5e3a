"""Which models ``doodle bench`` measures: the installed ones, or ones imported for the run.

Installed models are the bundled folder plus the user's models (the same places the app reads).
Before any model is installed, ``--magenta FILE`` imports Magenta ``.gen.json`` files into a
temporary folder that lives only for the run. Imports no Qt.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from doodle.core.errors import ModelError
from doodle.engine import contract
from doodle.engine.registry import ModelRegistry


def installed_models(skipped: list[str] | None = None) -> list[contract.ModelInfo]:
    """The sketch models the app would offer (bundled and user, a user model shadowing a
    bundled one of the same name); unusable folders are described in ``skipped``."""
    registry = ModelRegistry()
    if skipped is not None:
        skipped.extend(registry.problems().values())
    return registry.list()


def select_models(
    models: Sequence[contract.ModelInfo], wanted: Sequence[str] | None
) -> list[contract.ModelInfo]:
    """Keep the models named in ``wanted`` (all when empty); unknown names are an error."""
    if not wanted:
        return list(models)
    by_name = {info.name: info for info in models}
    missing = [name for name in wanted if name not in by_name]
    if missing:
        known = ", ".join(sorted(by_name)) or "none"
        raise ModelError(f"no installed model named {', '.join(missing)} (installed: {known})")
    return [by_name[name] for name in wanted]


@contextmanager
def imported_magenta_models(
    files: Sequence[Path], taken: Sequence[str] = ()
) -> Iterator[list[contract.ModelInfo]]:
    """Import Magenta files into a temporary models folder for the length of the block.

    A model whose name is ``taken`` (an installed model) is imported as ``<name>-magenta``,
    so both can be measured in one run.
    """
    from doodle.engine.magenta import default_name, import_magenta

    with tempfile.TemporaryDirectory(prefix="doodle-bench-models-") as folder:
        imported = []
        for file in files:
            name = default_name(Path(file))
            if name in taken:
                name = f"{name}-magenta"
            try:
                imported.append(import_magenta(Path(file), Path(folder), name=name))
            except FileExistsError:
                raise ModelError(f"{file}: imported twice (two files with the same name)") from None
        yield imported


def size_classes(models: Sequence[contract.ModelInfo]) -> list[contract.ModelInfo]:
    """One representative model per (kind, hidden size): decoder-step cost depends only on it."""
    chosen: dict[tuple[str, int], contract.ModelInfo] = {}
    for info in models:
        chosen.setdefault((info.kind, info.hidden_size), info)
    return list(chosen.values())


@contextmanager
def registry_of(models: Sequence[contract.ModelInfo]) -> Iterator[ModelRegistry]:
    """A ``ModelRegistry`` that sees exactly ``models`` (installed or imported for the run).

    The registry reads folders by name, so a temporary folder of links to the chosen model
    folders gives it the same set of models the other figures use.
    """
    with tempfile.TemporaryDirectory(prefix="doodle-bench-registry-") as folder:
        root = Path(folder)
        for info in models:
            (root / info.name).symlink_to(info.path.resolve(), target_is_directory=True)
        yield ModelRegistry(bundled_dir=root / "none", user_dir=root)
