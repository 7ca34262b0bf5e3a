"""Recognition latency: "what are you drawing?" over every installed model, 60-point drawing.

Times ``Recognizer.guess`` as the app calls it: among the decoder-only models, with the
classifier if installed and decoder likelihood for the objects the classifier does not know.
The numpy baseline recomputes the likelihood part with the numpy decoder; the classifier CNN
has no numpy counterpart, which the figure notes. Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from doodle.bench.drawings import sample_drawing
from doodle.bench.models import registry_of
from doodle.bench.numpy_decoder import NumpyDecoder, load_numpy_decoder
from doodle.bench.stats import Figure, time_calls
from doodle.core.errors import ModelError
from doodle.core.strokes import stroke3_to_stroke5
from doodle.core.units import canvas_to_model
from doodle.engine.contract import START_TOKEN, ModelInfo
from doodle.engine.recognize import Recognizer, load_classifier
from doodle.engine.recognize_likelihood import step_log_likelihood

POINTS = 60


def _numpy_likelihood(decoder: NumpyDecoder, info: ModelInfo, strokes: list[np.ndarray]) -> float:
    stroke3, _ = canvas_to_model(strokes, info.scale_factor, info.pixel_factor)
    targets = stroke3_to_stroke5(stroke3)[1:]
    width = 5 + info.z_size
    x = np.zeros((1, width), np.float32)
    x[0, :5] = START_TOKEN
    h = np.zeros((1, info.hidden_size), np.float32)
    c = np.zeros_like(h)
    total = 0.0
    for target in targets:
        params, h, c = decoder.step(x, h, c)
        total += step_log_likelihood(params[0].astype(np.float64), target.astype(np.float64))
        x[0, :5] = target
    return -total / max(1, len(targets))


def recognition_figures(models: Sequence[ModelInfo], repeats: int) -> list[Figure]:
    strokes = sample_drawing(POINTS)
    # The app guesses among the objects it draws along with (decoder-only models).
    candidates = [info for info in models if info.kind == "gen"]
    names = [info.name for info in candidates]
    classifier = load_classifier()
    by_likelihood = [
        info for info in candidates if classifier is None or info.name not in classifier.classes
    ]
    with registry_of(models) as registry:
        recognizer = Recognizer(registry, classifier)
        figure = Figure(
            name="recognition",
            model=f"{len(names)} models",
            batch=1,
            target_ms=150.0 if len(names) >= 28 else None,
            extra={
                "points": POINTS,
                "models": len(names),
                "classifier": classifier is not None,
                "scored_by_likelihood": len(by_likelihood),
            },
        ).set_samples(time_calls(lambda: recognizer.guess(strokes, names), repeats))
    try:
        decoders = [(load_numpy_decoder(info.path), info) for info in by_likelihood]
    except ModelError as error:
        figure.note = f"no numpy baseline: {error}"
        return [figure]
    if decoders:

        def run_numpy() -> None:
            for decoder, info in decoders:
                _numpy_likelihood(decoder, info, strokes)

        figure.set_numpy(time_calls(run_numpy, max(1, min(repeats, 3))))
        if classifier is not None:
            figure.note = "numpy baseline covers the likelihood part only (no numpy CNN)"
    else:
        figure.note = "classifier only: no numpy baseline for the CNN"
    return [figure]
