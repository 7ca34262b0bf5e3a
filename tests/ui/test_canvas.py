"""The canvas: mouse, pen, eraser and touch input end up in the core drawing and on screen."""

from __future__ import annotations

import datetime as dt

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage

from doodle.core.drawing import Drawing
from tests.ui.pointer import (
    line,
    mouse_stroke,
    send_mouse,
    send_tablet,
    tablet_stroke,
    touch_stroke,
)


def _ink_mask(canvas) -> np.ndarray:
    """Which viewport pixels are inked (anything clearly darker than the white paper)."""
    image = canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    rgb = pixels[:, : width * 4].reshape(height, width, 4)[:, :, :3].astype(int)
    return rgb.sum(axis=2) < 3 * 200


def test_mouse_stroke_goes_into_the_drawing_with_full_pressure(canvas, qtbot):
    started, moved, finished = [], [], []
    canvas.stroke_started.connect(lambda: started.append(True))
    canvas.pen_moved.connect(lambda x, y, p, t: moved.append((x, y, p)))
    canvas.stroke_finished.connect(finished.append)
    points = line((100, 100), (300, 200))
    mouse_stroke(canvas.viewport(), points)

    strokes = canvas.document.strokes
    assert len(strokes) == 1
    stroke = strokes[0]
    np.testing.assert_allclose(stroke.xy, np.array(points, np.float32), atol=0.01)
    assert np.all(stroke.points[:, 2] == 1.0)
    assert np.all(np.diff(stroke.points[:, 3]) >= 0)  # time never runs backwards
    assert stroke.author == "child"
    assert stroke.color == canvas.brush_color
    assert stroke.width == canvas.brush_width
    assert started == [True] and len(moved) == len(points)
    assert finished == [stroke]
    assert set(canvas.stroke_items()) == {stroke.stroke_id}
    assert _ink_mask(canvas)[150, 200]  # on the line, roughly halfway


def test_pen_pressure_changes_the_painted_width(canvas):
    canvas.brush_width = 18.0
    tablet_stroke(canvas.viewport(), line((100, 150), (600, 150)), pressure=0.2)
    tablet_stroke(canvas.viewport(), line((100, 400), (600, 400)), pressure=1.0)
    light, firm = canvas.document.strokes
    assert np.allclose(light.points[:-1, 2], 0.2) and np.allclose(firm.points[:-1, 2], 1.0)

    mask = _ink_mask(canvas)
    light_px = int(mask[100:200, 350].sum())
    firm_px = int(mask[350:450, 350].sum())
    print(f"painted width at pressure 0.2: {light_px} px, at 1.0: {firm_px} px")
    assert light_px >= 2  # a light touch still leaves a visible line
    assert firm_px >= 14
    assert firm_px >= 2.5 * light_px


def test_the_eraser_end_removes_whole_strokes_it_touches(canvas):
    viewport = canvas.viewport()
    mouse_stroke(viewport, line((100, 100), (500, 100)))
    mouse_stroke(viewport, line((100, 300), (500, 300)))
    kept, erased = canvas.document.strokes[1], canvas.document.strokes[0]
    erased_copy = erased.points.copy()
    removed = []
    canvas.strokes_erased.connect(removed.append)

    tablet_stroke(viewport, line((300, 60), (300, 140), steps=8), pressure=0.5, end="eraser")

    assert canvas.document.strokes == (kept,)
    assert removed == [[erased.stroke_id]]
    assert not _ink_mask(canvas)[100, 300] and _ink_mask(canvas)[300, 300]
    canvas.document.undo_stack.undo()
    assert [s.stroke_id for s in canvas.document.strokes] == [erased.stroke_id, kept.stroke_id]
    np.testing.assert_array_equal(canvas.document.strokes[0].points, erased_copy)
    assert _ink_mask(canvas)[100, 300]


def test_rubber_tool_lets_the_mouse_erase(canvas):
    mouse_stroke(canvas.viewport(), line((100, 100), (500, 100)))
    canvas.set_eraser_mode(True)
    mouse_stroke(canvas.viewport(), line((300, 80), (300, 120), steps=4))
    assert canvas.document.strokes == ()
    canvas.set_eraser_mode(False)
    mouse_stroke(canvas.viewport(), line((100, 100), (500, 100)))
    assert len(canvas.document.strokes) == 1


def test_mouse_events_during_a_pen_stroke_are_ignored(canvas, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr("doodle.ui.canvas.time.monotonic", lambda: clock[0])
    viewport = canvas.viewport()
    pen_points = line((100, 100), (400, 100))
    send_tablet(viewport, QEvent.Type.TabletPress, pen_points[0], 0.6)
    # What Qt would synthesise from the pen, plus a stray real mouse event, mid-stroke.
    synthesized = Qt.MouseEventSource.MouseEventSynthesizedByQt
    send_mouse(viewport, QEvent.Type.MouseButtonPress, (50, 500), synthesized)
    for point in pen_points[1:]:
        send_tablet(viewport, QEvent.Type.TabletMove, point, 0.6)
        send_mouse(viewport, QEvent.Type.MouseMove, (point[0], 500), synthesized)
    send_mouse(viewport, QEvent.Type.MouseMove, (700, 550))
    send_tablet(viewport, QEvent.Type.TabletRelease, pen_points[-1], 0.0)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, (400, 500), synthesized)
    # Right after the pen lifts, a click that some platforms send late is still ignored.
    clock[0] += 0.2
    mouse_stroke(viewport, line((100, 500), (400, 500)))

    strokes = canvas.document.strokes
    assert len(strokes) == 1
    assert np.all(strokes[0].xy[:, 1] == 100)
    assert canvas.pen_seen

    clock[0] += 1.0  # the pen is put down: the mouse draws again
    mouse_stroke(viewport, line((100, 500), (400, 500)))
    assert len(canvas.document.strokes) == 2
    # Synthesised mouse events never draw, pen or no pen.
    for kind, point in (
        (QEvent.Type.MouseButtonPress, (10, 10)),
        (QEvent.Type.MouseMove, (90, 90)),
    ):
        send_mouse(viewport, kind, point, synthesized)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, (90, 90), synthesized)
    assert len(canvas.document.strokes) == 2


def test_touch_draws_until_a_pen_is_seen_when_pen_only_is_on(canvas):
    canvas.pen_only = True
    viewport = canvas.viewport()
    touch_stroke(viewport, line((100, 100), (300, 100)))
    (touched,) = canvas.document.strokes
    np.testing.assert_allclose(touched.xy, np.array(line((100, 100), (300, 100))), atol=0.01)

    tablet_stroke(viewport, line((100, 200), (300, 200)), pressure=0.8)
    touch_stroke(viewport, line((100, 300), (300, 300)))  # the palm resting on the screen
    assert len(canvas.document.strokes) == 2
    assert np.all(canvas.document.strokes[-1].xy[:, 1] == 200)

    canvas.pen_only = False
    touch_stroke(viewport, line((100, 400), (300, 400)))
    assert len(canvas.document.strokes) == 3


def _ghost_pixels(canvas) -> int:
    """How many pixels show the faint blue ghost (blue clearly above red, not dark ink)."""
    image = canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    bgr = pixels[:, : width * 4].reshape(height, width, 4)[:, :, :3].astype(int)
    blue, red = bgr[:, :, 0], bgr[:, :, 2]
    return int(((blue > red + 20) & (red > 120)).sum())


def test_ghost_hint_shows_and_vanishes_when_the_canvas_is_touched(canvas):
    assert _ghost_pixels(canvas) == 0
    canvas.show_ghost([np.array([[100, 100], [300, 300]], np.float32)])
    assert canvas.ghost_visible()
    assert _ghost_pixels(canvas) > 200
    send_mouse(canvas.viewport(), QEvent.Type.MouseButtonPress, (500, 500))
    assert not canvas.ghost_visible()
    assert _ghost_pixels(canvas) == 0
    send_mouse(canvas.viewport(), QEvent.Type.MouseButtonRelease, (500, 500))


def test_a_single_click_makes_a_dot(canvas):
    viewport = canvas.viewport()
    send_mouse(viewport, QEvent.Type.MouseButtonPress, (200, 200))
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, (200, 200))
    (stroke,) = canvas.document.strokes
    assert len(stroke) == 1
    assert _ink_mask(canvas)[200, 200]


def test_the_view_zooms_out_to_show_strokes_beyond_the_paper(canvas):
    document = canvas.document
    far_line = np.array([[100, 100], [1600, 1200]], np.float32)
    document.add_model_strokes([far_line], "#7c4dff", 6.0, "Finish it")
    scale = canvas.transform().m11()
    assert scale < 0.6
    for x, y in far_line.tolist():
        assert canvas.viewport().rect().contains(canvas.mapFromScene(QPointF(x, y)))

    # Drawing while zoomed out still puts the ink under the pointer.
    mouse_stroke(canvas.viewport(), line((50, 300), (300, 300)))
    start = canvas.viewportTransform().inverted()[0].map(QPointF(50, 300))
    np.testing.assert_allclose(document.strokes[-1].xy[0], (start.x(), start.y()), atol=0.01)

    document.undo_stack.undo()
    document.undo_stack.undo()
    assert canvas.transform().isIdentity()


def test_the_view_never_zooms_under_a_pointer_that_is_down(canvas):
    far_ghost = np.array([[100, 100], [1600, 1200]], np.float32)
    canvas.show_ghost([far_ghost])
    zoomed = canvas.transform().m11()
    assert zoomed < 0.6
    viewport = canvas.viewport()
    # A line that lies on the paper (in scene px) where the zoomed-out view shows it.
    to_view = canvas.viewportTransform()
    start, end = to_view.map(QPointF(100, 300)), to_view.map(QPointF(400, 300))
    points = line((start.x(), start.y()), (end.x(), end.y()))
    send_mouse(viewport, QEvent.Type.MouseButtonPress, points[0])
    assert not canvas.ghost_visible()
    assert canvas.transform().m11() == zoomed  # the ghost went, the zoom waits for pen-up
    for point in points[1:]:
        send_mouse(viewport, QEvent.Type.MouseMove, point)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, points[-1])
    stroke = canvas.document.strokes[-1]
    # One straight horizontal line in scene px: nothing jumped while drawing.
    assert np.ptp(stroke.xy[:, 1]) < 0.01
    assert canvas.transform().isIdentity()


def test_a_reopened_drawing_goes_on_from_its_last_stroke_time(canvas):
    old = Drawing(created=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    points = np.array([[10, 10, 1.0, 40.0], [50, 50, 1.0, 42.0]], np.float32)
    old.add(old.new_stroke(points))
    canvas.document.set_drawing(old)
    mouse_stroke(canvas.viewport(), line((100, 100), (200, 100)))
    times = canvas.document.strokes[-1].points[:, 3]
    assert 42.0 <= times[0] < 42.0 + 60.0
