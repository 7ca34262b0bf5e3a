"""`doodle train ...`: training commands (need the optional `[train]` extra).

Each ``doodle/train/cli_*.py`` module adds its own ``doodle train`` subcommand through
``register(train_subparsers)`` and imports torch only inside its handler, so the app and
``doodle --help`` work without the extra installed.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import doodle.train


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train", help="train, distil, export and evaluate models (needs the [train] extra)"
    )
    train_subparsers = parser.add_subparsers(dest="train_command", metavar="TRAIN_COMMAND")
    parser.set_defaults(handler=lambda _args: parser.print_help())
    for info in sorted(pkgutil.iter_modules(doodle.train.__path__), key=lambda m: m.name):
        if info.name.startswith("cli_"):
            module = importlib.import_module(f"doodle.train.{info.name}")
            module.register(train_subparsers)
