"""Inference jobs do not keep their inputs alive after they finish (a long session would grow).

PySide6 (6.11 and 6.12) does not always free the Python side of a finished ``QRunnable`` when
it emits while the UI thread handles events; the worker must not let that keep each job's
closure, with its copy of the drawing, in memory. Found by the soak test.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtWidgets import QApplication

from doodle.ui.workers import InferenceWorker


class DrawingSnapshot:
    """Stands for the stroke copies a draw-along request carries."""


def _job_holding(snapshot: DrawingSnapshot):
    def job(_state) -> int:
        return 1 if snapshot else 0

    return job


def test_finished_and_cancelled_jobs_release_their_inputs(qapp):
    worker = InferenceWorker()
    results = []
    worker.result_ready.connect(lambda _channel, result: results.append(result))
    for index in range(300):
        channel = "hint" if index % 3 else "variations"
        worker.submit(channel, _job_holding(DrawingSnapshot()))
        until = time.perf_counter() + 0.003
        while time.perf_counter() < until:
            QApplication.processEvents()
    assert worker.shutdown()
    QApplication.processEvents()
    gc.collect()
    assert results, "no job delivered a result"
    alive = sum(isinstance(o, DrawingSnapshot) for o in gc.get_objects())
    assert alive == 0, f"{alive} finished jobs still hold their inputs"
