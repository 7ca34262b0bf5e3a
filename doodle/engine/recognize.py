""" "What are you drawing?": guess the object from the child's strokes.

Two sources of evidence, combined into one probability per installed object:

- the *classifier* (``models_onnx/recognizer/``, or the user's retrained copy in the user
  models folder, which takes precedence): a small CNN over the drawing rasterised by
  ``recognize_raster`` (numpy, so the worker, the CLI and training see the same pixels);
- for objects the classifier was not trained on (a model imported later), the *likelihood*
  of the drawing under that object's own decoder. Their likelihoods are compared with the
  likelihood under the classifier's favourite, which stands for all classifier-known objects:
  a softmax over those mean log-likelihoods splits the probability between the two groups.
  The favourite speaks for K objects, so it enters the softmax with a prior K times that of
  one unknown object: every object starts equal, whether the classifier knows it or not.

Imports no Qt.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort

from doodle import paths
from doodle.core.errors import ModelError
from doodle.engine.model import open_session
from doodle.engine.recognize_likelihood import mean_negative_log_likelihood
from doodle.engine.recognize_raster import RasterSpec, raster_channels
from doodle.engine.registry import ModelRegistry

RECOGNIZER_FOLDER = "recognizer"
CLASSIFIER_FILE = "classifier.onnx"
RECOGNIZER_KIND = "recognizer"
# Sharpness of the likelihood softmax (per-point log-likelihood differences are small).
# Chosen on drawings sampled from the 27 Magenta objects' installed models (12 each, 14 of
# them bundled), not on real drawings: 3, 5, 7, 10, 15, 20 and 30 named 38, 41, 43, 44, 43,
# 43 and 43 % of those samples right.
LIKELIHOOD_SHARPNESS = 10.0


@dataclass(frozen=True)
class Guess:
    """One guess: the model name and its probability (0..1)."""

    name: str
    score: float


def recognizer_folders() -> list[Path]:
    """Where a recogniser may live, most preferred first: the user's retrained one, then ours."""
    return [
        paths.user_models_dir() / RECOGNIZER_FOLDER,
        paths.bundled_models_dir() / RECOGNIZER_FOLDER,
    ]


def drawable_objects(registry: ModelRegistry) -> list[str]:
    """The objects a child can draw along with: the decoder-only ("gen") models.

    VAE folders are the same objects in another form (reimagine, morph), not extra objects.
    """
    return [info.name for info in registry.list() if info.kind == "gen"]


class Classifier:
    """The recogniser's ONNX CNN and what its ``model.json`` says about it."""

    def __init__(self, folder: Path) -> None:
        meta_path = folder / "model.json"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            classes = [str(name) for name in meta["classes"]]
            spec = RasterSpec.from_json(meta["input"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
            raise ModelError(
                f"{meta_path}: not a usable recogniser description ({error})"
            ) from None
        if meta.get("kind") != RECOGNIZER_KIND or not classes or spec.size < 8:
            raise ModelError(f"{meta_path}: not a recogniser (kind, classes or input size)")
        self.folder = folder
        self.classes: list[str] = classes
        self.spec = spec
        self.provenance: dict = dict(meta.get("provenance", {}))
        self.metrics: dict = dict(meta.get("metrics", {}))
        # Real drawings it trained on: measures on real drawings must leave them out.
        keys = self.provenance.get("real_drawing_keys", [])
        self.trained_drawing_keys: frozenset[str] = (
            frozenset(str(key) for key in keys if isinstance(key, str | int))
            if isinstance(keys, list)
            else frozenset()
        )
        self._session: ort.InferenceSession = open_session(folder / CLASSIFIER_FILE)
        image_shape = self._session.get_inputs()[0].shape
        fixed_channels = image_shape[1] if len(image_shape) == 4 else None
        if len(image_shape) != 4 or (
            isinstance(fixed_channels, int) and fixed_channels != len(spec.channels)
        ):
            raise ModelError(
                f"{folder / CLASSIFIER_FILE}: reads images of shape {image_shape}, but "
                f"model.json describes {len(spec.channels)} channel(s) {list(spec.channels)}"
            )
        outputs = self._session.get_outputs()
        if outputs[0].shape[-1] != len(classes):
            raise ModelError(
                f"{folder / CLASSIFIER_FILE}: {outputs[0].shape[-1]} outputs for "
                f"{len(classes)} classes"
            )

    def images(self, drawings: Sequence[Sequence[np.ndarray]]) -> np.ndarray:
        """float32 [B, channels, S, S]: what the network reads (see ``model.json`` ``input``)."""
        return np.stack([raster_channels(d, self.spec) for d in drawings]).astype(np.float32)

    def probabilities(self, drawings: Sequence[Sequence[np.ndarray]]) -> np.ndarray:
        """[B, C] class probabilities for a batch of drawings (each a list of [N, >=2])."""
        (logits,) = self._session.run(["logits"], {"image": self.images(drawings)})
        logits = logits - logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)


def load_classifier() -> Classifier | None:
    """The preferred usable recogniser, or None when there is none."""
    for folder in recognizer_folders():
        if (folder / "model.json").is_file():
            try:
                return Classifier(folder)
            except ModelError:
                continue
    return None


class Recognizer:
    """Guesses among the given installed objects (by model name; default: every drawable one)."""

    def __init__(self, registry: ModelRegistry, classifier: Classifier | None) -> None:
        self.registry = registry
        self.classifier = classifier

    def guess(
        self,
        strokes_px: Sequence[np.ndarray],
        candidates: Sequence[str] | None = None,
        top: int = 3,
        cancel: Callable[[], bool] | None = None,
    ) -> list[Guess]:
        """The ``top`` most probable objects for a drawing in canvas pixels, best first."""
        return self.guess_many([strokes_px], candidates, top, cancel)[0]

    def guess_many(
        self,
        drawings: Sequence[Sequence[np.ndarray]],
        candidates: Sequence[str] | None = None,
        top: int = 3,
        cancel: Callable[[], bool] | None = None,
    ) -> list[list[Guess]]:
        """``guess`` for several drawings (the classifier runs them as one batch)."""
        names = list(candidates) if candidates is not None else drawable_objects(self.registry)
        drawings = [[np.asarray(s, np.float32) for s in d if len(s)] for d in drawings]
        if not names:
            return [[] for _ in drawings]
        known = [n for n in names if self.classifier and n in self.classifier.classes]
        unknown = [n for n in names if n not in known]
        known_probs = np.zeros((len(drawings), len(known)))
        if known:
            assert self.classifier is not None
            columns = [self.classifier.classes.index(n) for n in known]
            non_empty = [i for i, d in enumerate(drawings) if d]
            if non_empty:
                probs = self.classifier.probabilities([drawings[i] for i in non_empty])
                known_probs[non_empty] = probs[:, columns]
        results = []
        for row, drawing in enumerate(drawings):
            if not drawing:
                results.append([])
                continue
            scores = self._combine(drawing, known, known_probs[row], unknown, cancel)
            ranked = sorted(scores.items(), key=lambda item: -item[1])[:top]
            results.append([Guess(name, float(score)) for name, score in ranked])
        return results

    def _combine(
        self,
        drawing: Sequence[np.ndarray],
        known: list[str],
        known_probs: np.ndarray,
        unknown: list[str],
        cancel: Callable[[], bool] | None,
    ) -> dict[str, float]:
        if known and known_probs.sum() > 0:
            known_probs = known_probs / known_probs.sum()
        if not unknown:
            return dict(zip(known, known_probs, strict=True))
        # The classifier's favourite stands in for every object the classifier knows.
        stand_in = known[int(np.argmax(known_probs))] if known else None
        scored = unknown + ([stand_in] if stand_in else [])
        log_likelihoods = np.array(
            [
                -mean_negative_log_likelihood(drawing, self.registry.get(name), cancel)
                for name in scored
            ]
        )
        finite = np.where(np.isfinite(log_likelihoods), log_likelihoods, -1e9)
        logits = LIKELIHOOD_SHARPNESS * finite
        if stand_in:
            # The stand-in's prior is that of all the known objects it speaks for.
            logits[-1] += math.log(len(known))
        weights = np.exp(logits - logits.max())
        shares = weights / weights.sum()
        scores = {name: float(share) for name, share in zip(unknown, shares, strict=False)}
        known_share = float(shares[-1]) if stand_in else 0.0
        for name, probability in zip(known, known_probs, strict=True):
            scores[name] = known_share * float(probability)
        if not math.isclose(sum(scores.values()), 1.0, abs_tol=1e-6):
            total = sum(scores.values()) or 1.0
            scores = {name: value / total for name, value in scores.items()}
        return scores
