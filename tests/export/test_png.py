"""PNG export: ink where the strokes are, pressure widths, backgrounds, any size."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from doodle.core.errors import DoodleError
from doodle.export.png import export_png, render_image
from doodle.export.render import Placement, drawing_bounds


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    buffer = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return buffer.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].reshape(
        image.height(), image.width(), 4
    )


def _to_image(drawing, size, x, y):
    placement = Placement.fit(drawing_bounds(drawing.strokes), QRectF(0, 0, size[0], size[1]))
    mapped = placement.map_xy(np.array([[x, y]]))[0]
    return int(round(mapped[0])), int(round(mapped[1])), placement


def test_ink_where_strokes_are(drawing, tmp_path):
    path = export_png(drawing, tmp_path / "d.png", 512)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (512, 512)
    rgba = _pixels(image)
    x, y, _ = _to_image(drawing, (512, 512), 300.0, 60.0)  # on the first (dark) child stroke
    assert rgba[y, x, :3].max() < 80
    x, y, _ = _to_image(drawing, (512, 512), 200.0, 300.0)  # on the red model stroke
    red = rgba[y, x, :3].astype(int)
    assert red[0] > 180 and red[1] < 110 and red[2] < 110
    x, y, _ = _to_image(drawing, (512, 512), 120.0, 120.0)  # between strokes
    assert rgba[y, x, :3].min() == 255
    assert rgba[1, 1, 3] == 255


def test_transparent_background(drawing):
    rgba = _pixels(render_image(drawing, 256, transparent=True))
    assert rgba[2, 2, 3] == 0
    x, y, _ = _to_image(drawing, (256, 256), 300.0, 180.0)
    assert rgba[y, x, 3] == 255
    assert 0 < (rgba[..., 3] > 0).mean() < 0.5


def test_pressure_makes_lines_wider(drawing):
    size = 800
    rgba = _pixels(render_image(drawing, size))
    dark = rgba[..., :3].max(axis=2) < 128

    def thickness(x: float) -> int:
        column, row, placement = _to_image(drawing, (size, size), x, 180.0)
        band = dark[row - 30 : row + 30, column]
        return int(band.sum())

    light, heavy = thickness(60.0), thickness(340.0)  # pressure ~0.2 vs ~0.9 on stroke 2
    assert heavy >= light + 4


def test_any_size(drawing):
    image = render_image(drawing, 300, 120)
    assert (image.width(), image.height()) == (300, 120)
    dark = _pixels(image)[..., :3].max(axis=2) < 128
    assert dark.any()
    with pytest.raises(DoodleError):
        render_image(drawing, 0)
