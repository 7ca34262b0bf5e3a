"""Ideas from a VAE's latent space: reimagine a drawing, morph one into another, mix drawings.

Every function works on drawings in canvas px (lists of ``[N, >=2]`` strokes) and goes through
``doodle.engine.vae``: a drawing's latent vector is its encoder mean ``mu`` (no random draw,
so the same drawing always gives the same ideas), and new drawings are decoded from latent
vectors. Results come back as float32 ``[N, 2]`` strokes centred on the source drawing's
centre at the source drawing's scale (reimagine, mix), or centred on (0, 0) in Quick, Draw!
box px (morph frames, so all frames share one scale). A morph decodes all its frames with one
stream of random numbers, chosen among ``MORPH_STREAMS`` for how much its first and last
frames look like the two drawings (``morph_seed``).

``morph_between`` morphs two drawings of different objects, each encoded by its own object's
VAE: when both VAEs are classes of one class-conditional model (``doodle.engine.class_blend``),
frame ``i`` of ``n`` is decoded by the blended class ``t = i / (n - 1)``, so the drawing turns
from one object into the other; otherwise every frame is drawn by the first drawing's model
(``MorphPlan`` tells the caller which, so it can say so). Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

import numpy as np

from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import CanvasFrame, canvas_to_model
from doodle.engine import class_blend, vae
from doodle.engine.contract import START_TOKEN, ModelInfo
from doodle.engine.generate import CancelCheck, GenerationCancelled
from doodle.engine.model import LoadedModel
from doodle.engine.recognize_likelihood import log_likelihoods

__all__ = [
    "DEFAULT_MORPH_FRAMES",
    "MORPH_SEED",
    "MORPH_STREAMS",
    "MORPH_TEMPERATURE",
    "MorphPlan",
    "centre_of",
    "encoder_model_for",
    "mix",
    "morph",
    "morph_between",
    "morph_plan",
    "morph_seed",
    "outline_distance",
    "reconstruction_nll",
    "reimagine",
]

DEFAULT_MORPH_FRAMES = 10
MAX_MORPH_FRAMES = 32
MORPH_TEMPERATURE = 0.05
"""Low: each frame is (almost) the decoder's most likely drawing, so neighbours look alike."""
MORPH_SEED = 7
"""Every frame is decoded with the same noise, so frames change only as much as z does."""
MORPH_STREAMS = 16
"""Noise streams (seeds ``MORPH_SEED``, ``MORPH_SEED + 1``, ...) a morph tries for its first
and last frames before it decodes the rest with the one that fits the two drawings best: the
decoders use the latent vector little, so with one stream the ends of a morph often look no
more like their own drawing than like the other one."""

Drawing = list[np.ndarray]


def encoder_model_for(models: Iterable[ModelInfo], name: str) -> ModelInfo | None:
    """The model with an encoder that serves object ``name``, or None.

    ``name`` itself when it is a VAE; otherwise a VAE drawing the same class (its name or the
    class recorded in its provenance), so a decoder-only model of a class can lend its ideas
    to that class's VAE.
    """
    if not name:
        return None
    infos = list(models)
    by_name = {info.name: info for info in infos}
    own = by_name.get(name)
    if own is not None and own.kind == "vae":
        return own
    wanted = {name}
    if own is not None and own.provenance.get("class_name"):
        wanted.add(str(own.provenance["class_name"]))
    for info in infos:
        if info.kind == "vae" and (
            info.name in wanted or str(info.provenance.get("class_name", "")) in wanted
        ):
            return info
    return None


def _polylines(strokes_px: Sequence[np.ndarray]) -> list[np.ndarray]:
    return [np.asarray(s, dtype=np.float32)[:, :2] for s in strokes_px if len(s) > 0]


def centre_of(strokes: Sequence[np.ndarray]) -> np.ndarray:
    """The centre of a drawing's bounding box (float64 [2]); (0, 0) for an empty drawing."""
    lines = _polylines(strokes)
    if not lines:
        return np.zeros(2)
    points = np.concatenate(lines).astype(np.float64)
    return (points.min(axis=0) + points.max(axis=0)) / 2.0


def _moved(strokes: Sequence[np.ndarray], centre: np.ndarray) -> Drawing:
    """The drawing shifted so that its bounding-box centre lands on ``centre``."""
    shift = np.asarray(centre, dtype=np.float64) - centre_of(strokes)
    return [(line + shift).astype(np.float32) for line in _polylines(strokes)]


def _child_frame(strokes_px: Sequence[np.ndarray], model: LoadedModel, min_extent_px: float):
    info = model.info
    _, frame = canvas_to_model(
        _polylines(strokes_px), info.scale_factor, info.pixel_factor, min_extent_px
    )
    return CanvasFrame(frame.px_per_unit, (0.0, 0.0), (0.0, 0.0))


def _check_cancel(cancel: CancelCheck) -> None:
    if cancel is not None and cancel():
        raise GenerationCancelled


def _decode_in_place(
    z: np.ndarray,
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    n: int,
    temperature: float,
    seed: int | np.random.Generator | None,
    min_extent_px: float,
    cancel: CancelCheck,
) -> list[Drawing]:
    """``n`` drawings decoded (in one batch) from ``z``, at the scale of ``strokes_px`` and
    centred where they are."""
    _check_cancel(cancel)
    frame = _child_frame(strokes_px, model, min_extent_px)
    drawings = vae.decode(z, model, n, temperature, seed, frame=frame, cancel=cancel)
    centre = centre_of(strokes_px)
    return [_moved(drawing, centre) for drawing in drawings]


def reimagine(
    strokes_px: Sequence[np.ndarray],
    model: LoadedModel,
    n: int = 4,
    temperature: float = 0.5,
    seed: int | np.random.Generator | None = None,
    min_extent_px: float = 0.0,
    cancel: CancelCheck = None,
) -> list[Drawing]:
    """``n`` new drawings decoded (in one batch) from the latent mean of the child's drawing.

    Each comes back at the child's scale, centred where the child's drawing is.
    """
    z = vae.encode(_polylines(strokes_px), model, min_extent_px)
    return _decode_in_place(z, strokes_px, model, n, temperature, seed, min_extent_px, cancel)


def mix(
    base: Sequence[np.ndarray],
    add: Sequence[np.ndarray],
    take_away: Sequence[np.ndarray],
    model: LoadedModel,
    n: int = 4,
    temperature: float = 0.3,
    seed: int | np.random.Generator | None = None,
    cancel: CancelCheck = None,
) -> list[Drawing]:
    """Drawings decoded from ``z(base) + (z(add) - z(take_away))``, at ``base``'s place and scale.

    E.g. a cat's head (base) + a whole pig (add) - a pig's head (take away): a cat with a body.
    """
    z = vae.encode(_polylines(base), model)
    z = z + (vae.encode(_polylines(add), model) - vae.encode(_polylines(take_away), model))
    return _decode_in_place(z, base, model, n, temperature, seed, 0.0, cancel)


def outline_distance(first: Sequence[np.ndarray], second: Sequence[np.ndarray]) -> float:
    """How unlike two drawings look, whatever their size and place: the mean distance from
    each point to the other drawing's nearest point, both ways, with each drawing scaled to
    a unit box. 0 for the same points; inf when either drawing is empty."""

    def unit(drawing: Sequence[np.ndarray]) -> np.ndarray | None:
        lines = _polylines(drawing)
        if not lines:
            return None
        points = np.concatenate(lines).astype(np.float64)
        points -= (points.min(axis=0) + points.max(axis=0)) / 2
        return points / max(float(np.ptp(points, axis=0).max()), 1e-6)

    a, b = unit(first), unit(second)
    if a is None or b is None:
        return float("inf")
    distances = np.linalg.norm(a[:, None] - b[None], axis=2)
    return float(distances.min(axis=1).mean() + distances.min(axis=0).mean()) / 2


def _morph_ends(
    start: Sequence[np.ndarray],
    end: Sequence[np.ndarray],
    start_model: LoadedModel,
    end_model: LoadedModel,
    temperature: float,
    seed: int,
    streams: int,
    cancel: CancelCheck,
) -> tuple[np.ndarray, np.ndarray, int, Drawing | None, Drawing | None]:
    """Both drawings' latent means, the morph's seed and, when it was chosen among several
    streams, its first and last frames (already decoded while choosing; None when one
    stream only was asked for, or none drew both ends).

    The seed is the one among ``seed .. seed + streams - 1`` whose worse end looks most like
    its own drawing rather than the other one: how much nearer the first frame is to
    ``start`` than to ``end``, and the last frame to ``end`` than to ``start``, whichever of
    the two is less.
    """
    if streams < 1:
        raise ValueError(f"streams must be at least 1, got {streams}")
    start_lines, end_lines = _polylines(start), _polylines(end)
    z0 = vae.encode(start_lines, start_model)
    z1 = vae.encode(end_lines, end_model)
    if streams == 1:
        return z0, z1, seed, None, None
    best: tuple[float, int, Drawing | None, Drawing | None] = (float("inf"), seed, None, None)
    for candidate in range(seed, seed + streams):
        _check_cancel(cancel)
        first = vae.decode(z0, start_model, 1, temperature, candidate, cancel=cancel)[0]
        last = vae.decode(z1, end_model, 1, temperature, candidate, cancel=cancel)[0]
        if not first or not last:
            continue  # a morph that starts or ends with an empty frame never wins
        # Relative, not absolute, likeness: the ends must tell the two drawings apart, or
        # the animation seems to go nowhere. The worse end decides, not the sum of both: a
        # morph whose one end looks like the wrong drawing fails however good the other is.
        cost = max(
            outline_distance(first, start_lines) - outline_distance(first, end_lines),
            outline_distance(last, end_lines) - outline_distance(last, start_lines),
        )
        if cost < best[0]:
            best = (cost, candidate, first, last)
    return z0, z1, best[1], best[2], best[3]


def morph_seed(
    start: Sequence[np.ndarray],
    end: Sequence[np.ndarray],
    model: LoadedModel,
    end_model: LoadedModel | None = None,
    temperature: float = MORPH_TEMPERATURE,
    seed: int = MORPH_SEED,
    streams: int = MORPH_STREAMS,
    cancel: CancelCheck = None,
) -> int:
    """The seed ``morph`` (``end_model`` given: ``morph_between``) decodes every frame with:
    of ``streams`` seeds from ``seed`` on, the one whose first frame looks like ``start``
    rather than ``end`` and whose last frame like ``end`` rather than ``start`` by the widest
    margin at the worse of the two ends."""
    last_model = model if end_model is None else end_model
    return _morph_ends(start, end, model, last_model, temperature, seed, streams, cancel)[2]


def morph(
    start: Sequence[np.ndarray],
    end: Sequence[np.ndarray],
    model: LoadedModel,
    frames: int = DEFAULT_MORPH_FRAMES,
    temperature: float = MORPH_TEMPERATURE,
    seed: int = MORPH_SEED,
    cancel: CancelCheck = None,
    streams: int = MORPH_STREAMS,
) -> list[Drawing]:
    """``frames`` drawings on the spherical path from ``start``'s latent mean to ``end``'s.

    Every frame is decoded on its own with the same seed (the same random numbers), so a
    frame differs from its neighbour only because its latent vector does. The seed is
    ``morph_seed(start, end, model, temperature=temperature, seed=seed, streams=streams)``
    (``streams=1``: ``seed`` itself), and frame 0 is exactly
    ``vae.decode(z_start, model, 1, temperature, that_seed)``. Frames are in box px, each
    centred on (0, 0).
    """
    return _morph_frames(start, end, model, model, None, frames, temperature, seed, cancel, streams)


def _morph_frames(
    start: Sequence[np.ndarray],
    end: Sequence[np.ndarray],
    start_model: LoadedModel,
    end_model: LoadedModel,
    blend: class_blend.ClassBlend | None,
    frames: int,
    temperature: float,
    seed: int,
    cancel: CancelCheck,
    streams: int,
) -> list[Drawing]:
    """The frames of ``morph`` (``blend`` None, one model) or of a blended ``morph_between``:
    the first frame drawn by ``start_model``, the last by ``end_model``, the others by the
    blend between them."""
    if not 2 <= frames <= MAX_MORPH_FRAMES:
        raise ValueError(f"frames must be between 2 and {MAX_MORPH_FRAMES}, got {frames}")
    z0, z1, chosen, first, last = _morph_ends(
        start, end, start_model, end_model, temperature, seed, streams, cancel
    )
    result = []
    for index, z in enumerate(vae.interpolate(z0, z1, frames)):
        _check_cancel(cancel)
        if index == 0 and first is not None:
            drawing = first
        elif index == frames - 1 and last is not None:
            drawing = last
        else:
            if index == 0 or blend is None:
                model = start_model
            elif index == frames - 1:
                model = end_model
            else:
                model = blend.model_at(index / (frames - 1))
            drawing = vae.decode(z, model, 1, temperature, chosen, cancel=cancel)[0]
        result.append(_moved(drawing, np.zeros(2)))
    return result


class MorphPlan(Enum):
    """How two drawings' models morph: which decoders draw the frames."""

    ONE_MODEL = "one_model"
    """Both drawings are of one object: its model draws every frame."""
    BLEND = "blend"
    """Two classes of one class-conditional model: the frames blend the two decoders."""
    FIRST_MODEL_ONLY = "first_model_only"
    """Unrelated models: every frame is drawn as the first drawing's object."""


def morph_plan(start: ModelInfo, end: ModelInfo) -> MorphPlan:
    """How a morph from a drawing of ``start``'s object to one of ``end``'s is drawn."""
    if start.path.resolve() == end.path.resolve():
        return MorphPlan.ONE_MODEL
    if class_blend.can_blend(start, end):
        return MorphPlan.BLEND
    return MorphPlan.FIRST_MODEL_ONLY


def morph_between(
    start: Sequence[np.ndarray],
    end: Sequence[np.ndarray],
    start_model: LoadedModel,
    end_model: LoadedModel,
    frames: int = DEFAULT_MORPH_FRAMES,
    temperature: float = MORPH_TEMPERATURE,
    seed: int = MORPH_SEED,
    cancel: CancelCheck = None,
    streams: int = MORPH_STREAMS,
) -> list[Drawing]:
    """``morph`` from a drawing of ``start_model``'s object to one of ``end_model``'s.

    With ``MorphPlan.BLEND`` each drawing is encoded by its own model (the encoder is shared)
    and frame ``i`` is decoded by the class ``t = i / (frames - 1)`` with the same seed
    (``morph_seed(start, end, start_model, end_model, ...)``): the first frame exactly as
    ``start_model`` decodes it, the last as ``end_model`` does. Otherwise this is
    ``morph(start, end, start_model)``.
    """
    blend = class_blend.class_blend(start_model.info, end_model.info)
    if blend is None:
        return morph(start, end, start_model, frames, temperature, seed, cancel, streams)
    return _morph_frames(
        start, end, start_model, end_model, blend, frames, temperature, seed, cancel, streams
    )


def _targets(strokes_px: Sequence[np.ndarray], model: LoadedModel) -> np.ndarray:
    """The drawing as the decoder should produce it: stroke-5 rows plus the end token."""
    info = model.info
    stroke3, _ = canvas_to_model(_polylines(strokes_px), info.scale_factor, info.pixel_factor)
    if len(stroke3) == 0:
        raise ValueError("cannot score an empty drawing")
    rows = stroke3_to_stroke5(stroke3[: info.max_seq_len - 1])
    rows[0, :2] = 0.0  # drawings start at the origin, as the encoder sees them
    end = np.array([[0.0, 0.0, 0.0, 0.0, 1.0]], dtype=np.float32)
    return np.concatenate([rows, end]).astype(np.float32)


def reconstruction_nll(
    strokes_px: Sequence[np.ndarray], z: np.ndarray, model: LoadedModel
) -> np.ndarray:
    """Mean negative log-likelihood per row of the drawing under the decoder given each ``z``.

    ``z`` is [Nz] or [K, Nz]; the result is float64 [K] (lower: ``z`` explains the drawing
    better). The decoder reads the drawing itself (teacher forcing), all K vectors in one batch.
    """
    vectors = np.ascontiguousarray(np.atleast_2d(np.asarray(z, dtype=np.float32)))
    if vectors.shape[1] != model.info.z_size:
        raise ValueError(f"z must have shape [{model.info.z_size}] or [K, {model.info.z_size}]")
    targets = _targets(strokes_px, model)
    batch = len(vectors)
    h, c = model.initial_state(batch, vectors)
    inputs = np.concatenate([np.asarray(START_TOKEN, np.float32)[None], targets[:-1]])
    scores = np.zeros(batch)
    for row, target in zip(inputs, targets, strict=True):
        x = np.ascontiguousarray(np.repeat(row[None], batch, axis=0))
        params, h, c = model.step(x, h, c, vectors)
        scores -= log_likelihoods(params, np.repeat(target[None], batch, axis=0))
    return scores / len(targets)
