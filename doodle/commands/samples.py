"""`doodle samples MODEL --out FILE`: a PNG grid of sketches a model draws on its own.

Sketches are sampled in one batch through the model's ONNX graphs (a VAE draws from random
latent vectors) at a low temperature, the way the app's suggestions look.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "samples", help="draw a grid of a model's own sketches into a PNG file"
    )
    parser.add_argument("model", help="model name or model folder")
    parser.add_argument("--out", type=Path, required=True, help="PNG file to write")
    parser.add_argument("--count", type=int, default=16, help="number of sketches (16)")
    parser.add_argument("--temperature", type=float, default=0.3, help="sampling temperature")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cell", type=int, default=160, help="cell size in pixels")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from doodle.engine.sampler import check_temperature
    from doodle.train.sample_grid import render_grid, write_png
    from doodle.train.teacher import resolve_model, sample_sketches

    model = resolve_model(args.model)
    samples = sample_sketches(
        model,
        args.count,
        temperature=check_temperature(args.temperature),
        batch=args.count,
        seed=args.seed,
        keep_unfinished=True,
    )
    image = render_grid(samples.sketches(), columns=4, cell=args.cell)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_png(args.out, image)
    print(f"{model.info.name}: {len(samples.lengths)} sketches -> {args.out}")
    return 0
