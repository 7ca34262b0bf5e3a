"""SVG export: a vector file with one ``<path>`` per stroke; imports no Qt.

Each path has ``class="child"`` or ``class="model"`` (who drew it), the stroke's own colour and
a width that is the brush at the stroke's mean pressure. Coordinates are canvas px; the
``viewBox`` is the area the ink covers, so the file scales to any size.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from doodle.core.drawing import Drawing, DrawingSnapshot, Stroke
from doodle.core.errors import DoodleError

MIN_PRESSURE_FRACTION = 0.2  # the canvas's pressure rule, as in doodle.export.render
_MARGIN_PX = 8.0


def _mean_width(stroke: Stroke) -> float:
    pressure = float(np.clip(stroke.points[:, 2], 0.0, 1.0).mean())
    return stroke.width * (MIN_PRESSURE_FRACTION + (1.0 - MIN_PRESSURE_FRACTION) * pressure)


def _path_data(stroke: Stroke) -> str:
    xy = stroke.xy
    parts = [f"M{xy[0, 0]:.2f} {xy[0, 1]:.2f}"]
    if len(xy) == 1:
        # A zero-length segment with round caps renders as a dot.
        parts.append("l0 0")
    parts.extend(f"L{x:.2f} {y:.2f}" for x, y in xy[1:])
    return " ".join(parts)


def _view_box(strokes: tuple[Stroke, ...]) -> tuple[float, float, float, float]:
    if not strokes:
        return (0.0, 0.0, 100.0, 100.0)
    low = np.min([s.xy.min(axis=0) - _mean_width(s) for s in strokes], axis=0) - _MARGIN_PX
    high = np.max([s.xy.max(axis=0) + _mean_width(s) for s in strokes], axis=0) + _MARGIN_PX
    return (float(low[0]), float(low[1]), float(high[0] - low[0]), float(high[1] - low[1]))


def drawing_to_svg(drawing: Drawing | DrawingSnapshot) -> str:
    """The SVG document for ``drawing`` as text."""
    strokes = drawing.strokes
    x, y, width, height = _view_box(strokes)
    title = drawing.object_name.replace("_", " ") or "drawing"
    if drawing.child_name:
        title = f"{title} by {drawing.child_name}"
    created = drawing.created.astimezone(dt.UTC).isoformat(timespec="seconds")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="{x:.2f} {y:.2f} {width:.2f} {height:.2f}">',
        f"  <title>{escape(title)}</title>",
        f"  <desc>Made with Doodle on {escape(created)}</desc>",
        f'  <rect x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" fill="#ffffff"'
        ' class="background"/>',
    ]
    for stroke in strokes:
        lines.append(
            f'  <path class="{stroke.author}" id="stroke-{stroke.stroke_id}"'
            f" d={quoteattr(_path_data(stroke))}"
            f' fill="none" stroke="{stroke.color}" stroke-width="{_mean_width(stroke):.2f}"'
            ' stroke-linecap="round" stroke-linejoin="round"/>'
        )
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def export_svg(drawing: Drawing | DrawingSnapshot, path: Path) -> Path:
    """Write the drawing as an SVG file."""
    path = Path(path)
    try:
        path.write_text(drawing_to_svg(drawing), encoding="utf-8")
    except OSError as error:
        raise DoodleError(f"{path}: could not write the SVG file ({error.strerror})") from error
    return path
