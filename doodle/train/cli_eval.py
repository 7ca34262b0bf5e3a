"""`doodle train eval MODEL --data DIR_OR_FILE`: NLL of real drawings, printed as JSON.

Runs through the model folder's ONNX graphs, so it measures exactly what the app will use,
for imported teachers and trained students alike. ``--compare TEACHER`` scores a second
model on the same drawings and adds the gap; ``--recognised N`` adds how many of N sketches
at temperature 0.3 the recogniser names right (``doodle.train.sample_check``); ``--write``
stores the figures in the model's ``model.json`` metrics. Needs no torch.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "eval",
        help="per-point NLL of real drawings under a model (JSON)",
        description="Score real Quick, Draw! drawings (an .ndjson file, or a folder with "
        "<class>.ndjson) under a model folder or installed model name.",
    )
    parser.add_argument("model", help="model name or model folder")
    parser.add_argument("--data", type=Path, required=True, help="ndjson/npz file or folder")
    parser.add_argument("--limit", type=int, help="use at most this many drawings")
    parser.add_argument(
        "--iw-samples", type=int, default=16, help="posterior samples for a VAE (16)"
    )
    parser.add_argument("--compare", help="also score this model (e.g. the teacher)")
    parser.add_argument(
        "--write", action="store_true", help="record the figures in the model's model.json"
    )
    parser.add_argument(
        "--recognised",
        type=int,
        default=0,
        metavar="N",
        help="also draw N sketches at temperature 0.3 and report the share the installed "
        "recogniser names as the model's object (a measured stand-in for looking at the grid)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from doodle.train.evaluate import class_name_of, data_file_for, evaluate_model
    from doodle.train.sample_check import samples_recognised
    from doodle.train.teacher import resolve_model

    model = resolve_model(args.model)
    # One file for both models: the same drawings, whatever the other model's class is called.
    data = data_file_for(args.data, class_name_of(model))
    result = evaluate_model(model, data, args.limit, args.iw_samples, args.seed)
    classifier = _classifier() if args.recognised > 0 else None
    if classifier is not None:
        result["samples_recognised"] = samples_recognised(
            model, class_name_of(model), classifier, args.recognised, seed=args.seed
        )
    if args.compare:
        other = resolve_model(args.compare)
        reference = evaluate_model(other, data, args.limit, args.iw_samples, args.seed)
        if classifier is not None:
            # Scored as the first model's object: a teacher may carry another name.
            reference["samples_recognised"] = samples_recognised(
                other, class_name_of(model), classifier, args.recognised, seed=args.seed
            )
        result["compare"] = reference
        result["median_gap_nats"] = round(
            result["nll_per_point"]["median"] - reference["nll_per_point"]["median"], 4
        )
    if args.write:
        write_metrics(model.info.path, result)
    print(json.dumps(result, indent=2))
    return 0


def _classifier():
    from doodle.core.errors import ModelError
    from doodle.engine.recognize import load_classifier

    classifier = load_classifier()
    if classifier is None:
        raise ModelError("--recognised needs an installed recogniser (doodle train recognizer)")
    return classifier


def write_metrics(folder: Path, result: dict) -> None:
    """Store ``result`` under ``metrics.quickdraw_eval`` of the folder's model.json."""
    path = folder / "model.json"
    meta = json.loads(path.read_text("utf-8"))
    meta.setdefault("metrics", {})["quickdraw_eval"] = result
    partial = path.with_name("model.json.partial")
    partial.write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    partial.replace(path)
