"""Completion, variations and hint timings: the engine's sampling loops against numpy.

``completion_250`` and ``variations_9`` run the engine's own loops (``rollout_one`` and
``rollout_batch``, primed with the fixed sample drawing, results mapped back to canvas px)
for exactly 250 steps: the sampler turns the end-of-drawing token into a pen lift, so every
run does the same amount of work whatever the model would have drawn. ``completion`` is the
app's ``draw.complete`` as a child meets it (stops at the end token; steps reported). ``hint``
is ``draw.next_stroke_hint``. The numpy baseline primes and samples the same number of steps
with the same weights. Imports no Qt.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from doodle.bench.drawings import sample_drawing
from doodle.bench.numpy_decoder import load_numpy_decoder, numpy_sample_steps
from doodle.bench.stats import Figure, time_calls
from doodle.core.errors import ModelError
from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import canvas_to_model, model_to_canvas
from doodle.engine import draw
from doodle.engine.contract import ModelInfo
from doodle.engine.generate import model_input, rollout_batch, rollout_one
from doodle.engine.model import LoadedModel
from doodle.engine.sampler import MixtureSampler

STEPS = 250
VARIATIONS = 9
COMPLETION_TEMPERATURE = 0.4
VARIATION_TEMPERATURE = 0.5


class EndlessSampler(MixtureSampler):
    """The app's sampler with the end-of-drawing token read as a pen lift (fixed-length runs)."""

    def sample_one(self, row: np.ndarray) -> tuple[float, float, int]:
        dx, dy, pen = super().sample_one(row)
        return dx, dy, min(pen, 1)

    def sample_batch(self, params: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        dx, dy, pen = super().sample_batch(params)
        return dx, dy, np.minimum(pen, 1)


def _fixed_length_figure(
    model: LoadedModel, batch: int, repeats: int, numpy_repeats: int
) -> Figure:
    info = model.info
    strokes = sample_drawing()
    temperature = COMPLETION_TEMPERATURE if batch == 1 else VARIATION_TEMPERATURE
    prefix, _ = canvas_to_model(strokes, info.scale_factor, info.pixel_factor)
    prefix_rows = len(model_input(prefix, info.max_seq_len)) - 1
    rng = np.random.default_rng(1)

    def run() -> None:
        # From the child's canvas strokes to canvas strokes, as draw.complete/variations do.
        prefix_now, frame_now = canvas_to_model(strokes, info.scale_factor, info.pixel_factor)
        sampler = EndlessSampler(info.num_mixture, temperature, rng)
        seq = model_input(prefix_now, info.max_seq_len)
        if batch == 1:
            model_to_canvas(rollout_one(model, seq, sampler, STEPS), frame_now)
        else:
            for ending in rollout_batch(model, seq, batch, sampler, STEPS):
                model_to_canvas(ending, frame_now)

    name = "completion_250" if batch == 1 else f"variations_{batch}"
    figure = Figure(
        name=name,
        model=info.name,
        batch=batch,
        target_ms=30.0 if batch == 1 else 80.0,
        extra={"steps": STEPS, "prefix_rows": prefix_rows},
    ).set_samples(time_calls(run, repeats))

    try:
        numpy_decoder = load_numpy_decoder(info.path)
    except ModelError as error:
        figure.note = f"no numpy baseline: {error}"
        return figure
    prefix5 = stroke3_to_stroke5(prefix)

    def run_numpy() -> None:
        numpy_sample_steps(numpy_decoder, prefix5, STEPS, batch, temperature)

    return figure.set_numpy(time_calls(run_numpy, numpy_repeats))


def _natural_completion_figure(model: LoadedModel, repeats: int) -> Figure:
    strokes = sample_drawing()
    lengths: list[int] = []
    samples = []
    for seed in range(repeats + 1):
        start = time.perf_counter()
        result = draw.complete(strokes, model, COMPLETION_TEMPERATURE, seed=seed)
        elapsed = (time.perf_counter() - start) * 1000.0
        if seed:  # the first run warms the sessions up
            samples.append(elapsed)
            lengths.append(sum(len(stroke) for stroke in result))
    return Figure(
        name="completion",
        model=model.info.name,
        batch=1,
        extra={"median_points": int(np.median(lengths)), "stops_at": "end token or max_seq_len"},
    ).set_samples(samples)


def _hint_figure(model: LoadedModel, repeats: int, numpy_repeats: int) -> Figure:
    info = model.info
    strokes = sample_drawing()
    points: list[int] = []
    samples = []
    for seed in range(repeats + 1):
        start = time.perf_counter()
        hint = draw.next_stroke_hint(strokes, model, seed=seed)
        elapsed = (time.perf_counter() - start) * 1000.0
        if seed:
            samples.append(elapsed)
            points.append(len(hint))
    steps = max(1, int(np.median(points)))
    figure = Figure(
        name="hint", model=info.name, batch=1, target_ms=10.0, extra={"median_points": steps}
    ).set_samples(samples)
    try:
        numpy_decoder = load_numpy_decoder(info.path)
    except ModelError as error:
        figure.note = f"no numpy baseline: {error}"
        return figure
    prefix, _ = canvas_to_model(strokes, info.scale_factor, info.pixel_factor)
    prefix5 = stroke3_to_stroke5(prefix)

    def run_numpy() -> None:
        numpy_sample_steps(numpy_decoder, prefix5, steps, 1, draw.HINT_TEMPERATURE)

    return figure.set_numpy(time_calls(run_numpy, numpy_repeats))


def sampling_figures(models: Sequence[ModelInfo], repeats: int) -> list[Figure]:
    """Figures for one decoder-only model of each hidden size."""
    by_size: dict[int, ModelInfo] = {}
    for info in models:
        if info.kind == "gen":
            by_size.setdefault(info.hidden_size, info)
    if not by_size:
        raise ModelError("no decoder-only model installed to draw with")
    numpy_repeats = max(1, min(repeats, 3))
    figures = []
    for info in by_size.values():
        model = LoadedModel(info)
        figures += [
            _fixed_length_figure(model, 1, repeats, numpy_repeats),
            _fixed_length_figure(model, VARIATIONS, repeats, numpy_repeats),
            _natural_completion_figure(model, repeats),
            _hint_figure(model, repeats, numpy_repeats),
        ]
    return figures
