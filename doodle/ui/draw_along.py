"""Drawing along with the child: which model is active, and the three kinds of requests.

``DrawAlong`` knows the installed models (``ModelRegistry``) and the active one, and sends
"finish my drawing", "show me endings" and "what comes next?" to the ``InferenceWorker``
(channels ``completion``, ``variations``, ``hint``). Each request carries an immutable copy of
the child's strokes; results come back as canvas-px polylines through the ``*_ready`` signals,
and only the newest request of a channel ever delivers. Errors become ``failed`` with a
friendly sentence for the banner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from doodle.core.errors import ModelError
from doodle.engine import draw
from doodle.engine.registry import LoadedModel, ModelInfo, ModelRegistry
from doodle.ui.workers import InferenceWorker, JobState

COMPLETION = "completion"
VARIATIONS = "variations"
HINT = "hint"
CHANNELS = (COMPLETION, VARIATIONS, HINT)

# Variations need some randomness to differ from each other even when the child picks "calm".
MIN_VARIATION_TEMPERATURE = 0.35

_JobBody = Callable[["DrawRequest", JobState, LoadedModel], object]


@dataclass(frozen=True)
class DrawRequest:
    """Everything a job needs, copied so the UI can go on changing the drawing."""

    strokes_px: tuple[np.ndarray, ...]
    model_name: str
    temperature: float
    min_extent_px: float
    canvas_size: tuple[float, float]
    seed: int | None = None


def friendly_error(error: BaseException) -> str:
    """A sentence a child (or the grown-up next to them) can act on."""
    if isinstance(error, ModelError):
        return QCoreApplication.translate(
            "DrawAlong",
            "This drawing helper is not working right now. "
            "Please ask a grown-up to check the installed drawings.",
        )
    return QCoreApplication.translate(
        "DrawAlong", "Oops, the drawing helper got muddled. Please try again!"
    )


def centred_on_canvas(
    polylines: list[np.ndarray], canvas_size: tuple[float, float]
) -> list[np.ndarray]:
    """Move a drawing made from scratch so that it sits in the middle of the canvas."""
    non_empty = [line for line in polylines if len(line) > 0]
    if not non_empty:
        return polylines
    every_point = np.concatenate(non_empty, axis=0)
    middle = (every_point.min(axis=0) + every_point.max(axis=0)) / 2.0
    shift = np.array(canvas_size, dtype=np.float32) / 2.0 - middle
    return [(line + shift).astype(np.float32) for line in polylines]


class DrawAlong(QObject):
    """The active model and the draw-along requests for it."""

    models_changed = Signal()
    active_model_changed = Signal(str)  # model name ("" when none is installed)
    completion_ready = Signal(object)  # list of float32 [N, 2] canvas-px strokes
    variations_ready = Signal(object)  # list (one per pane) of lists of strokes
    hint_ready = Signal(object)  # one float32 [N, 2] stroke (may be empty)
    failed = Signal(str, str)  # channel, friendly message
    busy_changed = Signal(str, bool)  # channel, busy

    def __init__(
        self,
        registry: ModelRegistry | None = None,
        worker: InferenceWorker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.registry = registry if registry is not None else ModelRegistry()
        self.worker = worker if worker is not None else InferenceWorker(self)
        self.worker.result_ready.connect(self._on_worker_result_ready)
        self.worker.job_failed.connect(self._on_worker_job_failed)
        self.worker.busy_changed.connect(self.busy_changed)
        self._models: list[ModelInfo] = []
        self._active = ""
        self.refresh_models()

    # -- models --------------------------------------------------------------------------------

    def models(self) -> list[ModelInfo]:
        return list(self._models)

    def has_models(self) -> bool:
        return bool(self._models)

    def active_model(self) -> str:
        return self._active

    def refresh_models(self) -> None:
        """Rescan the model folders; keeps the active model if it is still there."""
        self.registry.refresh()
        self._models = [info for info in self.registry.list() if info.kind == "gen"]
        self.models_changed.emit()
        names = [info.name for info in self._models]
        if self._active not in names:
            self.set_active_model(names[0] if names else "")

    def set_active_model(self, name: str) -> None:
        """Draw along with model ``name`` from now on ("" for none)."""
        if name and name not in {info.name for info in self._models}:
            raise ModelError(f"no model named {name!r}")
        if name == self._active:
            return
        self.cancel_all()
        self._active = name
        self.active_model_changed.emit(name)

    # -- requests ------------------------------------------------------------------------------

    def request_completion(self, request: DrawRequest) -> JobState | None:
        return self._submit(COMPLETION, request, _run_completion)

    def request_variations(self, request: DrawRequest, count: int) -> JobState | None:
        varied = replace(request, temperature=max(request.temperature, MIN_VARIATION_TEMPERATURE))
        return self._submit(VARIATIONS, varied, partial(_run_variations, count=count))

    def request_hint(self, request: DrawRequest) -> JobState | None:
        return self._submit(HINT, request, _run_hint)

    def cancel(self, channel: str) -> None:
        self.worker.cancel(channel)

    def cancel_all(self) -> None:
        for channel in CHANNELS:
            self.worker.cancel(channel)

    def shutdown(self) -> None:
        self.worker.shutdown()

    def make_request(
        self,
        strokes_px: Sequence[np.ndarray],
        temperature: float,
        min_extent_px: float,
        canvas_size: tuple[float, float],
        seed: int | None = None,
    ) -> DrawRequest:
        copies = tuple(np.array(s, dtype=np.float32)[:, :2] for s in strokes_px if len(s) > 0)
        return DrawRequest(copies, self._active, temperature, min_extent_px, canvas_size, seed)

    def _submit(self, channel: str, request: DrawRequest, run: _JobBody) -> JobState | None:
        if not request.model_name:
            return None
        registry = self.registry

        def job(state: JobState) -> object:
            model = registry.get(request.model_name)
            return run(request, state, model)

        return self.worker.submit(channel, job)

    def _on_worker_result_ready(self, channel: str, result: object) -> None:
        if channel == COMPLETION:
            self.completion_ready.emit(result)
        elif channel == VARIATIONS:
            self.variations_ready.emit(result)
        elif channel == HINT:
            self.hint_ready.emit(result)

    def _on_worker_job_failed(self, channel: str, error: object) -> None:
        self.failed.emit(channel, friendly_error(error))  # type: ignore[arg-type]


def _run_completion(request: DrawRequest, state: JobState, model: LoadedModel) -> list[np.ndarray]:
    strokes = draw.complete(
        list(request.strokes_px),
        model,
        temperature=request.temperature,
        seed=request.seed,
        min_extent_px=request.min_extent_px,
        cancel=state.is_cancelled,
    )
    if not request.strokes_px:
        strokes = centred_on_canvas(strokes, request.canvas_size)
    return strokes


def _run_variations(
    request: DrawRequest, state: JobState, model: LoadedModel, count: int
) -> list[list[np.ndarray]]:
    endings = draw.variations(
        list(request.strokes_px),
        model,
        n=count,
        temperature=request.temperature,
        seed=request.seed,
        min_extent_px=request.min_extent_px,
        cancel=state.is_cancelled,
    )
    if not request.strokes_px:
        endings = [centred_on_canvas(ending, request.canvas_size) for ending in endings]
    return endings


def _run_hint(request: DrawRequest, state: JobState, model: LoadedModel) -> np.ndarray:
    return draw.next_stroke_hint(
        list(request.strokes_px),
        model,
        seed=request.seed,
        min_extent_px=request.min_extent_px,
        cancel=state.is_cancelled,
    )
