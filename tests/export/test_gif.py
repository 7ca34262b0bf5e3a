"""Replay GIF: a valid GIF89a (parsed here, and by Qt's reader) with one frame per plan step."""

from __future__ import annotations

import struct

import numpy as np
import pytest
from PySide6.QtGui import QImage, QImageReader

from doodle.export.gif import build_palette, encode_gif, lzw_encode
from doodle.export.replay import FINAL_HOLD_CS, export_replay_gif, plan_replay


def lzw_decode(data: bytes, min_code_size: int) -> bytes:
    """A plain GIF LZW decoder, written independently of the encoder."""
    clear, end = 1 << min_code_size, (1 << min_code_size) + 1
    position, size = 0, min_code_size + 1
    table: list[bytes] = []
    previous: bytes | None = None
    out = bytearray()
    value = int.from_bytes(data, "little")
    total_bits = len(data) * 8
    while position + size <= total_bits:
        code = (value >> position) & ((1 << size) - 1)
        position += size
        if code == clear:
            table = [bytes([i]) for i in range(clear)] + [b"", b""]
            size, previous = min_code_size + 1, None
            continue
        if code == end:
            break
        if code < len(table):
            entry = table[code]
            if previous is not None:
                table.append(previous + entry[:1])
        else:
            entry = previous + previous[:1]
            table.append(entry)
        out += entry
        previous = entry
        if len(table) == (1 << size) and size < 12:
            size += 1
    return bytes(out)


def _sub_blocks(data: bytes, position: int) -> tuple[list[bytes], int]:
    """The data sub-blocks from ``position`` up to their zero terminator, and the position
    after it."""
    blocks = []
    while data[position]:
        blocks.append(data[position + 1 : position + 1 + data[position]])
        position += 1 + data[position]
    return blocks, position + 1


def parse_gif(data: bytes) -> dict:
    """Walk the GIF's blocks: screen size, palette size, frames (box, delay, pixels)."""
    assert data[:6] == b"GIF89a"
    width, height, packed, _, _ = struct.unpack("<HHBBB", data[6:13])
    position = 13
    palette_size = 0
    if packed & 0x80:
        palette_size = 2 ** ((packed & 7) + 1)
        position += 3 * palette_size
    frames, delay, loops = [], None, False
    while True:
        marker = data[position]
        if marker == 0x3B:
            break
        if marker == 0x21:
            label = data[position + 1]
            blocks, position = _sub_blocks(data, position + 2)
            if label == 0xF9:
                delay = struct.unpack("<H", blocks[0][1:3])[0]
            elif label == 0xFF and blocks[0] == b"NETSCAPE2.0":
                loops = True
            continue
        assert marker == 0x2C, f"unexpected block {marker:#x} at {position}"
        left, top, w, h, flags = struct.unpack("<HHHHB", data[position + 1 : position + 10])
        assert flags & 0x80 == 0  # no local palette
        min_code_size = data[position + 10]
        chunks, position = _sub_blocks(data, position + 11)
        pixels = lzw_decode(b"".join(chunks), min_code_size)
        assert len(pixels) == w * h
        frames.append({"box": (left, top, w, h), "delay": delay, "pixels": pixels})
        assert 0 <= left and left + w <= width and 0 <= top and top + h <= height
    return {"size": (width, height), "palette": palette_size, "frames": frames, "loops": loops}


def test_lzw_round_trip_through_table_resets():
    rng = np.random.default_rng(3)
    noisy = rng.integers(0, 256, 20000, dtype=np.uint8).tobytes()  # many clears
    flat = bytes(5000) + bytes(range(256)) * 20
    for data in (noisy, flat, b"\x07", b""):
        assert lzw_decode(lzw_encode(data), 8) == data


def test_frames_are_the_replay_plan(drawing, tmp_path):
    plan = plan_replay(drawing, fps=10, max_seconds=4)
    path = export_replay_gif(drawing, tmp_path / "replay.gif", width=160, fps=10, max_seconds=4)
    gif = parse_gif(path.read_bytes())
    assert gif["size"] == (160, 160) and gif["palette"] == 256 and gif["loops"]
    assert len(gif["frames"]) == len(plan.frame_times) > 10
    assert gif["frames"][-1]["delay"] == FINAL_HOLD_CS
    assert gif["frames"][0]["box"] == (0, 0, 160, 160)
    reader = QImageReader(str(path))
    assert reader.imageCount() == len(plan.frame_times)


def test_replay_grows_to_the_whole_drawing_with_model_strokes(drawing, tmp_path):
    path = export_replay_gif(drawing, tmp_path / "replay.gif", width=200, fps=8, max_seconds=3)
    reader = QImageReader(str(path))
    images = []
    while True:
        image = reader.read()
        if image.isNull():
            break
        images.append(image.convertToFormat(QImage.Format.Format_RGB888))
    assert len(images) == reader.imageCount()

    def inked(image: QImage, colour: tuple[int, int, int]) -> int:
        buffer = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
        rgb = buffer.reshape(image.height(), image.bytesPerLine())[:, :600].reshape(200, 200, 3)
        return int((np.abs(rgb.astype(int) - colour).sum(axis=2) < 60).sum())

    # Ink is only ever added: the paper left white shrinks frame by frame.
    white = [inked(image, (255, 255, 255)) for image in images]
    assert white == sorted(white, reverse=True) and white[0] > white[-1]
    assert inked(images[-1], (34, 34, 34)) > 200
    # The model's red and blue strokes come last, and are there in the end.
    assert inked(images[0], (229, 57, 53)) == 0
    assert inked(images[-1], (229, 57, 53)) > 50
    assert inked(images[-1], (30, 136, 229)) > 50


def test_encoder_keeps_exact_palette_colours():
    frame = np.full((20, 30, 3), 255, np.uint8)
    frame[5:10, 5:25] = (0x1E, 0x88, 0xE5)
    second = frame.copy()
    second[12:14, 2:4] = (0, 0, 0)
    gif = parse_gif(encode_gif([frame, second], [5, 5], ink_colors=["#1e88e5"]))
    palette = build_palette(["#1e88e5"])
    first_pixels = np.frombuffer(gif["frames"][0]["pixels"], np.uint8).reshape(20, 30)
    assert tuple(palette[first_pixels[7, 10]]) == (0x1E, 0x88, 0xE5)
    assert gif["frames"][1]["box"] == (2, 12, 2, 2)  # only what changed


def test_raw_quickdraw_timing_drives_the_replay(tmp_path):
    from doodle.core.ndjson import read_drawings
    from doodle.export.quickdraw import quickdraw_to_drawing
    from tests.shared_data import require_shared

    raw = read_drawings(require_shared("quickdraw", "raw", "cat.ndjson"), limit=1)[0]
    drawing = quickdraw_to_drawing(raw)
    times = np.concatenate([s.points[:, 3] for s in drawing.strokes])
    assert times.max() > 1.0  # the child's real milliseconds became seconds
    plan = plan_replay(drawing, fps=10, max_seconds=60)
    first_stroke = drawing.strokes[0].points[:, 3]
    # The first stroke takes as long in the replay as it took the child.
    assert plan.point_times[0][-1] == pytest.approx(first_stroke[-1] - first_stroke[0])
    path = export_replay_gif(drawing, tmp_path / "cat.gif", width=120, fps=10, max_seconds=60)
    assert len(parse_gif(path.read_bytes())["frames"]) == len(plan.frame_times)
