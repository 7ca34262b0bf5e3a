"""The shipped recogniser on real Quick, Draw! drawings it never saw in training.

The objects are Magenta's published models (imported through the engine); the recogniser is
``models_onnx/recognizer``. Clear cases: complete drawings of distinct objects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from doodle.engine.recognize import Recognizer, load_classifier
from doodle.engine.recognize_eval import evaluate, real_drawings
from doodle.engine.registry import ModelRegistry
from tests.real_models import bundle_only_the_recognizer, import_magenta_models
from tests.shared_data import require_shared

OBJECTS = ("ambulance", "bear", "key", "palm_tree", "sheep")
PER_CLASS = 10


@pytest.fixture(scope="module")
def objects_dir(tmp_path_factory) -> Path:
    return import_magenta_models(tmp_path_factory.mktemp("objects"), OBJECTS)


@pytest.fixture
def recognizer(objects_dir, tmp_path, monkeypatch) -> Recognizer:
    bundled = bundle_only_the_recognizer(tmp_path, monkeypatch)
    classifier = load_classifier()
    assert classifier is not None and set(OBJECTS) <= set(classifier.classes)
    return Recognizer(ModelRegistry(bundled_dir=bundled, user_dir=objects_dir), classifier)


def test_real_drawings_are_recognised(recognizer):
    real = real_drawings(require_shared("quickdraw", "simplified"), OBJECTS, PER_CLASS)
    assert sorted(real) == sorted(OBJECTS)
    for name, drawings in real.items():
        guesses = recognizer.guess_many(drawings, top=3)
        top1 = sum(g[0].name == name for g in guesses)
        top3 = sum(name in [x.name for x in g] for g in guesses)
        assert top1 >= 0.6 * len(drawings), f"{name}: only {top1}/{len(drawings)} right"
        assert top3 >= 0.9 * len(drawings), f"{name}: only {top3}/{len(drawings)} in the top 3"


def test_evaluation_report_on_real_drawings(recognizer):
    report = evaluate(recognizer, require_shared("quickdraw", "simplified"), PER_CLASS)
    assert report["classes"] == sorted(OBJECTS)
    assert report["complete"]["drawings"] == PER_CLASS * len(OBJECTS)
    assert report["complete"]["top1"] >= 0.85
    # Guessing gets better as more of the drawing is there.
    assert report["first_1_strokes"]["top3"] <= report["complete"]["top3"]
    assert report["first_3_strokes"]["top1"] >= 0.5
