"""Morphs across objects: decoders of a blended class of one class-conditional VAE.

Checked on the bundled VAE folders (classes of one model) with real Quick, Draw! drawings, on
copies of them with one weight changed, on a small class-conditional model exported by the
training code (the blend is that model's decoder for a mixed one-hot), and on unrelated
random VAEs (the morph falls back to one model).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from doodle.engine import class_blend, contract, ideas, vae
from doodle.engine.model import LoadedModel
from tests.ideas_models import bundled_vae_pair, quickdraw_drawings, shape_drawing, write_random_vae

TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def pair() -> tuple[contract.ModelInfo, contract.ModelInfo]:
    return bundled_vae_pair()


def _run_steps(model: LoadedModel, z: np.ndarray, steps: int = 6) -> list[np.ndarray]:
    """init_state and a few decoder steps on fixed random inputs: every output, in order."""
    rng = np.random.default_rng(11)
    h, c = model.initial_state(len(z), z)
    outputs = [h, c]
    for _ in range(steps):
        x = rng.normal(size=(len(z), 5)).astype(np.float32)
        x[:, 2:] = np.eye(3, dtype=np.float32)[rng.integers(0, 3, len(z))]
        params, h, c = model.step(x, h, c, z)
        outputs += [params, h, c]
    return outputs


def _constants(data: bytes | Path) -> dict[str, np.ndarray]:
    """Every constant tensor of a graph by the name the graph reads it under (Casts undone)."""
    model = onnx.load_from_string(data) if isinstance(data, bytes) else onnx.load(str(data))
    arrays = {i.name: numpy_helper.to_array(i).astype(np.float32) for i in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Cast" and node.input[0] in arrays:
            arrays[node.output[0]] = arrays.pop(node.input[0])
    return arrays


# -- the blended graphs ------------------------------------------------------------------------


def test_blend_at_either_end_is_that_class_s_own_decoder(pair) -> None:
    start, end = pair
    blend = class_blend.class_blend(start, end)
    assert blend is not None
    z = np.random.default_rng(3).normal(size=(3, start.z_size)).astype(np.float32)
    for t, own, other in ((0.0, start, end), (1.0, end, start)):
        blended = _run_steps(blend.model_at(t), z)
        expected = _run_steps(LoadedModel(own), z)
        for got, want in zip(blended, expected, strict=True):
            np.testing.assert_allclose(got, want, atol=TOLERANCE, rtol=0)
        # The other class's decoder really is different (else this test could not fail).
        different = _run_steps(LoadedModel(other), z)
        assert max(np.abs(a - b).max() for a, b in zip(blended, different, strict=True)) > 1e-3


def test_half_way_class_constants_are_the_mean_and_the_rest_is_shared(pair) -> None:
    start, end = pair
    for graph_file, names in class_blend.CLASS_INITIALISERS.items():
        half = _constants(class_blend.blended_graph(start, end, graph_file, 0.5))
        first = _constants(start.path / graph_file)
        second = _constants(end.path / graph_file)
        assert set(half) == set(first)
        for name in names:
            assert not np.allclose(first[name], second[name])
            np.testing.assert_allclose(half[name], (first[name] + second[name]) / 2, atol=1e-6)
        for name in set(first) - set(names):
            np.testing.assert_array_equal(half[name], first[name])
            np.testing.assert_array_equal(first[name], second[name])


def test_a_blend_needs_every_shared_weight_to_match(pair, tmp_path) -> None:
    start, end = pair
    assert ideas.morph_plan(start, end) is ideas.MorphPlan.BLEND
    assert ideas.morph_plan(start, start) is ideas.MorphPlan.ONE_MODEL
    assert class_blend.class_blend(start, start) is None

    def copy_with(name: str, graph_file: str, tensor: str, change) -> contract.ModelInfo:
        folder = tmp_path / name / end.path.name
        shutil.copytree(end.path, folder)
        model = onnx.load(str(folder / graph_file))
        sources = {n.output[0]: n.input[0] for n in model.graph.node if n.op_type == "Cast"}
        for init in model.graph.initializer:
            if init.name == sources.get(tensor, tensor):
                init.CopyFrom(numpy_helper.from_array(change(numpy_helper.to_array(init)),
                                                      init.name))  # fmt: skip
        onnx.save(model, str(folder / graph_file))
        return contract.check_model_folder(folder)

    # Another class of the same model: only its class constants differ.
    other_class = copy_with(
        "other_class", contract.DECODER_STEP, "bias", lambda a: a + a.dtype.type(0.5)
    )
    assert ideas.morph_plan(start, other_class) is ideas.MorphPlan.BLEND
    # A model trained apart: one shared weight differs, so no blend.
    for graph_file, tensor in (
        (contract.DECODER_STEP, "out_b"),
        (contract.INIT_STATE, "init_w"),
        (contract.ENCODER, "mu_b"),
    ):
        changed = copy_with(f"apart_{tensor}", graph_file, tensor, lambda a: a * a.dtype.type(1.01))
        assert class_blend.class_blend(start, changed) is None, tensor
        assert ideas.morph_plan(start, changed) is ideas.MorphPlan.FIRST_MODEL_ONLY


def test_blended_class_is_the_trained_module_with_a_mixed_one_hot(tmp_path) -> None:
    """The claim the blend rests on, against the training code's own export."""
    torch = pytest.importorskip("torch")
    from doodle.train.export import export_all
    from tests.train.sketch_helpers import class_units, make_model, random_inputs

    model = make_model(z_size=6)
    infos = export_all(model, class_units(3), tmp_path, {"teacher": "test"})
    start, end = infos[0], infos[2]
    blend = class_blend.class_blend(start, end)
    assert blend is not None
    assert class_blend.class_blend(start, infos[1]) is not None
    batch, steps, t = 3, 7, 0.3
    inputs = random_inputs(batch, steps)
    z = torch.randn(batch, 6, generator=torch.Generator().manual_seed(4))
    one_hot = torch.zeros(batch, 3)
    one_hot[:, 0], one_hot[:, 2] = 1.0 - t, t
    with torch.no_grad():
        state = torch.tanh(model.init_state(torch.cat([z, one_hot], 1)))
        c0, h0 = state.split(model.config.hidden_size, dim=1)
        decoder_in = torch.cat(
            [inputs, z[:, None].expand(-1, steps, -1), one_hot[:, None].expand(-1, steps, -1)], 2
        )
        out, (h_last, c_last) = model.decoder(decoder_in, (h0[None], c0[None]))
        params = model.output(out)
    blended = blend.model_at(t)
    assert blended.info.scale_factor == pytest.approx(
        0.7 * start.scale_factor + 0.3 * end.scale_factor
    )
    z_np = z.numpy()
    h, c = blended.initial_state(batch, z_np)
    np.testing.assert_allclose(h, h0.numpy(), atol=1e-4)
    np.testing.assert_allclose(c, c0.numpy(), atol=1e-4)
    for step in range(steps):
        got, h, c = blended.step(np.ascontiguousarray(inputs[:, step].numpy()), h, c, z_np)
        np.testing.assert_allclose(got, params[:, step].numpy(), atol=1e-4)
    np.testing.assert_allclose(h, h_last[0].numpy(), atol=1e-4)
    np.testing.assert_allclose(c, c_last[0].numpy(), atol=1e-4)


# -- morphs ------------------------------------------------------------------------------------


def _centred(drawing: list[np.ndarray]) -> list[np.ndarray]:
    centre = ideas.centre_of(drawing)
    return [line - centre for line in drawing]


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(
        x.shape == y.shape and np.allclose(x, y, atol=1e-3) for x, y in zip(a, b, strict=True)
    )


def test_morph_across_objects_starts_with_one_decoder_and_ends_with_the_other(pair) -> None:
    start_info, end_info = pair
    start_model, end_model = LoadedModel(start_info), LoadedModel(end_info)
    start, end = quickdraw_drawings(start_info, 1)[0], quickdraw_drawings(end_info, 1)[0]
    frames = ideas.morph_between(start, end, start_model, end_model, frames=8)
    assert len(frames) == 8 and all(frames)
    z_start, z_end = vae.encode(start, start_model), vae.encode(end, end_model)
    path = vae.interpolate(z_start, z_end, 8)

    seed = ideas.morph_seed(start, end, start_model, end_model)

    def decoded(z: np.ndarray, model: LoadedModel) -> list[np.ndarray]:
        drawing = vae.decode(z, model, 1, ideas.MORPH_TEMPERATURE, seed)[0]
        return _centred(drawing)

    assert _same(frames[0], decoded(z_start, start_model))
    assert _same(frames[-1], decoded(z_end, end_model))
    assert not _same(frames[-1], decoded(z_end, start_model))  # not drawn as the first object
    middle = frames[4]
    assert not _same(middle, decoded(path[4], start_model))
    assert not _same(middle, decoded(path[4], end_model))
    # Each drawing goes through its own object's encoder; the one-model morph reads both
    # with the first object's and so draws every frame as that object (same noise here).
    one_model = ideas.morph(start, end, start_model, frames=8, seed=seed, streams=1)
    assert _same(one_model[0], frames[0]) and not _same(one_model[-1], frames[-1])


def test_unrelated_models_morph_as_the_first_drawing_s_object(tmp_path) -> None:
    first = LoadedModel(write_random_vae(tmp_path, "first", seed=1))
    second = LoadedModel(write_random_vae(tmp_path, "second", seed=2))
    assert ideas.morph_plan(first.info, second.info) is ideas.MorphPlan.FIRST_MODEL_ONLY
    rng = np.random.default_rng(0)
    circle, zigzag = shape_drawing("circle", rng), shape_drawing("zigzag", rng)
    frames = ideas.morph_between(circle, zigzag, first, second, frames=5)
    expected = ideas.morph(circle, zigzag, first, frames=5)
    assert len(frames) == 5
    assert all(_same(a, b) for a, b in zip(frames, expected, strict=True))
