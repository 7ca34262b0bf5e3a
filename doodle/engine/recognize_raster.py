"""Turn a drawing (strokes of points) into the small grey image the recogniser looks at.

Pure numpy, so the inference worker, the CLI and training share exactly the same pixels.
The drawing is scaled to fit its bounding box into the image (aspect kept, centred), which
makes the result independent of canvas size, model units and where on the page the child drew.
Lines are drawn by splatting closely spaced points with bilinear weights and an optional blur
for width. An optional second channel shows the order of drawing: the same lines, bright where
the drawing began and dimmer towards its end (a head drawn first and a body after look
different from the reverse). Imports no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Points along each segment, per output pixel of length: dense enough that lines have no gaps.
_POINTS_PER_PIXEL = 3.0
INK = "ink"
STROKE_ORDER = "stroke_order"
CHANNELS = (INK, STROKE_ORDER)
# In the stroke-order channel the last line drawn keeps this much of the first one's brightness.
_LAST_LINE_BRIGHTNESS = 0.25


@dataclass(frozen=True)
class RasterSpec:
    """How a drawing becomes an image: ``size`` x ``size`` pixels, a ``margin`` in pixels
    around the drawing, and ``blur`` (Gaussian sigma in pixels) that sets the line width."""

    size: int = 32
    margin: float = 2.0
    blur: float = 0.6
    channels: tuple[str, ...] = (INK,)

    def __post_init__(self) -> None:
        if not self.channels or any(name not in CHANNELS for name in self.channels):
            raise ValueError(f"raster channels must be among {CHANNELS}, not {self.channels}")

    def to_json(self) -> dict:
        data: dict = {"size": self.size, "margin": self.margin, "blur": self.blur}
        if self.channels != (INK,):
            data["channels"] = list(self.channels)
        return data

    @classmethod
    def from_json(cls, data: dict) -> RasterSpec:
        """The spec a model.json ``input`` block records (no ``channels``: ink only)."""
        channels = data.get("channels", [INK])
        if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
            raise ValueError(f"raster channels must be a list of names, not {channels!r}")
        return cls(
            size=int(data["size"]),
            margin=float(data["margin"]),
            blur=float(data["blur"]),
            channels=tuple(channels),
        )


def _blur_matrix(size: int, sigma: float) -> np.ndarray:
    """[size, size] matrix of a Gaussian peaking at 1, so thin lines keep full intensity."""
    offsets = np.arange(size, dtype=np.float32)
    distance = offsets[:, None] - offsets[None, :]
    return np.exp(-0.5 * (distance / sigma) ** 2).astype(np.float32)


def _blur(image: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur as two small matrix products (faster than convolving rows)."""
    matrix = _blur_matrix(image.shape[0], sigma)
    return matrix @ image @ matrix.T


def _segment_points(stroke: np.ndarray) -> np.ndarray:
    """Points spaced densely along a polyline; a single point becomes a full-ink dot."""
    if len(stroke) == 1:
        return np.repeat(stroke, int(4 * _POINTS_PER_PIXEL), axis=0)
    starts, ends = stroke[:-1], stroke[1:]
    lengths = np.linalg.norm(ends - starts, axis=1)
    counts = np.maximum(1, np.ceil(lengths * _POINTS_PER_PIXEL).astype(np.int64))
    seg_index = np.repeat(np.arange(len(starts)), counts)
    first_of_segment = np.repeat(np.cumsum(counts) - counts, counts)
    offsets = (np.arange(len(seg_index)) - first_of_segment) / np.repeat(counts, counts)
    points = starts[seg_index] + (ends[seg_index] - starts[seg_index]) * offsets[:, None]
    return np.concatenate([points, stroke[-1:]], axis=0)


def fit_to_box(strokes: Sequence[np.ndarray], spec: RasterSpec) -> list[np.ndarray]:
    """Scale and centre the strokes (x, y in any unit) into the image's pixel coordinates."""
    arrays = [np.asarray(s, dtype=np.float32)[:, :2] for s in strokes if len(s)]
    if not arrays:
        return []
    every = np.concatenate(arrays, axis=0)
    low, high = every.min(axis=0), every.max(axis=0)
    extent = float(max(high[0] - low[0], high[1] - low[1], 1e-6))
    usable = spec.size - 1 - 2 * spec.margin
    scale = usable / extent
    centre = (low + high) / 2.0
    middle = (spec.size - 1) / 2.0
    return [(a - centre) * scale + middle for a in arrays]


def rasterize(strokes: Sequence[np.ndarray], spec: RasterSpec = RasterSpec()) -> np.ndarray:
    """float32 [size, size] image in [0, 1] (1 = ink) of strokes given as [N, >=2] arrays.

    An empty drawing gives a blank image.
    """
    return raster_channels(strokes, RasterSpec(spec.size, spec.margin, spec.blur))[0]


def raster_channels(strokes: Sequence[np.ndarray], spec: RasterSpec = RasterSpec()) -> np.ndarray:
    """float32 [channels, size, size] images in [0, 1], one per entry of ``spec.channels``."""
    size = spec.size
    fitted = fit_to_box(strokes, spec)
    points = np.concatenate([_segment_points(s) for s in fitted], axis=0) if fitted else None
    # The dense points are evenly spaced along the lines, so a point's index measures how far
    # along the drawing (by length, whatever the point density of the input) it lies.
    if points is not None and len(points) > 1:
        progress = np.arange(len(points), dtype=np.float64) / (len(points) - 1)
    else:
        progress = np.zeros(0 if points is None else len(points))
    images = []
    for name in spec.channels:
        if points is None:
            images.append(np.zeros((size, size), np.float32))
            continue
        brightness = None if name == INK else 1.0 - (1.0 - _LAST_LINE_BRIGHTNESS) * progress
        images.append(_splat(points, brightness, spec))
    return np.stack(images)


def _splat(points: np.ndarray, brightness: np.ndarray | None, spec: RasterSpec) -> np.ndarray:
    """Points splatted with bilinear weights (times ``brightness`` per point), then blurred."""
    size = spec.size
    points = np.clip(points, 0.0, size - 1.001)
    base = np.floor(points).astype(np.int64)
    frac = points - base
    image = np.zeros(size * size, dtype=np.float32)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        weight = (frac[:, 0] if dx else 1 - frac[:, 0]) * (frac[:, 1] if dy else 1 - frac[:, 1])
        if brightness is not None:
            weight = weight * brightness
        flat = (base[:, 1] + dy) * size + (base[:, 0] + dx)
        image += np.bincount(flat, weights=weight, minlength=size * size).astype(np.float32)
    image = np.minimum(image.reshape(size, size) / _POINTS_PER_PIXEL, 1.0)
    if spec.blur > 0:
        image = np.minimum(_blur(image, spec.blur), 1.0)
    return image
