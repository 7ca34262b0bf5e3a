"""`doodle recognize FILE`: guess what drawings show, with the installed models.

FILE is a Doodle drawing (``.doodle`` JSON) or Quick, Draw! ndjson (one drawing a line).
Without ``--json`` one line per drawing is printed; with ``--json`` one JSON list, one entry
per drawing in input order: ``{"top": [{"name": "bear", "score": 0.93}, ...]}``.
``--evaluate DIR`` instead prints the accuracy on a folder of real Quick, Draw! drawings.
Malformed input is reported clearly and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recognize",
        help="guess what a drawing shows (Doodle drawing or Quick, Draw! ndjson)",
        description="Guess which installed object each drawing shows.",
    )
    parser.add_argument("file", type=Path, nargs="?", help="a Doodle drawing or an ndjson file")
    parser.add_argument("--top", type=int, default=3, help="how many guesses (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON list")
    parser.add_argument(
        "--evaluate",
        type=Path,
        metavar="DIR",
        help="print top-1/top-3 accuracy on a folder of Quick, Draw! ndjson files as JSON",
    )
    parser.set_defaults(handler=run)


def read_drawings(path: Path) -> list[list[np.ndarray]]:
    """Drawings (each a list of [N, 2] polylines) from a Doodle drawing or an ndjson file."""
    from doodle.core import ndjson
    from doodle.core.errors import DoodleFormatError

    try:
        head = path.read_bytes()[:4096].lstrip()
    except OSError as error:
        raise DoodleFormatError(path, f"cannot read: {error.strerror}") from None
    if not head:
        raise DoodleFormatError(path, "the file is empty")
    if _is_quickdraw(head):
        drawings = [d.polylines() for d in ndjson.iter_drawings(path)]
        if not drawings:
            raise DoodleFormatError(path, "no drawings in the file")
        return drawings
    from doodle.core.fileformat import load_drawing

    drawing = load_drawing(path)
    return [[np.asarray(stroke.points)[:, :2] for stroke in drawing.strokes]]


def _is_quickdraw(head: bytes) -> bool:
    """An ndjson line has a top-level "drawing" list; a Doodle file is one JSON document."""
    first_line = head.split(b"\n", 1)[0]
    try:
        record = json.loads(first_line)
    except ValueError:
        return b'"drawing"' in first_line
    return isinstance(record, dict) and "drawing" in record and "format" not in record


def run(args: argparse.Namespace) -> int:
    from doodle.core.errors import DoodleError
    from doodle.engine.recognize import Recognizer, load_classifier
    from doodle.engine.registry import ModelRegistry

    if args.evaluate is None and args.file is None:
        print("doodle recognize: give a FILE or --evaluate DIR", file=sys.stderr)
        return 2
    if args.top < 1:
        print("doodle recognize: --top must be at least 1", file=sys.stderr)
        return 2
    recognizer = Recognizer(ModelRegistry(), load_classifier())
    if not recognizer.registry.list():
        print("doodle recognize: no models are installed", file=sys.stderr)
        return 2
    try:
        if args.evaluate is not None:
            from doodle.engine.recognize_eval import evaluate

            print(json.dumps(evaluate(recognizer, args.evaluate), indent=2))
            return 0
        drawings = read_drawings(args.file)
    except DoodleError as error:
        print(f"doodle recognize: {error}", file=sys.stderr)
        return 2
    results = recognizer.guess_many(drawings, top=args.top)
    if args.json:
        entries = [
            {"top": [{"name": g.name, "score": round(g.score, 4)} for g in guesses]}
            for guesses in results
        ]
        print(json.dumps(entries))
        return 0
    for number, guesses in enumerate(results, 1):
        text = ", ".join(f"{g.name} {g.score:.0%}" for g in guesses) or "(empty drawing)"
        print(f"{number}: {text}")
    return 0
