"""One entry point for every export format, shared by the gallery, the canvas and the CLI.

Per-drawing formats (``png``, ``svg``, ``gif``, ``mid``) write one file per drawing (``mid``
only for drawings made with the music on); ``pdf`` (one drawing per page) and ``ndjson`` (one
drawing per line) put all drawings into one file; ``sheet`` is the class contact sheet (PDF).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from doodle.core.errors import DoodleError
from doodle.export.render import DrawingLike

COLLECTION_FORMATS = ("pdf", "ndjson", "sheet")
FORMATS = ("png", "svg", "pdf", "ndjson", "gif", "mid", "sheet")
SUFFIXES = {
    "png": ".png",
    "svg": ".svg",
    "pdf": ".pdf",
    "ndjson": ".ndjson",
    "gif": ".gif",
    "mid": ".mid",
    "sheet": ".pdf",
}
COLLECTION_NAMES = {"pdf": "drawings", "ndjson": "drawings", "sheet": "class-sheet"}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def safe_stem(text: str) -> str:
    return _UNSAFE.sub("-", text).strip("-.") or "drawing"


def export_midi(drawing: DrawingLike, path: Path) -> Path:
    """The drawing's melody, replayed from its strokes, as a standard MIDI file."""
    from doodle.music.render import write_midi

    strokes = [stroke.points for stroke in drawing.strokes]
    write_midi(path, seconds=None, seed=0, object_name=drawing.object_name or None, strokes=strokes)
    return Path(path)


def export_one(
    drawing: DrawingLike,
    fmt: str,
    path: Path,
    size_px: tuple[int, int] = (1024, 1024),
    transparent: bool = False,
) -> Path:
    """Write one drawing in a per-drawing format."""
    if fmt == "png":
        from doodle.export.png import export_png

        return export_png(drawing, path, size_px[0], size_px[1], transparent=transparent)
    if fmt == "svg":
        from doodle.export.svg import export_svg

        return export_svg(drawing, path)
    if fmt == "gif":
        from doodle.export.replay import export_replay_gif

        return export_replay_gif(drawing, path, width=min(size_px[0], 800))
    if fmt == "mid":
        return export_midi(drawing, path)
    raise DoodleError(f"unknown per-drawing export format {fmt!r}")


def export_collection(
    drawings: Sequence[DrawingLike], fmt: str, path: Path, title: str | None = None
) -> Path:
    """Write all drawings into one file (``pdf``, ``ndjson`` or the class ``sheet``)."""
    if fmt == "pdf":
        from doodle.export.pdf import export_pdf

        return export_pdf(drawings, path)
    if fmt == "sheet":
        from doodle.export.pdf import export_contact_sheet

        return export_contact_sheet(drawings, path, title)
    if fmt == "ndjson":
        from doodle.export.quickdraw import export_ndjson

        return export_ndjson(drawings, path)
    raise DoodleError(f"unknown collection export format {fmt!r}")


def export_drawings(
    drawings: Sequence[tuple[str, DrawingLike]],
    fmt: str,
    out_dir: Path,
    size_px: tuple[int, int] = (1024, 1024),
    transparent: bool = False,
) -> list[Path]:
    """Export named drawings into ``out_dir``; returns the files written."""
    if fmt not in FORMATS:
        raise DoodleError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DoodleError(
            f"{out_dir}: cannot create the output folder ({error.strerror})"
        ) from None
    if fmt in COLLECTION_FORMATS:
        path = out_dir / f"{COLLECTION_NAMES[fmt]}{SUFFIXES[fmt]}"
        return [export_collection([d for _, d in drawings], fmt, path)]
    if fmt == "mid":
        # A melody exists only for drawings made while the music played.
        drawings = [(stem, drawing) for stem, drawing in drawings if drawing.music_on]
        if not drawings:
            raise DoodleError("none of these drawings was made with the music on")
    written = []
    for stem, drawing in drawings:
        path = out_dir / f"{safe_stem(stem)}{SUFFIXES[fmt]}"
        written.append(export_one(drawing, fmt, path, size_px, transparent))
    return written
