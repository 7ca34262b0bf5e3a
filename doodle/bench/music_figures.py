"""Music figures: scheduler jitter, melody sampling and synth rendering speed.

The measurements themselves live with the music code (``doodle.music.bench``); this module
turns them into report figures. Imports no Qt.
"""

from __future__ import annotations

from doodle.bench.stats import Figure, FigureUnavailable
from doodle.core.errors import DoodleError

JITTER_SECONDS = 3.0


def music_figures(repeats: int) -> list[Figure]:
    from doodle.music import bench as music_bench

    jitter = music_bench.measure_scheduler_jitter(seconds=JITTER_SECONDS)
    figures = [
        Figure(
            name="music_jitter",
            median_ms=jitter["median_ms"],
            p90_ms=jitter["p90_ms"],
            target_ms=jitter["target_ms"],
            extra={
                "max_ms": jitter["max_ms"],
                "messages": jitter["messages"],
                "realtime_priority": jitter["realtime_priority"],
            },
        )
    ]
    try:
        sampling = music_bench.measure_melody_sampling(notes=max(50, 30 * repeats))
    except (DoodleError, OSError) as error:
        figures.append(Figure(name="melody_note", note=f"not measured: {error}"))
    else:
        figures.append(
            Figure(
                name="melody_note",
                median_ms=sampling["ms_per_note"],
                extra={"notes": sampling["notes"], "unit": "per sampled note"},
            )
        )
    synth = music_bench.measure_synth_render(seconds=2.0)
    if not synth["realtime_factor"]:
        raise FigureUnavailable("the synth rendered nothing")
    figures.append(
        Figure(
            name="synth_render",
            extra={
                "realtime_factor": synth["realtime_factor"],
                "voices": synth["voices"],
                "block": synth["block"],
            },
        )
    )
    return figures
