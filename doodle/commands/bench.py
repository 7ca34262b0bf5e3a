"""`doodle bench`: measure how fast Doodle runs on this computer (speed and memory figures).

Prints a table, or the JSON report with ``--json``; ``--output`` also writes the JSON to a
file. Uses the installed models; ``--magenta FILE`` imports Magenta models just for the run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="measure drawing, music and window speed on this computer",
        description="Measure how fast Doodle runs here: model steps, completions, idea "
        "refills, hints, recognition, start-up, memory, pen-to-ink delay and how long the "
        "window ever waits. Prints median and 90th-percentile milliseconds (and a plain "
        "numpy run of the same work for comparison).",
    )
    parser.add_argument("--json", action="store_true", help="print the JSON report")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="measure only this figure (repeatable), e.g. decoder_step, completion_250, rss",
    )
    parser.add_argument(
        "--model", action="append", metavar="NAME", help="use only this installed model"
    )
    parser.add_argument(
        "--repeats", type=int, default=10, metavar="N", help="repeats per figure (default 10)"
    )
    parser.add_argument(
        "--magenta",
        action="append",
        type=Path,
        metavar="FILE",
        help="import this Magenta .gen.json model for the run (when none is installed)",
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="also write the JSON here")
    parser.set_defaults(handler=run_bench)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_bench(args: argparse.Namespace) -> int:
    import json
    from contextlib import ExitStack

    from doodle.bench.models import imported_magenta_models, installed_models, select_models
    from doodle.bench.runner import check_only, format_table, run_benchmarks, write_report
    from doodle.core.errors import ModelError

    if args.repeats < 1:
        print("doodle bench: --repeats must be at least 1", file=sys.stderr)
        return 2
    check_only(args.only)
    with ExitStack() as stack:
        skipped: list[str] = []
        models = installed_models(skipped)
        for problem in skipped:
            _progress(f"skipping unusable model: {problem}")
        if args.magenta:
            taken = [info.name for info in models]
            models += stack.enter_context(imported_magenta_models(args.magenta, taken))
        models = select_models(models, args.model)
        if not models:
            raise ModelError(
                "no model is installed; import one with --magenta FILE (a Magenta .gen.json)"
            )
        report = run_benchmarks(models, args.repeats, args.only, progress=_progress)
    if args.output:
        write_report(report, args.output)
    print(json.dumps(report, indent=2) if args.json else format_table(report))
    return 0
