"""VAE drawing: encode to mu, batched decode, spherical interpolation."""

from __future__ import annotations

import numpy as np
import pytest

from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import CanvasFrame, canvas_to_model
from doodle.engine import vae
from doodle.engine.magenta import import_magenta
from doodle.engine.model import LoadedModel
from tests.engine.helpers import SMALL_Z, magenta_document, write_magenta

DRAWING = [
    np.array([[0, 0], [50, 10], [80, 60]], dtype=np.float32),
    np.array([[20, 70], [30, 100]], dtype=np.float32),
]


@pytest.fixture
def drawing_vae(tmp_path, models_dir) -> LoadedModel:
    """A VAE that keeps drawing (end token almost never), so decodes have full length."""
    document = magenta_document("vae", seed=4, pen_bias=(10.0, 0.0, -10.0))
    return LoadedModel(import_magenta(write_magenta(tmp_path / "d.vae.json", document), models_dir))


def test_encode_is_the_encoder_mean(small_vae: LoadedModel) -> None:
    mu = vae.encode(DRAWING, small_vae)
    assert mu.shape == (SMALL_Z,) and mu.dtype == np.float32
    info = small_vae.info
    stroke3, _ = canvas_to_model(DRAWING, info.scale_factor, info.pixel_factor)
    rows = stroke3_to_stroke5(stroke3)
    rows[0, :2] = 0.0
    direct, _ = small_vae.encoder.run(
        None, {"strokes": rows[None], "lengths": np.array([len(rows)], np.int64)}
    )
    assert np.allclose(mu, direct[0])
    assert np.array_equal(mu, vae.encode(DRAWING, small_vae))
    moved = [s * 3 + 40 for s in DRAWING]  # same drawing, bigger and elsewhere
    assert np.allclose(vae.encode(moved, small_vae), mu, atol=1e-5)
    other = vae.encode([DRAWING[0][::-1]], small_vae)
    assert not np.allclose(other, mu)


def test_encode_refuses_empty_and_decoder_only(small_vae, small_gen) -> None:
    with pytest.raises(ValueError, match="empty"):
        vae.encode([], small_vae)
    with pytest.raises(ValueError, match="decoder-only"):
        vae.encode(DRAWING, small_gen)


def test_decode_batches_and_reproduces(small_vae: LoadedModel) -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=SMALL_Z).astype(np.float32)
    drawings = vae.decode(z, small_vae, n=4, temperature=0.5, seed=3)
    assert len(drawings) == 4
    assert all(isinstance(s, np.ndarray) and s.shape[1] == 2 for d in drawings for s in d)
    flat = [np.concatenate(d) if d else np.zeros((0, 2)) for d in drawings]
    assert len({f.tobytes() for f in flat}) == 4
    again = vae.decode(z, small_vae, n=4, temperature=0.5, seed=3)
    assert all(
        np.array_equal(a, np.concatenate(b) if b else np.zeros((0, 2)))
        for a, b in zip(flat, again, strict=True)
    )
    assert sum(len(s) for d in drawings for s in d) <= 4 * small_vae.info.max_seq_len


def test_decode_depends_on_z_and_orders_vectors(drawing_vae: LoadedModel) -> None:
    rng = np.random.default_rng(1)
    zs = rng.normal(size=(2, SMALL_Z)).astype(np.float32) * 3
    both = vae.decode(zs, drawing_vae, n=2, temperature=0.01, seed=0)
    assert len(both) == 4
    first = vae.decode(zs[0], drawing_vae, n=1, temperature=0.01, seed=0)[0]
    second = vae.decode(zs[1], drawing_vae, n=1, temperature=0.01, seed=0)[0]
    assert len(np.concatenate(first)) == drawing_vae.info.max_seq_len

    # Near-deterministic decoding: the first points of both copies of a vector agree with
    # decoding that vector alone; the two vectors start differently.
    def start(strokes: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(strokes)[:3]

    own = max(np.abs(start(both[k]) - start(ref)).max() for k, ref in
              ((0, first), (1, first), (2, second), (3, second)))  # fmt: skip
    assert own < 0.5 * np.abs(start(first) - start(second)).max()


def test_decode_into_a_canvas_frame(drawing_vae: LoadedModel) -> None:
    z = np.zeros(SMALL_Z, np.float32)
    in_box = vae.decode(z, drawing_vae, seed=2)[0]
    frame = CanvasFrame(px_per_unit=vae.box_frame(drawing_vae).px_per_unit * 2, origin=(0, 0),
                        last_point=(100.0, 50.0))  # fmt: skip
    on_canvas = vae.decode(z, drawing_vae, seed=2, frame=frame)[0]
    assert np.allclose(np.concatenate(on_canvas), np.concatenate(in_box) * 2 + [100, 50], atol=1e-3)


def test_decode_checks_z_shape(small_vae: LoadedModel) -> None:
    with pytest.raises(ValueError, match="z must have shape"):
        vae.decode(np.zeros(SMALL_Z + 1), small_vae)


def test_interpolate_endpoints_and_sphere() -> None:
    rng = np.random.default_rng(2)
    z0 = rng.normal(size=16).astype(np.float32)
    z1 = rng.normal(size=16).astype(np.float32)
    path = vae.interpolate(z0, z1, 7)
    assert path.shape == (7, 16) and path.dtype == np.float32
    assert np.array_equal(path[0], z0) and np.array_equal(path[-1], z1)
    # Orthogonal vectors of equal length: every point keeps that length (a straight line would not).
    a = np.zeros(4, np.float32)
    b = np.zeros(4, np.float32)
    a[0], b[1] = 2.0, 2.0
    arc = vae.interpolate(a, b, 5)
    assert np.allclose(np.linalg.norm(arc, axis=1), 2.0, atol=1e-6)
    assert np.allclose(arc[2], [np.sqrt(2), np.sqrt(2), 0, 0], atol=1e-6)


def test_interpolate_parallel_and_bad_arguments() -> None:
    z = np.array([1.0, 2.0, 3.0], np.float32)
    line = vae.interpolate(z, 2 * z, 3)
    assert np.allclose(line[1], 1.5 * z)
    assert np.allclose(vae.interpolate(np.zeros(3), z, 3)[1], 0.5 * z)
    with pytest.raises(ValueError):
        vae.interpolate(z, z, 1)
    with pytest.raises(ValueError):
        vae.interpolate(z, np.zeros(4), 3)
