"""How the main window draws along with the child: finishing the drawing, the idea panes, the
ghost hint.

``DrawAlongFlow`` turns what happens on the page (a stroke finished, the page changed or
touched) into requests to ``DrawAlong`` and shows the results: the completion animates onto
the canvas and waits for "Keep it" / "Another one", the idea panes refill once the drawing has
been still for a moment, the hint appears as a ghost line. Its texts belong to the main
window's translation context.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer

from doodle.ui.canvas import DrawingCanvas
from doodle.ui.completion import CompletionPreview
from doodle.ui.document import DrawingDocument
from doodle.ui.draw_along import COMPLETION, VARIATIONS, DrawAlong, DrawRequest
from doodle.ui.style import MODEL_COLORS
from doodle.ui.variations import VariationsPanel
from doodle.ui.widgets import MessageBanner
from doodle.ui.window_parts import BottomBar

VARIATIONS_DEBOUNCE_MS = 400


def model_color_beside(child_color: str) -> str:
    """The model's ink colour: different from the child's current colour."""
    if child_color in ("#8e24aa", "#1e88e5"):
        return MODEL_COLORS[1]
    return MODEL_COLORS[0]


class DrawAlongFlow(QObject):
    """Requests to the models and their results on the page, the panes and the bottom bar."""

    def __init__(
        self,
        document: DrawingDocument,
        canvas: DrawingCanvas,
        draw_along: DrawAlong,
        preview: CompletionPreview,
        variations_panel: VariationsPanel,
        bottom_bar: BottomBar,
        banner: MessageBanner,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._canvas = canvas
        self._draw_along = draw_along
        self._preview = preview
        self._panel = variations_panel
        self._bottom_bar = bottom_bar
        self._banner = banner
        self.hints_enabled = True
        self._variations_child: list[np.ndarray] = []
        self.variations_timer = QTimer(self)
        self.variations_timer.setSingleShot(True)
        self.variations_timer.setInterval(VARIATIONS_DEBOUNCE_MS)
        self.variations_timer.timeout.connect(self.request_variations)

    def model_color(self) -> str:
        return model_color_beside(self._canvas.brush_color)

    # -- requests ------------------------------------------------------------------------------

    def request_completion(self) -> None:
        """Ask the model to finish the drawing; the result animates onto the canvas."""
        if not self._draw_along.has_models():
            return
        self.discard_completion()
        self._draw_along.request_completion(self._make_request())

    def discard_completion(self) -> None:
        """Say "no thanks" to the completion on show."""
        self._preview.discard()
        self._bottom_bar.show_choice(False)

    def keep_completion(self) -> None:
        self._preview.finish_now()
        self._preview.keep()
        self._bottom_bar.show_choice(False)

    def request_variations(self) -> None:
        """Refill the idea panes (one batched request)."""
        self.variations_timer.stop()
        if not self._draw_along.has_models():
            self._panel.clear_endings()
            return
        request = self._make_request()
        self._variations_child = list(request.strokes_px)
        self._panel.set_waiting(True)
        self._draw_along.request_variations(request, self._panel.count())

    def schedule_variations(self) -> None:
        """Refill the panes once the drawing has been still for a moment."""
        self._draw_along.cancel(VARIATIONS)
        if self._draw_along.has_models():
            self._panel.set_waiting(True)
            self.variations_timer.start()

    def adopt_variation(self, index: int) -> None:
        """Use the ending shown in pane ``index`` (one undo step)."""
        panes = self._panel.panes()
        if not 0 <= index < len(panes) or not panes[index].has_ending():
            return
        if panes[index].is_waiting():
            return  # its ending belongs to an older version of the drawing
        self.discard_completion()
        self._document.add_model_strokes(
            panes[index].ending(),
            self.model_color(),
            self._canvas.brush_width,
            QCoreApplication.translate("MainWindow", "Use idea"),
        )

    def request_hint(self) -> None:
        if self.hints_enabled and self._draw_along.has_models():
            self._draw_along.request_hint(self._make_request())

    def set_hints_enabled(self, enabled: bool) -> None:
        self.hints_enabled = enabled
        self._bottom_bar.hint_button.setChecked(enabled)
        if not enabled:
            self._draw_along.cancel("hint")
            self._canvas.hide_ghost()

    def start_over(self) -> None:
        """Another model draws along: nothing of the previous one stays on show."""
        self.discard_completion()
        self._canvas.hide_ghost()
        self._panel.clear_endings()

    def shutdown(self) -> None:
        self._preview.discard()
        self.variations_timer.stop()

    def _make_request(self) -> DrawRequest:
        strokes = [stroke.xy for stroke in self._document.strokes]
        width, height = self._canvas.canvas_size()
        return self._draw_along.make_request(
            strokes, self._bottom_bar.temperature(), self._canvas.min_extent_px(), (width, height)
        )

    # -- what happens on the page --------------------------------------------------------------

    def on_document_changed(self) -> None:
        self._draw_along.cancel("hint")
        self._canvas.hide_ghost()
        if self._preview.is_active():
            self.discard_completion()
        self.schedule_variations()

    def _on_canvas_touched(self) -> None:
        self._draw_along.cancel("hint")
        self._draw_along.cancel(COMPLETION)
        if self._preview.is_active():
            self.discard_completion()

    def _on_canvas_stroke_finished(self, _stroke: object) -> None:
        self.request_hint()

    # -- results -------------------------------------------------------------------------------

    def _on_draw_along_completion_ready(self, polylines: list) -> None:
        if self._canvas.is_drawing():
            return
        if not polylines:
            self._banner.show_message(
                QCoreApplication.translate(
                    "MainWindow", "Doodle thinks your drawing is finished already. Lovely!"
                )
            )
            return
        self._canvas.hide_ghost()
        self._preview.play(polylines, self.model_color(), self._canvas.brush_width)

    def _on_preview_finished_playing(self) -> None:
        self._bottom_bar.show_choice(self._preview.is_active())

    def _on_draw_along_variations_ready(self, endings: list) -> None:
        self._panel.show_endings(self._variations_child, endings)

    def _on_draw_along_hint_ready(self, stroke: np.ndarray) -> None:
        if self._preview.is_active():
            return  # the completion on show says more than a hint
        if self.hints_enabled and not self._canvas.is_drawing() and len(stroke) >= 2:
            self._canvas.show_ghost([stroke])

    def _on_draw_along_failed(self, channel: str, message: str) -> None:
        if channel == VARIATIONS:
            self._panel.clear_endings()  # the old ones belong to an older drawing
        self._banner.show_message(message)

    def _on_draw_along_busy_changed(self, channel: str, busy: bool) -> None:
        if channel == VARIATIONS and not busy and not self.variations_timer.isActive():
            self._panel.set_waiting(False)

    def connect_signals(self) -> None:
        """Listen to the canvas, the models and the completion preview."""
        self._canvas.canvas_touched.connect(self._on_canvas_touched)
        self._canvas.stroke_finished.connect(self._on_canvas_stroke_finished)
        self._draw_along.completion_ready.connect(self._on_draw_along_completion_ready)
        self._draw_along.variations_ready.connect(self._on_draw_along_variations_ready)
        self._draw_along.hint_ready.connect(self._on_draw_along_hint_ready)
        self._draw_along.failed.connect(self._on_draw_along_failed)
        self._draw_along.busy_changed.connect(self._on_draw_along_busy_changed)
        self._preview.finished_playing.connect(self._on_preview_finished_playing)
