"""How often the recogniser names a model's own sketches as its object.

A stand-in, measured on many sketches, for the look at a model's sample grid ("would a person
recognise these?"): the model draws sketches at a low temperature (the grid's), and the
installed recogniser, trained on drawings of the objects, guesses each one. The share of
sketches it calls right compares students with their teachers and one training run with the
next. It is a proxy: the recogniser has its own blind spots (on real drawings it is right
about four times in five), so the share is only meaningful next to the teacher's. Needs no
torch and no Qt.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core.errors import ModelError
from doodle.core.strokes import stroke3_to_strokes
from doodle.engine.model import LoadedModel
from doodle.engine.recognize import CLASSIFIER_FILE, Classifier
from doodle.train.teacher import sample_sketches

GRID_TEMPERATURE = 0.3


def samples_recognised(
    model: LoadedModel,
    class_name: str,
    classifier: Classifier,
    count: int,
    temperature: float = GRID_TEMPERATURE,
    seed: int = 0,
) -> dict[str, Any]:
    """Draw ``count`` sketches and report the share the recogniser names ``class_name``."""
    if class_name not in classifier.classes:
        raise ModelError(
            f"the recogniser in {classifier.folder} does not know {class_name!r}; retrain it "
            "(doodle train recognizer) with a model of that object installed"
        )
    drawn = sample_sketches(
        model,
        count,
        temperature=temperature,
        batch=min(count, 200),
        seed=seed,
        keep_unfinished=True,
    )
    drawings = [[s for s in stroke3_to_strokes(sketch) if len(s)] for sketch in drawn.sketches()]
    guesses = np.asarray(classifier.classes)[classifier.probabilities(drawings).argmax(axis=1)]
    names, counts = np.unique(guesses, return_counts=True)
    named = {str(name): int(n) for name, n in zip(names, counts, strict=True)}
    return {
        "temperature": temperature,
        "sketches": len(drawings),
        "share": round(float(np.mean(guesses == class_name)), 4),
        "most_named": dict(sorted(named.items(), key=lambda item: -item[1])[:3]),
        "recogniser_sha256": _digest(classifier.folder / CLASSIFIER_FILE),
        "seed": seed,
    }


def _digest(path: Path) -> str:
    """Which recogniser judged: the first 16 hex digits of its graph's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
