"""`doodle train calibrate-pen FOLDER --teacher TEACHER`: lift the pen as often as the teacher.

Chooses a bias on the student's pen-up logit so that its sketches at the sample grid's
temperature have as many strokes as the teacher's (``doodle.train.pen_calibration``), writes
it into the folder's ``decoder_step.onnx`` and ``model.json``, and prints what it found as
JSON. Needs no torch.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "calibrate-pen",
        help="make a trained model lift the pen as often as its teacher",
        description="Add a bias to the pen-up logit of a model folder, chosen so that its "
        "sketches have as many strokes as the teacher's at the given temperature.",
    )
    parser.add_argument("folder", type=Path, help="the model folder to calibrate (in place)")
    parser.add_argument("--teacher", required=True, help="teacher model name or folder")
    parser.add_argument(
        "--temperature", type=float, default=0.3, help="sampling temperature (0.3, the grid's)"
    )
    parser.add_argument("--sketches", type=int, default=400, help="sketches per count (400)")
    parser.add_argument("--seed", type=int, default=11)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from doodle.core.errors import ModelError
    from doodle.train.pen_calibration import calibrate_pen
    from doodle.train.teacher import resolve_model

    if not 0.05 <= args.temperature <= 2.0:
        raise ModelError(f"--temperature {args.temperature}: use a value from 0.05 to 2")
    if args.sketches < 10:
        raise ModelError("--sketches: count at least 10 sketches")
    teacher = resolve_model(args.teacher)
    result = calibrate_pen(
        args.folder,
        teacher,
        temperature=args.temperature,
        sketches=args.sketches,
        seed=args.seed,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    print(json.dumps(asdict(result), indent=2))
    return 0
