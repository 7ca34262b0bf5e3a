"""A small animated-GIF (GIF89a) encoder in numpy and pure Python; imports no Qt.

Qt can read GIFs but not write them, and Doodle takes no image library for one format. Frames
are RGB arrays; they share one global palette made for the drawing's own ink colours (each
colour blended into white in 16 steps, so antialiased edges stay smooth), filled up with a
colour cube. Each frame after the first stores only the rectangle that changed since the one
before (frames are drawn over each other), which keeps replays small and fast to encode.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

PALETTE_SIZE = 256
_BLEND_STEPS = 16
_MAX_CODE = 4096
_MIN_CODE_SIZE = 8
_LUT_BITS = 5


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    value = int(color.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def build_palette(ink_colors: Sequence[str]) -> np.ndarray:
    """A ``[256, 3]`` uint8 palette: white, the ink colours blended into white, a colour cube."""
    white = np.array([255.0, 255.0, 255.0])
    entries: list[tuple[int, int, int]] = [(255, 255, 255), (0, 0, 0)]
    max_inks = (PALETTE_SIZE - 64) // _BLEND_STEPS
    for color in list(dict.fromkeys(c.lower() for c in ink_colors))[:max_inks]:
        ink = np.array(_hex_to_rgb(color), dtype=np.float64)
        for step in range(1, _BLEND_STEPS + 1):
            alpha = step / _BLEND_STEPS
            entries.append(tuple(int(v) for v in np.rint(white + alpha * (ink - white))))
    unique = list(dict.fromkeys(entries))
    levels = (0, 85, 170, 255)
    cube = [(r, g, b) for r in levels for g in levels for b in levels]
    for color in cube:
        if len(unique) >= PALETTE_SIZE:
            break
        if color not in unique:
            unique.append(color)
    while len(unique) < PALETTE_SIZE:
        unique.append((255, 255, 255))
    return np.array(unique[:PALETTE_SIZE], dtype=np.uint8)


class Quantizer:
    """Maps RGB pixels to the nearest palette entry through a 32768-entry lookup table."""

    def __init__(self, palette: np.ndarray) -> None:
        self.palette = np.asarray(palette, dtype=np.uint8)
        steps = (np.arange(1 << _LUT_BITS) << (8 - _LUT_BITS)) + (1 << (7 - _LUT_BITS))
        grid = np.stack(np.meshgrid(steps, steps, steps, indexing="ij"), axis=-1).reshape(-1, 3)
        palette_f = self.palette.astype(np.int32)
        table = np.empty(len(grid), dtype=np.uint8)
        for start in range(0, len(grid), 4096):
            chunk = grid[start : start + 4096, None, :].astype(np.int32)
            distances = ((chunk - palette_f[None, :, :]) ** 2).sum(axis=2)
            table[start : start + 4096] = distances.argmin(axis=1)
        self._table = table

    def indices(self, rgb: np.ndarray) -> np.ndarray:
        """``[H, W, 3]`` uint8 RGB -> ``[H, W]`` uint8 palette indices."""
        shift = 8 - _LUT_BITS
        r = rgb[..., 0].astype(np.int32) >> shift
        g = rgb[..., 1].astype(np.int32) >> shift
        b = rgb[..., 2].astype(np.int32) >> shift
        return self._table[(r << (2 * _LUT_BITS)) | (g << _LUT_BITS) | b]


def lzw_encode(indices: bytes, min_code_size: int = _MIN_CODE_SIZE) -> bytes:
    """GIF's variable-width LZW (codes up to 12 bits, clear code when the table is full)."""
    clear_code = 1 << min_code_size
    end_code = clear_code + 1
    out = bytearray()
    bit_buffer = 0
    bit_count = 0
    code_size = min_code_size + 1

    def emit(code: int) -> None:
        nonlocal bit_buffer, bit_count
        bit_buffer |= code << bit_count
        bit_count += code_size
        while bit_count >= 8:
            out.append(bit_buffer & 0xFF)
            bit_buffer >>= 8
            bit_count -= 8

    table: dict[int, int] = {}
    next_code = end_code + 1
    emit(clear_code)
    if not indices:
        emit(end_code)
        return bytes(out) + (bytes([bit_buffer & 0xFF]) if bit_count else b"")
    prefix = indices[0]
    for value in indices[1:]:
        key = (prefix << 8) | value
        code = table.get(key)
        if code is not None:
            prefix = code
            continue
        emit(prefix)
        # The decoder widens its codes once the next free code no longer fits.
        if next_code >= (1 << code_size) and code_size < 12:
            code_size += 1
        if next_code < _MAX_CODE:
            table[key] = next_code
            next_code += 1
        else:
            emit(clear_code)
            table.clear()
            next_code = end_code + 1
            code_size = min_code_size + 1
        prefix = value
    emit(prefix)
    if next_code >= (1 << code_size) and code_size < 12:
        code_size += 1
    emit(end_code)
    if bit_count:
        out.append(bit_buffer & 0xFF)
    return bytes(out)


def _sub_blocks(data: bytes) -> bytes:
    pieces = [bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255)]
    return b"".join(pieces) + b"\x00"


def _changed_box(previous: np.ndarray, current: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, width, height) of the pixels that differ; one pixel if nothing changed."""
    rows = np.flatnonzero(np.any(previous != current, axis=1))
    if len(rows) == 0:
        return 0, 0, 1, 1
    cols = np.flatnonzero(np.any(previous != current, axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1)


def encode_gif(
    frames: Sequence[np.ndarray],
    delays_cs: Sequence[int],
    ink_colors: Sequence[str] = (),
    loop: bool = True,
) -> bytes:
    """An animated GIF of RGB frames ``[H, W, 3]`` uint8, each shown ``delays_cs`` 1/100 s."""
    if not frames:
        raise ValueError("a GIF needs at least one frame")
    if len(delays_cs) != len(frames):
        raise ValueError("one delay per frame is needed")
    height, width = frames[0].shape[:2]
    if any(frame.shape != (height, width, 3) for frame in frames):
        raise ValueError("all frames must be RGB arrays of the same size")
    palette = build_palette(ink_colors)
    quantizer = Quantizer(palette)
    out = bytearray(b"GIF89a")
    global_table_bits = 7  # 2 ** (7 + 1) = 256 entries
    out += struct.pack("<HHBBB", width, height, 0x80 | (7 << 4) | global_table_bits, 0, 0)
    out += palette.tobytes()
    if loop:
        out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", 0) + b"\x00"
    previous: np.ndarray | None = None
    for frame, delay in zip(frames, delays_cs, strict=True):
        indexed = quantizer.indices(frame)
        if previous is None:
            left, top, box_width, box_height = 0, 0, width, height
        else:
            left, top, box_width, box_height = _changed_box(previous, indexed)
        previous = indexed
        # Disposal 1: leave the frame in place, the next one is drawn over it.
        out += b"\x21\xf9\x04" + struct.pack("<BHBB", 1 << 2, max(int(delay), 0), 0, 0)
        out += b"\x2c" + struct.pack("<HHHHB", left, top, box_width, box_height, 0)
        region = np.ascontiguousarray(indexed[top : top + box_height, left : left + box_width])
        out += bytes([_MIN_CODE_SIZE]) + _sub_blocks(lzw_encode(region.tobytes()))
    out += b"\x3b"
    return bytes(out)


def write_gif(
    path: Path,
    frames: Sequence[np.ndarray],
    delays_cs: Sequence[int],
    ink_colors: Sequence[str] = (),
) -> Path:
    path = Path(path)
    path.write_bytes(encode_gif(frames, delays_cs, ink_colors))
    return path
