"""`doodle export`: drawings to PNG, SVG, PDF, Quick, Draw! ndjson, replay GIF or MIDI.

Inputs are Doodle drawings or Quick, Draw! ndjson files (one drawing per line), or ``--all``
drawings of the save folder. A file that cannot be read is reported and skipped; the exit code
is then 1 (2 when nothing at all could be exported).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from doodle.core.errors import DoodleError

FORMAT_CHOICES = ("png", "svg", "pdf", "ndjson", "gif", "mid", "sheet")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export drawings as png, svg, pdf, ndjson, gif (replay), mid (melody) or sheet",
        description="Export Doodle drawings or Quick, Draw! ndjson files. pdf puts one drawing "
        "per page into drawings.pdf, ndjson writes drawings.ndjson, sheet writes the class "
        "contact sheet class-sheet.pdf; the other formats write one file per drawing.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="Doodle drawings (.doodle) or Quick, Draw! .ndjson files",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="every drawing in the save folder (and the fallback folder)",
    )
    parser.add_argument("--format", required=True, choices=FORMAT_CHOICES, dest="format")
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument(
        "--size",
        type=_size,
        default=(1024, 1024),
        metavar="W[xH]",
        help="PNG size in px, e.g. 2048 (square) or 1600x900 (default 1024); GIF width up to 800",
    )
    parser.add_argument(
        "--transparent",
        action="store_true",
        help="PNG with a transparent background instead of white",
    )
    parser.set_defaults(handler=run_export)


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    try:
        size = (int(width), int(height or width))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (use 800 or 800x600)") from None
    if min(size) < 1:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    return size


def _load_inputs(files: list[Path], use_all: bool) -> tuple[list[tuple[str, object]], list[str]]:
    from doodle.autosave import DrawingStore
    from doodle.config import load_settings
    from doodle.core.fileformat import load_drawing
    from doodle.export.quickdraw import read_quickdraw_file
    from doodle.paths import fallback_drawings_dir

    paths = list(files)
    if use_all:
        settings = load_settings().settings
        paths += DrawingStore(settings.drawings_folder).drawings()
        paths += DrawingStore(fallback_drawings_dir()).drawings()
    named: list[tuple[str, object]] = []
    problems: list[str] = []
    for path in paths:
        try:
            if path.suffix.lower() == ".ndjson":
                for number, drawing in enumerate(read_quickdraw_file(path), start=1):
                    named.append((f"{path.stem}-{number}", drawing))
            else:
                named.append((path.stem, load_drawing(path)))
        except (DoodleError, OSError) as error:
            problems.append(str(error) if isinstance(error, DoodleError) else f"{path}: {error}")
    return named, problems


def run_export(args: argparse.Namespace) -> int:
    if not args.files and not args.all:
        print("doodle export: name drawings to export or use --all", file=sys.stderr)
        return 2
    from doodle.export.formats import export_drawings

    named, problems = _load_inputs(args.files, args.all)
    for problem in problems:
        print(f"doodle export: skipped {problem}", file=sys.stderr)
    if not named:
        print("doodle export: no drawings to export", file=sys.stderr)
        return 2
    written = export_drawings(named, args.format, args.out, args.size, args.transparent)
    for path in written:
        print(path)
    return 1 if problems else 0
