"""Small child-friendly widgets: big icon buttons, colour swatches, brush sizes, the banner,
and the error line and buttons at the foot of the teacher's dialogs.

Everything is large enough for small fingers (at least ``TOUCH_TARGET_PX``) and readable at
1366x768. Icons are the SVG files in ``assets/icons``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from doodle import paths

TOUCH_TARGET_PX = 56
ICON_PX = 40

# Bright, distinct colours that read well on white paper; the first one is the default.
PALETTE: tuple[tuple[str, str], ...] = (
    ("#222222", "black"),
    ("#e53935", "red"),
    ("#fb8c00", "orange"),
    ("#fdd835", "yellow"),
    ("#43a047", "green"),
    ("#1e88e5", "blue"),
    ("#8e24aa", "purple"),
    ("#8d6e63", "brown"),
    ("#f48fb1", "pink"),
)

BRUSH_SIZES_PX: tuple[float, ...] = (4.0, 9.0, 18.0)


def icon(name: str) -> QIcon:
    """The icon ``assets/icons/<name>.svg``."""
    return QIcon(str(paths.assets_dir() / "icons" / f"{name}.svg"))


class BigButton(QToolButton):
    """A large icon button with its label underneath."""

    def __init__(self, icon_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(icon(icon_name))
        self.setText(text)
        self.setIconSize(QSize(ICON_PX, ICON_PX))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setMinimumSize(TOUCH_TARGET_PX + 16, TOUCH_TARGET_PX + 16)
        # Never squeezed below its size hint: an elided label is no use to a child.
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.setAutoRaise(False)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)


class _RoundChoice(QAbstractButton):
    """A round checkable button that paints a filled dot (swatch or brush size)."""

    def __init__(self, color: QColor, dot_px: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedSize(TOUCH_TARGET_PX - 8, TOUCH_TARGET_PX - 8)
        self._color = color
        self._dot_px = dot_px

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bounds = self.rect().adjusted(3, 3, -3, -3)
        ring = QColor("#2f6fd6") if self.isChecked() else QColor("#d0d4e4")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ring)
        painter.drawEllipse(bounds)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(bounds.adjusted(4, 4, -4, -4))
        painter.setBrush(self._color)
        dot = min(self._dot_px, bounds.width() - 10)
        center = bounds.center()
        painter.drawEllipse(center, dot / 2, dot / 2)


class ColorPalette(QWidget):
    """Big colour swatches; one is always chosen."""

    color_chosen = Signal(str)  # "#rrggbb"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._group = QButtonGroup(self)
        self._colors: list[str] = []
        for index, (color, _name) in enumerate(PALETTE):
            swatch = _RoundChoice(QColor(color), 30.0, self)
            self._group.addButton(swatch, index)
            self._colors.append(color)
            layout.addWidget(swatch)
        self._group.idClicked.connect(self._on_group_id_clicked)
        self._group.button(0).setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Name the colours in the current language (at start and on a switch)."""
        names = {
            "black": self.tr("black"),
            "red": self.tr("red"),
            "orange": self.tr("orange"),
            "yellow": self.tr("yellow"),
            "green": self.tr("green"),
            "blue": self.tr("blue"),
            "purple": self.tr("purple"),
            "brown": self.tr("brown"),
            "pink": self.tr("pink"),
        }
        for index, (_color, name) in enumerate(PALETTE):
            swatch = self._group.button(index)
            swatch.setToolTip(names[name])
            swatch.setAccessibleName(names[name])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_color(self) -> str:
        return self._colors[self._group.checkedId()]

    def swatches(self) -> list[QAbstractButton]:
        return list(self._group.buttons())

    def _on_group_id_clicked(self, index: int) -> None:
        self.color_chosen.emit(self._colors[index])


class BrushSizes(QWidget):
    """Three brush sizes: thin, medium, thick."""

    size_chosen = Signal(float)

    def __init__(self, vertical: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        directions = QBoxLayout.Direction
        layout = QBoxLayout(directions.TopToBottom if vertical else directions.LeftToRight, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._group = QButtonGroup(self)
        for index in range(len(BRUSH_SIZES_PX)):
            button = _RoundChoice(QColor("#444444"), 6.0 + index * 9.0, self)
            self._group.addButton(button, index)
            layout.addWidget(button)
        self._group.idClicked.connect(self._on_group_id_clicked)
        self._group.button(1).setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        """Name the sizes in the current language (at start and on a switch)."""
        names = (self.tr("thin"), self.tr("medium"), self.tr("thick"))
        for index, name in enumerate(names):
            button = self._group.button(index)
            button.setToolTip(name)
            button.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_size(self) -> float:
        return BRUSH_SIZES_PX[self._group.checkedId()]

    def buttons(self) -> list[QAbstractButton]:
        return list(self._group.buttons())

    def _on_group_id_clicked(self, index: int) -> None:
        self.size_chosen.emit(BRUSH_SIZES_PX[index])


class MessageBanner(QFrame):
    """A friendly, non-blocking message strip that hides itself after a while."""

    SHOW_MS = 7000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 6, 6)
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        layout.addWidget(self._label, 1)
        self._close = QToolButton(self)
        self._close.setText("\u2715")
        self._close.setToolTip(self.tr("Close"))
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.hide)
        layout.addWidget(self._close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self._close.setToolTip(self.tr("Close"))
        super().changeEvent(event)

    def show_message(self, text: str) -> None:
        self._label.setText(text)
        self.show()
        self._timer.start(self.SHOW_MS)

    def text(self) -> str:
        return self._label.text()


def add_dialog_footer(
    dialog: QDialog,
    layout: QVBoxLayout,
    confirm: QDialogButtonBox.StandardButton,
    on_confirmed: Callable[[], None],
) -> tuple[QLabel, QDialogButtonBox]:
    """A hidden red error line and the ``confirm`` / Cancel buttons at the foot of ``dialog``.

    ``on_confirmed`` decides whether the dialog closes (it shows the error line when not);
    Cancel rejects the dialog.
    """
    error_label = QLabel()
    error_label.setStyleSheet("color: #c62828;")
    error_label.hide()
    layout.addWidget(error_label)
    buttons = QDialogButtonBox(confirm | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_confirmed)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return error_label, buttons
