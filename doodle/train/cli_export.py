"""`doodle train export SRC --out DIR [--fp16] [--bundle]`: rewrite exported model folders.

Reads exported class folders back (the same path training uses to resume), then writes them
again, e.g. with fp16 weights for bundling, keeping provenance and metrics. ``--only`` picks
classes; ``--bundle`` splits each VAE class into a decoder-only folder for drawing along and a
VAE folder for latent-space ideas; ``--average`` writes the mean of the weights of several
exports of one run (checkpoint averaging: the mean of nearby points on the training path
usually generalises better than any one of them). Imports torch only in the handler.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "export",
        help="rewrite exported model folders (e.g. as fp16 for bundling)",
        description="Read a folder of exported class folders (or one model folder) and write "
        "them again under --out.",
    )
    parser.add_argument("source", type=Path, help="exported model folder or folder of them")
    parser.add_argument("--out", type=Path, required=True, help="destination folder")
    parser.add_argument("--fp16", action="store_true", help="store weights as float16")
    parser.add_argument("--only", nargs="+", help="write only these classes")
    parser.add_argument(
        "--bundle",
        action="store_true",
        help="for each VAE class write <class>/ (its decoder as a decoder-only model, latent "
        "at the prior mean, for drawing along) and <class>_vae/ (encoder and decoder, no "
        "prefix graph, for ideas)",
    )
    parser.add_argument(
        "--average",
        nargs="+",
        type=Path,
        default=[],
        metavar="SOURCE",
        help="more exports of the same run (same classes and sizes): write the mean of all "
        "their weights",
    )
    parser.set_defaults(handler=handle)


def averaged(model, class_names: list[str], others: list[Path]):
    """``model`` with every weight replaced by its mean over ``model`` and the ``others``;
    returns it with the training steps of the others."""
    import torch

    from doodle.core.errors import ModelError
    from doodle.train.export import load_exported
    from doodle.train.runner import exported_folders

    total = {key: value.clone() for key, value in model.state_dict().items()}
    steps = []
    for source in others:
        other, classes, meta = load_exported(exported_folders(source))
        if other.config != model.config or [c.name for c in classes] != class_names:
            raise ModelError(f"{source}: not an export of the same model as the first source")
        steps.append(meta.get("provenance", {}).get("steps"))
        for key, value in other.state_dict().items():
            total[key] += value
    count = 1 + len(others)
    with torch.no_grad():
        model.load_state_dict({key: value / count for key, value in total.items()})
    return model, steps


def handle(args: argparse.Namespace) -> int:
    from doodle.engine import contract
    from doodle.train.export import load_exported, write_class_folder
    from doodle.train.runner import exported_folders

    folders = exported_folders(args.source)
    model, classes, _ = load_exported(folders)
    other_steps = []
    if args.average:
        model, other_steps = averaged(model, [c.name for c in classes], args.average)
    metas = {}
    for folder in folders:
        meta = json.loads((folder / contract.MODEL_JSON).read_text("utf-8"))
        metas[meta["provenance"].get("class_name", meta["name"])] = meta
    training_file = args.source / "training_metrics.json"
    training = json.loads(training_file.read_text("utf-8")) if training_file.is_file() else None
    for class_id, units in enumerate(classes):
        if args.only and units.name not in args.only:
            continue
        meta = metas[units.name]
        metrics = dict(meta.get("metrics", {}))
        if training is not None:
            metrics.setdefault("training", training)
        provenance = dict(meta.get("provenance", {}))
        if args.average:
            provenance["averaged_with_steps"] = other_steps
        targets = [(meta["name"], "full")]
        if args.bundle and model.config.z_size:
            targets = [(units.name, "decoder_only"), (f"{units.name}_vae", "vae_no_prefix")]
        for folder_name, variant in targets:
            info = write_class_folder(
                model,
                class_id,
                units,
                args.out / folder_name,
                provenance,
                metrics,
                fp16=args.fp16,
                variant=variant,
            )
            print(f"{info.name} ({info.kind}): {info.path}")
    return 0
