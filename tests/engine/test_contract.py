"""The model folder contract: every bundled model passes, broken folders get clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import onnx
import pytest

from doodle import paths
from doodle.core.errors import ModelError
from doodle.engine import contract, graphs
from doodle.engine.model import LoadedModel
from tests.shared_data import REPO_ROOT

BUNDLED = sorted(
    p
    for p in (REPO_ROOT / "models_onnx").glob("*")
    if p.is_dir()
    and not p.name.startswith(".")
    and p.name != "recognizer"
    and not contract.is_other_model_family(p)
)


@pytest.mark.parametrize("folder", BUNDLED, ids=[p.name for p in BUNDLED])
def test_bundled_model_folder_meets_contract(folder: Path) -> None:
    info = contract.check_model_folder(folder, bundled=True)
    model = LoadedModel(info)
    batch = 2
    x = np.zeros((batch, 5), dtype=np.float32)
    x[:, 2] = 1.0
    z = np.zeros((batch, info.z_size), dtype=np.float32) if info.kind == "vae" else None
    h, c = model.initial_state(batch, z)
    params, h, c = model.step(x, h, c, z)
    assert params.shape == (batch, info.params_size)
    assert np.all(np.isfinite(params)) and np.all(np.isfinite(h))


def test_bundled_models_dir_is_the_repository_folder() -> None:
    assert paths.bundled_models_dir().resolve() == (REPO_ROOT / "models_onnx").resolve()


def test_imported_folder_meets_contract(small_gen: LoadedModel, small_vae: LoadedModel) -> None:
    for model in (small_gen, small_vae):
        info = contract.check_model_folder(model.info.path)
        assert info == model.info
    assert small_vae.info.z_size == 4 and small_gen.info.z_size == 0


def _edit_json(folder: Path, **changes) -> None:
    path = folder / "model.json"
    meta = json.loads(path.read_text())
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    path.write_text(json.dumps(meta))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hidden_size": None}, "missing key 'hidden_size'"),
        ({"hidden_size": "16"}, "'hidden_size' must be int"),
        ({"hidden_size": True}, "'hidden_size' must be int"),
        ({"max_seq_len": 0}, "'max_seq_len' must be between"),
        ({"scale_factor": -2.0}, "'scale_factor' must be a positive"),
        ({"kind": "gan"}, "'kind' must be one of"),
        ({"format": 99}, "unsupported model format 99"),
        ({"name": "other"}, "differs from folder name"),
        ({"provenance": [1]}, "must be JSON objects"),
        ({"hidden_size": 32}, "axis 1 is 16, expected 32"),
        ({"num_mixture": 4}, "'params' axis 1 is 21, expected 27"),
        ({"kind": "vae", "z_size": 4}, "inputs ['z'] missing"),
    ],
)
def test_bad_model_json_is_refused_clearly(small_gen: LoadedModel, changes, message) -> None:
    folder = small_gen.info.path
    _edit_json(folder, **changes)
    with pytest.raises(ModelError) as caught:
        contract.check_model_folder(folder)
    assert message in str(caught.value)
    assert str(folder) in str(caught.value)


def test_unreadable_json_and_missing_folder(small_gen: LoadedModel, tmp_path: Path) -> None:
    folder = small_gen.info.path
    (folder / "model.json").write_text("{not json")
    with pytest.raises(ModelError, match="cannot read model description"):
        contract.check_model_folder(folder)
    (folder / "model.json").unlink()
    with pytest.raises(ModelError, match="model.json is missing"):
        contract.check_model_folder(folder)
    with pytest.raises(ModelError, match="does not exist"):
        contract.check_model_folder(tmp_path / "nowhere")


def test_missing_corrupt_and_wrong_graphs(small_gen: LoadedModel) -> None:
    folder = small_gen.info.path
    step = folder / "decoder_step.onnx"
    good = step.read_bytes()
    step.write_bytes(good[: len(good) // 3])
    with pytest.raises(ModelError, match="not a readable ONNX graph"):
        contract.check_model_folder(folder)
    step.unlink()
    with pytest.raises(ModelError, match="graph file is missing"):
        contract.check_model_folder(folder)
    # A prefix graph put where the step graph belongs has the wrong inputs and outputs.
    shutil.copy(folder / "decoder_prefix.onnx", step)
    with pytest.raises(ModelError, match="decoder_step.onnx"):
        contract.check_model_folder(folder)


def test_a_damaged_output_name_that_is_not_utf8_is_refused_clearly(small_gen: LoadedModel) -> None:
    step = small_gen.info.path / "decoder_step.onnx"
    data = step.read_bytes()
    # The graph's output names sit after its nodes; damage the first byte of "params" there.
    at = data.rindex(b"params")
    step.write_bytes(data[:at] + b"\x80" + data[at + 1 :])
    with pytest.raises(ModelError, match=r"outputs \['params'\] missing"):
        contract.check_model_folder(small_gen.info.path)


def test_fixed_batch_dimension_is_refused(small_gen: LoadedModel) -> None:
    folder = small_gen.info.path
    rng = np.random.default_rng(0)
    model = graphs.build_decoder_step(graphs.random_decoder(rng, 16, 3))
    model.graph.input[0].type.tensor_type.shape.dim[0].dim_value = 1
    onnx.save(model, str(folder / "decoder_step.onnx"))
    with pytest.raises(ModelError, match="'x' axis 0 must be dynamic"):
        contract.check_model_folder(folder)


def test_vae_folder_needs_encoder_and_init_state(small_vae: LoadedModel) -> None:
    folder = small_vae.info.path
    (folder / "init_state.onnx").unlink()
    with pytest.raises(ModelError, match="init_state.onnx: graph file is missing"):
        contract.check_model_folder(folder)
