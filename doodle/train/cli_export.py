"""`doodle train export SRC --out DIR [--fp16]`: rewrite exported model folders.

Reads exported class folders back (the same path training uses to resume), then writes them
again, e.g. with fp16 weights for bundling, keeping provenance and metrics. ``--only`` picks
classes. Imports torch only in the handler.
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
        info = write_class_folder(
            model,
            class_id,
            units,
            args.out / meta["name"],
            meta.get("provenance", {}),
            meta.get("metrics", {}),
            fp16=args.fp16,
        )
        print(f"{info.name}: {info.path}")
    return 0
