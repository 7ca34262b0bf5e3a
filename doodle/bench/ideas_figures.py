"""Reimagine and morph timings: the VAE features a child meets in the idea panes.

``reimagine_4`` is ``ideas.reimagine`` as the app calls it (four drawings from the latent of
the fixed sample drawing, decoded in one batch). ``morph_10`` is ``ideas.morph_between`` with
the app's defaults (10 frames, the seed chosen among 16 streams) from the sample drawing to
itself read as a second object: with two VAE folders of one class-conditional run the
frames are drawn by blended decoders, which is the slowest path; with one VAE folder it is
``ideas.morph`` within that object. There is no numpy peer: these run several engine calls
that only exist on onnxruntime. Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from doodle.bench.drawings import sample_drawing
from doodle.bench.stats import Figure, FigureUnavailable, time_calls
from doodle.engine import class_blend, ideas
from doodle.engine.contract import ModelInfo
from doodle.engine.model import LoadedModel

REIMAGINE_DRAWINGS = 4


def _blendable_pair(vaes: Sequence[ModelInfo]) -> tuple[ModelInfo, ModelInfo] | None:
    for index, first in enumerate(vaes):
        for second in vaes[index + 1 :]:
            if class_blend.can_blend(first, second):
                return first, second
    return None


def ideas_figures(models: Sequence[ModelInfo], repeats: int) -> list[Figure]:
    """``reimagine_4`` and ``morph_10`` on the installed VAE folders."""
    vaes = [info for info in models if info.kind == "vae"]
    if not vaes:
        raise FigureUnavailable("no VAE model installed (reimagine and morph need one)")
    strokes = sample_drawing()
    pair = _blendable_pair(vaes)
    start_info, end_info = pair if pair else (vaes[0], vaes[0])
    start, end = LoadedModel(start_info), LoadedModel(end_info)
    seeds = iter(range(1_000_000))
    points: list[int] = []

    def run_reimagine() -> None:
        drawings = ideas.reimagine(strokes, start, REIMAGINE_DRAWINGS, seed=next(seeds))
        points.extend(sum(len(stroke) for stroke in drawing) for drawing in drawings)

    def run_morph() -> None:
        ideas.morph_between(strokes, strokes, start, end, seed=next(seeds))

    reimagine = Figure(
        name="reimagine_4",
        model=start_info.name,
        batch=REIMAGINE_DRAWINGS,
        note="no numpy peer",
    ).set_samples(time_calls(run_reimagine, repeats))
    # How much drawing each call decoded: the time depends on where the decoder ended.
    reimagine.extra["median_points"] = int(np.median(points))
    morph = Figure(
        name="morph_10",
        model=f"{start_info.name} -> {end_info.name}",
        batch=1,
        extra={
            "frames": ideas.DEFAULT_MORPH_FRAMES,
            "streams": ideas.MORPH_STREAMS,
            "blended": pair is not None,
        },
        note="no numpy peer",
    ).set_samples(time_calls(run_morph, max(1, min(repeats, 5))))
    return [reimagine, morph]
