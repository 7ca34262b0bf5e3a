"""Train the drawing recogniser: a small CNN on rasterised drawings, exported to ONNX.

The images come from ``doodle.engine.recognize_raster`` (the same pixels the app computes),
made from drawings sampled from the installed sketch models plus optional real drawings.
Sampled drawings are simplified as Google simplified the Quick, Draw! drawings (RDP, epsilon
2.0 in the 255-pixel box), so their point density matches real drawings. Each drawing is seen
whole and as prefixes (its first k strokes), so the classifier can guess while the child is
still drawing. Augmentation: rotation, aspect, shear, line-width and margin jitter, and in the
strong setting also mirror images, point jitter and dropped strokes, redrawn every epoch.
The exported graph may average several networks and each one's reading of the mirrored
drawing, so the app still runs one ONNX file. torch is imported lazily (only inside the
functions that train or export). Imports no Qt.
"""

from __future__ import annotations

import json
import math
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core.strokes import stroke3_to_strokes
from doodle.core.units import simplify_like_quickdraw
from doodle.engine.recognize import CLASSIFIER_FILE, RECOGNIZER_KIND
from doodle.engine.recognize_raster import RasterSpec, raster_channels


@dataclass(frozen=True)
class TrainSettings:
    """Knobs of one training run (the shipped recogniser's network; it trained for 20 epochs)."""

    image_size: int = 32
    widths: tuple[int, ...] = (32, 64, 128, 256)
    hidden: int = 256
    prefixes_per_drawing: int = 1
    epochs: int = 10
    batch_size: int = 128
    learning_rate: float = 2e-3
    seed: int = 0


def drawing_views(
    strokes: Sequence[np.ndarray], prefixes: int, rng: np.random.Generator
) -> list[list[np.ndarray]]:
    """The whole drawing plus ``prefixes`` prefixes (first k strokes), weighted to small k."""
    views = [list(strokes)]
    count = len(strokes)
    for _ in range(prefixes if count > 1 else 0):
        if rng.random() < 0.6:
            k = int(rng.integers(1, min(3, count - 1) + 1))
        else:
            k = int(rng.integers(1, count))
        views.append(list(strokes[:k]))
    return views


@dataclass(frozen=True)
class Augmentation:
    """Random changes made to a training drawing before it is rasterised.

    Spreads are standard deviations (radians for ``rotation``, log aspect for ``stretch``,
    255-box pixels for ``jitter``); ``stroke_drop`` and ``mirror`` are probabilities. The
    defaults are the mild ones the recogniser was first trained with.
    """

    rotation: float = 0.12
    stretch: float = 0.12
    shear: float = 0.08
    stroke_drop: float = 0.0
    jitter: float = 0.0
    mirror: float = 0.0


# Human drawings wobble, leave parts out and face either way far more than model samples do.
STRONG_AUGMENTATION = Augmentation(
    rotation=0.2, stretch=0.2, shear=0.15, stroke_drop=0.3, jitter=1.5, mirror=0.5
)


def augment(
    strokes: Sequence[np.ndarray],
    rng: np.random.Generator,
    settings: Augmentation = Augmentation(),
) -> list[np.ndarray]:
    """Rotation, aspect change, shear, mirror, point jitter and stroke dropping as set in
    ``settings``; the raster fit removes scale and shift, so those need no jitter."""
    strokes = list(strokes)
    if len(strokes) > 2 and settings.stroke_drop and rng.random() < settings.stroke_drop:
        del strokes[int(rng.integers(0, len(strokes)))]
    angle = rng.normal(0.0, settings.rotation)
    stretch = np.exp(rng.normal(0.0, settings.stretch))
    shear = rng.normal(0.0, settings.shear)
    cos, sin = math.cos(angle), math.sin(angle)
    matrix = np.array([[cos, -sin], [sin, cos]]) @ np.array([[stretch, shear], [0.0, 1.0]])
    if settings.mirror and rng.random() < settings.mirror:
        matrix = matrix @ np.diag([-1.0, 1.0])
    result = []
    for stroke in strokes:
        points = np.asarray(stroke, np.float32)[:, :2] @ matrix.T
        if settings.jitter:
            points = points + rng.normal(0.0, settings.jitter, points.shape)
        result.append(points.astype(np.float32))
    return result


def jittered_spec(base: RasterSpec, rng: np.random.Generator) -> RasterSpec:
    return replace(
        base,
        margin=float(base.margin + rng.uniform(-1.0, 1.0)),
        blur=float(np.clip(base.blur * np.exp(rng.normal(0.0, 0.25)), 0.3, 1.2)),
    )


def build_images(
    drawings_by_class: dict[str, list[list[np.ndarray]]],
    classes: Sequence[str],
    spec: RasterSpec,
    prefixes: int,
    rng: np.random.Generator,
    train: bool = True,
    augmentation: Augmentation = Augmentation(),
) -> tuple[np.ndarray, np.ndarray]:
    """uint8 images [N, channels, S, S] and int64 labels [N] for every class's drawings and
    prefixes."""
    images: list[np.ndarray] = []
    labels: list[int] = []
    for index, name in enumerate(classes):
        for strokes in drawings_by_class.get(name, []):
            for view in drawing_views(strokes, prefixes, rng):
                if train:
                    changed = augment(view, rng, augmentation)
                    image = raster_channels(changed, jittered_spec(spec, rng))
                else:
                    image = raster_channels(view, spec)
                images.append(np.round(image * 255).astype(np.uint8))
                labels.append(index)
    return np.stack(images), np.asarray(labels, np.int64)


def stroke3_drawings(drawings: Sequence[np.ndarray]) -> list[list[np.ndarray]]:
    """Sampled stroke-3 drawings as polylines simplified like Quick, Draw! (0..255 box).

    Model samples carry about twice the points of a real simplified drawing; simplifying them
    the same way gives the classifier the same kind of polylines it sees at test time.
    Drawings with no extent left are dropped.
    """
    result = []
    for drawing in drawings:
        simplified = simplify_like_quickdraw(stroke3_to_strokes(drawing))
        if simplified:
            result.append([s.astype(np.float32) for s in simplified])
    return result


def make_network(
    num_classes: int, image_size: int, widths: tuple[int, ...], hidden: int, in_channels: int = 1
) -> Any:
    """Convolution blocks (3x3 conv, batch norm, ReLU, 2x2 max pool), one per entry of
    ``widths``, then a dense layer; ``image_size`` must be divisible by 2 ** len(widths)."""
    from torch import nn

    if image_size % 2 ** len(widths):
        raise ValueError(f"image size {image_size} is not divisible by 2^{len(widths)}")

    def block(channels_in: int, channels_out: int) -> nn.Sequential:
        return nn.Sequential(
            nn.Conv2d(channels_in, channels_out, 3, padding=1),
            nn.BatchNorm2d(channels_out),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )

    side = image_size // 2 ** len(widths)
    channels = (in_channels, *widths)
    network = nn.Sequential(
        *(block(channels[i], channels[i + 1]) for i in range(len(widths))),
        nn.Flatten(),
        nn.Dropout(0.3),
        nn.Linear(widths[-1] * side * side, hidden),
        nn.ReLU(),
        nn.Dropout(0.3),
        nn.Linear(hidden, num_classes),
    )
    return network


def train_network(
    images: np.ndarray,
    labels: np.ndarray,
    num_classes: int,
    settings: TrainSettings,
    log: Callable[[str], None] = print,
    fresh_images: Callable[[], tuple[np.ndarray, np.ndarray]] | None = None,
) -> Any:
    """Adam with a one-cycle learning-rate schedule; returns the trained network in eval mode.

    ``fresh_images``, when given, is called before every epoch after the first for newly
    augmented images of the same drawings (as many as before), so the network sees each
    drawing in a new variation every epoch instead of one fixed copy.
    """
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(settings.seed)
    network = make_network(
        num_classes, settings.image_size, settings.widths, settings.hidden, images.shape[1]
    )
    optimiser = torch.optim.Adam(network.parameters(), lr=settings.learning_rate)
    steps_per_epoch = math.ceil(len(images) / settings.batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimiser, settings.learning_rate, total_steps=settings.epochs * steps_per_epoch
    )
    inputs = torch.from_numpy(images)
    targets = torch.from_numpy(labels)
    generator = torch.Generator().manual_seed(settings.seed)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    for epoch in range(settings.epochs):
        if fresh_images is not None and epoch > 0:
            images, labels = fresh_images()
            inputs, targets = torch.from_numpy(images), torch.from_numpy(labels)
        network.train()
        order = torch.randperm(len(images), generator=generator)
        started, total_loss, correct = time.monotonic(), 0.0, 0
        for first in range(0, len(order), settings.batch_size):
            batch = order[first : first + settings.batch_size]
            x = inputs[batch].float() / 255.0
            y = targets[batch]
            logits = network(x)
            loss = loss_fn(logits, y)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total_loss += float(loss.detach()) * len(batch)
            correct += int((logits.argmax(1) == y).sum())
        log(
            f"epoch {epoch + 1}/{settings.epochs}: loss {total_loss / len(images):.3f}, "
            f"train accuracy {correct / len(images):.3f}, {time.monotonic() - started:.0f} s"
        )
    network.eval()
    return network


def keep_first_classes(network: Any, count: int) -> Any:
    """A copy of ``network`` whose output layer keeps only the first ``count`` classes.

    Drawings of objects Doodle has no model for train as extra classes (they teach the
    network how people draw); the exported graph must not guess them, so their rows of the
    last layer go and the softmax is over the installed objects alone.
    """
    import copy

    import torch
    from torch import nn

    last = network[-1]
    if not isinstance(last, nn.Linear) or not 0 < count <= last.out_features:
        raise ValueError(f"cannot keep {count} classes of this network")
    if count == last.out_features:
        return network
    kept = nn.Linear(last.in_features, count)
    with torch.no_grad():
        kept.weight.copy_(last.weight[:count])
        kept.bias.copy_(last.bias[:count])
    trimmed = copy.deepcopy(network)
    trimmed[-1] = kept
    return trimmed.eval()


def averaged_network(members: Sequence[Any], mirror: bool = False) -> Any:
    """One network over several trained ones: its logits are the log of the members' mean
    probabilities, so the exported graph is one ONNX file the app runs like a single CNN.

    With ``mirror`` every member also sees the image flipped left to right and the mean
    includes those probabilities: a drawing and its mirror image show the same object.
    """
    import torch
    from torch import nn

    class MeanOfMembers(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.members = nn.ModuleList(members)

        def forward(self, image: torch.Tensor) -> torch.Tensor:
            views = [image, torch.flip(image, dims=[3])] if mirror else [image]
            log_probs = torch.stack(
                [torch.log_softmax(m(view), dim=1) for m in self.members for view in views]
            )
            return torch.logsumexp(log_probs, dim=0) - math.log(len(self.members) * len(views))

    return MeanOfMembers().eval()


def export_onnx(network: Any, spec: RasterSpec, path: Path) -> None:
    """``image`` float32 [B, channels, S, S] in [0, 1] -> ``logits`` [B, C]; dynamic batch."""
    import torch

    example = torch.zeros(2, len(spec.channels), spec.size, spec.size)
    # The TorchScript exporter is deprecated but handles this plain CNN exactly; silence it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        _export(torch, network, example, path)


def _export(torch: Any, network: Any, example: Any, path: Path) -> None:
    torch.onnx.export(
        network,
        (example,),
        str(path),
        input_names=["image"],
        output_names=["logits"],
        dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def write_recognizer_folder(
    folder: Path,
    network: Any,
    classes: Sequence[str],
    spec: RasterSpec,
    provenance: dict[str, Any],
    metrics: dict[str, Any],
) -> None:
    """Write ``classifier.onnx`` and ``model.json`` into ``folder`` (via a staging folder)."""
    import shutil
    import tempfile

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".recognizer-", dir=folder.parent))
    try:
        export_onnx(network, spec, staging / CLASSIFIER_FILE)
        meta = {
            "format": 1,
            "name": "recognizer",
            "kind": RECOGNIZER_KIND,
            "classes": list(classes),
            "input": {"name": "image", "layout": "NCHW", "range": [0.0, 1.0], **spec.to_json()},
            "output": {"name": "logits"},
            "provenance": provenance,
            "metrics": metrics,
        }
        (staging / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
