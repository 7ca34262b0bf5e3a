"""SVG export: valid XML, one path per stroke, classes and colours of child and model."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from doodle.core.drawing import Drawing
from doodle.export.svg import export_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_one_path_per_stroke(drawing, tmp_path):
    root = ET.parse(export_svg(drawing, tmp_path / "d.svg")).getroot()
    assert root.tag == f"{SVG}svg"
    paths = root.findall(f"{SVG}path")
    assert len(paths) == len(drawing.strokes)
    assert [p.get("class") for p in paths] == [s.author for s in drawing.strokes]
    assert [p.get("stroke") for p in paths] == [s.color for s in drawing.strokes]
    assert [p.get("id") for p in paths] == [f"stroke-{s.stroke_id}" for s in drawing.strokes]
    model_paths = [p for p in paths if p.get("class") == "model"]
    assert {p.get("stroke") for p in model_paths} == {"#e53935", "#1e88e5"}


def test_path_data_follows_points(drawing, tmp_path):
    root = ET.parse(export_svg(drawing, tmp_path / "d.svg")).getroot()
    paths = root.findall(f"{SVG}path")
    for path, stroke in zip(paths, drawing.strokes, strict=True):
        commands = path.get("d").split()
        assert commands[0].startswith("M")
        coordinates = [float(c.lstrip("ML")) for c in commands]
        xs, ys = coordinates[0::2], coordinates[1::2]
        assert len(xs) == len(stroke)
        assert abs(xs[-1] - float(stroke.xy[-1, 0])) < 0.01
        assert abs(ys[-1] - float(stroke.xy[-1, 1])) < 0.01
    x, y, width, height = map(float, root.get("viewBox").split())
    assert x <= 20.0 and x + width >= 380.0 and y <= 20.0 and y + height >= 380.0


def test_dot_and_names_are_escaped(tmp_path):
    drawing = Drawing(object_name="key", child_name='Zoë <"&>')
    drawing.add(drawing.new_stroke([[5.0, 5.0]]))
    root = ET.parse(export_svg(drawing, tmp_path / "dot.svg")).getroot()
    assert len(root.findall(f"{SVG}path")) == 1
    assert 'Zoë <"&>' in root.find(f"{SVG}title").text
