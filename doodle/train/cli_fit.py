"""`doodle train fit --data FILE ...`: train on drawings (sketch-rnn .npz or Quick, Draw! .ndjson).

Each file is one class (several files train one class-conditional model). Offsets are
normalised as in sketch-rnn (divided by their standard deviation, ``scale_factor``);
``pixel_factor`` records how the file's units relate to the 256-px Quick, Draw! box so that
the app can bring a child's drawing into the same units. Imports torch only in the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from doodle.core import ndjson
from doodle.core.errors import DoodleFormatError
from doodle.core.npz import load_sketch_rnn_npz
from doodle.core.units import simplify_like_quickdraw
from doodle.train import runner

BOX = 255.0


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "fit",
        help="train a model on drawings (.npz sketch-rnn datasets or .ndjson Quick, Draw!)",
        description="Train Sketch-RNN on drawing files; one file per class.",
    )
    parser.add_argument(
        "--data", type=Path, action="append", required=True, help="a .npz or .ndjson file (repeat)"
    )
    parser.add_argument("--limit", type=int, help="use at most this many drawings per file")
    runner.add_model_options(parser)
    runner.add_training_options(parser)
    parser.set_defaults(handler=handle)


def read_drawings(path: Path, limit: int | None) -> tuple[str, list[np.ndarray], float]:
    """(class name, stroke-3 drawings in the file's units, file px per 256-box px)."""
    from doodle.train.evaluate import drawing_to_stroke3

    if path.suffix == ".npz":
        drawings = load_sketch_rnn_npz(path, splits=["train"])["train"][:limit]
        extents = [
            float(np.ptp(np.cumsum(d[:, :2], axis=0), axis=0).max()) for d in drawings if len(d)
        ]
        return path.stem, drawings, max(float(np.median(extents)) / BOX, 1e-6)
    if path.suffix == ".ndjson":
        result, word = [], path.stem
        for drawing in ndjson.read_drawings(path, limit):
            lines = drawing.polylines()
            if drawing.is_raw:
                lines = simplify_like_quickdraw(lines)
            result.append(drawing_to_stroke3(lines))
            word = drawing.word or word
        return word.replace(" ", "_"), result, 1.0
    raise DoodleFormatError(path, "expected a sketch-rnn .npz or a Quick, Draw! .ndjson file")


def handle(args: argparse.Namespace) -> int:
    from doodle.train.data import ClassUnits, SketchCorpus, offsets_scale

    corpus = SketchCorpus()
    for path in args.data:
        name, drawings, pixel_factor = read_drawings(path, args.limit)
        drawings = [d for d in drawings if 1 <= len(d) <= args.max_len]
        if not drawings:
            raise DoodleFormatError(path, "no usable drawings")
        scale = offsets_scale(drawings)
        units = ClassUnits(
            name=name,
            scale_factor=scale,
            pixel_factor=pixel_factor,
            max_seq_len=max(len(d) for d in drawings),
            source=str(path),
        )
        scaled = []
        for drawing in drawings:
            copy = np.asarray(drawing, np.float32).copy()
            copy[:, :2] /= scale
            scaled.append(copy)
        corpus.add_class(units, scaled)
    provenance = {
        "trained_by": "doodle train fit",
        "datasets": [str(p.name) for p in args.data],
    }
    return runner.run(args, corpus, provenance, match_teacher=False)
