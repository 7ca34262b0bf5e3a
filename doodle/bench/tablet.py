"""Synthetic pen input: real ``QTabletEvent``s delivered to a widget (the canvas viewport).

Used by the input-to-ink benchmark, the soak run and the UI fault tests, so that strokes go
through exactly the path a graphics tablet's events take.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication, QWidget

_DEVICE: QPointingDevice | None = None


def pen_device() -> QPointingDevice:
    """One stylus device for the whole process (events keep a pointer to it)."""
    global _DEVICE
    if _DEVICE is None:
        _DEVICE = QPointingDevice(
            "Doodle synthetic pen",
            4242,
            QInputDevice.DeviceType.Stylus,
            QPointingDevice.PointerType.Pen,
            QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
            1,
            3,
        )
    return _DEVICE


def tablet_event(
    kind: QEvent.Type, widget: QWidget, x: float, y: float, pressure: float = 0.6
) -> QTabletEvent:
    position = QPointF(x, y)
    down = kind != QEvent.Type.TabletRelease
    return QTabletEvent(
        kind,
        pen_device(),
        position,
        widget.mapToGlobal(position),
        pressure if down else 0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        Qt.KeyboardModifier.NoModifier,
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton if down else Qt.MouseButton.NoButton,
    )


def send_tablet(
    widget: QWidget, kind: QEvent.Type, x: float, y: float, pressure: float = 0.6
) -> bool:
    """Deliver one tablet event synchronously; True when the widget accepted it."""
    event = tablet_event(kind, widget, x, y, pressure)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def draw_stroke(widget: QWidget, points: Sequence[Sequence[float]] | np.ndarray) -> None:
    """Press, move through ``points`` (x, y canvas px), release: one stroke."""
    points = np.asarray(points, dtype=np.float64)
    if len(points) == 0:
        return
    send_tablet(widget, QEvent.Type.TabletPress, *points[0])
    for x, y in points[1:]:
        send_tablet(widget, QEvent.Type.TabletMove, x, y)
    send_tablet(widget, QEvent.Type.TabletRelease, *points[-1])
