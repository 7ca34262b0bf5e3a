"""Model load time and resident memory after loading every installed model. Imports no Qt."""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from pathlib import Path

from doodle.bench.stats import Figure
from doodle.engine import contract
from doodle.engine.model import LoadedModel


def resident_mb() -> float:
    """Resident set size of this process (VmRSS), in MB."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    import resource  # not on Windows; there /proc is missing too and this is the fallback

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def open_everything(info: contract.ModelInfo) -> LoadedModel:
    """Check the folder and open every graph session, as the app does before first use."""
    checked = contract.check_model_folder(info.path, bundled=info.bundled)
    loaded = LoadedModel(checked)
    for graph in contract.required_graphs(checked):
        loaded.session(graph)
    if checked.has_prefix:
        loaded.session(contract.DECODER_PREFIX)
    return loaded


def model_load_figures(
    models: Sequence[contract.ModelInfo], repeats: int
) -> tuple[list[Figure], list[LoadedModel]]:
    """Per model size: time to check and open one model; plus the time to open all of them."""
    figures = []
    by_size: dict[tuple[str, int], contract.ModelInfo] = {}
    for info in models:
        by_size.setdefault((info.kind, info.hidden_size), info)
    for info in by_size.values():
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            open_everything(info)
            samples.append((time.perf_counter() - start) * 1000.0)
        figure = Figure(name="model_load", model=info.name, extra={"hidden_size": info.hidden_size})
        figures.append(figure.set_samples(samples))
    gc.collect()
    start = time.perf_counter()
    loaded = [open_everything(info) for info in models]
    total = Figure(name="model_load_all", extra={"models": len(models)})
    figures.append(total.set_samples([(time.perf_counter() - start) * 1000.0]))
    return figures, loaded


def load_other_models() -> tuple[list[object], list[str]]:
    """The recogniser's classifier and the melody model, when installed (kept by the caller)."""
    from doodle.core.errors import ModelError
    from doodle.engine.recognize import load_classifier
    from doodle.music.model import MelodyModel

    kept: list[object] = []
    names: list[str] = []
    classifier = load_classifier()
    if classifier is not None:
        kept.append(classifier)
        names.append("recognizer")
    try:
        kept.append(MelodyModel())
        names.append("melody")
    except ModelError:
        pass
    return kept, names


def rss_figure(loaded: Sequence[LoadedModel], others: Sequence[str], baseline_mb: float) -> Figure:
    """Resident memory with every model loaded (the caller keeps the sessions alive)."""
    gc.collect()
    return Figure(
        name="rss",
        value_mb=round(resident_mb(), 1),
        extra={
            "sketch_models": len(loaded),
            "other_models": list(others),
            "before_models_mb": round(baseline_mb, 1),
            "process": "the bench itself: Python, numpy, onnxruntime and every model; no window",
        },
    )
