"""The parts of the main window and how each rearranges itself in portrait.

The tool bar (undo, redo, new page, colours, teacher area), the tool strip beside the canvas
(pencil, rubber, brush sizes), the canvas column (picker area with the model list, banner,
paper), the side pane (idea panes, ideas area) and the bottom bar (finish / keep / another,
the calm-wild slider, hints, music area). The parts hold no texts: the main window sets them
all, in its own translation context, at start and on a change of language.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from doodle.engine.registry import ModelInfo
from doodle.ui.canvas import DrawingCanvas
from doodle.ui.picker_art import object_label
from doodle.ui.variations import DEFAULT_PANES, VariationsPanel
from doodle.ui.widgets import BigButton, BrushSizes, ColorPalette, MessageBanner, icon

TEMPERATURE_RANGE = (0.1, 1.0)
DEFAULT_TEMPERATURE = 0.4
SIDE_PANE_WIDTH_PX = 330
SIDE_PANE_MAX_WIDTH_PX = 440


def _area(name: str, direction: QBoxLayout.Direction) -> QFrame:
    """A place other parts of Doodle fill; hidden while empty."""
    frame = QFrame()
    frame.setObjectName(name)
    layout = QBoxLayout(direction, frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    frame.hide()
    return frame


def _separator(orientation: Qt.Orientation) -> QFrame:
    line = QFrame()
    vertical = orientation == Qt.Orientation.Vertical
    line.setFrameShape(QFrame.Shape.VLine if vertical else QFrame.Shape.HLine)
    line.setStyleSheet("color: #d5dcef;")
    return line


class ToolBar(QFrame):
    """Undo, redo, new page and the colours; the teacher area on the right.

    In portrait the colours get a row of their own.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("toolBar")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(6)
        self._row, self._row_2 = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(self._row)
        rows.addLayout(self._row_2)
        self._row_2.addStretch(1)
        self.undo_button = BigButton("undo", "")
        self.redo_button = BigButton("redo", "")
        self.clear_button = BigButton("clear", "")
        self.palette = ColorPalette()
        self._palette_separator = _separator(Qt.Orientation.Vertical)
        for widget in (self.undo_button, self.redo_button, self.clear_button):
            self._row.addWidget(widget)
        self._row.addWidget(self._palette_separator)
        self._row.addWidget(self.palette)
        self._row.addStretch(1)
        self.teacher_area = _area("teacherArea", QBoxLayout.Direction.LeftToRight)
        self._row.addWidget(self.teacher_area)

    def set_portrait(self, portrait: bool) -> None:
        self._palette_separator.setVisible(not portrait)
        self._row.removeWidget(self.palette)
        self._row_2.removeWidget(self.palette)
        if portrait:
            self._row_2.insertWidget(0, self.palette)
        else:
            after_separator = self._row.indexOf(self._palette_separator) + 1
            self._row.insertWidget(after_separator, self.palette)


class ToolStrip(QFrame):
    """Pencil, rubber and brush sizes, in a column beside the canvas."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("toolStrip")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 8)
        layout.setSpacing(8)
        self.pencil_button = BigButton("pencil", "")
        self.eraser_button = BigButton("eraser", "")
        tool_group = QButtonGroup(self)
        for button in (self.pencil_button, self.eraser_button):
            button.setCheckable(True)
            tool_group.addButton(button)
            layout.addWidget(button)
        self.pencil_button.setChecked(True)
        layout.addWidget(_separator(Qt.Orientation.Horizontal))
        self.brush_sizes = BrushSizes(vertical=True)
        layout.addWidget(self.brush_sizes, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)


class ModelChooser(QComboBox):
    """The list of installed drawing models; each item's data is the model's name."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(200)

    def fill(self, models: list[ModelInfo], active: str, nothing_text: str) -> None:
        """List ``models`` (``nothing_text`` alone when there are none) and select ``active``."""
        self.clear()
        for info in models:
            self.addItem(object_label(info.name, info.label), info.name)
        if not models:
            self.addItem(nothing_text, "")
        self.select(active)

    def relabel(self, models: list[ModelInfo], nothing_text: str) -> None:
        """Put the items' texts into the current language."""
        labels = {info.name: info.label for info in models}
        for index in range(self.count()):
            name = self.itemData(index)
            text = object_label(name, labels.get(name, "")) if name else ""
            self.setItemText(index, text or nothing_text)

    def select(self, name: str) -> None:
        index = self.findData(name)
        if index >= 0:
            self.setCurrentIndex(index)


class CanvasColumn(QWidget):
    """The picker area (with the model list), the banner, and the tool strip beside the paper
    that holds ``canvas``."""

    def __init__(self, canvas: DrawingCanvas) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.picker_area = _area("pickerArea", QBoxLayout.Direction.LeftToRight)
        self.chooser_label = QLabel()
        self.chooser_label.setObjectName("paneTitle")
        self.model_chooser = ModelChooser()
        self.picker_area.layout().addWidget(self.chooser_label)
        self.picker_area.layout().addWidget(self.model_chooser)
        self.picker_area.layout().addStretch(1)
        self.picker_area.show()
        layout.addWidget(self.picker_area)
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        paper = QFrame()
        paper.setObjectName("paper")
        paper_layout = QVBoxLayout(paper)
        paper_layout.setContentsMargins(6, 6, 6, 6)
        paper_layout.addWidget(canvas)
        drawing_row = QHBoxLayout()
        drawing_row.setSpacing(8)
        self.tool_strip = ToolStrip()
        drawing_row.addWidget(self.tool_strip)
        drawing_row.addWidget(paper, 1)
        layout.addLayout(drawing_row, 1)


class SidePane(QFrame):
    """The idea panes and the ideas area: beside the canvas, or below it in portrait."""

    def __init__(self, model_color: str) -> None:
        super().__init__()
        self.setObjectName("sidePane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        self.variations_panel = VariationsPanel(model_color)
        self.variations_panel.set_count(DEFAULT_PANES)
        layout.addWidget(self.variations_panel, 1)
        self.ideas_area = _area("ideasArea", QBoxLayout.Direction.TopToBottom)
        layout.addWidget(self.ideas_area)

    def set_portrait(self, portrait: bool) -> None:
        if portrait:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
            # Below the canvas the pane takes only the room it needs; the canvas gets the rest.
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        else:
            # As narrow as it can be, wider only when its buttons need it (longer languages).
            self.setMinimumWidth(SIDE_PANE_WIDTH_PX)
            self.setMaximumWidth(SIDE_PANE_MAX_WIDTH_PX)
            self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.variations_panel.set_compact(portrait)
        self.variations_panel.set_columns(self.variations_panel.columns_for(portrait))


class BottomBar(QFrame):
    """ "Finish it!" (or "Keep it" / "Another one"), the calm-wild slider, hints; the music
    area on the right, on a row of its own in portrait."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("bottomBar")
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(6)
        layout, self._row_2 = QHBoxLayout(), QHBoxLayout()
        self._row = layout
        rows.addLayout(layout)
        rows.addLayout(self._row_2)
        self._row_2.addStretch(1)
        self.finish_button = BigButton("finish", "")
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.finish_button.setMinimumWidth(170)
        layout.addWidget(self.finish_button)
        # Where the child just pressed "Finish it!", the same spot asks: keep it or another?
        self.keep_button = BigButton("keep", "")
        self.keep_button.setObjectName("keepButton")
        self.another_button = BigButton("another", "")
        for button in (self.keep_button, self.another_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.hide()
            layout.addWidget(button)
        self.calm_label = QLabel()
        self.calm_label.setPixmap(icon("calm").pixmap(34, 34))
        self.wild_label = QLabel()
        self.wild_label.setPixmap(icon("wild").pixmap(34, 34))
        self.temperature_slider = QSlider(Qt.Orientation.Horizontal)
        self.temperature_slider.setRange(0, 100)
        self.temperature_slider.setMinimumWidth(120)
        self.temperature_slider.setMaximumWidth(220)
        self.set_temperature(DEFAULT_TEMPERATURE)
        layout.addWidget(self.calm_label)
        layout.addWidget(self.temperature_slider)
        layout.addWidget(self.wild_label)
        self.hint_button = BigButton("hint", "")
        self.hint_button.setCheckable(True)
        self.hint_button.setChecked(True)
        layout.addWidget(self.hint_button)
        layout.addStretch(1)
        self.music_area = _area("musicArea", QBoxLayout.Direction.LeftToRight)
        layout.addWidget(self.music_area)

    def temperature(self) -> float:
        low, high = TEMPERATURE_RANGE
        return low + (high - low) * self.temperature_slider.value() / 100.0

    def set_temperature(self, temperature: float) -> None:
        low, high = TEMPERATURE_RANGE
        self.temperature_slider.setValue(round(100 * (temperature - low) / (high - low)))

    def show_choice(self, visible: bool) -> None:
        """ "Keep it" and "Another one" in place of "Finish it!" (or back)."""
        self.finish_button.setVisible(not visible)
        self.keep_button.setVisible(visible)
        self.another_button.setVisible(visible)

    def set_portrait(self, portrait: bool) -> None:
        self._row.removeWidget(self.music_area)
        self._row_2.removeWidget(self.music_area)
        (self._row_2 if portrait else self._row).addWidget(self.music_area)
