"""`doodle morph A B --out strip.png`: watch drawing A turn into drawing B.

A and B are Doodle drawings or Quick, Draw! ndjson files (the first drawing, or ``FILE:N`` for
the N-th, counting from 1). The frames are decoded on the spherical path between the two
drawings' latent vectors and written as a PNG strip, and with ``--gif`` as an animation.

Each drawing is read by the VAE of its own object (else the other drawing's, else the only one
installed); ``--model`` reads both with one model. When A and B are different objects of one
class-conditional model, the frames turn one object into the other (``ideas.morph_between``);
when their models are unrelated, or an object has no VAE, every frame is drawn as one object
and the command says so.
Bad input is reported clearly and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

MIN_FRAMES, MAX_FRAMES = 2, 32


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "morph",
        help="turn one drawing into another (PNG strip, GIF) with a model that has an encoder",
        description="Decode frames between two drawings' latent vectors and save them as a "
        "PNG strip (and a GIF). A and B are Doodle drawings or Quick, Draw! ndjson files; "
        "FILE:N picks the N-th drawing of an ndjson file (from 1).",
    )
    parser.add_argument("start", metavar="A", help="the drawing to start from (FILE or FILE:N)")
    parser.add_argument("end", metavar="B", help="the drawing to end with (FILE or FILE:N)")
    parser.add_argument("--out", required=True, type=Path, help="PNG strip to write")
    parser.add_argument("--frames", type=int, default=10, help="number of frames (default 10)")
    parser.add_argument("--gif", type=Path, metavar="FILE", help="also write an animated GIF")
    parser.add_argument(
        "--model", metavar="NAME", help="model with an encoder to read both drawings with"
    )
    parser.add_argument("--cell", type=int, default=160, help="strip cell size in px (160)")
    parser.add_argument(
        "--temperature", type=float, default=None, help="decoding temperature (default 0.05)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="first of the random seeds tried for the morph's noise; every frame is drawn "
        "with the one whose ends look most like the two drawings",
    )
    parser.add_argument("--bounce", action="store_true", help="GIF plays A to B and back")
    parser.set_defaults(handler=run)


def split_spec(spec: str) -> tuple[Path, int]:
    """``FILE`` -> (FILE, 1); ``FILE:N`` -> (FILE, N) unless a file is really named so."""
    path = Path(spec)
    head, colon, tail = spec.rpartition(":")
    if path.exists() or not colon or not tail.isdigit() or not head:
        return path, 1
    return Path(head), int(tail)


def read_drawing(spec: str) -> tuple[list[np.ndarray], str]:
    """The polylines and object name of drawing ``spec`` (``DoodleFormatError`` if unusable)."""
    from doodle.core.errors import DoodleFormatError

    path, number = split_spec(spec)
    if not path.is_file():
        raise DoodleFormatError(path, "no such file")
    if number < 1:
        raise DoodleFormatError(path, "drawings are counted from 1")
    if path.suffix.lower() == ".ndjson":
        import itertools

        from doodle.core.ndjson import iter_drawings

        found = list(itertools.islice(iter_drawings(path), number))
        if len(found) < number:
            raise DoodleFormatError(path, f"has {len(found)} drawing(s), not {number}")
        item = found[-1]
        polylines, name = item.polylines(), item.word.strip().replace(" ", "_")
    else:
        from doodle.core.fileformat import load_drawing

        if number != 1:
            raise DoodleFormatError(path, "a Doodle drawing file holds one drawing")
        drawing = load_drawing(path)
        polylines = [np.asarray(s.points)[:, :2] for s in drawing.strokes]
        name = drawing.object_name
    if not any(len(line) for line in polylines):
        raise DoodleFormatError(path, "the drawing is empty")
    return polylines, name


def choose_model(registry, requested: str | None, object_name: str):
    """The ``ModelInfo`` to morph with, or ``ModelError`` saying why there is none."""
    from doodle.core.errors import ModelError
    from doodle.engine.ideas import encoder_model_for

    infos = registry.list()
    if requested:
        if requested not in registry:
            raise ModelError(f"no model named {requested!r} is installed")
        found = encoder_model_for(infos, requested)
        if found is None:
            raise ModelError(f"model {requested!r} has no encoder, so it cannot morph drawings")
        return found
    found = encoder_model_for(infos, object_name)
    if found is not None:
        return found
    with_encoder = [info for info in infos if info.kind == "vae"]
    if len(with_encoder) == 1:
        return with_encoder[0]
    if not with_encoder:
        raise ModelError("no model with an encoder is installed")
    names = ", ".join(info.name for info in with_encoder)
    raise ModelError(f"several models can morph ({names}); choose one with --model")


def choose_models(registry, requested: str | None, start_name: str, end_name: str):
    """The ``ModelInfo`` pair that reads A and B: each object's own VAE where there is one,
    else the other drawing's, else the one ``choose_model`` finds; ``--model`` reads both."""
    from doodle.engine.ideas import encoder_model_for

    if requested:
        chosen = choose_model(registry, requested, start_name)
        return chosen, chosen
    infos = registry.list()
    own_start = encoder_model_for(infos, start_name)
    own_end = encoder_model_for(infos, end_name)
    start = own_start or own_end or choose_model(registry, None, start_name)
    return start, own_end or start


def one_model_note(registry, info, end_info, plan, names: tuple[str, str]) -> str | None:
    """Why the frames cannot turn A's object into B's, or None when they can (or need not)."""
    from doodle.engine.ideas import MorphPlan, encoder_model_for

    if plan is MorphPlan.FIRST_MODEL_ONLY:
        return (
            f"{info.name} and {end_info.name} are separate models that cannot be blended: "
            f"every frame is drawn as {info.label}"
        )
    infos = registry.list()
    without = [name for name in names if name and encoder_model_for(infos, name) is None]
    if without and names[0] != names[1]:
        return f"{without[0]} has no model with an encoder: every frame is drawn as {info.label}"
    return None


def run(args: argparse.Namespace) -> int:
    from doodle.core.errors import DoodleError
    from doodle.engine import ideas
    from doodle.engine.registry import ModelRegistry

    if not MIN_FRAMES <= args.frames <= MAX_FRAMES:
        print(f"doodle morph: --frames must be {MIN_FRAMES}..{MAX_FRAMES}", file=sys.stderr)
        return 2
    try:
        start, start_name = read_drawing(args.start)
        end, end_name = read_drawing(args.end)
        registry = ModelRegistry()
        info, end_info = choose_models(registry, args.model, start_name, end_name)
        plan = ideas.morph_plan(info, end_info)
        note = one_model_note(registry, info, end_info, plan, (start_name, end_name))
        if note is not None and not args.model:
            print(f"doodle morph: {note}", file=sys.stderr)
        frames = ideas.morph_between(
            start,
            end,
            registry.get(info.name),
            registry.get(end_info.name),
            frames=args.frames,
            temperature=ideas.MORPH_TEMPERATURE if args.temperature is None else args.temperature,
            seed=ideas.MORPH_SEED if args.seed is None else args.seed,
        )
        from doodle.export.strip import export_morph_gif, export_strip_png

        written = [export_strip_png(frames, args.out, cell_px=args.cell)]
        if args.gif is not None:
            written.append(export_morph_gif(frames, args.gif, bounce=args.bounce))
    except (DoodleError, ValueError) as error:
        print(f"doodle morph: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"doodle morph: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    used = f"{info.name} into {end_info.name}" if plan is ideas.MorphPlan.BLEND else info.name
    print(f"morphed with {used}: {args.frames} frames", file=sys.stderr)
    for path in written:
        print(path)
    return 0
