"""The "ideas" side panes: small pictures of different endings of the child's drawing.

Each ``VariationPane`` shows the child's strokes (dark) plus one ending (in the model's
colour), scaled to fit; clicking it adopts that ending. ``VariationsPanel`` lays out 1-9 panes
in a grid (the number of columns follows the window's orientation) with a "More ideas" button.

Antialiased strokes cost a few milliseconds per pane, so each pane renders its picture once
into a cached pixmap, and a new set of ideas is rendered one pane per event-loop turn: the UI
thread never spends more than one pane's worth of painting in a row.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from doodle.ui.ink import paint_polylines
from doodle.ui.widgets import BigButton

MAX_PANES = 9
DEFAULT_PANES = 6
CHILD_INK = QColor("#3a3a48")
PANE_MARGIN_PX = 10.0
COMPACT_PANE_HEIGHT_PX = 130
QWIDGETSIZE_MAX = 16777215


class VariationPane(QAbstractButton):
    """One idea: the child's drawing plus a possible ending; click to use it."""

    def __init__(self, model_color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(90, 90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.model_color = QColor(model_color)
        self._child: list[np.ndarray] = []
        self._ending: list[np.ndarray] = []
        self._waiting = False
        self._picture: QPixmap | None = None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(150, 150)

    def set_content(
        self, child: Sequence[np.ndarray], ending: Sequence[np.ndarray], render: bool = True
    ) -> None:
        """Show a new idea; with ``render=False`` the picture is drawn later by ``render()``."""
        self._child = [np.asarray(s, np.float32)[:, :2] for s in child if len(s) > 0]
        self._ending = [np.asarray(s, np.float32)[:, :2] for s in ending if len(s) > 0]
        self._waiting = False
        self.setEnabled(bool(self._ending))
        # Until its turn comes the pane keeps showing its previous picture.
        if render:
            self.render_picture()

    def render_picture(self) -> None:
        """Draw the strokes into the cached picture (the costly part) and schedule a repaint."""
        self._picture = self._draw_picture()
        self.update()

    def _draw_picture(self) -> QPixmap | None:
        if not self._child and not self._ending:
            return None
        ratio = self.devicePixelRatioF()
        picture = QPixmap(self.size() * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        card = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = _fit_transform(self._child + self._ending, card)
        painter.setTransform(transform)
        pen_width = 2.2 / max(transform.m11(), 1e-6)
        paint_polylines(painter, self._child, CHILD_INK, pen_width)
        paint_polylines(painter, self._ending, self.model_color, pen_width * 1.2)
        painter.end()
        return picture

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._picture = None

    def set_waiting(self, waiting: bool) -> None:
        """While new ideas are on their way the old one is faded and cannot be picked."""
        changed = waiting != self._waiting
        self._waiting = waiting
        self.setEnabled(not waiting and bool(self._ending))
        if changed:  # every stroke asks again; a pane that already waits needs no repaint
            self.update()

    def is_waiting(self) -> bool:
        return self._waiting

    def ending(self) -> list[np.ndarray]:
        return list(self._ending)

    def has_ending(self) -> bool:
        return bool(self._ending)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        border = QColor("#2f6fd6") if self.underMouse() and self.isEnabled() else QColor("#d5d9ea")
        painter.setPen(border)
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(card, 12, 12)
        if self._waiting or not self._ending:
            self._paint_waiting_dots(painter, card)
        if not self._child and not self._ending:
            return
        if self._picture is None or self._picture.deviceIndependentSize() != self.size():
            self._picture = self._draw_picture()
        if self._waiting:
            painter.setOpacity(0.35)
        painter.drawPixmap(0, 0, self._picture)

    def _paint_waiting_dots(self, painter: QPainter, card: QRectF) -> None:
        if not self._waiting:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(47, 111, 214, 120))
        centre = card.center()
        for offset in (-16, 0, 16):
            painter.drawEllipse(centre.x() + offset - 4, card.bottom() - 18, 8, 8)


def _fit_transform(strokes: list[np.ndarray], target: QRectF) -> QTransform:
    points = np.concatenate(strokes, axis=0)
    low, high = points.min(axis=0), points.max(axis=0)
    size = np.maximum(high - low, 1.0)
    inner = target.adjusted(PANE_MARGIN_PX, PANE_MARGIN_PX, -PANE_MARGIN_PX, -PANE_MARGIN_PX)
    scale = min(inner.width() / size[0], inner.height() / size[1])
    offset_x = inner.left() + (inner.width() - size[0] * scale) / 2 - low[0] * scale
    offset_y = inner.top() + (inner.height() - size[1] * scale) / 2 - low[1] * scale
    return QTransform(scale, 0, 0, scale, offset_x, offset_y)


class VariationsPanel(QWidget):
    """A grid of idea panes plus the "More ideas" button."""

    ending_chosen = Signal(int)  # pane index
    more_ideas_requested = Signal()

    def __init__(self, model_color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model_color = model_color
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._title = QLabel(self)
        self._title.setObjectName("paneTitle")
        layout.addWidget(self._title)
        self._grid = QGridLayout()
        self._grid.setSpacing(8)
        layout.addLayout(self._grid)
        self.more_button = BigButton("more_ideas", "", self)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.clicked.connect(self.more_ideas_requested)
        layout.addWidget(self.more_button)
        self._panes: list[VariationPane] = []
        self._pending_renders: list[VariationPane] = []
        # Owned by the panel, so no render can fire after the panel and its panes are gone.
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render_next_pane)
        self._columns = 2
        self._compact = False
        self.set_count(DEFAULT_PANES)
        self.retranslate()

    def panes(self) -> list[VariationPane]:
        return list(self._panes)

    def count(self) -> int:
        return len(self._panes)

    def set_count(self, count: int) -> None:
        """Show ``count`` panes (1..9)."""
        count = max(1, min(MAX_PANES, int(count)))
        while len(self._panes) > count:
            pane = self._panes.pop()
            if pane in self._pending_renders:
                self._pending_renders.remove(pane)
            self._grid.removeWidget(pane)
            pane.deleteLater()
        while len(self._panes) < count:
            index = len(self._panes)
            pane = VariationPane(self._model_color, self)
            self._name_pane(pane, index)
            pane.setEnabled(False)
            pane.clicked.connect(lambda _checked=False, i=index: self.ending_chosen.emit(i))
            if self._compact:
                pane.setMaximumHeight(COMPACT_PANE_HEIGHT_PX)
            self._panes.append(pane)
        self._relayout()

    def retranslate(self) -> None:
        """Set every text in the current language (at start and on a switch)."""
        self._title.setText(self.tr("Ideas"))
        self.more_button.setText(self.tr("More ideas"))
        for index, pane in enumerate(self._panes):
            self._name_pane(pane, index)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _name_pane(self, pane: VariationPane, index: int) -> None:
        pane.setToolTip(self.tr("Use this idea"))
        pane.setAccessibleName(self.tr("Idea %n", "", index + 1))

    def set_compact(self, compact: bool) -> None:
        """Low panes (a strip under the canvas) or panes that grow with the room they get."""
        self._compact = compact
        for pane in self._panes:
            pane.setMaximumHeight(COMPACT_PANE_HEIGHT_PX if compact else QWIDGETSIZE_MAX)

    def set_columns(self, columns: int) -> None:
        self._columns = max(1, columns)
        self._relayout()

    def columns_for(self, portrait: bool) -> int:
        """Two columns beside the canvas; one row below it in portrait (two rows for 7-9)."""
        count = len(self._panes)
        if portrait:
            return count if count <= 6 else math.ceil(count / 2)
        return 3 if count > 6 else 2

    def set_model_color(self, color: str) -> None:
        self._model_color = color
        for pane in self._panes:
            pane.model_color = QColor(color)
            pane.render_picture()

    def set_waiting(self, waiting: bool) -> None:
        for pane in self._panes:
            pane.set_waiting(waiting)

    def show_endings(self, child: Sequence[np.ndarray], endings: Sequence[Sequence[np.ndarray]]):
        """Show new ideas; their pictures are drawn one pane per event-loop turn."""
        padded = [*endings, *([[]] * max(0, len(self._panes) - len(endings)))]
        for pane, ending in zip(self._panes, padded, strict=False):
            pane.set_content(child, ending, render=False)
        self._pending_renders = list(self._panes)
        self._render_timer.start()

    def is_rendering(self) -> bool:
        """Whether some panes still wait for their turn to draw the newest ideas."""
        return bool(self._pending_renders)

    def _render_next_pane(self) -> None:
        if not self._pending_renders:
            return
        self._pending_renders.pop(0).render_picture()
        if self._pending_renders:
            self._render_timer.start()

    def clear_endings(self) -> None:
        for pane in self._panes:
            pane.set_content([], [])

    def _relayout(self) -> None:
        for pane in self._panes:
            self._grid.removeWidget(pane)
        for index, pane in enumerate(self._panes):
            self._grid.addWidget(pane, index // self._columns, index % self._columns)
