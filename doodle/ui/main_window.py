"""Doodle's main window: the canvas, big buttons, and the draw-along features.

Layout (landscape)::

    +---------------------------------------------------------------------------+
    | tool bar: Undo Redo New-page | colours                      teacher_area  |
    +---------------------------------------------------+-----------------------+
    | picker_area: "Let's draw:" model_chooser ...      | side pane:            |
    | banner (friendly messages, hidden when quiet)     |   Ideas (idea panes)  |
    | +-------+---------------------------------------+ |   More ideas          |
    | | Draw  |                                       | |   ideas_area          |
    | | Rubber|               canvas                  | |                       |
    | | sizes |                                       | |                       |
    | +-------+---------------------------------------+ |                       |
    +---------------------------------------------------+-----------------------+
    | Finish it! (or Keep it / Another one)  calm--wild  Hints      music_area  |
    +---------------------------------------------------------------------------+

In portrait the side pane moves below the canvas (one strip of panes), and the colours and
the music area get rows of their own.

Places that other parts of Doodle fill (each a real container widget with its own layout;
an empty one stays hidden and appears when something is added):

- ``picker_area`` / ``add_to_picker_area(widget)``: choosing what to draw (it already holds
  the model list ``model_chooser``) and guesses of what the child is drawing.
- ``music_area`` / ``add_to_music_area(widget)``: music controls (bottom bar, right).
- ``teacher_area`` / ``add_to_teacher_area(widget)``: gallery, save, print, settings (tool bar,
  right).
- ``ideas_area`` / ``add_to_ideas_area(widget)``: more ideas such as reimagine and morph
  (side pane, under the variation panes).

Model choice goes through ``set_active_model(name)`` only; ``active_model_changed(name)``
follows. Settings: ``apply_settings(settings)`` (keys ``idea_panes``, ``hints_on``,
``pen_only`` of ``doodle.config``), or one at a time ``set_variation_count(n)``,
``set_hints_enabled(on)``, ``set_pen_only(on)``, ``set_temperature(t)``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from doodle.config import Settings
from doodle.engine.registry import ModelRegistry
from doodle.ui.canvas import DrawingCanvas
from doodle.ui.completion import CompletionPreview
from doodle.ui.document import DrawingDocument
from doodle.ui.draw_along import COMPLETION, VARIATIONS, DrawAlong, DrawRequest
from doodle.ui.picker_art import object_label
from doodle.ui.style import MODEL_COLORS, STYLE_SHEET
from doodle.ui.variations import DEFAULT_PANES, VariationsPanel
from doodle.ui.widgets import BigButton, BrushSizes, ColorPalette, MessageBanner, icon

VARIATIONS_DEBOUNCE_MS = 400
TEMPERATURE_RANGE = (0.1, 1.0)
DEFAULT_TEMPERATURE = 0.4
SIDE_PANE_WIDTH_PX = 330
SIDE_PANE_MAX_WIDTH_PX = 440


def _area(name: str, direction: QBoxLayout.Direction) -> QFrame:
    frame = QFrame()
    frame.setObjectName(name)
    layout = QBoxLayout(direction, frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    frame.hide()
    return frame


class MainWindow(QMainWindow):
    """The window a child draws in."""

    active_model_changed = Signal(str)

    def __init__(self, registry: ModelRegistry | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowIcon(icon("doodle"))
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumSize(QSize(640, 480))
        self.document = DrawingDocument(parent=self)
        self.canvas = DrawingCanvas(self.document)
        self.draw_along = DrawAlong(registry, parent=self)
        self.preview = CompletionPreview(self.canvas, self)
        self.hints_enabled = True
        self._variations_child: list[np.ndarray] = []
        self._portrait: bool | None = None
        self._clear_dialog: QMessageBox | None = None
        self._thinking = False  # the model is finishing the drawing

        self._variations_timer = QTimer(self)
        self._variations_timer.setSingleShot(True)
        self._variations_timer.setInterval(VARIATIONS_DEBOUNCE_MS)
        self._variations_timer.timeout.connect(self.request_variations)

        self._build_tool_bar()
        self._build_canvas_column()
        self._build_side_pane()
        self._build_bottom_bar()
        self._build_layout()
        self._connect()
        self._on_draw_along_models_changed()
        self.retranslate()
        self._update_undo_buttons()
        # The model chosen while DrawAlong started: take it up as if it had just been chosen
        # (object name, and ideas even for an empty page).
        self._on_draw_along_active_model_changed(self.draw_along.active_model())
        self.resize(1366, 768)

    # -- places other parts of Doodle fill -----------------------------------------------------

    def add_to_picker_area(self, widget: QWidget) -> None:
        """Add a widget for choosing what to draw (e.g. a picture picker, guesses)."""
        self._add_to(self.picker_area, widget)

    def add_to_music_area(self, widget: QWidget) -> None:
        """Add music controls (bottom bar, right)."""
        self._add_to(self.music_area, widget)

    def add_to_teacher_area(self, widget: QWidget) -> None:
        """Add gallery / save / print / settings buttons (tool bar, right)."""
        self._add_to(self.teacher_area, widget)

    def add_to_ideas_area(self, widget: QWidget) -> None:
        """Add "more ideas" widgets such as reimagine or morph (side pane, bottom)."""
        self._add_to(self.ideas_area, widget)

    def _add_to(self, area: QFrame, widget: QWidget) -> None:
        explicitly_hidden = widget.isHidden() and widget.testAttribute(
            Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        )
        area.layout().addWidget(widget)
        area.show()
        if not explicitly_hidden:
            widget.show()

    # -- settings hooks ------------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Take over the settings that concern drawing (idea panes, hints, pen only)."""
        if settings.idea_panes != self.variations_panel.count():
            self.set_variation_count(settings.idea_panes)
        self.set_hints_enabled(settings.hints_on)
        self.set_pen_only(settings.pen_only)

    def set_active_model(self, name: str) -> None:
        """Draw along with model ``name`` (the one place where the model is chosen)."""
        self.draw_along.set_active_model(name)

    def active_model(self) -> str:
        return self.draw_along.active_model()

    def set_variation_count(self, count: int) -> None:
        self.variations_panel.set_count(count)
        self._apply_orientation(force=True)
        self.schedule_variations()

    def set_hints_enabled(self, enabled: bool) -> None:
        self.hints_enabled = enabled
        self.hint_button.setChecked(enabled)
        if not enabled:
            self.draw_along.cancel("hint")
            self.canvas.hide_ghost()

    def set_pen_only(self, enabled: bool) -> None:
        """Ignore touch once a pen has been seen (palm rejection)."""
        self.canvas.pen_only = enabled

    def temperature(self) -> float:
        low, high = TEMPERATURE_RANGE
        return low + (high - low) * self.temperature_slider.value() / 100.0

    def set_temperature(self, temperature: float) -> None:
        low, high = TEMPERATURE_RANGE
        self.temperature_slider.setValue(round(100 * (temperature - low) / (high - low)))

    def model_color(self) -> str:
        """The model's ink colour: different from the child's current colour."""
        if self.canvas.brush_color in ("#8e24aa", "#1e88e5"):
            return MODEL_COLORS[1]
        return MODEL_COLORS[0]

    # -- building ------------------------------------------------------------------------------

    def _build_tool_bar(self) -> None:
        self.tool_bar = QFrame()
        self.tool_bar.setObjectName("toolBar")
        rows = QVBoxLayout(self.tool_bar)
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(6)
        self._tool_row, self._tool_row_2 = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(self._tool_row)
        rows.addLayout(self._tool_row_2)
        self._tool_row_2.addStretch(1)
        self.undo_button = BigButton("undo", "")
        self.redo_button = BigButton("redo", "")
        self.clear_button = BigButton("clear", "")
        self.palette = ColorPalette()
        self._palette_separator = _separator(Qt.Orientation.Vertical)
        for widget in (self.undo_button, self.redo_button, self.clear_button):
            self._tool_row.addWidget(widget)
        self._tool_row.addWidget(self._palette_separator)
        self._tool_row.addWidget(self.palette)
        self._tool_row.addStretch(1)
        self.teacher_area = _area("teacherArea", QBoxLayout.Direction.LeftToRight)
        self._tool_row.addWidget(self.teacher_area)
        self.canvas.brush_color = self.palette.current_color()

    def _build_tool_strip(self) -> QFrame:
        """Pencil, rubber and brush sizes, in a column beside the canvas."""
        strip = QFrame()
        strip.setObjectName("toolStrip")
        layout = QVBoxLayout(strip)
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
        self.canvas.brush_width = self.brush_sizes.current_size()
        return strip

    def _build_canvas_column(self) -> None:
        self.canvas_column = QWidget()
        layout = QVBoxLayout(self.canvas_column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.picker_area = _area("pickerArea", QBoxLayout.Direction.LeftToRight)
        self._chooser_label = QLabel()
        self._chooser_label.setObjectName("paneTitle")
        self.model_chooser = QComboBox()
        self.model_chooser.setMinimumWidth(200)
        self.picker_area.layout().addWidget(self._chooser_label)
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
        paper_layout.addWidget(self.canvas)
        drawing_row = QHBoxLayout()
        drawing_row.setSpacing(8)
        drawing_row.addWidget(self._build_tool_strip())
        drawing_row.addWidget(paper, 1)
        layout.addLayout(drawing_row, 1)

    def _build_side_pane(self) -> None:
        self.side_pane = QFrame()
        self.side_pane.setObjectName("sidePane")
        layout = QVBoxLayout(self.side_pane)
        layout.setContentsMargins(10, 8, 10, 10)
        self.variations_panel = VariationsPanel(self.model_color())
        self.variations_panel.set_count(DEFAULT_PANES)
        layout.addWidget(self.variations_panel, 1)
        self.ideas_area = _area("ideasArea", QBoxLayout.Direction.TopToBottom)
        layout.addWidget(self.ideas_area)

    def _build_bottom_bar(self) -> None:
        self.bottom_bar = QFrame()
        self.bottom_bar.setObjectName("bottomBar")
        rows = QVBoxLayout(self.bottom_bar)
        rows.setContentsMargins(8, 6, 8, 6)
        rows.setSpacing(6)
        layout, self._bottom_row_2 = QHBoxLayout(), QHBoxLayout()
        self._bottom_row = layout
        rows.addLayout(layout)
        rows.addLayout(self._bottom_row_2)
        self._bottom_row_2.addStretch(1)
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
        self._calm_label = QLabel()
        self._calm_label.setPixmap(icon("calm").pixmap(34, 34))
        self._wild_label = QLabel()
        self._wild_label.setPixmap(icon("wild").pixmap(34, 34))
        self.temperature_slider = QSlider(Qt.Orientation.Horizontal)
        self.temperature_slider.setRange(0, 100)
        self.temperature_slider.setMinimumWidth(120)
        self.temperature_slider.setMaximumWidth(220)
        self.set_temperature(DEFAULT_TEMPERATURE)
        layout.addWidget(self._calm_label)
        layout.addWidget(self.temperature_slider)
        layout.addWidget(self._wild_label)
        self.hint_button = BigButton("hint", "")
        self.hint_button.setCheckable(True)
        self.hint_button.setChecked(True)
        layout.addWidget(self.hint_button)
        layout.addStretch(1)
        self.music_area = _area("musicArea", QBoxLayout.Direction.LeftToRight)
        layout.addWidget(self.music_area)

    def _build_layout(self) -> None:
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(8)
        outer.addWidget(self.tool_bar)
        self.body_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body_layout.setSpacing(8)
        self.body_layout.addWidget(self.canvas_column, 1)
        self.body_layout.addWidget(self.side_pane)
        outer.addLayout(self.body_layout, 1)
        outer.addWidget(self.bottom_bar)
        self.setCentralWidget(central)

    def _connect(self) -> None:
        stack = self.document.undo_stack
        self.undo_button.clicked.connect(stack.undo)
        self.redo_button.clicked.connect(stack.redo)
        stack.canUndoChanged.connect(self._update_undo_buttons)
        stack.canRedoChanged.connect(self._update_undo_buttons)
        QShortcut(QKeySequence.StandardKey.Undo, self, activated=stack.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, activated=stack.redo)
        QShortcut(QKeySequence("Ctrl+Y"), self, activated=stack.redo)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.discard_completion)
        self.clear_button.clicked.connect(self.ask_to_clear)
        self.pencil_button.toggled.connect(self._on_pencil_button_toggled)
        self.palette.color_chosen.connect(self._on_palette_color_chosen)
        self.brush_sizes.size_chosen.connect(self._on_brush_sizes_size_chosen)
        self.model_chooser.activated.connect(self._on_model_chooser_activated)
        self.finish_button.clicked.connect(self.request_completion)
        self.keep_button.clicked.connect(self.keep_completion)
        self.another_button.clicked.connect(self.request_completion)
        self.hint_button.toggled.connect(self.set_hints_enabled)
        self.variations_panel.more_ideas_requested.connect(self.request_variations)
        self.variations_panel.ending_chosen.connect(self.adopt_variation)

        self.document.changed.connect(self._on_document_changed)
        self.document.replaced.connect(self._on_document_replaced)
        self.canvas.canvas_touched.connect(self._on_canvas_touched)
        self.canvas.stroke_finished.connect(self._on_canvas_stroke_finished)

        self.draw_along.models_changed.connect(self._on_draw_along_models_changed)
        self.draw_along.active_model_changed.connect(self._on_draw_along_active_model_changed)
        self.draw_along.completion_ready.connect(self._on_draw_along_completion_ready)
        self.draw_along.variations_ready.connect(self._on_draw_along_variations_ready)
        self.draw_along.hint_ready.connect(self._on_draw_along_hint_ready)
        self.draw_along.failed.connect(self._on_draw_along_failed)
        self.draw_along.busy_changed.connect(self._on_draw_along_busy_changed)
        self.preview.finished_playing.connect(self._on_preview_finished_playing)

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the window in the current language (at start and on a switch)."""
        self.setWindowTitle(self.tr("Doodle"))
        self.undo_button.setText(self.tr("Undo"))
        self.redo_button.setText(self.tr("Redo"))
        self.clear_button.setText(self.tr("New page"))
        self.undo_button.setToolTip(self.tr("Take back the last step (Ctrl+Z)"))
        self.redo_button.setToolTip(self.tr("Bring it back again (Ctrl+Shift+Z)"))
        self.clear_button.setToolTip(self.tr("Start a new drawing"))
        self.pencil_button.setText(self.tr("Draw"))
        self.eraser_button.setText(self.tr("Rubber"))
        self.eraser_button.setToolTip(self.tr("Rub out whole lines"))
        self._chooser_label.setText(self.tr("Let's draw:"))
        self.model_chooser.setToolTip(self.tr("Choose what to draw together"))
        self._label_chooser_items()
        self._show_finish_text()
        self.keep_button.setText(self.tr("Keep it"))
        self.another_button.setText(self.tr("Another one"))
        self._calm_label.setToolTip(self.tr("calm"))
        self._wild_label.setToolTip(self.tr("wild"))
        self.temperature_slider.setToolTip(self.tr("Calm or wild drawing"))
        self.hint_button.setText(self.tr("Hints"))
        self.hint_button.setToolTip(self.tr("Show a ghost line of what could come next"))
        self._update_ai_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _label_chooser_items(self) -> None:
        labels = {info.name: info.label for info in self.draw_along.models()}
        for index in range(self.model_chooser.count()):
            name = self.model_chooser.itemData(index)
            text = object_label(name, labels.get(name, "")) if name else ""
            self.model_chooser.setItemText(index, text or self.tr("(nothing installed yet)"))

    def _show_finish_text(self) -> None:
        thinking, finish = self.tr("Thinking..."), self.tr("Finish it!")
        self.finish_button.setText(thinking if self._thinking else finish)
        # Keeps its widest size: a button that changes width makes the whole bottom bar lay
        # out and repaint again at every request and every result.
        widest = max(self.finish_button.minimumWidth(), self.finish_button.sizeHint().width())
        self.finish_button.setMinimumWidth(widest)

    # -- actions -------------------------------------------------------------------------------

    def ask_to_clear(self) -> None:
        """Ask (kindly, without blocking) whether to start a new page."""
        if self.document.is_empty():
            return
        dialog = QMessageBox(self)
        dialog.setWindowTitle(self.tr("New page?"))
        dialog.setIconPixmap(icon("clear").pixmap(64, 64))
        dialog.setText(self.tr("Start a new page? You can still bring this one back with Undo."))
        yes = dialog.addButton(self.tr("Yes, new page"), QMessageBox.ButtonRole.AcceptRole)
        dialog.addButton(self.tr("No, keep drawing"), QMessageBox.ButtonRole.RejectRole)
        dialog.setDefaultButton(yes)
        dialog.finished.connect(lambda _result: self._on_clear_dialog_finished(dialog, yes))
        self._clear_dialog = dialog
        dialog.open()

    def clear_dialog(self) -> QMessageBox | None:
        """The "new page?" question while it is open."""
        return self._clear_dialog

    def request_completion(self) -> None:
        """Ask the model to finish the drawing; the result animates onto the canvas."""
        if not self.draw_along.has_models():
            return
        self.preview.discard()
        self._show_choice(False)
        self.draw_along.request_completion(self._make_request())

    def discard_completion(self) -> None:
        """Say "no thanks" to the completion on show."""
        self.preview.discard()
        self._show_choice(False)

    def keep_completion(self) -> None:
        self.preview.finish_now()
        self.preview.keep()
        self._show_choice(False)

    def request_variations(self) -> None:
        """Refill the idea panes (one batched request)."""
        self._variations_timer.stop()
        if not self.draw_along.has_models():
            self.variations_panel.clear_endings()
            return
        request = self._make_request()
        self._variations_child = list(request.strokes_px)
        self.variations_panel.set_waiting(True)
        self.draw_along.request_variations(request, self.variations_panel.count())

    def schedule_variations(self) -> None:
        """Refill the panes once the drawing has been still for a moment."""
        self.draw_along.cancel(VARIATIONS)
        if self.draw_along.has_models():
            self.variations_panel.set_waiting(True)
            self._variations_timer.start()

    def adopt_variation(self, index: int) -> None:
        """Use the ending shown in pane ``index`` (one undo step)."""
        panes = self.variations_panel.panes()
        if not 0 <= index < len(panes) or not panes[index].has_ending():
            return
        if panes[index].is_waiting():
            return  # its ending belongs to an older version of the drawing
        self.preview.discard()
        self._show_choice(False)
        self.document.add_model_strokes(
            panes[index].ending(), self.model_color(), self.canvas.brush_width, self.tr("Use idea")
        )

    def request_hint(self) -> None:
        if self.hints_enabled and self.draw_along.has_models():
            self.draw_along.request_hint(self._make_request())

    def _make_request(self) -> DrawRequest:
        strokes = [stroke.xy for stroke in self.document.strokes]
        width, height = self.canvas.canvas_size()
        return self.draw_along.make_request(
            strokes, self.temperature(), self.canvas.min_extent_px(), (width, height)
        )

    def _show_choice(self, visible: bool) -> None:
        self.finish_button.setVisible(not visible)
        self.keep_button.setVisible(visible)
        self.another_button.setVisible(visible)

    # -- slots ---------------------------------------------------------------------------------

    def _update_undo_buttons(self) -> None:
        stack = self.document.undo_stack
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())

    def _update_ai_buttons(self) -> None:
        has_models = self.draw_along.has_models()
        no_model_tip = self.tr(
            "No drawing helpers are installed yet. Ask a grown-up to add some drawings to Doodle."
        )
        self.finish_button.setEnabled(has_models)
        self.finish_button.setToolTip(
            self.tr("Let Doodle finish your drawing") if has_models else no_model_tip
        )
        self.variations_panel.more_button.setEnabled(has_models)
        self.variations_panel.more_button.setToolTip(
            self.tr("Show new ideas") if has_models else no_model_tip
        )
        self.hint_button.setEnabled(has_models)
        self.temperature_slider.setEnabled(has_models)
        self.model_chooser.setEnabled(has_models)
        self.hint_button.setToolTip(
            self.tr("Show a ghost line of what could come next") if has_models else no_model_tip
        )
        self.model_chooser.setToolTip(
            self.tr("Choose what to draw together") if has_models else no_model_tip
        )

    def _on_clear_dialog_finished(self, dialog: QMessageBox, yes_button) -> None:
        if dialog.clickedButton() is yes_button:
            self.preview.discard()
            self._show_choice(False)
            self.document.clear()
        self._clear_dialog = None
        dialog.deleteLater()

    def _on_pencil_button_toggled(self, drawing: bool) -> None:
        self.canvas.set_eraser_mode(not drawing)

    def _on_palette_color_chosen(self, color: str) -> None:
        self.canvas.brush_color = color
        self.variations_panel.set_model_color(self.model_color())
        self.eraser_button.setChecked(False)
        self.pencil_button.setChecked(True)

    def _on_brush_sizes_size_chosen(self, size: float) -> None:
        self.canvas.brush_width = size

    def _on_model_chooser_activated(self, index: int) -> None:
        self.set_active_model(self.model_chooser.itemData(index))

    def _on_document_changed(self) -> None:
        self._update_undo_buttons()
        self.draw_along.cancel("hint")
        self.canvas.hide_ghost()
        if self.preview.is_active():
            self.preview.discard()
            self._show_choice(False)
        self.schedule_variations()

    def _on_document_replaced(self) -> None:
        """Another drawing was opened: draw along with what it shows, if that is installed."""
        name = self.document.drawing.object_name
        if name and name in {info.name for info in self.draw_along.models()}:
            self.set_active_model(name)

    def _on_canvas_touched(self) -> None:
        self.draw_along.cancel("hint")
        self.draw_along.cancel(COMPLETION)
        if self.preview.is_active():
            self.preview.discard()
            self._show_choice(False)

    def _on_canvas_stroke_finished(self, _stroke: object) -> None:
        self.request_hint()

    def _on_draw_along_models_changed(self) -> None:
        self.model_chooser.clear()
        for info in self.draw_along.models():
            self.model_chooser.addItem(object_label(info.name, info.label), info.name)
        if not self.draw_along.has_models():
            self.model_chooser.addItem(self.tr("(nothing installed yet)"), "")
        self._select_chooser_item(self.draw_along.active_model())
        self._update_ai_buttons()

    def _on_draw_along_active_model_changed(self, name: str) -> None:
        self._select_chooser_item(name)
        self.document.drawing.object_name = name
        self.preview.discard()
        self._show_choice(False)
        self.canvas.hide_ghost()
        self.variations_panel.clear_endings()
        self._update_ai_buttons()
        self.schedule_variations()
        self.active_model_changed.emit(name)

    def _select_chooser_item(self, name: str) -> None:
        index = self.model_chooser.findData(name)
        if index >= 0:
            self.model_chooser.setCurrentIndex(index)

    def _on_draw_along_completion_ready(self, polylines: list) -> None:
        if self.canvas.is_drawing():
            return
        if not polylines:
            self.banner.show_message(
                self.tr("Doodle thinks your drawing is finished already. Lovely!")
            )
            return
        self.canvas.hide_ghost()
        self.preview.play(polylines, self.model_color(), self.canvas.brush_width)

    def _on_preview_finished_playing(self) -> None:
        self._show_choice(self.preview.is_active())

    def _on_draw_along_variations_ready(self, endings: list) -> None:
        self.variations_panel.show_endings(self._variations_child, endings)

    def _on_draw_along_hint_ready(self, stroke: np.ndarray) -> None:
        if self.preview.is_active():
            return  # the completion on show says more than a hint
        if self.hints_enabled and not self.canvas.is_drawing() and len(stroke) >= 2:
            self.canvas.show_ghost([stroke])

    def _on_draw_along_failed(self, channel: str, message: str) -> None:
        if channel == VARIATIONS:
            self.variations_panel.clear_endings()  # the old ones belong to an older drawing
        self.banner.show_message(message)

    def _on_draw_along_busy_changed(self, channel: str, busy: bool) -> None:
        if channel == COMPLETION:
            self._thinking = busy
            self._show_finish_text()
        elif channel == VARIATIONS and not busy and not self._variations_timer.isActive():
            self.variations_panel.set_waiting(False)

    # -- window --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._apply_orientation()

    def _apply_orientation(self, force: bool = False) -> None:
        portrait = self.height() > self.width()
        if portrait == self._portrait and not force:
            return
        self._portrait = portrait
        if portrait:
            self.body_layout.setDirection(QBoxLayout.Direction.TopToBottom)
            self.side_pane.setMinimumWidth(0)
            self.side_pane.setMaximumWidth(16777215)
            # Below the canvas the pane takes only the room it needs; the canvas gets the rest.
            self.side_pane.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        else:
            self.body_layout.setDirection(QBoxLayout.Direction.LeftToRight)
            # As narrow as it can be, wider only when its buttons need it (longer languages).
            self.side_pane.setMinimumWidth(SIDE_PANE_WIDTH_PX)
            self.side_pane.setMaximumWidth(SIDE_PANE_MAX_WIDTH_PX)
            self.side_pane.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.variations_panel.set_compact(portrait)
        # Portrait is narrow: the colours and the music get a row of their own.
        self._palette_separator.setVisible(not portrait)
        self._tool_row.removeWidget(self.palette)
        self._tool_row_2.removeWidget(self.palette)
        self._bottom_row.removeWidget(self.music_area)
        self._bottom_row_2.removeWidget(self.music_area)
        if portrait:
            self._tool_row_2.insertWidget(0, self.palette)
            self._bottom_row_2.addWidget(self.music_area)
        else:
            after_separator = self._tool_row.indexOf(self._palette_separator) + 1
            self._tool_row.insertWidget(after_separator, self.palette)
            self._bottom_row.addWidget(self.music_area)
        self.variations_panel.set_columns(self.variations_panel.columns_for(portrait))

    def is_portrait(self) -> bool:
        return bool(self._portrait)

    def shutdown(self) -> None:
        """Stop animations and background work (before the window or the app goes away)."""
        self.preview.discard()
        self._variations_timer.stop()
        self.draw_along.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.shutdown()
        super().closeEvent(event)


def _separator(orientation: Qt.Orientation) -> QFrame:
    line = QFrame()
    vertical = orientation == Qt.Orientation.Vertical
    line.setFrameShape(QFrame.Shape.VLine if vertical else QFrame.Shape.HLine)
    line.setStyleSheet("color: #d5dcef;")
    return line
