"""Runs the benchmark groups of ``doodle bench`` and assembles the JSON report.

Each group measures one or more named figures; ``--only`` picks groups by figure name. A
figure that cannot be measured on this machine (no display for the UI, no recognition
models, ...) is reported with a ``note`` saying why, never silently left out.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doodle.bench.blas_threads import limit_blas_threads
from doodle.bench.machine import machine_info
from doodle.bench.memory import resident_mb
from doodle.bench.stats import Figure, FigureUnavailable
from doodle.core.errors import DoodleError
from doodle.engine.contract import ModelInfo


@dataclass
class BenchContext:
    models: list[ModelInfo]
    repeats: int
    baseline_rss_mb: float
    keep_alive: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Group:
    names: tuple[str, ...]
    run: Callable[[BenchContext], list[Figure]]


def _decoder_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.decoder import decoder_step_figure
    from doodle.bench.models import size_classes

    return [
        decoder_step_figure(info, batch, context.repeats)
        for info in size_classes(context.models)
        for batch in (1, 9)
    ]


def _memory_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.memory import load_other_models, model_load_figures, rss_figure

    figures, loaded = model_load_figures(context.models, context.repeats)
    others, other_names = load_other_models()
    context.keep_alive.extend([*loaded, *others])
    return [*figures, rss_figure(loaded, other_names, context.baseline_rss_mb)]


def _sampling_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.sampling import sampling_figures

    return sampling_figures(context.models, context.repeats)


def _recognition_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.recognition import recognition_figures

    return recognition_figures(context.models, context.repeats)


def _ideas_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.ideas_figures import ideas_figures

    return ideas_figures(context.models, context.repeats)


def _ui_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.ui_figures import ui_figures

    return ui_figures(context.models, context.repeats)


def _cold_start_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.cold_start import cold_start_figure

    return [cold_start_figure(context.models, context.repeats)]


def _autosave_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.autosave_figures import autosave_figures

    return autosave_figures(context.repeats)


def _music_group(context: BenchContext) -> list[Figure]:
    from doodle.bench.music_figures import music_figures

    return music_figures(context.repeats)


# Memory first: the resident size then counts the models, not what later figures leave behind.
GROUPS: tuple[Group, ...] = (
    Group(("model_load", "model_load_all", "rss"), _memory_group),
    Group(("decoder_step",), _decoder_group),
    Group(("completion_250", "variations_9", "completion", "hint"), _sampling_group),
    Group(("recognition",), _recognition_group),
    Group(("reimagine_4", "morph_10"), _ideas_group),
    Group(("ui_stall", "input_to_ink"), _ui_group),
    Group(("cold_start",), _cold_start_group),
    Group(("music_jitter", "melody_note", "synth_render"), _music_group),
    Group(("autosave_ui", "autosave_write"), _autosave_group),
)
FIGURE_NAMES: tuple[str, ...] = tuple(name for group in GROUPS for name in group.names)


def check_only(only: Sequence[str] | None) -> None:
    unknown = sorted(set(only or ()) - set(FIGURE_NAMES))
    if unknown:
        raise DoodleError(
            f"unknown figure {', '.join(unknown)} (choose from {', '.join(FIGURE_NAMES)})"
        )


def run_benchmarks(
    models: list[ModelInfo],
    repeats: int,
    only: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Measure the selected figures on ``models``; return the JSON-ready report."""
    check_only(only)
    blas_single_thread = limit_blas_threads(1)
    context = BenchContext(models=models, repeats=repeats, baseline_rss_mb=resident_mb())
    figures: list[Figure] = []
    for group in GROUPS:
        if only and not set(only) & set(group.names):
            continue
        if progress:
            progress(f"measuring {', '.join(group.names)} ...")
        try:
            measured = group.run(context)
        except (FigureUnavailable, DoodleError) as error:
            measured = [Figure(name=name, note=f"not measured: {error}") for name in group.names]
        figures.extend(measured)
        gc.collect()
    return {
        "machine": {**machine_info(), "numpy_blas_single_thread": blas_single_thread},
        "models": [
            {"name": m.name, "kind": m.kind, "hidden_size": m.hidden_size, "bundled": m.bundled}
            for m in models
        ],
        "repeats": repeats,
        "figures": [figure.to_json() for figure in figures],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if value < 10 else f"{value:.1f}"
    return str(value)


def format_table(report: dict[str, Any]) -> str:
    """The report as a markdown table (the figures) under a line naming the machine."""
    machine = report["machine"]
    lines = [
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['os']}, "
        f"Python {machine['python']}, onnxruntime {machine['onnxruntime']}, "
        f"numpy {machine['numpy']}",
        "",
        "| figure | model | batch | median ms | p90 ms | numpy ms | numpy/ort | target ms | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for fig in report["figures"]:
        median = fig.get("median_ms")
        if median is None and "value_mb" in fig:
            median_cell = f"{fig['value_mb']} MB"
        elif median is None and "realtime_factor" in fig:
            median_cell = f"{fig['realtime_factor']}x real time"
        else:
            median_cell = _cell(median)
        cells = [
            fig["name"],
            _cell(fig.get("model")),
            _cell(fig.get("batch")),
            median_cell,
            _cell(fig.get("p90_ms")),
            _cell(fig.get("numpy_median_ms")),
            _cell(fig.get("ratio")),
            _cell(fig.get("target_ms")),
            fig.get("note", ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
