"""Ideas with trained VAEs: a drawing's own latent vector explains it best, morphs end right.

Two sources of trained models:

- a tiny VAE trained here in a few seconds (torch) on two clearly different shapes, circles and
  zigzags, exported through the engine's graph builder: the behaviour is checked now;
- the bundled VAE models in ``models_onnx/`` with real Quick, Draw! drawings: these tests skip
  (saying why) until at least two bundled classes with an encoder are installed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from doodle import paths
from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import canvas_to_model
from doodle.engine import contract, graphs, ideas, vae
from doodle.engine.magenta import MagentaModel, write_model_folder
from doodle.engine.model import LoadedModel
from doodle.engine.registry import ModelRegistry
from tests.ideas_models import SHAPE_POINTS, SHAPES, quickdraw_drawings, shape_drawing

SCALE_FACTOR = 50.0
PIXEL_FACTOR = 1.0
MAX_SEQ_LEN = 24
HIDDEN, ENC_HIDDEN, Z_SIZE, MIXTURES = 48, 24, 8, 3
TRAIN_STEPS = 250
BATCH = 32


def _training_rows(kind: str, rng: np.random.Generator) -> np.ndarray:
    """A shape in model units exactly as the engine will see it (stroke-5, first row zero).

    Only shapes that keep all their points through simplification (almost all do) are used,
    so every training batch has one length and needs no padding.
    """
    while True:
        stroke3, _ = canvas_to_model(shape_drawing(kind, rng), SCALE_FACTOR, PIXEL_FACTOR)
        if len(stroke3) == SHAPE_POINTS:
            rows = stroke3_to_stroke5(stroke3)
            rows[0, :2] = 0.0
            return rows


def _train_shape_vae(torch, folder: Path) -> contract.ModelInfo:
    """Train a tiny VAE on circles and zigzags (one thread, a few seconds) and export it."""
    from torch import nn

    torch.manual_seed(0)
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    enc_f, enc_b = (
        nn.LSTM(5, ENC_HIDDEN, batch_first=True),
        nn.LSTM(5, ENC_HIDDEN, batch_first=True),
    )
    to_mu, to_sigma = nn.Linear(2 * ENC_HIDDEN, Z_SIZE), nn.Linear(2 * ENC_HIDDEN, Z_SIZE)
    init = nn.Linear(Z_SIZE, 2 * HIDDEN)
    dec = nn.LSTM(5 + Z_SIZE, HIDDEN, batch_first=True)
    out = nn.Linear(HIDDEN, 6 * MIXTURES + 3)
    modules = nn.ModuleList([enc_f, enc_b, to_mu, to_sigma, init, dec, out])
    with torch.no_grad():
        dec.bias_ih_l0[HIDDEN : 2 * HIDDEN].fill_(1.0)  # TF's forget bias, as exported
    optimiser = torch.optim.Adam(modules.parameters(), lr=4e-3)
    m = MIXTURES
    for _ in range(TRAIN_STEPS):
        rows = np.stack([_training_rows(SHAPES[i % 2], rng) for i in range(BATCH)])
        x = torch.tensor(rows)
        _, (h_f, _) = enc_f(x)
        _, (h_b, _) = enc_b(torch.flip(x, [1]))
        hidden = torch.cat([h_f[0], h_b[0]], dim=1)
        mu, sigma_hat = to_mu(hidden), to_sigma(hidden)
        z = mu + torch.exp(sigma_hat / 2) * torch.randn_like(mu)
        c0, h0 = torch.tanh(init(z)).chunk(2, dim=1)  # Magenta's order: c, then h
        end = torch.zeros(BATCH, 1, 5)
        end[:, :, 4] = 1.0
        targets = torch.cat([x, end], dim=1)
        start = torch.zeros(BATCH, 1, 5)
        start[:, :, 2] = 1.0
        inputs = torch.cat([start, x], dim=1)
        steps = inputs.shape[1]
        dec_in = torch.cat([inputs, z[:, None].expand(-1, steps, -1)], dim=2)
        outputs, _ = dec(dec_in, (h0[None].contiguous(), c0[None].contiguous()))
        params = out(outputs)
        pen_logits, pi, mu_x, mu_y, log_sx, log_sy, rho_raw = torch.split(
            params, [3, m, m, m, m, m, m], dim=2
        )
        rho = torch.tanh(rho_raw) * 0.999
        dx = (targets[:, :, :1] - mu_x) / torch.exp(log_sx)
        dy = (targets[:, :, 1:2] - mu_y) / torch.exp(log_sy)
        exponent = -(dx**2 + dy**2 - 2 * rho * dx * dy) / (2 * (1 - rho**2))
        log_norm = -np.log(2 * np.pi) - log_sx - log_sy - 0.5 * torch.log(1 - rho**2)
        log_mix = torch.log_softmax(pi, dim=2) + log_norm + exponent
        drawing = 1.0 - targets[:, :, 4]
        offset_loss = -(torch.logsumexp(log_mix, dim=2) * drawing).sum() / drawing.numel()
        pen_loss = -(torch.log_softmax(pen_logits, 2) * targets[:, :, 2:]).sum(2).mean()
        kl = -0.5 * (1 + sigma_hat - mu**2 - torch.exp(sigma_hat)).mean()
        loss = offset_loss + pen_loss + 0.01 * torch.clamp(kl, min=0.05)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return _export(torch, folder, enc_f, enc_b, to_mu, to_sigma, init, dec, out)


def _tf_lstm(lstm) -> graphs.LstmWeights:
    """torch rows i, f, g, o -> TF columns i, j, f, o; the builder adds the forget bias back."""

    def columns(matrix: np.ndarray) -> np.ndarray:
        i, f, g, o = np.split(matrix, 4, axis=0)
        return np.concatenate([i, g, f, o], axis=0).T

    bias = (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach().double().numpy()
    i, f, g, o = np.split(bias, 4)
    return graphs.LstmWeights(
        w_xh=np.float32(columns(lstm.weight_ih_l0.detach().double().numpy())),
        w_hh=np.float32(columns(lstm.weight_hh_l0.detach().double().numpy())),
        bias=np.float32(np.concatenate([i, g, f - graphs.FORGET_BIAS, o])),
    )


def _export(torch, folder, enc_f, enc_b, to_mu, to_sigma, init, dec, out) -> contract.ModelInfo:
    def numpy(tensor) -> np.ndarray:
        return np.float32(tensor.detach().numpy())

    decoder = graphs.DecoderWeights(
        _tf_lstm(dec), numpy(out.weight).T, numpy(out.bias), z_size=Z_SIZE
    )
    encoder = graphs.EncoderWeights(
        _tf_lstm(enc_f),
        _tf_lstm(enc_b),
        numpy(to_mu.weight).T,
        numpy(to_mu.bias),
        numpy(to_sigma.weight).T,
        numpy(to_sigma.bias),
        numpy(init.weight).T,
        numpy(init.bias),
    )
    model = MagentaModel({"max_seq_len": MAX_SEQ_LEN, "version": 6}, "vae", decoder, encoder)
    folder.mkdir(parents=True)
    meta = {
        "format": contract.FORMAT_VERSION,
        "name": folder.name,
        "label": "Shapes",
        "kind": "vae",
        "hidden_size": HIDDEN,
        "z_size": Z_SIZE,
        "num_mixture": MIXTURES,
        "max_seq_len": MAX_SEQ_LEN,
        "scale_factor": SCALE_FACTOR,
        "pixel_factor": PIXEL_FACTOR,
        "provenance": {"source": "trained in the ideas tests on circles and zigzags"},
        "metrics": {},
    }
    write_model_folder(model, folder, meta)
    return contract.check_model_folder(folder)


@pytest.fixture(scope="module")
def shape_vae(tmp_path_factory) -> LoadedModel:
    torch = pytest.importorskip("torch")
    folder = tmp_path_factory.mktemp("trained") / "shapes"
    return LoadedModel(_train_shape_vae(torch, folder))


def _chamfer(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    """Mean nearest-point distance both ways, after scaling each drawing to a unit box."""

    def unit(drawing: list[np.ndarray]) -> np.ndarray:
        points = np.concatenate(drawing).astype(np.float64)
        points -= (points.min(axis=0) + points.max(axis=0)) / 2
        return points / max(float(np.ptp(points, axis=0).max()), 1e-6)

    pa, pb = unit(a), unit(b)
    distances = np.linalg.norm(pa[:, None] - pb[None], axis=2)
    return float(distances.min(axis=1).mean() + distances.min(axis=0).mean()) / 2


@pytest.mark.slow
def test_own_latent_vector_explains_a_drawing_best(shape_vae: LoadedModel) -> None:
    rng = np.random.default_rng(123)  # drawings the model has not seen
    for _ in range(3):
        circle, zigzag = shape_drawing("circle", rng), shape_drawing("zigzag", rng)
        z = np.stack([vae.encode(circle, shape_vae), vae.encode(zigzag, shape_vae)])
        circle_nll = ideas.reconstruction_nll(circle, z, shape_vae)
        zigzag_nll = ideas.reconstruction_nll(zigzag, z, shape_vae)
        assert circle_nll[0] < circle_nll[1] - 0.5, circle_nll
        assert zigzag_nll[1] < zigzag_nll[0] - 0.5, zigzag_nll


@pytest.mark.slow
def test_morph_endpoints_look_like_the_drawings(shape_vae: LoadedModel) -> None:
    rng = np.random.default_rng(7)
    circle, zigzag = shape_drawing("circle", rng), shape_drawing("zigzag", rng)
    frames = ideas.morph(circle, zigzag, shape_vae, frames=10)
    assert len(frames) == 10 and all(frames)
    assert _chamfer(frames[0], circle) < _chamfer(frames[0], zigzag)
    assert _chamfer(frames[-1], zigzag) < _chamfer(frames[-1], circle)
    # Reimagined circles stay circles.
    for drawing in ideas.reimagine(circle, shape_vae, n=3, temperature=0.2, seed=1):
        assert _chamfer(drawing, circle) < _chamfer(drawing, zigzag)


# -- bundled models (installed by the training pipeline) --------------------------------------


def _bundled_vaes() -> list[contract.ModelInfo]:
    registry = ModelRegistry(bundled_dir=paths.bundled_models_dir(), user_dir=Path("/nonexistent"))
    return [info for info in registry.list() if info.kind == "vae" and info.bundled]


# Bundled VAEs whose morphs still often start or end nearer the wrong drawing, even with the
# noise stream chosen for their ends (none at present; models_onnx/README.md records how near
# each one comes). Strict: a model that starts to pass must be taken off this list.
MORPH_ENDPOINTS_KNOWN_WEAK: frozenset[str] = frozenset()


def _bundled_pairs(known_weak: frozenset[str] = frozenset()) -> list:
    vaes = _bundled_vaes()
    if len(vaes) < 2:
        reason = (
            f"needs trained VAE models of at least two classes in {paths.bundled_models_dir()}"
            f" (found {len(vaes)})"
        )
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="no-vaes")]
    weak = pytest.mark.xfail(
        strict=True, reason="this bundled VAE seldom redraws a real drawing closely"
    )
    return [
        pytest.param(
            vaes[i],
            vaes[(i + 1) % len(vaes)],
            id=f"{vaes[i].name}",
            marks=[weak] if vaes[i].name in known_weak else [],
        )
        for i in range(len(vaes))
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("own", "other"), _bundled_pairs())
def test_bundled_vae_prefers_the_drawing_s_own_latent(own, other) -> None:
    model = LoadedModel(own)
    drawings = quickdraw_drawings(own, 5)
    strangers = quickdraw_drawings(other, 5)
    wins = 0
    for drawing, stranger in zip(drawings, strangers, strict=True):
        z = np.stack([vae.encode(drawing, model), vae.encode(stranger, model)])
        nll = ideas.reconstruction_nll(drawing, z, model)
        wins += int(nll[0] < nll[1])
    assert wins >= 4, f"{own.name}: own latent better for only {wins} of 5 drawings"


@pytest.mark.slow
@pytest.mark.parametrize(("own", "other"), _bundled_pairs(MORPH_ENDPOINTS_KNOWN_WEAK))
def test_bundled_vae_morph_starts_and_ends_near_the_drawings(own, other) -> None:
    """Two drawings of the model's own class (its decoder draws that class whatever z is)."""
    model = LoadedModel(own)
    drawings = quickdraw_drawings(own, 10)
    near = 0
    for start, end in zip(drawings[:5], drawings[5:], strict=True):
        frames = ideas.morph(start, end, model, frames=8)
        assert len(frames) == 8
        z0 = vae.encode(start, model)
        seed = ideas.morph_seed(start, end, model)
        direct = vae.decode(z0, model, 1, ideas.MORPH_TEMPERATURE, seed)[0]
        assert len(frames[0]) == len(direct)  # the first frame is decoded from the drawing
        near += int(
            bool(frames[0])
            and bool(frames[-1])
            and _chamfer(frames[0], start) < _chamfer(frames[0], end)
            and _chamfer(frames[-1], end) < _chamfer(frames[-1], start)
        )
    assert near >= 3, f"{own.name}: only {near} of 5 morphs start and end near their drawings"
