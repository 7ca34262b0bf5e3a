"""Real Qt input events for tests: mouse, pen (stylus tip and eraser end) and touch strokes.

Events are constructed as Qt would deliver them and sent to the canvas viewport with
``QApplication.sendEvent``; nothing in the canvas is called directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import (
    QEventPoint,
    QInputDevice,
    QMouseEvent,
    QPointingDevice,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

Point = tuple[float, float]

_NO_MODIFIER = Qt.KeyboardModifier.NoModifier
_LEFT = Qt.MouseButton.LeftButton
_NO_BUTTON = Qt.MouseButton.NoButton
_devices: dict[str, QPointingDevice] = {}


def _device(kind: str) -> QPointingDevice:
    """One device per kind, kept alive for the whole test session."""
    if kind not in _devices:
        caps = QInputDevice.Capability.Position | QInputDevice.Capability.Pressure
        if kind == "touch":
            _devices[kind] = QPointingDevice(
                "test touch screen",
                9002,
                QInputDevice.DeviceType.TouchScreen,
                QPointingDevice.PointerType.Finger,
                QInputDevice.Capability.Position,
                10,
                0,
            )
        else:
            pointer = (
                QPointingDevice.PointerType.Eraser
                if kind == "eraser"
                else QPointingDevice.PointerType.Pen
            )
            _devices[kind] = QPointingDevice(
                f"test stylus {kind}", 9001, QInputDevice.DeviceType.Stylus, pointer, caps, 1, 2
            )
    return _devices[kind]


def _buttons(
    kind: QEvent.Type, press: QEvent.Type, release: QEvent.Type
) -> tuple[Qt.MouseButton, Qt.MouseButton]:
    """The button that changed and the buttons held after a press, a release or a move."""
    if kind == press:
        return _LEFT, _LEFT
    if kind == release:
        return _LEFT, _NO_BUTTON
    return _NO_BUTTON, _LEFT


def send_mouse(
    target: QWidget,
    kind: QEvent.Type,
    point: Point,
    source: Qt.MouseEventSource = Qt.MouseEventSource.MouseEventNotSynthesized,
) -> None:
    position = QPointF(*point)
    button, buttons = _buttons(kind, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
    global_position = QPointF(target.mapToGlobal(position))
    event = QMouseEvent(
        kind, position, position, global_position, button, buttons, _NO_MODIFIER, source
    )
    QApplication.sendEvent(target, event)


def mouse_stroke(target: QWidget, points: Sequence[Point]) -> None:
    send_mouse(target, QEvent.Type.MouseButtonPress, points[0])
    for point in points[1:]:
        send_mouse(target, QEvent.Type.MouseMove, point)
    send_mouse(target, QEvent.Type.MouseButtonRelease, points[-1])


def send_tablet(
    target: QWidget, kind: QEvent.Type, point: Point, pressure: float, end: str = "pen"
) -> None:
    position = QPointF(*point)
    button, buttons = _buttons(kind, QEvent.Type.TabletPress, QEvent.Type.TabletRelease)
    event = QTabletEvent(
        kind,
        _device(end),
        position,
        QPointF(target.mapToGlobal(position)),
        pressure,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        _NO_MODIFIER,
        button,
        buttons,
    )
    QApplication.sendEvent(target, event)


def tablet_stroke(
    target: QWidget, points: Sequence[Point], pressure: float, end: str = "pen"
) -> None:
    """A pen stroke (``end="pen"``) or an eraser drag (``end="eraser"``)."""
    send_tablet(target, QEvent.Type.TabletPress, points[0], pressure, end)
    for point in points[1:]:
        send_tablet(target, QEvent.Type.TabletMove, point, pressure, end)
    send_tablet(target, QEvent.Type.TabletRelease, points[-1], 0.0, end)


def send_touch(target: QWidget, kind: QEvent.Type, point: Point, touch_id: int = 1) -> None:
    state = {
        QEvent.Type.TouchBegin: QEventPoint.State.Pressed,
        QEvent.Type.TouchUpdate: QEventPoint.State.Updated,
        QEvent.Type.TouchEnd: QEventPoint.State.Released,
    }[kind]
    position = QPointF(*point)
    global_position = QPointF(target.mapToGlobal(position))
    # Qt gives a freshly made point the same local and scene position.
    event_point = QEventPoint(touch_id, state, position, global_position)
    event = QTouchEvent(kind, _device("touch"), _NO_MODIFIER, [event_point])
    QApplication.sendEvent(target, event)


def touch_stroke(target: QWidget, points: Sequence[Point]) -> None:
    send_touch(target, QEvent.Type.TouchBegin, points[0])
    for point in points[1:]:
        send_touch(target, QEvent.Type.TouchUpdate, point)
    send_touch(target, QEvent.Type.TouchEnd, points[-1])


def line(start: Point, end: Point, steps: int = 20) -> list[Point]:
    """Evenly spaced points from ``start`` to ``end``."""
    return [
        (start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
        for i in range(steps + 1)
    ]
