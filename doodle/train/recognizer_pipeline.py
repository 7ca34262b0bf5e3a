"""The whole recogniser training run: sample, rasterise, train, validate, export.

Sampled drawings are cached per model fingerprint, so retraining after adding a model only
samples the new one. One in ten sampled drawings per class is held out to report a
validation accuracy on model samples (real-drawing accuracy is measured separately by
``doodle.engine.recognize_eval``). torch is imported lazily by ``doodle.train.recognizer``.
Imports no Qt.
"""

from __future__ import annotations

import platform
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from doodle.engine.contract import ModelInfo
from doodle.engine.recognize_eval import in_part, other_object_drawings, real_drawings_by_key
from doodle.engine.recognize_raster import INK, STROKE_ORDER, RasterSpec
from doodle.engine.registry import ModelRegistry
from doodle.engine.thumbnails import model_fingerprint
from doodle.train.recognizer import (
    STRONG_AUGMENTATION,
    Augmentation,
    TrainSettings,
    averaged_network,
    build_images,
    keep_first_classes,
    stroke3_drawings,
    train_network,
    write_recognizer_folder,
)
from doodle.train.recognizer_data import load_samples, sample_model, save_samples

DEFAULT_TEMPERATURES = (0.2, 1.0)
# "strong": human-like variation, newly drawn every epoch; "mild": the first recipe (one
# fixed, lightly changed copy of each drawing).
AUGMENTATIONS: dict[str, tuple[Augmentation, bool]] = {
    "strong": (STRONG_AUGMENTATION, True),
    "mild": (Augmentation(), False),
}
AUGMENTATION_NOTES = {
    "strong": "rotation, aspect, shear, mirror, point jitter, dropped strokes, margin and "
    "line-width jitter, redrawn every epoch",
    "mild": "rotation, aspect, shear, margin and line-width jitter",
}
# Rows per ONNX call while sampling: large batches cost far less per drawing.
SAMPLE_BATCH = 500
HOLD_OUT = 0.1


def sampled_drawings(
    infos: Sequence[ModelInfo],
    samples: int,
    cache: Path,
    seed: int,
    log: Callable[[str], None],
    temperatures: tuple[float, float] = DEFAULT_TEMPERATURES,
) -> dict[str, list[np.ndarray]]:
    """``samples`` stroke-3 drawings per installed model, from the cache when it is current."""
    result = {}
    low, high = temperatures
    for index, info in enumerate(infos):
        fingerprint = model_fingerprint(info.path)
        key = f"{info.name}-{fingerprint}-{samples}-{seed}-t{low:g}-{high:g}.npz"
        path = cache / key
        if path.is_file():
            result[info.name] = load_samples(path)
            continue
        log(f"sampling {samples} drawings from {info.name} ({index + 1}/{len(infos)})")
        # The seed depends on the model's name, not its place in the list, so installing
        # another model leaves every other model's cached drawings valid.
        model_seed = seed * 100_003 + zlib.crc32(info.name.encode())
        drawings = sample_model(
            info.path, samples, temperatures, batch=SAMPLE_BATCH, seed=model_seed
        )
        save_samples(path, drawings)
        result[info.name] = drawings
    return result


def _validation_accuracy(network: Any, images: np.ndarray, labels: np.ndarray) -> float:
    import torch

    with torch.no_grad():
        logits = network(torch.from_numpy(images).float() / 255.0)
    return float((logits.argmax(1).numpy() == labels).mean())


def train_recognizer(
    out: Path,
    samples: int,
    real_data: Sequence[Path],
    epochs: int,
    image_size: int,
    temperatures: tuple[float, float],
    channels: tuple[int, ...],
    hidden: int,
    seed: int,
    sample_cache: Path,
    log: Callable[[str], None],
    started: str,
    augmentation: str = "strong",
    members: int = 1,
    mirror_average: bool = True,
    stroke_order: bool = False,
    other_data: Sequence[Path] = (),
    real_repeat: int = 1,
    real_hold_out: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """Train on every installed model and write the recogniser folder ``out``.

    ``real_data`` holds real drawings of the installed objects. Each is shown ``real_repeat``
    times per epoch (each time changed anew by the augmentation), so a few dozen people's
    drawings weigh against thousands of sampled ones. ``real_hold_out`` = (part, parts)
    leaves the real drawings of that part (``recognize_eval.in_part``) out of training, so
    they can measure the result; the keys of the drawings trained on are recorded, and the
    evaluation skips them. ``other_data`` holds real drawings of other objects: they train as
    extra classes, so the network learns from people's drawings what lines people draw, and
    those classes are cut from the exported graph.
    """
    import torch

    # The classes are the drawable objects; VAE folders are the same objects in another form.
    infos = [info for info in ModelRegistry().list() if info.kind == "gen"]
    if len(infos) < 2:
        raise ValueError("the recogniser needs at least two installed drawing models")
    classes = [info.name for info in infos]
    sampled = sampled_drawings(infos, samples, sample_cache, seed, log, temperatures)
    rng = np.random.default_rng(seed)
    train_set: dict[str, list[list[np.ndarray]]] = {}
    held_out: dict[str, list[list[np.ndarray]]] = {}
    for name in classes:
        drawings = stroke3_drawings(sampled[name])
        cut = max(1, int(len(drawings) * HOLD_OUT))
        held_out[name], train_set[name] = drawings[:cut], drawings[cut:]
    real_counts: dict[str, int] = {}
    real_keys: set[str] = set()
    for source in real_data:
        for name, items in real_drawings_by_key(source, classes).items():
            kept = [
                (key, lines)
                for key, lines in items
                if real_hold_out is None or not in_part(key, *real_hold_out)
            ]
            # The list repeated whole, not each drawing in a row: the order of the training
            # set, and so the run, depends only on which drawings there are.
            train_set[name].extend([lines for _, lines in kept] * real_repeat)
            real_keys.update(key for key, _ in kept)
            real_counts[name] = real_counts.get(name, 0) + len(kept)
    others: dict[str, list[list[np.ndarray]]] = {}
    for source in other_data:
        for name, items in other_object_drawings(source, classes).items():
            others.setdefault(name, []).extend(items)
    other_classes = sorted(others)
    trained_classes = classes + other_classes
    train_set.update(others)
    settings = TrainSettings(
        image_size=image_size, widths=channels, hidden=hidden, epochs=epochs, seed=seed
    )
    spec = RasterSpec(
        size=image_size,
        margin=image_size / 16,
        blur=0.6 * image_size / 32,
        channels=(INK, STROKE_ORDER) if stroke_order else (INK,),
    )
    changes, redraw_every_epoch = AUGMENTATIONS[augmentation]

    def training_images() -> tuple[np.ndarray, np.ndarray]:
        return build_images(
            train_set, trained_classes, spec, settings.prefixes_per_drawing, rng, True, changes
        )

    images, labels = training_images()
    log(
        f"training on {len(images)} images of {len(classes)} classes"
        + (f" and {len(other_classes)} other objects" if other_classes else "")
    )
    networks = []
    for member in range(members):
        if member:
            log(f"training network {member + 1} of {members}")
            images, labels = training_images()
        trained = train_network(
            images,
            labels,
            len(trained_classes),
            replace(settings, seed=seed + member),
            log,
            fresh_images=training_images if redraw_every_epoch else None,
        )
        networks.append(keep_first_classes(trained, len(classes)))
    if members == 1 and not mirror_average:
        network = networks[0]
    else:
        network = averaged_network(networks, mirror=mirror_average)
    valid_images, valid_labels = build_images(held_out, classes, spec, 0, rng, train=False)
    validation = _validation_accuracy(network, valid_images, valid_labels)
    log(f"validation top-1 on held-out model samples: {validation:.3f}")
    provenance = {
        "trained": started,
        "data": "drawings sampled from the installed sketch models"
        + (" plus real drawings" if real_counts else ""),
        "models": {
            info.name: {
                "fingerprint": model_fingerprint(info.path),
                "bundled": info.bundled,
                "source": info.provenance.get("source", "unknown"),
            }
            for info in infos
        },
        "samples_per_model": samples,
        "sampling_temperatures": list(temperatures),
        "real_drawings": real_counts,
        **(
            {
                "real_drawing_repeat": real_repeat,
                "real_drawing_hold_out": (
                    f"part {real_hold_out[0]} of {real_hold_out[1]} (crc32 of key_id) "
                    "left out of training"
                    if real_hold_out
                    else "none"
                ),
                # Measures on real drawings skip these (doodle.engine.recognize_eval).
                "real_drawing_keys": sorted(real_keys),
            }
            if real_keys
            else {}
        ),
        "other_objects": {
            "objects": len(other_classes),
            "drawings": sum(len(items) for items in others.values()),
            "note": "real drawings of objects without a model, trained as extra classes "
            "and cut from the exported graph",
        }
        if other_classes
        else {},
        "simplified": "like Quick, Draw! (RDP, epsilon 2.0 in the 255-pixel box)",
        "views": f"whole drawing + {settings.prefixes_per_drawing} stroke prefixes",
        "augmentation": AUGMENTATION_NOTES[augmentation],
        "network": {
            "channels": list(channels),
            "hidden": hidden,
            "image_size": image_size,
            "members": members,
            "mirror_average": mirror_average,
            "input_channels": list(spec.channels),
        },
        "epochs": epochs,
        "seed": seed,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "command": "doodle train recognizer",
    }
    metrics = {"validation_top1_model_samples": round(validation, 4)}
    write_recognizer_folder(out, network, classes, spec, provenance, metrics)
    return {"classes": classes, "validation": validation}
