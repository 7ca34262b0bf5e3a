"""`doodle models ...`: list, import, download and remove models.

``import`` converts a Magenta sketch-rnn-js file (``*.gen.json`` or ``*.vae.json``) into a
user model folder; ``download`` fetches one of Magenta's published models by class name
(the only network use, on request); ``remove`` deletes a user model (bundled models cannot
be removed).
onnxruntime and onnx are imported inside the handlers so ``doodle --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path


def _list(args: argparse.Namespace) -> int:
    from doodle.engine.registry import ModelRegistry

    registry = ModelRegistry()
    infos = registry.list()
    if args.json:
        rows = [
            {
                "name": info.name,
                "label": info.label,
                "kind": info.kind,
                "hidden_size": info.hidden_size,
                "max_seq_len": info.max_seq_len,
                "source": "bundled" if info.bundled else "user",
                "path": str(info.path),
            }
            for info in infos
        ]
        print(json.dumps({"models": rows, "problems": registry.problems()}, indent=2))
        return 0
    if not infos:
        print("no models installed")
    for info in infos:
        source = "bundled" if info.bundled else "user"
        print(f"{info.name:20} {info.label:20} {info.kind:4} H={info.hidden_size:<5} {source}")
    for folder, problem in registry.problems().items():
        print(f"skipped {folder}: {problem}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from doodle import paths
    from doodle.engine.magenta import import_magenta

    try:
        info = import_magenta(
            Path(args.file), paths.user_models_dir(), name=args.name, replace=args.replace
        )
    except FileExistsError as error:
        print(f"doodle: {error} (use --replace to overwrite)", file=sys.stderr)
        return 1
    print(f"imported {info.name!r} ({info.kind}, H={info.hidden_size}) into {info.path}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    from doodle import paths
    from doodle.engine.registry import ModelRegistry

    registry = ModelRegistry()
    folder = paths.user_models_dir() / args.name
    if args.name.startswith(".") or "/" in args.name or not (folder / "model.json").is_file():
        if args.name in registry and registry.info(args.name).bundled:
            print(
                f"doodle: {args.name!r} is a bundled model and cannot be removed", file=sys.stderr
            )
        else:
            print(f"doodle: no user model named {args.name!r}", file=sys.stderr)
        return 1
    shutil.rmtree(folder)
    print(f"removed {args.name!r}")
    return 0


def _download(args: argparse.Namespace) -> int:
    from doodle.engine import download

    if args.list:
        print("\n".join(download.PUBLISHED_MODELS))
        return 0
    if not args.name:
        print("doodle: give a model NAME or --list", file=sys.stderr)
        return 2
    from doodle.config import load_settings

    base = download.base_url(args.base_url, load_settings().settings.models_url)
    print(f"downloading {download.model_url(args.name, base)}", file=sys.stderr)
    try:
        info = download.download_model(
            args.name, base, progress=download.TextProgress(sys.stderr), replace=args.replace
        )
    except download.DownloadError as error:
        print(f"\ndoodle: {error}", file=sys.stderr)
        return 1
    print(f"\ninstalled {info.name!r} ({info.kind}, H={info.hidden_size}) into {info.path}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="list, import and remove drawing models")
    commands = parser.add_subparsers(dest="models_command", metavar="MODELS_COMMAND")
    parser.set_defaults(handler=lambda _args: parser.print_help())

    list_parser = commands.add_parser("list", help="show the installed models")
    list_parser.add_argument("--json", action="store_true", help="print JSON")
    list_parser.set_defaults(handler=_list)

    import_parser = commands.add_parser(
        "import", help="import a Magenta sketch-rnn-js model (*.gen.json or *.vae.json)"
    )
    import_parser.add_argument("file", help="the model file")
    import_parser.add_argument("--name", help="model name (default: from the file name)")
    import_parser.add_argument(
        "--replace", action="store_true", help="overwrite a user model of the same name"
    )
    import_parser.set_defaults(handler=_import)

    remove_parser = commands.add_parser("remove", help="delete an imported model")
    remove_parser.add_argument("name")
    remove_parser.set_defaults(handler=_remove)

    download_parser = commands.add_parser(
        "download", help="download one of Magenta's published sketch models (needs the network)"
    )
    download_parser.add_argument("name", nargs="?", help="class name, e.g. 'cat' or 'palm_tree'")
    download_parser.add_argument(
        "--list", action="store_true", help="list the names Magenta publishes"
    )
    download_parser.add_argument(
        "--base-url",
        help="where the *.gen.json files are (default: $DOODLE_MODELS_URL, the "
        "models_url setting, or Magenta's storage)",
    )
    download_parser.add_argument(
        "--replace", action="store_true", help="overwrite a user model of the same name"
    )
    download_parser.set_defaults(handler=_download)
