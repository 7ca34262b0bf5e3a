"""A grid of a model's sketches as a PNG: a small numpy rasteriser and a zlib PNG writer.

Used by ``doodle samples`` to show at a glance what a model draws. Each sketch is scaled to fit
its cell; lines are drawn by stamping a round pen along every segment. Imports numpy only (no
torch, no Qt).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from doodle.core.strokes import stroke3_to_strokes

BACKGROUND = 255
INK = 20
GRID = 200


def _stamp(canvas: np.ndarray, points: np.ndarray, radius: float) -> None:
    height, width = canvas.shape
    reach = int(np.ceil(radius))
    offsets = np.arange(-reach, reach + 1)
    dy, dx = np.meshgrid(offsets, offsets, indexing="ij")
    disc = (dx * dx + dy * dy) <= radius * radius
    ys = np.rint(points[:, 1]).astype(int)[:, None] + dy[disc][None, :]
    xs = np.rint(points[:, 0]).astype(int)[:, None] + dx[disc][None, :]
    inside = (ys >= 0) & (ys < height) & (xs >= 0) & (xs < width)
    canvas[ys[inside], xs[inside]] = INK


def draw_sketch(canvas: np.ndarray, stroke3: np.ndarray, margin: int = 8, pen: float = 1.2) -> None:
    """Draw a stroke-3 sketch scaled to fit ``canvas`` (a 2-D uint8 array) in place."""
    lines = [line for line in stroke3_to_strokes(stroke3) if len(line)]
    if not lines:
        return
    every = np.concatenate(lines)
    low, high = every.min(axis=0), every.max(axis=0)
    height, width = canvas.shape
    extent = max(float((high - low).max()), 1e-6)
    scale = min(width - 2 * margin, height - 2 * margin) / extent
    centre = (low + high) / 2.0
    for line in lines:
        pixels = (line - centre) * scale + np.array([width / 2.0, height / 2.0])
        if len(pixels) == 1:
            _stamp(canvas, pixels, pen)
            continue
        for a, b in zip(pixels[:-1], pixels[1:], strict=True):
            count = max(int(np.hypot(*(b - a)) * 2), 1) + 1
            t = np.linspace(0.0, 1.0, count)[:, None]
            _stamp(canvas, a + (b - a) * t, pen)


def render_grid(sketches: Sequence[np.ndarray], columns: int = 4, cell: int = 160) -> np.ndarray:
    """Sketches in a grid of ``cell``-px squares separated by light lines; uint8 grey image."""
    rows = max(1, -(-len(sketches) // columns))
    image = np.full((rows * cell + 1, columns * cell + 1), BACKGROUND, np.uint8)
    for index, sketch in enumerate(sketches):
        row, column = divmod(index, columns)
        tile = image[row * cell + 1 : (row + 1) * cell, column * cell + 1 : (column + 1) * cell]
        draw_sketch(tile, sketch)
    image[::cell, :] = GRID
    image[:, ::cell] = GRID
    return image


def write_png(path: Path, image: np.ndarray) -> None:
    """Write an 8-bit greyscale PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    height, width = image.shape
    raw = b"".join(b"\x00" + image[y].tobytes() for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
    path.write_bytes(data + chunk(b"IEND", b""))
