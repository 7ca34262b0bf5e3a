"""An hour of classroom use, compressed: memory stays flat, nothing fails, the save is valid.

The real app window (classroom autosave, picker, music controls) with a small real model
(random weights, hidden size 64, so that 500 completions fit in minutes on two cores; the
network size changes the time per step, not what the window does with the results).
Compression: 5,000 strokes of 8 pen samples each are delivered as real ``QTabletEvent``s
without the pauses a child makes; every 10th stroke asks for a completion (500 in all,
every other one kept), every 25th refills the idea panes (200 refills), every 50th starts a
new page through the "new page?" dialog. Music is on: with the melody model installed the
player runs on the built-in synth; offscreen there is no sound device, so the test pulls the
synth's samples through the audio sink's own stream, as the device would. Without the
melody model it drives the synth with one note per stroke and says so.

Resident memory is sampled after a warm-up (the first tenth of the session) and at the end;
it may grow by at most 30 MB.
"""

from __future__ import annotations

import gc
import time

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from doodle import paths
from doodle.bench.memory import resident_mb
from doodle.bench.tablet import draw_stroke
from doodle.config import load_settings
from doodle.core.errors import ModelError
from doodle.core.fileformat import load_drawing
from doodle.music import midi_out
from doodle.music.midi_out import MidiSettings
from doodle.music.model import MelodyModel
from doodle.ui.app import build_window
from doodle.ui.audio_sink import _SynthStream
from doodle.ui.classroom import ClassroomTools
from doodle.ui.music_controls import MusicControls
from tests.bench.model_factory import write_tiny_model

STROKES = 5000
POINTS_PER_STROKE = 8
COMPLETION_EVERY = 10
VARIATIONS_EVERY = 25
NEW_PAGE_EVERY = 50
WARM_UP_STROKES = STROKES // 10
MAX_GROWTH_MB = 30.0
WAIT_MS = 30_000
AUDIO_BYTES_PER_STROKE = 2 * 1024


def _melody_model_installed() -> bool:
    try:
        MelodyModel()
    except ModelError:
        return False
    return True


def _new_page(qtbot, window) -> None:
    window.ask_to_clear()
    dialog = window.clear_dialog()
    (yes,) = [
        b for b in dialog.buttons() if dialog.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    ]
    yes.click()
    qtbot.waitUntil(lambda: window.document.is_empty(), timeout=5000)


def _stroke(rng: np.random.Generator) -> np.ndarray:
    start = rng.uniform(120, 600, 2)
    return start + np.cumsum(rng.normal(0, 9, (POINTS_PER_STROKE, 2)), axis=0)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_an_hour_of_drawing_compressed(qtbot, record_property):
    midi_out.save_settings(MidiSettings("synth"))
    write_tiny_model(paths.user_models_dir(), "soak", hidden=64, mixtures=5)
    window = build_window(load_settings())
    qtbot.addWidget(window, before_close_func=lambda w: w.shutdown())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.set_active_model("soak")
    tools = window.findChild(ClassroomTools)
    controls = window.findChild(MusicControls)

    failures: list[str] = []
    window.draw_along.failed.connect(
        lambda channel, message: failures.append(f"{channel}: {message}")
    )
    tools.save_problem_reported.connect(lambda message: failures.append(f"save: {message}"))
    delivered = {"completion": 0, "variations": 0}
    window.draw_along.completion_ready.connect(
        lambda _r: delivered.__setitem__("completion", delivered["completion"] + 1)
    )
    window.draw_along.variations_ready.connect(
        lambda _r: delivered.__setitem__("variations", delivered["variations"] + 1)
    )

    with_player = _melody_model_installed()
    if with_player:
        controls.set_music_on(True)
        assert controls.player.playing
        music_path = "melody model on the built-in synth, samples pulled through the sink stream"
    else:
        music_path = (
            "no melody model installed: one synth note per stroke, rendered through the sink stream"
        )
    sound = _SynthStream(controls.player.synth, 1)
    sound.open(_SynthStream.OpenModeFlag.ReadOnly)
    qtbot.wait(500)  # the sink reports a missing device asynchronously
    device = (
        "none (" + controls.sink.error_message + ")"
        if controls.sink.error_message
        else ("playing" if controls.sink.active else "not started")
    )
    record_property("music", music_path)
    record_property("sound_device", device)
    print(f"soak music: {music_path}; sound device: {device}")

    rng = np.random.default_rng(7)
    viewport = window.canvas.viewport()
    rss_after_warm_up = None
    audio_bytes = 0
    completions = variations = 0
    started = time.perf_counter()
    for index in range(1, STROKES + 1):
        if not with_player:
            controls.player.synth.note_on(60 + index % 12, 90)
        draw_stroke(viewport, _stroke(rng))
        if not with_player:
            controls.player.synth.note_off(60 + index % 12)
        audio_bytes += len(sound.readData(AUDIO_BYTES_PER_STROKE))
        QApplication.processEvents()
        if index % COMPLETION_EVERY == 0:
            expected = delivered["completion"] + 1
            window.request_completion()
            qtbot.waitUntil(
                lambda n=expected: delivered["completion"] >= n or bool(failures), timeout=WAIT_MS
            )
            completions += 1
            if completions % 2 == 0:
                window.keep_completion()
            else:
                window.preview.discard()
        if index % VARIATIONS_EVERY == 0:
            expected = delivered["variations"] + 1
            window.request_variations()
            qtbot.waitUntil(
                lambda n=expected: delivered["variations"] >= n or bool(failures), timeout=WAIT_MS
            )
            variations += 1
        assert not failures, failures
        if index % NEW_PAGE_EVERY == 0 and index < STROKES:
            _new_page(qtbot, window)
        if index == WARM_UP_STROKES:
            gc.collect()
            QApplication.processEvents()
            rss_after_warm_up = resident_mb()
    elapsed = time.perf_counter() - started

    gc.collect()
    QApplication.processEvents()
    rss_at_end = resident_mb()
    growth = rss_at_end - rss_after_warm_up
    record_property("rss_growth_mb", round(growth, 1))
    record_property("seconds", round(elapsed, 1))
    print(
        f"soak: {STROKES} strokes, {completions} completions, {variations} refills in "
        f"{elapsed:.0f} s; RSS {rss_after_warm_up:.1f} -> {rss_at_end:.1f} MB"
    )
    assert (completions, variations) == (STROKES // COMPLETION_EVERY, STROKES // VARIATIONS_EVERY)
    assert audio_bytes > 0
    if with_player:
        assert controls.player.playing
    assert growth <= MAX_GROWTH_MB, f"resident memory grew by {growth:.1f} MB"

    # The last page is on disk, complete and readable.
    outcome = tools.save_now()
    assert outcome.saved and not outcome.used_fallback
    saved = load_drawing(outcome.path)
    assert [s.points.tolist() for s in saved.strokes] == [
        s.points.tolist() for s in window.document.strokes
    ]
    assert len(saved.strokes) >= NEW_PAGE_EVERY
    controls.set_music_on(False)
