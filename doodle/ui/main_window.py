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

The parts of the window live in ``doodle.ui.window_parts``; drawing along (completion, idea
panes, hint) in ``doodle.ui.draw_along_flow``. This class puts them together, sets their texts
(all in the ``MainWindow`` translation context) and turns the layout when the screen turns.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QBoxLayout, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from doodle.config import Settings
from doodle.engine.registry import ModelRegistry
from doodle.ui.canvas import DrawingCanvas
from doodle.ui.completion import CompletionPreview
from doodle.ui.document import DrawingDocument
from doodle.ui.draw_along import COMPLETION, DrawAlong
from doodle.ui.draw_along_flow import DrawAlongFlow, model_color_beside
from doodle.ui.style import STYLE_SHEET
from doodle.ui.widgets import icon
from doodle.ui.window_parts import BottomBar, CanvasColumn, SidePane, ToolBar


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
        self._portrait: bool | None = None
        self._clear_dialog: QMessageBox | None = None
        self._thinking = False  # the model is finishing the drawing

        self._build()
        self._flow = DrawAlongFlow(
            self.document,
            self.canvas,
            self.draw_along,
            self.preview,
            self.variations_panel,
            self.bottom_bar,
            self.banner,
            parent=self,
        )
        # The timer that refills the idea panes once the drawing is still.
        self._variations_timer = self._flow.variations_timer
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

    def _add_to(self, area: QWidget, widget: QWidget) -> None:
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

    @property
    def hints_enabled(self) -> bool:
        return self._flow.hints_enabled

    def set_hints_enabled(self, enabled: bool) -> None:
        self._flow.set_hints_enabled(enabled)

    def set_pen_only(self, enabled: bool) -> None:
        """Ignore touch once a pen has been seen (palm rejection)."""
        self.canvas.pen_only = enabled

    def temperature(self) -> float:
        return self.bottom_bar.temperature()

    def set_temperature(self, temperature: float) -> None:
        self.bottom_bar.set_temperature(temperature)

    def model_color(self) -> str:
        """The model's ink colour: different from the child's current colour."""
        return model_color_beside(self.canvas.brush_color)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tool_bar = ToolBar()
        self.canvas.brush_color = self.tool_bar.palette.current_color()
        column = CanvasColumn(self.canvas)
        self.canvas_column = column
        self.canvas.brush_width = column.tool_strip.brush_sizes.current_size()
        self.side_pane = SidePane(self.model_color())
        self.bottom_bar = BottomBar()
        # The parts' widgets that other parts of Doodle reach through the window.
        tool_bar, tool_strip, bottom_bar = self.tool_bar, column.tool_strip, self.bottom_bar
        self.undo_button = tool_bar.undo_button
        self.redo_button = tool_bar.redo_button
        self.clear_button = tool_bar.clear_button
        self.palette = tool_bar.palette
        self.teacher_area = tool_bar.teacher_area
        self.pencil_button = tool_strip.pencil_button
        self.eraser_button = tool_strip.eraser_button
        self.brush_sizes = tool_strip.brush_sizes
        self.picker_area = column.picker_area
        self.model_chooser = column.model_chooser
        self.banner = column.banner
        self.variations_panel = self.side_pane.variations_panel
        self.ideas_area = self.side_pane.ideas_area
        self.finish_button = bottom_bar.finish_button
        self.keep_button = bottom_bar.keep_button
        self.another_button = bottom_bar.another_button
        self.temperature_slider = bottom_bar.temperature_slider
        self.hint_button = bottom_bar.hint_button
        self.music_area = bottom_bar.music_area

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
        self._flow.connect_signals()
        self.draw_along.models_changed.connect(self._on_draw_along_models_changed)
        self.draw_along.active_model_changed.connect(self._on_draw_along_active_model_changed)
        self.draw_along.busy_changed.connect(self._on_draw_along_busy_changed)

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
        self.canvas_column.chooser_label.setText(self.tr("Let's draw:"))
        self.model_chooser.setToolTip(self.tr("Choose what to draw together"))
        self.model_chooser.relabel(self.draw_along.models(), self.tr("(nothing installed yet)"))
        self._show_finish_text()
        self.keep_button.setText(self.tr("Keep it"))
        self.another_button.setText(self.tr("Another one"))
        self.bottom_bar.calm_label.setToolTip(self.tr("calm"))
        self.bottom_bar.wild_label.setToolTip(self.tr("wild"))
        self.temperature_slider.setToolTip(self.tr("Calm or wild drawing"))
        self.hint_button.setText(self.tr("Hints"))
        self.hint_button.setToolTip(self.tr("Show a ghost line of what could come next"))
        self._update_ai_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_finish_text(self) -> None:
        thinking, finish = self.tr("Thinking..."), self.tr("Finish it!")
        self.finish_button.setText(thinking if self._thinking else finish)
        # Keeps its widest size: a button that changes width makes the whole bottom bar lay
        # out and repaint again at every request and every result.
        widest = max(self.finish_button.minimumWidth(), self.finish_button.sizeHint().width())
        self.finish_button.setMinimumWidth(widest)

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
        self._flow.request_completion()

    def discard_completion(self) -> None:
        """Say "no thanks" to the completion on show."""
        self._flow.discard_completion()

    def keep_completion(self) -> None:
        self._flow.keep_completion()

    def request_variations(self) -> None:
        """Refill the idea panes (one batched request)."""
        self._flow.request_variations()

    def schedule_variations(self) -> None:
        """Refill the panes once the drawing has been still for a moment."""
        self._flow.schedule_variations()

    def adopt_variation(self, index: int) -> None:
        """Use the ending shown in pane ``index`` (one undo step)."""
        self._flow.adopt_variation(index)

    def request_hint(self) -> None:
        self._flow.request_hint()

    # -- slots ---------------------------------------------------------------------------------

    def _update_undo_buttons(self) -> None:
        stack = self.document.undo_stack
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())

    def _on_clear_dialog_finished(self, dialog: QMessageBox, yes_button) -> None:
        if dialog.clickedButton() is yes_button:
            self.discard_completion()
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
        self._flow.on_document_changed()

    def _on_document_replaced(self) -> None:
        """Another drawing was opened: draw along with what it shows, if that is installed."""
        name = self.document.drawing.object_name
        if name and name in {info.name for info in self.draw_along.models()}:
            self.set_active_model(name)

    def _on_draw_along_models_changed(self) -> None:
        self.model_chooser.fill(
            self.draw_along.models(),
            self.draw_along.active_model(),
            self.tr("(nothing installed yet)"),
        )
        self._update_ai_buttons()

    def _on_draw_along_active_model_changed(self, name: str) -> None:
        self.model_chooser.select(name)
        self.document.drawing.object_name = name
        self._flow.start_over()
        self._update_ai_buttons()
        self.schedule_variations()
        self.active_model_changed.emit(name)

    def _on_draw_along_busy_changed(self, channel: str, busy: bool) -> None:
        if channel == COMPLETION:
            self._thinking = busy
            self._show_finish_text()

    # -- window --------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._apply_orientation()

    def _apply_orientation(self, force: bool = False) -> None:
        portrait = self.height() > self.width()
        if portrait == self._portrait and not force:
            return
        self._portrait = portrait
        below, beside = QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.LeftToRight
        self.body_layout.setDirection(below if portrait else beside)
        self.side_pane.set_portrait(portrait)
        # Portrait is narrow: the colours and the music get a row of their own.
        self.tool_bar.set_portrait(portrait)
        self.bottom_bar.set_portrait(portrait)

    def is_portrait(self) -> bool:
        return bool(self._portrait)

    def shutdown(self) -> None:
        """Stop animations and background work (before the window or the app goes away)."""
        self._flow.shutdown()
        self.draw_along.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.shutdown()
        super().closeEvent(event)
