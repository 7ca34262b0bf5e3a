"""`doodle morph` and the morph strip writers: frames, PNG strip size, GIF frames, bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage, QImageReader

import doodle.export  # noqa: F401  (protects None/True/False from PySide6's refcount bug)
from doodle import paths
from doodle.cli import main
from doodle.commands.morph import read_drawing, split_spec
from doodle.core.drawing import Drawing
from doodle.core.errors import DoodleFormatError
from doodle.core.fileformat import save_drawing
from doodle.core.ndjson import QuickDrawDrawing, write_drawings
from doodle.engine import ideas
from doodle.engine.model import LoadedModel
from doodle.export.strip import animation_frames, export_morph_gif, export_strip_png
from tests.bench.model_factory import write_tiny_model
from tests.ideas_models import bundled_vae_pair, quickdraw_file, shape_drawing, write_random_vae


@pytest.fixture
def no_bundled_models(tmp_path, monkeypatch) -> None:
    empty = tmp_path / "no-bundled"
    empty.mkdir()
    monkeypatch.setenv("DOODLE_BUNDLED_MODELS_DIR", str(empty))


@pytest.fixture
def shapes_model(no_bundled_models) -> LoadedModel:
    return LoadedModel(write_random_vae(paths.user_models_dir(), "shapes", seed=3))


def _doodle_file(path: Path, strokes: list[np.ndarray], name: str = "shapes") -> Path:
    drawing = Drawing(object_name=name)
    for line in strokes:
        drawing.add(drawing.new_stroke(line))
    save_drawing(path, drawing)
    return path


@pytest.fixture
def circle_file(tmp_path) -> Path:
    return _doodle_file(
        tmp_path / "circle.doodle", shape_drawing("circle", np.random.default_rng(1))
    )


@pytest.fixture
def zigzags_file(tmp_path) -> Path:
    """An ndjson file with two zigzags of different heights."""
    rng = np.random.default_rng(2)
    items = []
    for number in range(2):
        line = shape_drawing("zigzag", rng, centre=(128, 128))[0] * (0.5 + 0.3 * number)
        items.append(QuickDrawDrawing("zigzag", (np.rint(line).astype(np.float32),), str(number)))
    path = tmp_path / "zigzags.ndjson"
    write_drawings(path, items)
    return path


def _frames(count: int = 4) -> list[list[np.ndarray]]:
    rng = np.random.default_rng(0)
    return [shape_drawing("circle" if i % 2 else "zigzag", rng) for i in range(count)]


# -- strip writers ----------------------------------------------------------------------------


def test_png_strip_has_one_inked_cell_per_frame(tmp_path) -> None:
    frames = _frames(5)
    frames[2] = []  # an empty frame stays an empty cell
    path = export_strip_png(frames, tmp_path / "strip.png", cell_px=100)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (500, 100)
    for index in range(5):
        cell = image.copy(index * 100 + 3, 3, 94, 94)
        dark = sum(
            1
            for x in range(0, 94, 2)
            for y in range(0, 94, 2)
            if cell.pixelColor(x, y).lightness() < 128
        )
        assert (dark > 20) == (index != 2), (index, dark)


def test_frames_share_one_scale(tmp_path) -> None:
    big = shape_drawing("circle", np.random.default_rng(4))
    small = [line * 0.5 for line in big]
    images = animation_frames([big, small], size_px=200)

    def ink_width(rgb: np.ndarray) -> int:
        columns = np.flatnonzero((rgb.min(axis=2) < 128).any(axis=0))
        return int(columns[-1] - columns[0])

    assert images[0].shape == (200, 200, 3)
    assert abs(ink_width(images[1]) - ink_width(images[0]) / 2) <= 4


def test_gif_has_one_frame_per_morph_frame(tmp_path) -> None:
    path = export_morph_gif(_frames(6), tmp_path / "morph.gif", size_px=120)
    reader = QImageReader(str(path))
    assert reader.imageCount() == 6
    assert reader.size().width() == 120
    bounced = export_morph_gif(_frames(6), tmp_path / "bounce.gif", size_px=120, bounce=True)
    assert QImageReader(str(bounced)).imageCount() == 10


# -- reading drawings -------------------------------------------------------------------------


def test_split_spec_and_read_drawing(circle_file, zigzags_file, tmp_path) -> None:
    assert split_spec(str(zigzags_file)) == (zigzags_file, 1)
    assert split_spec(f"{zigzags_file}:2") == (zigzags_file, 2)
    odd = tmp_path / "odd:3"
    odd.write_text("x")
    assert split_spec(str(odd)) == (odd, 1)
    first, word = read_drawing(str(zigzags_file))
    second, _ = read_drawing(f"{zigzags_file}:2")
    assert word == "zigzag"
    assert np.ptp(second[0][:, 1]) > np.ptp(first[0][:, 1])
    lines, name = read_drawing(str(circle_file))
    assert name == "shapes" and len(lines) == 1 and lines[0].shape[1] == 2
    with pytest.raises(DoodleFormatError, match="has 2 drawing"):
        read_drawing(f"{zigzags_file}:3")
    with pytest.raises(DoodleFormatError, match="no such file"):
        read_drawing(str(tmp_path / "missing.doodle"))


# -- the command ------------------------------------------------------------------------------


def test_morph_writes_strip_and_gif(shapes_model, circle_file, zigzags_file, tmp_path, capsys):
    out, gif = tmp_path / "strip.png", tmp_path / "morph.gif"
    code = main(["morph", str(circle_file), f"{zigzags_file}:2", "--out", str(out),
                 "--frames", "8", "--gif", str(gif), "--cell", "90"])  # fmt: skip
    assert code == 0
    printed = capsys.readouterr()
    assert printed.out.split() == [str(out), str(gif)]
    assert "shapes" in printed.err
    # zigzags have no model of their own: the circle's model reads both and says so.
    assert "zigzag has no model with an encoder: every frame is drawn as Shapes" in printed.err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (8 * 90, 90)
    assert QImageReader(str(gif)).imageCount() == 8
    # The strip shows the engine's frames: the same drawings painted the same way.
    circle, _ = read_drawing(str(circle_file))
    zigzag, _ = read_drawing(f"{zigzags_file}:2")
    frames = ideas.morph(circle, zigzag, shapes_model, frames=8)
    expected = export_strip_png(frames, tmp_path / "expected.png", cell_px=90)
    assert QImage(str(expected)) == image


def test_morph_refuses_bad_input(shapes_model, circle_file, zigzags_file, tmp_path, capsys):
    write_tiny_model(paths.user_models_dir(), "plain")
    out = str(tmp_path / "strip.png")
    cases = [
        ([str(circle_file), str(tmp_path / "nothing.ndjson"), "--out", out], "no such file"),
        ([str(circle_file), f"{zigzags_file}:9", "--out", out], "has 2 drawing"),
        ([str(circle_file), str(zigzags_file), "--out", out, "--frames", "1"], "--frames"),
        ([str(circle_file), str(zigzags_file), "--out", out, "--model", "plain"], "no encoder"),
        ([str(circle_file), str(zigzags_file), "--out", out, "--model", "nope"], "no model"),
        ([str(circle_file), str(zigzags_file), "--out", str(tmp_path / "no" / "x.png")], "PNG"),
    ]
    for arguments, message in cases:
        assert main(["morph", *arguments]) == 2, arguments
        assert message in capsys.readouterr().err, arguments
    assert not Path(out).exists()


def test_morph_without_a_model_with_an_encoder(no_bundled_models, circle_file, tmp_path, capsys):
    write_tiny_model(paths.user_models_dir(), "plain")
    assert (
        main(["morph", str(circle_file), str(circle_file), "--out", str(tmp_path / "s.png")]) == 2
    )
    assert "no model with an encoder is installed" in capsys.readouterr().err


def test_morph_runs_as_a_command(shapes_model, circle_file, zigzags_file, tmp_path) -> None:
    out = tmp_path / "strip.png"
    result = subprocess.run(
        [sys.executable, "-m", "doodle", "morph", str(circle_file), str(zigzags_file),
         "--out", str(out), "--frames", "10"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 10 * 160


def test_morph_across_objects_of_one_model_blends_them(tmp_path, capsys) -> None:
    start_info, end_info = bundled_vae_pair()
    files = [quickdraw_file(info) for info in (start_info, end_info)]
    out = tmp_path / "strip.png"
    code = main(["morph", f"{files[0]}:2", f"{files[1]}:3", "--out", str(out), "--frames", "8",
                 "--cell", "80"])  # fmt: skip
    assert code == 0
    assert f"morphed with {start_info.name} into {end_info.name}" in capsys.readouterr().err
    start, _ = read_drawing(f"{files[0]}:2")
    end, _ = read_drawing(f"{files[1]}:3")
    frames = ideas.morph_between(
        start, end, LoadedModel(start_info), LoadedModel(end_info), frames=8
    )
    expected = export_strip_png(frames, tmp_path / "expected.png", cell_px=80)
    assert QImage(str(expected)) == QImage(str(out))
    one_model = export_strip_png(
        ideas.morph(start, end, LoadedModel(start_info), frames=8),
        tmp_path / "one_model.png",
        cell_px=80,
    )
    assert QImage(str(one_model)) != QImage(str(out))


def test_morph_between_unrelated_models_says_it_draws_as_the_first(
    shapes_model, circle_file, zigzags_file, tmp_path, capsys
) -> None:
    write_random_vae(paths.user_models_dir(), "zigzag", seed=4)
    out = tmp_path / "strip.png"
    assert main(["morph", str(circle_file), str(zigzags_file), "--out", str(out),
                 "--frames", "5", "--cell", "60"]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "shapes and zigzag are separate models" in err
    assert "every frame is drawn as Shapes" in err
    circle, _ = read_drawing(str(circle_file))
    zigzag, _ = read_drawing(str(zigzags_file))
    frames = ideas.morph(circle, zigzag, shapes_model, frames=5)
    expected = export_strip_png(frames, tmp_path / "expected.png", cell_px=60)
    assert QImage(str(expected)) == QImage(str(out))


def test_a_drawing_without_a_model_is_read_by_the_other_s(
    shapes_model, circle_file, zigzags_file, tmp_path, capsys
) -> None:
    write_random_vae(paths.user_models_dir(), "stars", seed=5)  # more than one model can morph
    out = tmp_path / "strip.png"
    assert main(["morph", str(zigzags_file), str(circle_file), "--out", str(out),
                 "--frames", "4", "--cell", "60"]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "zigzag has no model with an encoder: every frame is drawn as Shapes" in err
    zigzag, _ = read_drawing(str(zigzags_file))
    circle, _ = read_drawing(str(circle_file))
    expected = export_strip_png(
        ideas.morph(zigzag, circle, shapes_model, frames=4), tmp_path / "expected.png", cell_px=60
    )
    assert QImage(str(expected)) == QImage(str(out))
