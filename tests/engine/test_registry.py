"""The model registry: bundled + user folders, overrides, refresh, broken and vanished models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from doodle import paths
from doodle.core.errors import ModelError
from doodle.engine import registry as registry_module
from doodle.engine.magenta import import_magenta
from doodle.engine.registry import ModelRegistry


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    bundled.mkdir()
    user.mkdir()
    return bundled, user


def _relabel(folder: Path, label: str) -> None:
    meta = json.loads((folder / "model.json").read_text())
    meta["label"] = label
    (folder / "model.json").write_text(json.dumps(meta))


def test_empty_folders_give_no_models(dirs) -> None:
    registry = ModelRegistry(*dirs)
    assert registry.list() == [] and registry.problems() == {}
    with pytest.raises(ModelError, match="no model named 'bear'"):
        registry.get("bear")


def test_default_folders_come_from_paths(small_gen_file: Path) -> None:
    import_magenta(small_gen_file, paths.user_models_dir())
    registry = ModelRegistry()
    assert registry.user_dir == paths.user_models_dir()
    assert [info.name for info in registry.list() if not info.bundled] == ["small"]


def test_user_model_overrides_bundled_of_same_name(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, bundled, name="cat")
    import_magenta(small_gen_file, bundled, name="dog")
    import_magenta(small_gen_file, user, name="cat")
    _relabel(user / "cat", "My cat")
    registry = ModelRegistry(bundled, user)
    infos = {info.name: info for info in registry.list()}
    assert set(infos) == {"cat", "dog"}
    assert infos["cat"].label == "My cat" and not infos["cat"].bundled
    assert infos["dog"].bundled
    assert registry.get("cat").info.path == user / "cat"
    shutil.rmtree(user / "cat")
    registry.refresh()
    assert registry.get("cat").info.path == bundled / "cat"
    assert registry.info("cat").bundled


def test_broken_folder_is_reported_and_others_still_listed(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, user, name="good")
    broken = user / "broken"
    broken.mkdir()
    (broken / "model.json").write_text("[]")
    (user / ".import-in-progress").mkdir()
    registry = ModelRegistry(bundled, user)
    assert [info.name for info in registry.list()] == ["good"]
    assert list(registry.problems()) == [str(broken)]
    assert "must be a JSON object" in registry.problems()[str(broken)]


def test_refresh_picks_up_added_and_removed(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    registry = ModelRegistry(bundled, user)
    assert registry.list() == []
    import_magenta(small_gen_file, user, name="new")
    assert "new" not in registry
    registry.refresh()
    assert "new" in registry
    shutil.rmtree(user / "new")
    registry.refresh()
    assert "new" not in registry


def test_sessions_are_lazy_single_threaded_cpu(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, user)
    model = ModelRegistry(bundled, user).get("small")
    assert model._sessions == {}
    session = model.decoder_step
    assert session.get_providers() == ["CPUExecutionProvider"]
    options = session.get_session_options()
    assert options.intra_op_num_threads == 1 and options.inter_op_num_threads == 1


def test_same_loaded_model_until_it_changes(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, user)
    registry = ModelRegistry(bundled, user)
    first = registry.get("small")
    assert registry.get("small") is first
    registry.refresh()
    assert registry.get("small") is first
    _relabel(user / "small", "Changed")
    registry.refresh()
    assert registry.get("small") is not first


def test_removed_folder_while_sessions_open_gives_clear_errors(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, user)
    registry = ModelRegistry(bundled, user)
    model = registry.get("small")
    h, c = model.zero_state(1)
    x = np.zeros((1, 5), dtype=np.float32)
    before, _, _ = model.step(x, h, c)
    shutil.rmtree(user / "small")
    after, _, _ = model.step(x, h, c)  # the open session keeps working
    assert np.array_equal(before, after)
    with pytest.raises(ModelError, match="decoder_prefix.onnx: graph file is missing"):
        model.prime(np.zeros((1, 3, 5), dtype=np.float32), h, c)
    with pytest.raises(ModelError, match="was removed"):
        registry.get("small")
    registry.refresh()
    with pytest.raises(ModelError, match="no model named"):
        registry.get("small")


def test_corrupt_graph_after_listing_raises_model_error(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, user)
    registry = ModelRegistry(bundled, user)
    model = registry.get("small")
    (user / "small" / "decoder_step.onnx").write_bytes(b"\x00garbage" * 10)
    with pytest.raises(ModelError, match="cannot load ONNX graph"):
        model.step(np.zeros((1, 5), np.float32), *model.zero_state(1))
    registry.refresh()
    assert "small" not in registry
    assert "decoder_step.onnx" in next(iter(registry.problems().values()))


def test_other_model_families_are_not_sketch_models(dirs, small_gen_file: Path) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, bundled, name="cat")
    music = bundled / "music"
    music.mkdir()
    (music / "model.json").write_text(json.dumps({"format": 1, "name": "music", "kind": "melody"}))
    odd = bundled / "odd"
    odd.mkdir()
    (odd / "model.json").write_text(json.dumps({"format": 1, "name": "odd", "kind": "poem"}))
    registry = ModelRegistry(bundled, user)
    assert [info.name for info in registry.list()] == ["cat"]
    assert list(registry.problems()) == [str(odd)]


def test_refresh_rechecks_only_changed_folders(dirs, small_gen_file: Path, monkeypatch) -> None:
    bundled, user = dirs
    import_magenta(small_gen_file, user, name="one")
    import_magenta(small_gen_file, user, name="two")
    checked: list[str] = []
    real_check = registry_module.check_model_folder

    def counting_check(folder: Path, bundled: bool = False):
        checked.append(folder.name)
        return real_check(folder, bundled=bundled)

    monkeypatch.setattr(registry_module, "check_model_folder", counting_check)
    registry = ModelRegistry(bundled, user)
    registry.refresh()
    assert sorted(checked) == ["one", "two"]
    checked.clear()
    registry.refresh()
    assert checked == []
    _relabel(user / "two", "Second")
    registry.refresh()
    assert checked == ["two"] and registry.info("two").label == "Second"
