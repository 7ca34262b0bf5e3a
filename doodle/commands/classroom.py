"""`doodle classroom`: show where settings come from, and make a teacher PIN hash.

``doodle classroom show`` prints the config file locations, every effective setting with its
source (default, user, classroom) and the problems found in the files. ``doodle classroom
hash-pin`` reads a PIN (from a prompt, or one line on stdin) and prints the salted hash to put
into ``teacher_pin_hash``; the PIN itself is never stored.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classroom", help="classroom settings: show them, or make a teacher PIN hash"
    )
    actions = parser.add_subparsers(dest="classroom_command", metavar="ACTION")
    show = actions.add_parser("show", help="config file locations, settings and problems")
    show.set_defaults(handler=run_show)
    hash_pin = actions.add_parser("hash-pin", help="print the hash of a teacher PIN")
    hash_pin.set_defaults(handler=run_hash_pin)
    parser.set_defaults(handler=run_show)


def run_show(_args: argparse.Namespace) -> int:
    from doodle import paths
    from doodle.config import KEYS, load_settings

    loaded = load_settings()
    print(f"user settings:      {paths.user_config_path()}")
    print(f"classroom settings: {paths.system_config_path()}")
    settings = loaded.settings
    for key in KEYS:
        value = getattr(settings, key)
        if key == "teacher_pin_hash":
            value = "(set)" if value else None
        elif key == "save_folder":
            value = str(settings.drawings_folder)
        elif isinstance(value, tuple):
            value = list(value)
        print(f"  {key:22} {json.dumps(value, default=str):40} {loaded.sources[key]}")
    for message in loaded.messages:
        print(f"problem: {message}", file=sys.stderr)
    return 1 if loaded.messages else 0


def run_hash_pin(_args: argparse.Namespace) -> int:
    from doodle.config import hash_pin

    if sys.stdin.isatty():
        pin = getpass.getpass("Teacher PIN: ")
        if getpass.getpass("Same PIN again: ") != pin:
            print("doodle classroom: the two PINs differ", file=sys.stderr)
            return 2
    else:
        pin = sys.stdin.readline().strip()
    if len(pin) < 4:
        print("doodle classroom: the PIN needs at least 4 characters", file=sys.stderr)
        return 2
    print(hash_pin(pin))
    return 0
