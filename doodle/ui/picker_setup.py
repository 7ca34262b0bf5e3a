"""Put the object picker and the "Is it a …?" guesses into the main window's picker area.

The picture button that opens the picker grid takes the place of the window's plain model
list (hidden, not removed: the window still keeps it in step); the guesses sit at the right
end of the area. The classroom setting ``objects`` limits both to the offered objects, and
"More objects…" asks for the teacher PIN when one is set.
"""

from __future__ import annotations

from dataclasses import dataclass

from doodle.config import Settings, load_settings
from doodle.ui.guesses import RecognitionController
from doodle.ui.picker import PickerController
from doodle.ui.picker_download import make_downloader
from doodle.ui.workers import InferenceWorker


@dataclass(frozen=True)
class PickerParts:
    picker: PickerController
    recognition: RecognitionController


def attach_object_picker(window, settings: Settings | None = None) -> PickerParts:
    """Create the picker and the guesses for ``window`` and add them to its picker area."""
    current = settings if settings is not None else load_settings().settings
    draw_along = window.draw_along
    downloader = make_downloader(draw_along.registry, lambda: current)
    # A worker of their own: a failed picture or guess never shows as a drawing problem.
    worker = InferenceWorker(window)
    window.destroyed.connect(lambda *_: worker.shutdown())
    picker = PickerController(window, worker, offers=current.offers, download=downloader)
    recognition = RecognitionController(window, picker, worker, offers=current.offers)
    window.model_chooser.hide()
    window.add_to_picker_area(recognition.guess_bar)
    # Beside the "Let's draw:" caption, where the hidden model list was.
    layout = window.picker_area.layout()
    layout.insertWidget(layout.indexOf(window.model_chooser) + 1, picker.current_button)
    return PickerParts(picker, recognition)
