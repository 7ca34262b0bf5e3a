"""Fixtures for engine tests: small Magenta-format model files and imported model folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from doodle.engine.magenta import import_magenta
from doodle.engine.model import LoadedModel
from tests.engine.helpers import magenta_document, write_magenta


@pytest.fixture
def small_gen_file(tmp_path: Path) -> Path:
    return write_magenta(tmp_path / "small.gen.json", magenta_document("gen"))


@pytest.fixture
def small_vae_file(tmp_path: Path) -> Path:
    return write_magenta(tmp_path / "smallvae.vae.json", magenta_document("vae", seed=1))


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    return folder


@pytest.fixture
def small_gen(small_gen_file: Path, models_dir: Path) -> LoadedModel:
    return LoadedModel(import_magenta(small_gen_file, models_dir))


@pytest.fixture
def small_vae(small_vae_file: Path, models_dir: Path) -> LoadedModel:
    return LoadedModel(import_magenta(small_vae_file, models_dir))
