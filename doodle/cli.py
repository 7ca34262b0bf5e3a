"""The `doodle` command: no arguments opens the app, subcommands do the rest.

Each module in ``doodle.commands`` adds its subcommand through ``register(subparsers)``;
heavy imports (onnxruntime, torch, Qt) happen inside the handlers so ``doodle --help`` is fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import doodle.commands
from doodle.core.errors import DoodleError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doodle",
        description="Doodle: draw together with a neural network. "
        "Run without a command to open the app.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(doodle.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"doodle.commands.{info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-platform") or args_list[0] == "--kiosk":
        from doodle.ui.app import run_app

        return run_app(args_list)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except DoodleError as error:
        print(f"doodle: {error}", file=sys.stderr)
        return 2
