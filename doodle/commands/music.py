"""`doodle music`: render melodies to .mid/.wav files and list MIDI output ports."""

from __future__ import annotations

import argparse
from pathlib import Path

from doodle.core.errors import DoodleError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("music", help="render melodies and list MIDI ports")
    music_subparsers = parser.add_subparsers(dest="music_command", metavar="MUSIC_COMMAND")
    parser.set_defaults(handler=lambda _args: parser.print_help())

    render = music_subparsers.add_parser(
        "render", help="write a melody made for a drawing session as .mid or .wav"
    )
    render.add_argument("--seconds", type=float, default=20.0, help="length (default 20)")
    render.add_argument("--out", type=Path, required=True, help="FILE.mid or FILE.wav")
    render.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    render.add_argument("--object", default=None, help="object being drawn (key, instrument)")
    render.add_argument("--style", choices=("calm", "lively"), default="calm")
    render.add_argument("--instrument", default=None, help="instrument name (see `ports`)")
    render.set_defaults(handler=_render)

    ports = music_subparsers.add_parser(
        "ports", help="list MIDI output ports, instruments, and the remembered choice"
    )
    ports.set_defaults(handler=_ports)


def _render(args: argparse.Namespace) -> int:
    from doodle.music import render
    from doodle.music.objects import INSTRUMENTS

    if args.seconds <= 0 or args.seconds > 3600:
        raise DoodleError("--seconds must be between 0 and 3600")
    if args.instrument is not None and args.instrument not in INSTRUMENTS:
        raise DoodleError(
            f"unknown instrument {args.instrument!r}; choose from {', '.join(INSTRUMENTS)}"
        )
    suffix = args.out.suffix.lower()
    if suffix not in (".mid", ".midi", ".wav"):
        raise DoodleError(f"{args.out}: the file name must end in .mid or .wav")
    write = render.write_audio if suffix == ".wav" else render.write_midi
    count = write(
        args.out, args.seconds, args.seed, args.object, style=args.style, instrument=args.instrument
    )
    print(f"wrote {args.out} ({count} notes, {args.seconds:g} s)")
    return 0


def _ports(_args: argparse.Namespace) -> int:
    from doodle.music import midi_out
    from doodle.music.objects import INSTRUMENTS

    backend = midi_out.midi_backend()
    names = midi_out.list_output_ports(backend)
    if backend is None:
        print("MIDI: no MIDI system available; the built-in synth plays")
    else:
        print(f"MIDI API: {backend.name}")
        for name in names:
            print(f"  {name}")
        if not names:
            print("  (no output ports)")
        print(f"default: {midi_out.default_port(names) or 'built-in synth'}")
    settings = midi_out.load_settings()
    print(f"remembered: {settings.output}" + (f" ({settings.port})" if settings.port else ""))
    print("instruments: " + ", ".join(INSTRUMENTS))
    return 0
