"""`doodle train recognizer`: (re)train the "What are you drawing?" classifier.

Samples drawings from every installed sketch model (cached per model fingerprint, so adding
one model only samples that one), optionally adds real Quick, Draw! drawings (``--data``) and
real drawings of other objects as extra classes cut from the export (``--other-drawings``),
trains the CNN and writes ``classifier.onnx`` + ``model.json`` into the user models folder
(where it overrides the bundled recogniser) or ``--out``. ``--eval DIR`` then prints the
accuracy on real drawings as JSON and records it in the new recogniser's ``model.json``.
torch is imported only inside the handler.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

DEFAULT_SAMPLES = 2000


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "recognizer",
        help="train the drawing recogniser on drawings sampled from the installed models",
        description="Train the 'What are you drawing?' classifier on drawings sampled from "
        "every installed sketch model (plus optional real drawings) and export it to ONNX.",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=DEFAULT_SAMPLES,
        help=f"drawings sampled per model (default {DEFAULT_SAMPLES})",
    )
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        default=[],
        help="real drawings to add: a Quick, Draw! ndjson file or folder (may be repeated)",
    )
    parser.add_argument(
        "--data-repeat",
        type=int,
        default=1,
        metavar="N",
        help="show each --data drawing N times per epoch, each time changed anew by the "
        "augmentation, so a few real drawings weigh against thousands of sampled ones "
        "(default 1)",
    )
    parser.add_argument(
        "--hold-out-part",
        default=None,
        metavar="K/N",
        help="split the --data drawings into N parts by their key_id and leave part K "
        "(0 to N-1) out of training, to measure on; the recogniser records the drawings it "
        "trained on, and every evaluation of it skips them",
    )
    parser.add_argument(
        "--other-drawings",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="real drawings of objects without a model (a Quick, Draw! ndjson file or "
        "folder; drawings of installed objects in it are skipped): extra classes that teach "
        "how people draw, left out of the exported recogniser (may be repeated)",
    )
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--image-size", type=int, default=32, choices=(32, 48, 64))
    parser.add_argument(
        "--temperatures",
        default="0.2,1.0",
        metavar="LOW,HIGH",
        help="sampling temperatures, drawn uniformly per drawing (default 0.2,1.0)",
    )
    parser.add_argument(
        "--channels",
        default="32,64,128,256",
        help="channels of the two to four convolution blocks, one number "
        "per block (default 32,64,128,256)",
    )
    parser.add_argument(
        "--hidden", type=int, default=256, help="size of the hidden dense layer (default 256)"
    )
    parser.add_argument(
        "--augmentation",
        choices=("strong", "mild"),
        default="strong",
        help="strong (default): rotation, aspect, shear, mirror images, point "
        "jitter and dropped strokes, redrawn every epoch; mild: light rotation, "
        "aspect and shear on one fixed copy of each drawing",
    )
    parser.add_argument(
        "--members",
        type=int,
        default=1,
        choices=(1, 2, 3),
        help="networks trained with different seeds and exported as one graph "
        "that averages their probabilities (default 1)",
    )
    parser.add_argument(
        "--mirror-average",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the exported graph also reads the drawing mirrored and averages "
        "both guesses (default on; --no-mirror-average turns it off)",
    )
    parser.add_argument(
        "--stroke-order",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also show the network the order of drawing: a second image of "
        "the lines, bright where the drawing began and dimmer towards its end "
        "(default off)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: 'recognizer' in the user models folder)",
    )
    parser.add_argument(
        "--sample-cache",
        type=Path,
        default=None,
        help="folder for sampled drawings (default: in the cache folder)",
    )
    parser.add_argument(
        "--eval",
        type=Path,
        default=None,
        metavar="DIR",
        help="after training, print accuracy on the real drawings in DIR as JSON",
    )
    parser.add_argument(
        "--eval-only",
        action="store_true",
        help="skip training; evaluate the installed recogniser (or --out) on --eval DIR",
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="with --eval-only: also write the figures into the evaluated "
        "recogniser's model.json (training with --eval always does)",
    )
    parser.set_defaults(handler=run)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from doodle import paths
    from doodle.engine.recognize import RECOGNIZER_FOLDER

    if args.eval_only:
        if args.eval is None:
            _log("doodle train recognizer: --eval-only needs --eval DIR")
            return 2
        return _evaluate(args.eval, args.out, record=args.record)
    if args.samples < 10 or args.epochs < 1:
        _log("doodle train recognizer: --samples must be at least 10 and --epochs at least 1")
        return 2
    try:
        channels = tuple(int(c) for c in args.channels.split(","))
    except ValueError:
        channels = ()
    if not 2 <= len(channels) <= 4 or min(channels) < 1 or args.hidden < 1:
        _log(
            "doodle train recognizer: --channels needs two to four positive numbers, "
            "e.g. 32,64,128,256"
        )
        return 2
    try:
        low, high = (float(t) for t in args.temperatures.split(","))
    except ValueError:
        low = high = 0.0
    if not 0.0 < low <= high <= 2.0:
        _log("doodle train recognizer: --temperatures needs LOW,HIGH with 0 < LOW <= HIGH <= 2")
        return 2
    hold_out = _hold_out_part(args.hold_out_part)
    if args.data_repeat < 1 or (args.hold_out_part is not None and hold_out is None):
        _log(
            "doodle train recognizer: --data-repeat must be at least 1 and --hold-out-part "
            "K/N needs 0 <= K < N, e.g. 0/2"
        )
        return 2
    out = args.out or paths.user_models_dir() / RECOGNIZER_FOLDER
    cache = args.sample_cache or paths.cache_dir() / "recognizer-samples"
    from doodle.train.recognizer_pipeline import train_recognizer

    started = time.monotonic()
    summary = train_recognizer(
        out=out,
        samples=args.samples,
        real_data=args.data,
        epochs=args.epochs,
        image_size=args.image_size,
        temperatures=(low, high),
        channels=channels,
        hidden=args.hidden,
        seed=args.seed,
        sample_cache=cache,
        log=_log,
        augmentation=args.augmentation,
        members=args.members,
        mirror_average=args.mirror_average,
        stroke_order=args.stroke_order,
        other_data=args.other_drawings,
        real_repeat=args.data_repeat,
        real_hold_out=hold_out,
        started=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    )
    _log(f"wrote {out} ({len(summary['classes'])} classes) in {time.monotonic() - started:.0f} s")
    if args.eval is not None:
        return _evaluate(args.eval, out, record=True)
    return 0


def _hold_out_part(text: str | None) -> tuple[int, int] | None:
    """``"K/N"`` as (K, N) when 0 <= K < N, else None."""
    try:
        part, parts = (int(number) for number in (text or "").split("/"))
    except ValueError:
        return None
    return (part, parts) if 0 <= part < parts else None


def _evaluate(real_drawings: Path, recognizer_folder: Path | None, record: bool = False) -> int:
    """Print accuracy on real drawings as JSON (the given recogniser, else the installed one);
    with ``record``, also keep the figures in the recogniser's model.json."""
    from doodle.engine.recognize import Classifier, Recognizer, load_classifier
    from doodle.engine.recognize_eval import evaluate
    from doodle.engine.registry import ModelRegistry

    classifier = Classifier(recognizer_folder) if recognizer_folder else load_classifier()
    if classifier is None:
        _log("doodle train recognizer: no recogniser is installed to evaluate")
        return 1
    registry = ModelRegistry()
    result = evaluate(Recognizer(registry, classifier), real_drawings)
    print(json.dumps(result, indent=2))
    if record:
        candidates = [info for info in registry.list() if info.kind == "gen"]
        key = metrics_key(all(info.bundled for info in candidates))
        record_evaluation(classifier.folder / "model.json", key, real_drawings, result)
        _log(f"recorded as metrics.{key} in {classifier.folder / 'model.json'}")
    return 0


def metrics_key(only_bundled_models: bool) -> str:
    """Where in ``metrics`` an evaluation goes: the figures a fresh install sees (only the
    bundled models as candidates) are kept apart from those with other models installed."""
    return "real_drawings_bundled_objects" if only_bundled_models else "real_drawings"


def record_evaluation(meta_path: Path, key: str, source: Path, result: dict) -> None:
    """Write one evaluation report into a recogniser's model.json (atomically)."""
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.setdefault("metrics", {})[key] = {
        "source": f"{source.name} (real drawings, never used in training)",
        **{name: value for name, value in result.items() if name != "latency"},
    }
    staging = meta_path.with_name(meta_path.name + ".tmp")
    staging.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    staging.replace(meta_path)
