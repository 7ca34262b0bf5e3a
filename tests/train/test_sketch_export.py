"""Export to the model-folder contract: the engine loads it and matches the PyTorch module."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import numpy_helper  # noqa: E402

from doodle.core.errors import ModelError  # noqa: E402
from doodle.engine import contract  # noqa: E402
from doodle.engine.model import LoadedModel  # noqa: E402
from doodle.train.export import export_all, load_exported, read_class_folder  # noqa: E402
from doodle.train.model import SketchRNN  # noqa: E402
from doodle.train.runner import exported_folders  # noqa: E402
from tests.train.sketch_helpers import (  # noqa: E402
    class_units,
    make_model,
    random_inputs,
    randomise,
)

TOLERANCE = 1e-4


@pytest.mark.parametrize("z_size", [0, 6], ids=["gen", "vae"])
def test_exported_graphs_match_the_module(tmp_path, z_size):
    model = make_model(z_size)
    infos = export_all(model, class_units(3), tmp_path, {"teacher": "test"})
    assert [info.name for info in infos] == ["class0", "class1", "class2"]
    batch, steps, class_id = 3, 9, 2
    inputs = random_inputs(batch, steps)
    ids = torch.full((batch,), class_id)
    z = torch.randn(batch, z_size) if z_size else None
    with torch.no_grad():
        params, (h_final, c_final) = model.decode(inputs, z, ids)
        h0, c0 = model.initial_state(z, ids, batch)
    loaded = LoadedModel(contract.check_model_folder(tmp_path / "class2"))
    assert loaded.info.kind == ("vae" if z_size else "gen")
    z_np = None if z is None else z.numpy()
    h, c = loaded.initial_state(batch, z_np)
    np.testing.assert_allclose(h, h0[0].numpy(), atol=TOLERANCE)
    np.testing.assert_allclose(c, c0[0].numpy(), atol=TOLERANCE)
    for t in range(steps):
        out, h, c = loaded.step(np.ascontiguousarray(inputs[:, t].numpy()), h, c, z_np)
        np.testing.assert_allclose(out, params[:, t].numpy(), atol=TOLERANCE)
    np.testing.assert_allclose(h, h_final[0].numpy(), atol=TOLERANCE)
    start_h, start_c = loaded.initial_state(batch, z_np)
    prefix_h, prefix_c = loaded.prime(inputs.numpy(), start_h, start_c, z_np)
    np.testing.assert_allclose(prefix_h, h_final[0].numpy(), atol=TOLERANCE)
    np.testing.assert_allclose(prefix_c, c_final[0].numpy(), atol=TOLERANCE)


def test_exported_encoder_matches_for_each_length(tmp_path):
    model = make_model(6)
    export_all(model, class_units(3), tmp_path, {"teacher": "test"})
    strokes = random_inputs(4, 11)
    lengths = torch.tensor([11, 1, 6, 9])
    with torch.no_grad():
        mu, sigma_hat = model.encode(strokes, lengths)
    loaded = LoadedModel(contract.check_model_folder(tmp_path / "class0"))
    got_mu, got_sigma = loaded.encoder.run(
        ["mu", "sigma_hat"], {"strokes": strokes.numpy(), "lengths": lengths.numpy()}
    )
    np.testing.assert_allclose(got_mu, mu.numpy(), atol=TOLERANCE)
    np.testing.assert_allclose(got_sigma, sigma_hat.numpy(), atol=TOLERANCE)
    # Padding after a sequence's length must not change its code.
    padded = strokes.clone()
    padded[1, 1:] = 7.0
    again, _ = loaded.encoder.run(
        ["mu", "sigma_hat"], {"strokes": padded.numpy(), "lengths": lengths.numpy()}
    )
    np.testing.assert_allclose(again[1], got_mu[1], atol=1e-6)


def test_classes_differ_only_by_their_folded_biases(tmp_path):
    model = make_model(0)
    export_all(model, class_units(3), tmp_path, {"teacher": "test"})
    first = read_class_folder(tmp_path / "class0")[1]
    second = read_class_folder(tmp_path / "class1")[1]
    np.testing.assert_array_equal(first["decoder.weight_hh_l0"], second["decoder.weight_hh_l0"])
    assert not np.allclose(first["decoder.bias"], second["decoder.bias"])


def _initializers(path):
    return {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}


@pytest.mark.parametrize("z_size", [0, 6], ids=["gen", "vae"])
def test_resume_from_export_gives_the_same_weights(tmp_path, z_size):
    model = make_model(z_size)
    export_all(model, class_units(3), tmp_path / "first", {"teacher": "test"})
    folders = sorted((tmp_path / "first").iterdir())
    resumed, classes, _ = load_exported(folders[::-1])
    assert [c.name for c in classes] == ["class0", "class1", "class2"]
    assert resumed.config == model.config
    export_all(resumed, classes, tmp_path / "second", {"teacher": "test"})
    for folder in folders:
        for graph in folder.glob("*.onnx"):
            before = _initializers(graph)
            after = _initializers(tmp_path / "second" / folder.name / graph.name)
            assert before.keys() == after.keys()
            for name, value in before.items():
                np.testing.assert_allclose(after[name], value, atol=1e-6, err_msg=name)
    inputs = random_inputs(2, 5)
    ids = torch.tensor([0, 2])
    z = torch.randn(2, z_size) if z_size else None
    with torch.no_grad():
        expected, _ = model.decode(inputs, z, ids)
        got, _ = resumed.eval().decode(inputs, z, ids)
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=0)


def effective_parameters(model: SketchRNN) -> dict[str, torch.Tensor]:
    """The parameters of class 0 with torch's two LSTM biases and the class column merged."""
    z = model.config.z_size
    dec = model.decoder
    result = {
        "decoder.w_x": dec.weight_ih_l0[:, : 5 + z],
        "decoder.w_h": dec.weight_hh_l0,
        "decoder.bias": dec.bias_ih_l0 + dec.bias_hh_l0 + dec.weight_ih_l0[:, 5 + z],
        "output.weight": model.output.weight,
        "output.bias": model.output.bias,
    }
    if z:
        for name in ("encoder_forward", "encoder_backward"):
            lstm = getattr(model, name)
            result[f"{name}.w_x"] = lstm.weight_ih_l0
            result[f"{name}.w_h"] = lstm.weight_hh_l0
            result[f"{name}.bias"] = lstm.bias_ih_l0 + lstm.bias_hh_l0
        for name in ("to_mu", "to_sigma_hat"):
            result[f"{name}.weight"] = getattr(model, name).weight
            result[f"{name}.bias"] = getattr(model, name).bias
        init = model.init_state
        result["init.weight"] = init.weight[:, :z]
        result["init.bias"] = init.bias + init.weight[:, z]
    return result


@pytest.mark.parametrize("z_size", [0, 6], ids=["gen", "vae"])
def test_single_class_resume_recovers_the_parameters(tmp_path, z_size):
    model = make_model(z_size, classes=1)
    export_all(model, class_units(1), tmp_path, {"teacher": "test"})
    resumed, _, _ = load_exported([tmp_path / "class0"])
    original = effective_parameters(model)
    recovered = effective_parameters(resumed)
    assert original.keys() == recovered.keys()
    for name, value in original.items():
        torch.testing.assert_close(recovered[name], value, atol=1e-6, rtol=0, msg=name)


def test_fp16_export_is_smaller_and_close(tmp_path):
    model = make_model(6)
    export_all(model, class_units(3), tmp_path / "fp32", {"teacher": "test"})
    export_all(model, class_units(3), tmp_path / "fp16", {"teacher": "test"}, fp16=True)
    full = tmp_path / "fp32" / "class1"
    half = tmp_path / "fp16" / "class1"
    assert (half / "decoder_step.onnx").stat().st_size < 0.7 * (
        full / "decoder_step.onnx"
    ).stat().st_size
    a = LoadedModel(contract.check_model_folder(full))
    b = LoadedModel(contract.check_model_folder(half))
    x = random_inputs(2, 1)[:, 0].numpy()
    z = np.ones((2, 6), np.float32)
    h, c = a.initial_state(2, z)
    out_a = a.step(x, h, c, z)[0]
    out_b = b.step(x, h, c, z)[0]
    np.testing.assert_allclose(out_b, out_a, atol=2e-2)
    resumed, _, _ = load_exported([half])
    assert resumed.config.hidden_size == 24


def test_export_command_rewrites_folders_as_fp16(tmp_path):
    from doodle.cli import main

    model = make_model(6)
    export_all(model, class_units(3), tmp_path / "run", {"teacher": "test", "steps": 7})
    args = ["train", "export", str(tmp_path / "run"), "--out", str(tmp_path / "out"), "--fp16"]
    assert main([*args, "--only", "class1"]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["class1"]
    info = contract.check_model_folder(tmp_path / "out" / "class1")
    assert info.provenance["precision"] == "fp16"
    assert info.provenance["steps"] == 7 and info.provenance["class_index"] == 1


def test_decoder_only_folder_draws_like_the_vae_at_the_prior_mean(tmp_path):
    from doodle.train.export import write_class_folder

    model = make_model(6)
    info = write_class_folder(
        model, 1, class_units(3)[1], tmp_path / "class1", {"teacher": "t"}, variant="decoder_only"
    )
    assert info.kind == "gen" and info.has_prefix
    assert info.provenance["derived_from_vae"] is True
    batch, steps = 2, 6
    inputs = random_inputs(batch, steps)
    z = torch.zeros(batch, 6)
    with torch.no_grad():
        params, (h_final, c_final) = model.decode(inputs, z, torch.full((batch,), 1))
    loaded = LoadedModel(info)
    h, c = loaded.zero_state(batch)
    for t in range(steps):
        out, h, c = loaded.step(np.ascontiguousarray(inputs[:, t].numpy()), h, c)
        np.testing.assert_allclose(out, params[:, t].numpy(), atol=TOLERANCE)
    zero_h, zero_c = loaded.zero_state(batch)
    primed_h, primed_c = loaded.prime(inputs.numpy(), zero_h, zero_c)
    np.testing.assert_allclose(primed_h, h, atol=TOLERANCE)
    np.testing.assert_allclose(primed_c, c, atol=TOLERANCE)


def write_drawing_models(model, folder):
    """What ``export --bundle`` ships for drawing along: each class's decoder cut at z = 0."""
    from doodle.train.export import write_class_folder

    for class_id, units in enumerate(class_units(model.config.num_classes)):
        write_class_folder(
            model, class_id, units, folder / units.name, {"teacher": "t"}, variant="decoder_only"
        )


def test_drawing_models_cut_from_a_vae_resume_as_that_vae_at_the_prior_mean(tmp_path):
    model = make_model(6)
    write_drawing_models(model, tmp_path / "bundle")
    resumed, classes, _ = load_exported(exported_folders(tmp_path / "bundle"))
    assert [c.name for c in classes] == ["class0", "class1", "class2"]
    assert resumed.config == model.config
    inputs = random_inputs(3, 7)
    ids = torch.tensor([2, 0, 1])
    zeros = torch.zeros(3, 6)
    with torch.no_grad():
        expected, (h_expected, c_expected) = model.decode(inputs, zeros, ids)
        got, (h_got, c_got) = resumed.eval().decode(inputs, zeros, ids)
        # The latent columns come back as zeros: any z draws as z = 0 until training.
        any_z, _ = resumed.decode(inputs, torch.randn(3, 6), ids)
    torch.testing.assert_close(got, expected, atol=1e-4, rtol=0)
    torch.testing.assert_close(c_got, c_expected, atol=1e-4, rtol=0)
    torch.testing.assert_close(any_z, got, atol=1e-6, rtol=0)
    # Exported again as drawing models, they are the folders they came from.
    write_drawing_models(resumed, tmp_path / "again")
    for folder in sorted((tmp_path / "bundle").iterdir()):
        before = _initializers(folder / contract.DECODER_STEP)
        after = _initializers(tmp_path / "again" / folder.name / contract.DECODER_STEP)
        for name, value in before.items():
            np.testing.assert_allclose(after[name], value, atol=1e-5, err_msg=name)


def test_drawing_models_resumed_train_their_fresh_encoder(tmp_path):
    model = make_model(6)
    write_drawing_models(model, tmp_path / "bundle")
    resumed, _, _ = load_exported(exported_folders(tmp_path / "bundle"))
    inputs = random_inputs(2, 5)
    params, mu, sigma_hat = resumed.train()(inputs, torch.tensor([4, 3]), torch.tensor([0, 1]))
    (params.square().mean() + mu.square().mean() + sigma_hat.square().mean()).backward()
    assert resumed.encoder_forward.weight_ih_l0.grad.abs().sum() > 0
    assert resumed.decoder.weight_ih_l0.grad[:, 5:11].abs().sum() > 0


def test_folders_of_different_runs_are_not_resumed_together(tmp_path):
    from doodle.train.export import write_class_folder

    # As in the bundled folder: drawing models of one run, a VAE folder of another.
    write_drawing_models(make_model(6), tmp_path / "mixed")
    other = make_model(6)
    randomise(other, seed=3)
    write_class_folder(other, 0, class_units(3)[0], tmp_path / "mixed" / "class0_vae", {})
    with pytest.raises(ModelError, match="2 training runs") as error:
        exported_folders(tmp_path / "mixed")
    assert "class0_vae" in str(error.value) and "class2" in str(error.value)
    with pytest.raises(ModelError, match="2 training runs"):
        exported_folders([tmp_path / "mixed" / "class1", tmp_path / "mixed" / "class0_vae"])
    # Naming one run's folders resumes them.
    folders = exported_folders([tmp_path / "mixed" / "class1", tmp_path / "mixed" / "class2"])
    assert [f.name for f in folders] == ["class1", "class2"]


def test_bundle_command_writes_a_drawing_model_and_an_ideas_model_per_class(tmp_path):
    from doodle.cli import main
    from doodle.engine.ideas import encoder_model_for

    model = make_model(6)
    export_all(model, class_units(3), tmp_path / "run", {"teacher": "test", "steps": 7})
    out = tmp_path / "out"
    args = ["train", "export", str(tmp_path / "run"), "--out", str(out), "--fp16", "--bundle"]
    assert main(args) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["class0", "class0_vae", "class1", "class1_vae", "class2", "class2_vae"]
    infos = [contract.check_model_folder(out / name) for name in names]
    assert [i.kind for i in infos] == ["gen", "vae"] * 3
    assert not infos[1].has_prefix
    assert encoder_model_for(infos, "class2").name == "class2_vae"
    (out / "music").mkdir()
    (out / "music" / "model.json").write_text('{"kind": "melody"}')
    folders = exported_folders(out)
    assert [f.name for f in folders] == ["class0_vae", "class1_vae", "class2_vae"]
    resumed, classes, _ = load_exported(folders)
    assert [c.name for c in classes] == ["class0", "class1", "class2"]


def test_export_command_averages_the_weights_of_several_exports(tmp_path):
    from doodle.cli import main

    first = make_model(6)
    second = make_model(6)
    randomise(second, seed=5)
    export_all(first, class_units(3), tmp_path / "a", {"teacher": "test", "steps": 100})
    export_all(second, class_units(3), tmp_path / "b", {"teacher": "test", "steps": 200})
    args = ["train", "export", str(tmp_path / "a"), "--out", str(tmp_path / "mean")]
    assert main([*args, "--average", str(tmp_path / "b")]) == 0

    _, _, meta = load_exported(exported_folders(tmp_path / "mean"))
    assert meta["provenance"]["averaged_with_steps"] == [200]
    # Every exported weight (folded class biases included) is linear in the module's weights,
    # so the mean model's graphs hold the mean of the two exports' weights.
    for folder in sorted((tmp_path / "a").iterdir()):
        for graph in folder.glob("*.onnx"):
            a = _initializers(graph)
            b = _initializers(tmp_path / "b" / folder.name / graph.name)
            mean = _initializers(tmp_path / "mean" / folder.name / graph.name)
            assert mean.keys() == a.keys()
            for name, value in mean.items():
                np.testing.assert_allclose(value, (a[name] + b[name]) / 2, atol=1e-5)


def test_averaging_refuses_exports_of_another_model(tmp_path, capsys):
    from doodle.cli import main

    export_all(make_model(6), class_units(3), tmp_path / "a", {"teacher": "test"})
    export_all(make_model(6, classes=2), class_units(2), tmp_path / "b", {"teacher": "test"})
    args = ["train", "export", str(tmp_path / "a"), "--out", str(tmp_path / "mean")]
    assert main([*args, "--average", str(tmp_path / "b")]) != 0
    assert "not an export of the same model" in capsys.readouterr().err
    assert not (tmp_path / "mean").exists()


def test_resuming_with_data_of_more_classes_grows_the_model(tmp_path):
    from types import SimpleNamespace

    from doodle.train.runner import build_model

    export_all(make_model(6), class_units(2), tmp_path / "run", {"teacher": "test"})
    args = SimpleNamespace(resume=tmp_path / "run")
    model, names, checkpoint, grown = build_model(args, ["class2", "class0", "class1"])
    assert grown and checkpoint is None
    assert names == ["class0", "class1", "class2"] and model.config.num_classes == 3
    with pytest.raises(ModelError, match="lacks classes"):
        build_model(args, ["class0", "class2"])
