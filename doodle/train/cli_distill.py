"""`doodle train distill`: sample sketches from installed models and train a student on them.

Several ``--teacher`` options train one class-conditional student (one exported folder per
class). Samples are drawn once, in large batches through the teachers' ONNX graphs, and kept
in ``<out>/samples/<name>.npz`` so a resumed run reuses them. ``--student-drawn N`` adds
sketches the resumed student draws itself, with the teacher's soft targets at every step
(``<name>.student.npz``): on-policy distillation, which teaches the student what to do next in
the situations its own drawing gets into. Imports torch only in the handler.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doodle.core.errors import ModelError
from doodle.train import runner

if TYPE_CHECKING:  # the data module imports torch, which only the handler may load
    from doodle.train.data import SketchCorpus

# The student draws at the calm, middle and wild ends of the app's temperature range.
STUDENT_TEMPERATURES = (0.3, 0.6, 1.0)


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
    parser.add_argument(
        "--student-drawn",
        type=int,
        default=0,
        metavar="N",
        help="with --resume and --match-teacher: also let the resumed model draw N sketches "
        "per object (at temperatures 0.3, 0.6 and 1.0) and have the teacher mark every step, "
        "so the student learns the teacher's next step where its own drawings go",
    )
    parser.add_argument(
        "--other-drawings",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="with --like-quickdraw: real drawings of objects that have no teacher here (a "
        "Quick, Draw! ndjson file or folder; drawings of the teachers' objects in it are "
        "skipped). They train together as one extra class that gets no exported folder, so "
        "the shared encoder and decoder learn how people draw (may be repeated)",
    )
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


def draw_student_samples(args: argparse.Namespace) -> list[Path]:
    """Sketches drawn by the resumed model, one file per object, marked by its teacher."""
    import json

    from doodle.engine import contract
    from doodle.engine.model import LoadedModel
    from doodle.train.runner import exported_folders
    from doodle.train.teacher import mark_by_teacher, resolve_model, sample_sketches, save_samples

    students = {}
    for folder in exported_folders(args.resume):
        meta = json.loads((folder / contract.MODEL_JSON).read_text("utf-8"))
        students[meta.get("provenance", {}).get("class_name", meta["name"])] = folder
    files = []
    for spec in args.teacher:
        teacher = resolve_model(spec)
        name = teacher.info.name
        path = args.out / "samples" / f"{name}.student.npz"
        files.append(path)
        if path.exists():
            print(f"{name}: reusing student-drawn sketches in {path}")
            continue
        if name not in students:
            raise ModelError(f"--student-drawn: the resumed model has no {name!r} to draw it")
        student = LoadedModel(contract.check_model_folder(students[name]))
        if abs(student.info.scale_factor - teacher.info.scale_factor) > 1e-6 * max(
            1.0, teacher.info.scale_factor
        ):
            raise ModelError(f"{name}: the student and its teacher use different units")
        started = time.monotonic()
        sketches = []
        for index, temperature in enumerate(STUDENT_TEMPERATURES):
            count = args.student_drawn // len(STUDENT_TEMPERATURES) + (
                index < args.student_drawn % len(STUDENT_TEMPERATURES)
            )
            drawn = sample_sketches(
                student,
                count,
                temperature=temperature,
                batch=args.sample_batch,
                seed=args.seed + 1000 * (index + 1),
                keep_unfinished=True,
            )
            sketches.extend(drawn.sketches())
        marked = mark_by_teacher(
            teacher, sketches, args.extra_offsets, seed=args.seed, batch=args.sample_batch
        )
        save_samples(path, marked, teacher.info, 0.0)
        print(
            f"{name}: {len(sketches)} sketches drawn by the student, marked by the teacher in "
            f"{time.monotonic() - started:.0f} s -> {path}",
            flush=True,
        )
    return files


def add_other_drawings(args: argparse.Namespace, corpus: SketchCorpus) -> dict[str, Any] | None:
    """Add ``--other-drawings`` to ``corpus`` (first brought to Quick, Draw! form, which real
    drawings are in); their provenance, or None without the option."""
    from doodle.engine.recognize_eval import other_object_drawings

    if not args.other_drawings:
        return None
    if not args.like_quickdraw:
        raise ModelError("--other-drawings needs --like-quickdraw: real drawings are in that form")
    corpus.simplify_like_quickdraw()
    teachers = [c.name for c in corpus.classes]
    objects: set[str] = set()
    count = 0
    for source in args.other_drawings:
        found = other_object_drawings(source, teachers)
        count += corpus.add_real_drawings(found, str(source))
        objects.update(found)
    if not count:
        raise ModelError("--other-drawings: no drawings of objects other than the teachers' found")
    print(f"other drawings: {count} real drawings of {len(objects)} objects", flush=True)
    return {
        "sources": [Path(s).name for s in args.other_drawings],
        "objects": len(objects),
        "drawings": count,
        "note": "real drawings of objects without a teacher, trained as one extra class "
        "that gets no exported folder",
    }


def handle(args: argparse.Namespace) -> int:
    from doodle.train.data import SketchCorpus, load_teacher_samples

    if args.student_drawn and not (args.resume and args.match_teacher):
        raise ModelError("--student-drawn needs --resume (the student) and --match-teacher")
    files, teachers = draw_teacher_samples(args)
    if args.student_drawn:
        files += draw_student_samples(args)
    corpus = SketchCorpus()
    for path in files:
        load_teacher_samples(path, corpus)
    others = add_other_drawings(args, corpus)
    provenance = {
        "trained_by": "doodle train distill",
        "teachers": teachers,
        "samples_per_teacher": args.samples,
        "sample_temperature": 1.0,
        "match_teacher": bool(args.match_teacher),
        "like_quickdraw": bool(args.like_quickdraw),
        **(
            {
                "student_drawn": {
                    "sketches_per_object": args.student_drawn,
                    "temperatures": list(STUDENT_TEMPERATURES),
                    "note": "drawn by the resumed model, every step marked by the teacher",
                }
            }
            if args.student_drawn
            else {}
        ),
        **({"other_drawings": others} if others else {}),
        "licence": "weights derived from the teachers' samples; see models_onnx/README.md",
    }
    return runner.run(args, corpus, provenance, match_teacher=args.match_teacher)
