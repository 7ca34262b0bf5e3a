"""Ideas from a VAE (engine level, real ONNX sessions on small random VAE folders)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from doodle.engine import ideas, vae
from doodle.engine.generate import GenerationCancelled
from doodle.engine.model import LoadedModel
from tests.bench.model_factory import write_tiny_model
from tests.ideas_models import shape_drawing, write_random_vae


@pytest.fixture
def shapes_vae(tmp_path: Path) -> LoadedModel:
    return LoadedModel(write_random_vae(tmp_path / "models", "shapes", seed=3))


@pytest.fixture
def circle() -> list[np.ndarray]:
    return shape_drawing("circle", np.random.default_rng(1))


@pytest.fixture
def zigzag() -> list[np.ndarray]:
    return shape_drawing("zigzag", np.random.default_rng(2), centre=(500.0, 120.0))


def _flat(drawing: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(drawing) if drawing else np.zeros((0, 2), np.float32)


def _same(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def _same_shape(drawing: list[np.ndarray], in_box: list[np.ndarray], scale: float) -> bool:
    """``drawing`` is ``in_box`` (box px) scaled by ``scale`` and moved somewhere else."""
    ours, theirs = _flat(drawing), _flat(in_box) * scale
    if ours.shape != theirs.shape:
        return False
    return bool(np.allclose(ours - ours.mean(axis=0), theirs - theirs.mean(axis=0), atol=1e-2))


def _box_scale(drawing: list[np.ndarray]) -> float:
    """Canvas px per box px for this drawing (its larger side spans the 256-px box)."""
    return float(np.ptp(_flat(drawing), axis=0).max()) / 255.0


def test_encoding_is_the_deterministic_mean(shapes_vae, circle, zigzag) -> None:
    first = vae.encode(circle, shapes_vae)
    assert np.array_equal(first, vae.encode(circle, shapes_vae))
    assert not np.allclose(first, vae.encode(zigzag, shapes_vae))


def test_reimagine_is_reproducible_with_a_seed(shapes_vae, circle) -> None:
    one = ideas.reimagine(circle, shapes_vae, n=4, temperature=0.5, seed=11)
    again = ideas.reimagine(circle, shapes_vae, n=4, temperature=0.5, seed=11)
    other = ideas.reimagine(circle, shapes_vae, n=4, temperature=0.5, seed=12)
    assert len(one) == 4
    assert all(_same(a, b) for a, b in zip(one, again, strict=True))
    assert not all(_same(a, b) for a, b in zip(one, other, strict=True))
    # Four different ideas, not four copies.
    assert len({_flat(d).tobytes() for d in one}) == 4


def test_reimagine_decodes_the_mean_at_the_child_s_place_and_scale(shapes_vae, circle) -> None:
    drawings = ideas.reimagine(circle, shapes_vae, n=3, temperature=0.4, seed=5)
    assert all(np.allclose(ideas.centre_of(d), ideas.centre_of(circle), atol=1e-3)
               for d in drawings if d)  # fmt: skip
    # The same strokes as decoding mu directly, up to the scale of the child's drawing.
    z = vae.encode(circle, shapes_vae)
    in_box = vae.decode(z, shapes_vae, n=3, temperature=0.4, seed=5)
    assert all(_same_shape(d, r, _box_scale(circle)) for d, r in zip(drawings, in_box, strict=True))


def test_morph_has_the_frames_and_exact_endpoints(shapes_vae, circle, zigzag) -> None:
    frames = ideas.morph(circle, zigzag, shapes_vae, frames=9)
    assert len(frames) == 9
    z0, z1 = vae.encode(circle, shapes_vae), vae.encode(zigzag, shapes_vae)
    path = vae.interpolate(z0, z1, 9)
    assert np.array_equal(path[0], z0) and np.array_equal(path[-1], z1)
    seed = ideas.morph_seed(circle, zigzag, shapes_vae)
    assert ideas.MORPH_SEED <= seed < ideas.MORPH_SEED + ideas.MORPH_STREAMS
    for frame, z in ((frames[0], z0), (frames[-1], z1)):
        direct = vae.decode(z, shapes_vae, 1, ideas.MORPH_TEMPERATURE, seed)[0]
        assert np.allclose(_flat(frame), _flat(direct) - ideas.centre_of(direct), atol=1e-4)
        assert np.allclose(ideas.centre_of(frame), 0.0, atol=1e-3)
    assert not np.array_equal(_flat(frames[0]), _flat(frames[-1]))


def _ends_contrast(frames, start, end) -> float:
    """How much less the worse end of a morph looks like its own drawing than like the other
    (first frame: ``start`` against ``end``; last frame: ``end`` against ``start``; lower:
    both ends tell the drawings apart better)."""
    first, last = frames[0], frames[-1]
    return max(
        ideas.outline_distance(first, start) - ideas.outline_distance(first, end),
        ideas.outline_distance(last, end) - ideas.outline_distance(last, start),
    )


def test_morph_keeps_the_noise_stream_whose_ends_fit_the_drawings_best(
    shapes_vae, circle, zigzag
) -> None:
    streams = 6
    seed = ideas.morph_seed(circle, zigzag, shapes_vae, seed=20, streams=streams)
    assert 20 <= seed < 20 + streams
    chosen = ideas.morph(circle, zigzag, shapes_vae, frames=4, seed=20, streams=streams)
    each = [
        ideas.morph(circle, zigzag, shapes_vae, frames=4, seed=s, streams=1)
        for s in range(20, 20 + streams)
    ]
    # The chosen morph is the one-stream morph of that seed, frame for frame...
    assert all(
        np.array_equal(_flat(a), _flat(b)) for a, b in zip(chosen, each[seed - 20], strict=True)
    )
    # ...and no stream tried has ends that tell the two drawings apart better.
    costs = [_ends_contrast(frames, circle, zigzag) for frames in each]
    assert _ends_contrast(chosen, circle, zigzag) == pytest.approx(min(costs))
    # One stream: the given seed itself.
    assert ideas.morph_seed(circle, zigzag, shapes_vae, seed=20, streams=1) == 20
    with pytest.raises(ValueError, match="streams"):
        ideas.morph(circle, zigzag, shapes_vae, streams=0)


def test_outline_distance_ignores_size_and_place(circle, zigzag) -> None:
    moved = [line * 3.0 + 40.0 for line in circle]
    assert ideas.outline_distance(circle, moved) == pytest.approx(0.0, abs=1e-6)
    assert ideas.outline_distance(circle, zigzag) > 0.05
    assert ideas.outline_distance(circle, []) == float("inf")


def test_low_temperature_decoding_of_an_endpoint_is_the_direct_decoding(shapes_vae, circle):
    z0 = vae.encode(circle, shapes_vae)
    frames = ideas.morph(circle, circle, shapes_vae, frames=3, temperature=0.01, seed=4)
    direct = vae.decode(z0, shapes_vae, 1, 0.01, 4)[0]
    # Same start and end: every frame is the same drawing.
    for frame in frames:
        assert np.allclose(_flat(frame), _flat(direct) - ideas.centre_of(direct), atol=1e-4)


def test_morph_refuses_bad_frame_counts_and_stops_when_cancelled(shapes_vae, circle, zigzag):
    with pytest.raises(ValueError, match="frames"):
        ideas.morph(circle, zigzag, shapes_vae, frames=1)
    with pytest.raises(ValueError, match="frames"):
        ideas.morph(circle, zigzag, shapes_vae, frames=ideas.MAX_MORPH_FRAMES + 1)
    with pytest.raises(GenerationCancelled):
        ideas.morph(circle, zigzag, shapes_vae, cancel=lambda: True)


def test_mix_adds_and_takes_away_latent_vectors(shapes_vae, circle, zigzag) -> None:
    # Adding and taking away the same drawing changes nothing: the mix is a reimagining.
    same = ideas.mix(circle, zigzag, zigzag, shapes_vae, n=2, temperature=0.3, seed=1)
    plain = ideas.reimagine(circle, shapes_vae, n=2, temperature=0.3, seed=1)
    assert all(_same(a, b) for a, b in zip(same, plain, strict=True))
    mixed = ideas.mix(circle, zigzag, circle, shapes_vae, n=2, temperature=0.3, seed=1)
    z = vae.encode(circle, shapes_vae)
    z = z + (vae.encode(zigzag, shapes_vae) - vae.encode(circle, shapes_vae))
    reference = vae.decode(z, shapes_vae, 2, 0.3, 1)
    assert all(_same_shape(m, r, _box_scale(circle)) for m, r in zip(mixed, reference, strict=True))
    assert not _same(mixed[0], same[0])


def test_reconstruction_nll_batches_and_prefers_the_drawing_s_own_z(shapes_vae, circle) -> None:
    z_own = vae.encode(circle, shapes_vae)
    others = np.random.default_rng(0).normal(0, 3, (2, shapes_vae.info.z_size))
    both = ideas.reconstruction_nll(circle, np.vstack([z_own, others[0]]), shapes_vae)
    assert both.shape == (2,) and np.all(np.isfinite(both))
    alone = ideas.reconstruction_nll(circle, z_own, shapes_vae)
    assert np.allclose(alone[0], both[0], atol=1e-5)
    assert not np.isclose(both[0], both[1])
    with pytest.raises(ValueError, match="empty"):
        ideas.reconstruction_nll([], z_own, shapes_vae)
    with pytest.raises(ValueError, match="z must have shape"):
        ideas.reconstruction_nll(circle, np.zeros(3), shapes_vae)


def test_encoder_model_for_finds_the_class_s_vae(tmp_path: Path) -> None:
    models = tmp_path / "models"
    cat_vae = write_random_vae(models, "cat_ideas", class_name="cat")
    cat_gen = write_tiny_model(models, "cat")
    dog_gen = write_tiny_model(models, "dog", seed=1)
    infos = [cat_gen, dog_gen, cat_vae]
    assert ideas.encoder_model_for(infos, "cat_ideas") is cat_vae
    assert ideas.encoder_model_for(infos, "cat") is cat_vae
    assert ideas.encoder_model_for(infos, "dog") is None
    assert ideas.encoder_model_for(infos, "") is None
