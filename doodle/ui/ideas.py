"""Play with ideas: reimagine the child's drawing, morph one drawing into another, mix drawings.

These need a model with an encoder (a VAE): the active object's own model when it is one, or
the VAE of the same object (``doodle.engine.ideas.encoder_model_for``). Without one the
buttons stay disabled and their tooltips say why.

``attach_ideas(window)`` puts an ``IdeasPanel`` into the main window's ``ideas_area``:

- **Reimagine** encodes the finished drawing (its latent mean, so the same drawing gives the
  same ideas for a given seed) and decodes a few new drawings in one batch; they take the place
  of the variation panes until the child goes back or draws on, and touching one puts it on a
  new page (a new ``Drawing``: the autosave and the gallery keep the old one).
- **Morph** opens ``MorphDialog`` (two drawings from the canvas or the gallery, the animation
  and a strip to save). Each drawing is read by its own object's model where there is one, so
  a sheep can turn into a dog when both objects are classes of one model; when the two models
  cannot be blended the dialog says that every frame is drawn as the first object. The
  gallery's "Morph these two" (``offer_morph_in(gallery)``) opens the dialog with the two
  drawings picked there and starts the morph.
- **Mix** (A + B - C) opens ``MixDialog``; it sits under a fold-out so young children are not
  confused by it.

All inference runs on the window's ``InferenceWorker`` (channels ``reimagine``, ``morph``,
``mix``; latest request wins), never on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from doodle.config import Settings, load_settings
from doodle.core.drawing import Drawing
from doodle.engine import ideas
from doodle.engine.registry import ModelInfo
from doodle.ui.draw_along import centred_on_canvas, friendly_error
from doodle.ui.gallery import GalleryDialog
from doodle.ui.i18n import object_label
from doodle.ui.ideas_choose import (
    DrawingChoice,
    drawing_choices,
    polylines_of,
    saved_drawing_folders,
    with_first,
)
from doodle.ui.ideas_mix import MIX_RESULTS, MixDialog
from doodle.ui.morph import MorphDialog
from doodle.ui.variations import VariationPane
from doodle.ui.widgets import BigButton

REIMAGINE = "reimagine"
MORPH = "morph"
MIX = "mix"
CHANNELS = (REIMAGINE, MORPH, MIX)
REIMAGINE_COUNT = 4
MIN_REIMAGINE_TEMPERATURE = 0.3
"""New drawings need some randomness to differ from each other even when "calm" is chosen."""
REIMAGINE_PANE_PX = 110


@dataclass(frozen=True)
class MorphFrames:
    """A finished morph, how it was drawn (``plan``) and the objects it joins.

    ``drawn_as`` is the object of the model that drew the frames when only one did, and
    ``borrowed`` says that a drawing's object had no model of its own to read it.
    """

    frames: list[list[np.ndarray]]
    plan: ideas.MorphPlan
    start_object: str
    end_object: str
    drawn_as: str
    borrowed: bool


class IdeasPanel(QWidget):
    """Reimagine / Morph buttons, the reimagined drawings, and Mix under a fold-out."""

    page_started = Signal()  # a reimagined or mixed drawing was put on a new page

    def __init__(
        self,
        window,
        settings: Callable[[], Settings] | None = None,
        folders: Callable[[], Sequence[Path]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``settings`` gives the classroom settings in force (default: read them afresh);
        ``folders`` the folders of saved drawings to choose from (default: the gallery's)."""
        super().__init__(parent)
        self.window = window
        self._settings = settings or (lambda: load_settings().settings)
        self._folders = folders or (lambda: saved_drawing_folders(self._settings()))
        self.worker = window.draw_along.worker
        self.morph_dialog: MorphDialog | None = None
        self.mix_dialog: MixDialog | None = None
        self._build()
        self.worker.result_ready.connect(self._on_worker_result_ready)
        self.worker.job_failed.connect(self._on_worker_job_failed)
        window.active_model_changed.connect(self._on_active_model_changed)
        window.draw_along.models_changed.connect(self.update_availability)
        window.document.changed.connect(self._on_document_changed)
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self._title = QLabel()
        self._title.setObjectName("paneTitle")
        layout.addWidget(self._title)
        row = QHBoxLayout()
        self.reimagine_button = BigButton("reimagine", "")
        self.morph_button = BigButton("morph", "")
        for button in (self.reimagine_button, self.morph_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            row.addWidget(button)
        layout.addLayout(row)
        self.reimagine_button.clicked.connect(self.request_reimagine)
        self.morph_button.clicked.connect(self.open_morph)

        # The new drawings take the place of the variation panes while they are shown.
        self.panes_box = QWidget()
        box = QVBoxLayout(self.panes_box)
        box.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(6)
        box.addLayout(grid)
        self.panes: list[VariationPane] = []
        for index in range(REIMAGINE_COUNT):
            pane = VariationPane(self.window.model_color())
            pane.setMinimumSize(REIMAGINE_PANE_PX, REIMAGINE_PANE_PX)
            pane.setEnabled(False)
            pane.clicked.connect(lambda _checked=False, i=index: self.use_reimagined(i))
            grid.addWidget(pane, index // 2, index % 2)
            self.panes.append(pane)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.close_reimagined)
        box.addWidget(self.back_button)
        self.panes_box.hide()
        layout.addWidget(self.panes_box, 1)

        fold = QHBoxLayout()
        self.more_toggle = QToolButton()
        self.more_toggle.setCheckable(True)
        self.more_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.more_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_toggle.toggled.connect(self._on_more_toggle_toggled)
        fold.addWidget(self.more_toggle)
        self.mix_button = BigButton("mix", "")
        self.mix_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.mix_button.clicked.connect(self.open_mix)
        self.mix_button.hide()
        fold.addWidget(self.mix_button)
        fold.addStretch(1)
        layout.addLayout(fold)

    def retranslate(self) -> None:
        """Set every text in the current language (at start and on a switch)."""
        self._title.setText(self.tr("Play with ideas"))
        self.reimagine_button.setText(self.tr("Reimagine"))
        self.morph_button.setText(self.tr("Morph"))
        for index, pane in enumerate(self.panes):
            pane.setToolTip(self.tr("Put this drawing on a new page"))
            pane.setAccessibleName(self.tr("New drawing %n", "", index + 1))
        self.back_button.setText(self.tr("Back to my ideas"))
        self.more_toggle.setText(self.tr("Tricks for big kids"))
        self.mix_button.setText(self.tr("Mix"))
        self.update_availability()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the model -----------------------------------------------------------------------------

    def encoder_model(self) -> ModelInfo | None:
        """The model with an encoder for the active object (or the drawing's object)."""
        name = self.window.active_model() or self.window.document.drawing.object_name
        return ideas.encoder_model_for(self.window.draw_along.registry.list(), name)

    def update_availability(self) -> None:
        """Enable what can be used now; tooltips say why something cannot."""
        info = self.encoder_model()
        if info is None:
            active = self.window.active_model()
            if active:
                tip = self.tr(
                    "Reimagine, morph and mix need a drawing helper that can read drawings. "
                    "The helper for this drawing cannot do that yet."
                )
            else:
                tip = self.tr("No drawing helper that can read drawings is installed yet.")
            for button in (self.reimagine_button, self.morph_button, self.mix_button):
                button.setEnabled(False)
                button.setToolTip(tip)
            return
        has_drawing = not self.window.document.is_empty()
        self.reimagine_button.setEnabled(has_drawing)
        self.reimagine_button.setToolTip(
            self.tr("Doodle draws your drawing again in new ways")
            if has_drawing
            else self.tr("Draw something first, then Doodle can reimagine it")
        )
        self.morph_button.setEnabled(True)
        self.morph_button.setToolTip(self.tr("Watch one drawing turn into another"))
        self.mix_button.setEnabled(True)
        self.mix_button.setToolTip(self.tr("Add and take away parts of drawings"))

    # -- reimagine -----------------------------------------------------------------------------

    def request_reimagine(self) -> None:
        """Decode new drawings from the drawing on the canvas (in the worker)."""
        info = self.encoder_model()
        if info is None or self.window.document.is_empty():
            return
        strokes = [np.array(stroke.xy, dtype=np.float32) for stroke in self.window.document.strokes]
        temperature = max(self.window.temperature(), MIN_REIMAGINE_TEMPERATURE)
        min_extent = self.window.canvas.min_extent_px()
        registry = self.window.draw_along.registry
        count = len(self.panes)

        def job(state) -> list[list[np.ndarray]]:
            return ideas.reimagine(
                strokes, registry.get(info.name), n=count, temperature=temperature,
                min_extent_px=min_extent, cancel=state.is_cancelled,
            )  # fmt: skip

        self.window.variations_panel.hide()
        self.panes_box.show()
        for pane in self.panes:
            pane.set_content([], [])
            pane.set_waiting(True)
        self.worker.submit(REIMAGINE, job)

    def reimagined(self) -> list[list[np.ndarray]]:
        return [pane.ending() for pane in self.panes if pane.has_ending()]

    def use_reimagined(self, index: int) -> None:
        if 0 <= index < len(self.panes) and self.panes[index].has_ending():
            self.put_on_new_page(self.panes[index].ending())

    def put_on_new_page(self, polylines: Sequence[np.ndarray]) -> Drawing:
        """Open a new page with ``polylines`` (the model's colour); the old drawing stays saved."""
        window = self.window
        old = window.document.drawing
        drawing = Drawing(
            object_name=old.object_name or window.active_model(), child_name=old.child_name
        )
        placed = centred_on_canvas([np.asarray(p, np.float32) for p in polylines],
                                   window.canvas.canvas_size())  # fmt: skip
        for line in placed:
            if len(line):
                drawing.add(
                    drawing.new_stroke(line, window.model_color(), window.canvas.brush_width,
                                       "model")
                )  # fmt: skip
        window.document.set_drawing(drawing)
        self.page_started.emit()
        return drawing

    # -- morph and mix -------------------------------------------------------------------------

    def _choices(self) -> list[DrawingChoice]:
        return drawing_choices(self.window.document.drawing, self._folders(), self.tr("My drawing"))

    def open_morph(
        self, start: Drawing | None = None, end: Drawing | None = None
    ) -> MorphDialog | None:
        """Open the morph dialog; given ``start`` and ``end`` it picks them and morphs at once."""
        picked = start is not None and end is not None
        if (self.morph_models(start, end) if picked else self.encoder_model()) is None:
            return None
        choices = self._choices()
        if picked:
            choices = with_first(choices, [start, end])
        dialog = MorphDialog(self._settings(), choices, self.window.model_color(), self.window)
        dialog.morph_requested.connect(self.request_morph)
        dialog.finished.connect(self._on_morph_dialog_finished)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.morph_dialog = dialog
        dialog.open()
        if picked:
            dialog.start_chooser.choose(0)
            dialog.end_chooser.choose(1)
            dialog.request_morph()
        return dialog

    def _own_model(self, drawing: Drawing | None) -> ModelInfo | None:
        if drawing is None or not drawing.object_name:
            return None
        return ideas.encoder_model_for(self.window.draw_along.registry.list(), drawing.object_name)

    def morph_models(
        self, start: Drawing | None, end: Drawing | None
    ) -> tuple[ModelInfo, ModelInfo] | None:
        """The models that read ``start`` and ``end``: each drawing's own object's model with
        an encoder where there is one, else the other drawing's, else the active object's."""
        own_start, own_end = self._own_model(start), self._own_model(end)
        start_info = own_start or own_end or self.encoder_model()
        if start_info is None:
            return None
        return start_info, own_end or start_info

    def request_morph(self, start: Drawing, end: Drawing) -> None:
        models = self.morph_models(start, end)
        if models is None:
            return
        start_info, end_info = models
        borrowed = self._own_model(start) is None or self._own_model(end) is None
        drawn_as = str(start_info.provenance.get("class_name") or start_info.name)
        start_object = start.object_name or drawn_as
        end_object = end.object_name or start_object
        start_lines, end_lines = polylines_of(start), polylines_of(end)
        registry = self.window.draw_along.registry

        def job(state) -> MorphFrames:
            frames = ideas.morph_between(
                start_lines, end_lines, registry.get(start_info.name),
                registry.get(end_info.name), cancel=state.is_cancelled,
            )  # fmt: skip
            plan = ideas.morph_plan(start_info, end_info)
            return MorphFrames(frames, plan, start_object, end_object, drawn_as, borrowed)

        self.worker.submit(MORPH, job)

    def morph_note(self, result: MorphFrames) -> str:
        """What a child should know about a morph: said only when it cannot change the object
        (unrelated models, or a drawing whose object has no model that can read it)."""
        one_model_for_two = result.borrowed and result.start_object != result.end_object
        if result.plan is not ideas.MorphPlan.FIRST_MODEL_ONLY and not one_model_for_two:
            return ""

        def label(name: str) -> str:
            return object_label(name) or name.replace("_", " ")

        return (
            self.tr("%1 and %2 cannot change into each other yet: every picture is drawn as %3.")
            .replace("%1", label(result.start_object))
            .replace("%2", label(result.end_object))
            .replace("%3", label(result.drawn_as))
        )

    def offer_morph_in(self, gallery: GalleryDialog) -> None:
        """Give ``gallery`` its "Morph these two" button when some model can morph."""
        if not any(info.kind == "vae" for info in self.window.draw_along.registry.list()):
            return
        gallery.offer_morph(self.tr("Pick two drawings and watch one turn into the other"))
        gallery.morph_requested.connect(self._on_gallery_morph_requested)

    def open_mix(self) -> MixDialog | None:
        if self.encoder_model() is None:
            return None
        dialog = MixDialog(self._choices(), self.window.model_color(), self.window)
        dialog.mix_requested.connect(self.request_mix)
        dialog.result_chosen.connect(self.put_on_new_page)
        dialog.finished.connect(self._on_mix_dialog_finished)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.mix_dialog = dialog
        dialog.open()
        return dialog

    def request_mix(self, base, add, take_away) -> None:
        info = self.encoder_model()
        if info is None:
            return
        registry = self.window.draw_along.registry

        def job(state) -> list[list[np.ndarray]]:
            return ideas.mix(
                base, add, take_away, registry.get(info.name), n=MIX_RESULTS,
                cancel=state.is_cancelled,
            )  # fmt: skip

        self.worker.submit(MIX, job)

    # -- slots ---------------------------------------------------------------------------------

    def _on_worker_result_ready(self, channel: str, result: object) -> None:
        if channel == REIMAGINE:
            drawings = list(result)  # type: ignore[call-overload]
            for pane, drawing in zip(self.panes, drawings + [[]] * len(self.panes), strict=False):
                pane.set_content([], drawing)
        elif channel == MORPH and self.morph_dialog is not None:
            morph: MorphFrames = result  # type: ignore[assignment]
            self.morph_dialog.show_frames(morph.frames, self.morph_note(morph))
        elif channel == MIX and self.mix_dialog is not None:
            self.mix_dialog.show_results(result)  # type: ignore[arg-type]

    def _on_worker_job_failed(self, channel: str, error: object) -> None:
        if channel not in CHANNELS:
            return
        message = friendly_error(error)  # type: ignore[arg-type]
        if channel == REIMAGINE:
            for pane in self.panes:
                pane.set_waiting(False)
            self.window.banner.show_message(message)
        elif channel == MORPH and self.morph_dialog is not None:
            self.morph_dialog.show_problem(message)
        elif channel == MIX and self.mix_dialog is not None:
            self.mix_dialog.show_problem(message)

    def close_reimagined(self) -> None:
        """Hide the new drawings; the variation panes come back."""
        self.worker.cancel(REIMAGINE)
        for pane in self.panes:
            pane.set_content([], [])
        self.panes_box.hide()
        self.window.variations_panel.show()

    def _on_active_model_changed(self, _name: str) -> None:
        self.close_reimagined()
        self.update_availability()

    def _on_document_changed(self) -> None:
        # The new drawings belong to the drawing as it was: a changed drawing closes them.
        if self.panes_box.isVisibleTo(self):
            self.close_reimagined()
        self.update_availability()

    def _on_more_toggle_toggled(self, shown: bool) -> None:
        self.more_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.mix_button.setVisible(shown)

    def _on_gallery_morph_requested(self, start: Drawing, end: Drawing) -> None:
        if self.open_morph(start, end) is None:
            self.window.banner.show_message(
                self.tr("Doodle has no drawing helper that can read these drawings.")
            )

    def _on_morph_dialog_finished(self, _result: int) -> None:
        self.worker.cancel(MORPH)
        self.morph_dialog = None

    def _on_mix_dialog_finished(self, _result: int) -> None:
        self.worker.cancel(MIX)
        self.mix_dialog = None


def attach_ideas(
    window,
    settings: Callable[[], Settings] | None = None,
    folders: Callable[[], Sequence[Path]] | None = None,
) -> IdeasPanel:
    """Add the ideas panel to ``window``'s ideas area (see ``IdeasPanel`` for the arguments)."""
    panel = IdeasPanel(window, settings, folders)
    window.add_to_ideas_area(panel)
    return panel
