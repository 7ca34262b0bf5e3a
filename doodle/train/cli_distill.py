"""`doodle train distill`: sample sketches from installed models and train a student on them.

Several ``--teacher`` options train one class-conditional student (one exported folder per
class). Samples are drawn once, in large batches through the teachers' ONNX graphs, and kept
in ``<out>/samples/<name>.npz`` so a resumed run reuses them. Imports torch only in the handler.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from doodle.train import runner


def register(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "distill",
        help="train a student model on sketches drawn by installed models",
        description="Draw N sketches from each teacher model (name or folder) and train a "
        "student on them; several teachers train one class-conditional student.",
    )
    parser.add_argument(
        "--teacher", action="append", required=True, help="teacher model name or folder (repeat)"
    )
    parser.add_argument("--samples", type=int, default=5000, help="sketches per teacher")
    parser.add_argument(
        "--match-teacher",
        action="store_true",
        help="also match the teacher's pen probabilities and mixture at every step",
    )
    parser.add_argument(
        "--extra-offsets", type=int, default=4, help="teacher mixture draws per step to match"
    )
    parser.add_argument("--sample-batch", type=int, default=500, help="sketches per ONNX batch")
    runner.add_model_options(parser)
    runner.add_training_options(parser)
    parser.set_defaults(handler=handle)


def _digest(folder: Path) -> str:
    step = folder / "decoder_step.onnx"
    return hashlib.sha256(step.read_bytes()).hexdigest()[:16]


def draw_teacher_samples(args: argparse.Namespace) -> tuple[list[Path], dict[str, dict]]:
    from doodle.train.teacher import resolve_model, sample_sketches, save_samples

    sample_dir = args.out / "samples"
    files = []
    teachers = {}
    for spec in args.teacher:
        model = resolve_model(spec)
        info = model.info
        path = sample_dir / f"{info.name}.npz"
        teachers[info.name] = {
            "model": info.name,
            "provenance": info.provenance,
            "decoder_step_sha256": _digest(info.path),
        }
        files.append(path)
        if path.exists():
            print(f"{info.name}: reusing samples in {path}")
            continue
        started = time.monotonic()
        samples = sample_sketches(
            model,
            args.samples,
            temperature=1.0,
            batch=args.sample_batch,
            seed=args.seed,
            extra_offsets=args.extra_offsets,
            record_targets=True,
        )
        save_samples(path, samples, info, 1.0)
        print(
            f"{info.name}: {len(samples.lengths)} sketches in "
            f"{time.monotonic() - started:.0f} s -> {path}",
            flush=True,
        )
    return files, teachers


def handle(args: argparse.Namespace) -> int:
    from doodle.train.data import SketchCorpus, load_teacher_samples

    files, teachers = draw_teacher_samples(args)
    corpus = SketchCorpus()
    for path in files:
        load_teacher_samples(path, corpus)
    provenance = {
        "trained_by": "doodle train distill",
        "teachers": teachers,
        "samples_per_teacher": args.samples,
        "sample_temperature": 1.0,
        "match_teacher": bool(args.match_teacher),
        "like_quickdraw": bool(args.like_quickdraw),
        "licence": "weights derived from the teachers' samples; see models_onnx/README.md",
    }
    return runner.run(args, corpus, provenance, match_teacher=args.match_teacher)
