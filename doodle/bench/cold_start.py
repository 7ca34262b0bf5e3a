"""Cold start: launch the app in a fresh process and time it until its window first painted.

The app prints a line after its first paint when ``DOODLE_REPORT_FIRST_PAINT=1``. The child
gets a private user folder (``doodle.bench.sandbox``: no autosave or open-drawing marker is
left behind) that links to the models being measured; without a display it runs on Qt's
offscreen platform.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Sequence

from doodle.bench.sandbox import private_user_folders
from doodle.bench.stats import Figure, FigureUnavailable
from doodle.engine.contract import ModelInfo
from doodle.ui.app import FIRST_PAINT_ENV, FIRST_PAINT_LINE

LAUNCH_TIMEOUT_S = 60.0
MAX_LAUNCHES = 5


class ColdStartFailed(FigureUnavailable):
    """The app did not report a first paint in time."""


def _child_environment(user_folders: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(user_folders)
    env[FIRST_PAINT_ENV] = "1"
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def launch_until_first_paint(env: dict[str, str]) -> float:
    """Seconds from starting ``python -m doodle`` to its first-paint line."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "doodle"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(child.stdout, selectors.EVENT_READ)
            while time.perf_counter() - start < LAUNCH_TIMEOUT_S:
                if not selector.select(timeout=0.5):
                    if child.poll() is not None:
                        break
                    continue
                line = child.stdout.readline()
                if not line:
                    break
                if line.startswith(FIRST_PAINT_LINE):
                    return time.perf_counter() - start
        raise ColdStartFailed(f"the app did not report its first paint (exit code {child.poll()})")
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def cold_start_figure(models: Sequence[ModelInfo], repeats: int) -> Figure:
    launches = max(1, min(repeats, MAX_LAUNCHES))
    with private_user_folders(models) as user_folders:
        env = _child_environment(user_folders)
        samples = [launch_until_first_paint(env) * 1000.0 for _ in range(launches)]
    return Figure(
        name="cold_start",
        extra={"platform": env.get("QT_QPA_PLATFORM", "default"), "models": len(models)},
    ).set_samples(samples)
