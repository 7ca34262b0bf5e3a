"""`doodle train export SRC --out DIR [--fp16] [--bundle]`: rewrite exported model folders.

Reads exported class folders back (the same path training uses to resume), then writes them
again, e.g. with fp16 weights for bundling, keeping provenance and metrics. ``--only`` picks
classes; ``--bundle`` splits each VAE class into a decoder-only folder for drawing along and a
VAE folder for latent-space ideas. Imports torch only in the handler.
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
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from doodle.engine import contract
    from doodle.train.export import load_exported, write_class_folder
    from doodle.train.runner import exported_folders

    folders = exported_folders(args.source)
    model, classes, _ = load_exported(folders)
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
        targets = [(meta["name"], "full")]
        if args.bundle and model.config.z_size:
            targets = [(units.name, "decoder_only"), (f"{units.name}_vae", "vae_no_prefix")]
        for folder_name, variant in targets:
            info = write_class_folder(
                model,
                class_id,
                units,
                args.out / folder_name,
                meta.get("provenance", {}),
                metrics,
                fp16=args.fp16,
                variant=variant,
            )
            print(f"{info.name} ({info.kind}): {info.path}")
    return 0
