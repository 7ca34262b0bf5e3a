"""Decoders between two classes of one class-conditional VAE, for morphs across objects.

The bundled VAE folders are one class-conditional Sketch-RNN exported once per class
(``doodle.train.export``): the encoder is shared, and the class one-hot ``e_k`` is folded into
two biases, the decoder LSTM's ``bias`` (``b + W_class e_k``, gate-reordered, forget bias
added) and ``init_state``'s ``init_b`` (``b + W_class e_k``). Both are affine in the one-hot,
so for weights that sum to one the decoder of the blended class ``(1 - t) e_A + t e_B`` is
exactly the same graph with those initialisers blended ``(1 - t) bias_A + t bias_B``; every
other initialiser is shared. (In fp16 folders the blend is of the stored half-precision
biases, kept in float32.) Only VAE folders blend: a decoder-only folder cut from the VAE folds
``tanh(init_state)`` into state offsets, which is not linear in the one-hot.

``can_blend`` checks that two folders really are such a pair (same graphs, same settings, same
shared initialisers; only the class initialisers differ), from a key per folder computed from
its graphs and cached while its files are unchanged (a few milliseconds), so nothing needs
recording at export. The blended graphs are built in memory and run on the CPU with one
thread. Imports no Qt.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper

from doodle.core.errors import ModelError
from doodle.engine import contract
from doodle.engine.contract import ModelInfo
from doodle.engine.model import PROVIDERS, LoadedModel, session_options

__all__ = [
    "CLASS_INITIALISERS",
    "ClassBlend",
    "blended_graph",
    "can_blend",
    "class_blend",
    "shared_key",
]

CLASS_INITIALISERS: dict[str, tuple[str, ...]] = {
    contract.DECODER_STEP: ("bias",),
    contract.INIT_STATE: ("init_b",),
}
"""The tensors each graph's class one-hot is folded into (names of ``doodle.engine.graphs``)."""
SHARED_GRAPHS = (contract.ENCODER, contract.INIT_STATE, contract.DECODER_STEP)
SHARED_SETTINGS = ("hidden_size", "z_size", "num_mixture", "pixel_factor")


def _load(path: Path) -> onnx.ModelProto:
    try:
        return onnx.load(str(path))
    except Exception as error:  # onnx raises DecodeError, OSError, ... for a bad file
        raise ModelError(f"{path}: cannot read ONNX graph ({error})") from None


def _constant_sources(graph: onnx.GraphProto) -> dict[str, str]:
    """Tensor name -> the initialiser it comes from, directly or through a Cast (fp16 files)."""
    initialisers = {init.name for init in graph.initializer}
    sources = {name: name for name in initialisers}
    for node in graph.node:
        if node.op_type == "Cast" and len(node.input) == 1 and node.input[0] in initialisers:
            sources[node.output[0]] = node.input[0]
    return sources


def _class_sources(graph: onnx.GraphProto, graph_file: str, path: Path) -> dict[str, str]:
    sources = _constant_sources(graph)
    wanted = CLASS_INITIALISERS.get(graph_file, ())
    missing = [name for name in wanted if name not in sources]
    if missing:
        raise ModelError(f"{path}: no constant {missing[0]!r} to hold the class")
    return {name: sources[name] for name in wanted}


def _graph_digest(path: Path, graph_file: str) -> str:
    """A hash of everything in the graph except the values of its class initialisers."""
    model = _load(path)
    graph = model.graph
    class_inits = set(_class_sources(graph, graph_file, path).values())
    digest = hashlib.sha256()
    for part in (*graph.node, *graph.input, *graph.output):
        digest.update(part.SerializeToString(deterministic=True))
    for init in sorted(graph.initializer, key=lambda item: item.name):
        digest.update(init.name.encode())
        array = numpy_helper.to_array(init)
        digest.update(f"{array.dtype.str}{array.shape}".encode())
        if init.name not in class_inits:
            digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=64)
def _cached_key(folder: Path, _signature: tuple) -> str:
    digest = hashlib.sha256()
    for graph_file in SHARED_GRAPHS:
        digest.update(_graph_digest(folder / graph_file, graph_file).encode())
    return digest.hexdigest()


def shared_key(info: ModelInfo) -> str | None:
    """A key that two class folders of one class-conditional VAE share; None if not a VAE.

    It covers the graphs and every weight except the class initialisers, and the settings the
    classes must agree on. Cached per folder while its files are unchanged.
    """
    if info.kind != "vae":
        return None
    signature = []
    for graph_file in SHARED_GRAPHS:
        path = info.path / graph_file
        try:
            stat = path.stat()
        except OSError:
            raise ModelError(f"{path}: graph file is missing") from None
        signature.append((graph_file, stat.st_size, stat.st_mtime_ns))
    settings = tuple(getattr(info, name) for name in SHARED_SETTINGS)
    return f"{_cached_key(info.path.resolve(), tuple(signature))}|{settings}"


def _initialiser_arrays(model: onnx.ModelProto, sources: dict[str, str]) -> dict[str, np.ndarray]:
    by_name = {init.name: init for init in model.graph.initializer}
    return {
        name: numpy_helper.to_array(by_name[source]).astype(np.float64)
        for name, source in sources.items()
    }


def _with_constants(
    model: onnx.ModelProto, sources: dict[str, str], values: dict[str, np.ndarray]
) -> onnx.ModelProto:
    """A copy of ``model`` whose tensors ``values`` are float32 initialisers with those values.

    A tensor stored as float16 behind a Cast loses the Cast and its half-precision initialiser:
    the blend of two half-precision biases is kept in full precision.
    """
    result = onnx.ModelProto()
    result.CopyFrom(model)
    graph = result.graph
    replaced = set(values)
    stale = {sources[name] for name in replaced}
    kept_nodes = [
        node for node in graph.node if not (node.op_type == "Cast" and node.output[0] in replaced)
    ]
    kept_inits = [init for init in graph.initializer if init.name not in stale]
    del graph.node[:]
    graph.node.extend(kept_nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept_inits)
    graph.initializer.extend(
        numpy_helper.from_array(np.asarray(value, dtype=np.float32), name)
        for name, value in values.items()
    )
    return result


@dataclass
class _ClassGraph:
    """One graph file of both classes: the start class's proto and both classes' constants."""

    proto: onnx.ModelProto
    sources: dict[str, str]
    start: dict[str, np.ndarray]
    end: dict[str, np.ndarray]

    def at(self, t: float) -> onnx.ModelProto:
        values = {name: (1.0 - t) * self.start[name] + t * self.end[name] for name in self.start}
        return _with_constants(self.proto, self.sources, values)


def _class_graph(start: ModelInfo, end: ModelInfo, graph_file: str) -> _ClassGraph:
    start_path, end_path = start.path / graph_file, end.path / graph_file
    start_proto, end_proto = _load(start_path), _load(end_path)
    start_sources = _class_sources(start_proto.graph, graph_file, start_path)
    end_sources = _class_sources(end_proto.graph, graph_file, end_path)
    return _ClassGraph(
        start_proto,
        start_sources,
        _initialiser_arrays(start_proto, start_sources),
        _initialiser_arrays(end_proto, end_sources),
    )


def blended_graph(start: ModelInfo, end: ModelInfo, graph_file: str, t: float) -> bytes:
    """The serialised ``graph_file`` of the class ``(1 - t) start + t end`` (no checks)."""
    return _class_graph(start, end, graph_file).at(t).SerializeToString()


class BlendedModel(LoadedModel):
    """A VAE whose decoder graphs live in memory (no files); the encoder is not available."""

    def __init__(self, info: ModelInfo, graphs: dict[str, bytes]) -> None:
        super().__init__(info)
        self._graph_bytes = graphs

    def session(self, graph_file: str) -> ort.InferenceSession:
        with self._lock:
            found = self._sessions.get(graph_file)
            if found is None:
                data = self._graph_bytes.get(graph_file)
                if data is None:
                    raise ModelError(f"{self.info.name}: a class blend has no {graph_file}")
                try:
                    found = ort.InferenceSession(data, session_options(), providers=PROVIDERS)
                except Exception as error:  # onnxruntime raises its own Fail/InvalidGraph types
                    raise ModelError(
                        f"{self.info.name}: cannot load {graph_file} ({error})"
                    ) from None
                self._sessions[graph_file] = found
            return found


class ClassBlend:
    """Two class folders of one class-conditional VAE; ``model_at(t)`` decodes between them."""

    def __init__(self, start: ModelInfo, end: ModelInfo) -> None:
        self.start = start
        self.end = end
        self._graphs = {name: _class_graph(start, end, name) for name in CLASS_INITIALISERS}

    def info_at(self, t: float) -> ModelInfo:
        """The blended class's settings: scale between the two, room for the longer drawings."""
        start, end = self.start, self.end
        return replace(
            start,
            name=f"{start.name}+{end.name}@{t:.3f}",
            label=f"{start.label} / {end.label}",
            scale_factor=(1.0 - t) * start.scale_factor + t * end.scale_factor,
            max_seq_len=max(start.max_seq_len, end.max_seq_len),
            has_prefix=False,
        )

    def model_at(self, t: float) -> BlendedModel:
        """Decoder and start state of the class ``(1 - t) start + t end`` (0 <= t <= 1)."""
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"t must be between 0 and 1, got {t}")
        graphs = {name: graph.at(t).SerializeToString() for name, graph in self._graphs.items()}
        return BlendedModel(self.info_at(t), graphs)


def can_blend(start: ModelInfo, end: ModelInfo) -> bool:
    """Whether two different VAE folders are classes of one class-conditional model.

    False too when both are the same folder (nothing to blend) or either folder cannot be read
    as a VAE.
    """
    if start.path.resolve() == end.path.resolve():
        return False
    try:
        start_key, end_key = shared_key(start), shared_key(end)
    except ModelError:
        return False
    return start_key is not None and start_key == end_key


def class_blend(start: ModelInfo, end: ModelInfo) -> ClassBlend | None:
    """A blend between two VAE folders of one class-conditional model, or None (``can_blend``)."""
    return ClassBlend(start, end) if can_blend(start, end) else None
