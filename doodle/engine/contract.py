"""The model folder contract: ``model.json`` plus ONNX graphs with agreed names and shapes.

``check_model_folder`` reads a folder (bundled or user model) and returns a ``ModelInfo`` or
raises ``ModelError`` naming the file and the problem. The contract itself is written down in
``models_onnx/CONTRACT.md``. Imports no Qt.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import onnx

from doodle.core.errors import ModelError

FORMAT_VERSION = 1
KINDS = ("gen", "vae")
OTHER_KINDS = ("melody", "recognizer")
"""Kinds of other model families that share the models folder; not sketch models."""
MODEL_JSON = "model.json"
DECODER_STEP = "decoder_step.onnx"
DECODER_PREFIX = "decoder_prefix.onnx"
ENCODER = "encoder.onnx"
INIT_STATE = "init_state.onnx"
START_TOKEN = (0.0, 0.0, 1.0, 0.0, 0.0)
MAX_HIDDEN_SIZE = 8192
MAX_SEQ_LEN_LIMIT = 10_000


@dataclass(frozen=True)
class ModelInfo:
    """What ``model.json`` says about a model folder, after checking."""

    name: str
    label: str
    kind: str
    hidden_size: int
    z_size: int
    num_mixture: int
    max_seq_len: int
    scale_factor: float
    pixel_factor: float
    path: Path
    bundled: bool
    provenance: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    has_prefix: bool = False

    @property
    def params_size(self) -> int:
        return 6 * self.num_mixture + 3


def _fail(path: Path, problem: str) -> ModelError:
    return ModelError(f"{path}: {problem}")


def _require(meta: dict[str, Any], key: str, kinds: tuple[type, ...], path: Path) -> Any:
    if key not in meta:
        raise _fail(path, f"missing key {key!r}")
    value = meta[key]
    if isinstance(value, bool) or not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise _fail(path, f"key {key!r} must be {names}, got {type(value).__name__}")
    return value


def _positive_int(meta: dict[str, Any], key: str, path: Path, upper: int) -> int:
    value = _require(meta, key, (int,), path)
    if not 0 < value <= upper:
        raise _fail(path, f"key {key!r} must be between 1 and {upper}, got {value}")
    return value


def _positive_float(meta: dict[str, Any], key: str, path: Path) -> float:
    value = float(_require(meta, key, (int, float), path))
    if not (math.isfinite(value) and value > 0):
        raise _fail(path, f"key {key!r} must be a positive finite number, got {value}")
    return value


def read_model_json(folder: Path, bundled: bool = False) -> ModelInfo:
    """Parse and check ``model.json`` of ``folder`` (no graphs are opened)."""
    path = folder / MODEL_JSON
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(folder, f"not a model folder ({MODEL_JSON} is missing)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise _fail(path, f"cannot read model description: {error}") from None
    if not isinstance(meta, dict):
        raise _fail(path, "model description must be a JSON object")
    version = _require(meta, "format", (int,), path)
    if version != FORMAT_VERSION:
        raise _fail(
            path, f"unsupported model format {version} (this Doodle reads {FORMAT_VERSION})"
        )
    name = _require(meta, "name", (str,), path)
    if not name or name != name.strip() or "/" in name or "\\" in name:
        raise _fail(path, f"invalid model name {name!r}")
    kind = _require(meta, "kind", (str,), path)
    if kind not in KINDS:
        raise _fail(path, f"key 'kind' must be one of {KINDS}, got {kind!r}")
    z_size = _positive_int(meta, "z_size", path, MAX_HIDDEN_SIZE) if kind == "vae" else 0
    provenance = meta.get("provenance", {})
    metrics = meta.get("metrics", {})
    if not isinstance(provenance, dict) or not isinstance(metrics, dict):
        raise _fail(path, "keys 'provenance' and 'metrics' must be JSON objects")
    return ModelInfo(
        name=name,
        label=_require(meta, "label", (str,), path),
        kind=kind,
        hidden_size=_positive_int(meta, "hidden_size", path, MAX_HIDDEN_SIZE),
        z_size=z_size,
        num_mixture=_positive_int(meta, "num_mixture", path, 1000),
        max_seq_len=_positive_int(meta, "max_seq_len", path, MAX_SEQ_LEN_LIMIT),
        scale_factor=_positive_float(meta, "scale_factor", path),
        pixel_factor=_positive_float(meta, "pixel_factor", path),
        path=folder,
        bundled=bundled,
        provenance=provenance,
        metrics=metrics,
        has_prefix=(folder / DECODER_PREFIX).is_file(),
    )


def is_other_model_family(folder: Path) -> bool:
    """True if ``model.json`` declares a non-sketch kind (melody, recogniser)."""
    try:
        meta = json.loads((folder / MODEL_JSON).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return isinstance(meta, dict) and meta.get("kind") in OTHER_KINDS


def _dims(value: onnx.ValueInfoProto) -> list[int | str | None]:
    tensor = value.type.tensor_type
    if not tensor.HasField("shape"):
        return []
    dims: list[int | str | None] = []
    for dim in tensor.shape.dim:
        if dim.HasField("dim_value"):
            dims.append(dim.dim_value)
        elif dim.HasField("dim_param"):
            dims.append(dim.dim_param)
        else:
            dims.append(None)
    return dims


def _text(name: str | bytes) -> str:
    """A graph value's name; protobuf hands back bytes when a damaged file's are not UTF-8."""
    return name.decode("utf-8", "replace") if isinstance(name, bytes) else name


def _check_values(
    path: Path,
    what: str,
    actual: list[onnx.ValueInfoProto],
    expected: dict[str, tuple[int, list[int | None]]],
    strict_names: bool,
) -> None:
    """``expected`` maps name -> (elem type, dims); None dims are dynamic (batch, time)."""
    by_name = {_text(value.name): value for value in actual}
    missing = [name for name in expected if name not in by_name]
    if missing:
        raise _fail(path, f"graph {what} {missing} missing (has {sorted(by_name)})")
    if strict_names and set(by_name) != set(expected):
        extra = sorted(set(by_name) - set(expected))
        raise _fail(path, f"graph has unexpected {what} {extra}")
    for name, (elem_type, want) in expected.items():
        value = by_name[name]
        got_type = value.type.tensor_type.elem_type
        if got_type != elem_type:
            type_name = onnx.TensorProto.DataType.Name
            raise _fail(
                path,
                f"{what[:-1]} {name!r} has type {type_name(got_type)}, "
                f"expected {type_name(elem_type)}",
            )
        got = _dims(value)
        if len(got) != len(want):
            raise _fail(path, f"{what[:-1]} {name!r} has rank {len(got)}, expected {len(want)}")
        for axis, (g, w) in enumerate(zip(got, want, strict=True)):
            if w is None:
                if isinstance(g, int) and g != 0:
                    raise _fail(
                        path, f"{what[:-1]} {name!r} axis {axis} must be dynamic, got fixed {g}"
                    )
            elif g != w:
                raise _fail(path, f"{what[:-1]} {name!r} axis {axis} is {g}, expected {w}")


def expected_graph_io(
    info: ModelInfo, graph_file: str
) -> tuple[dict[str, tuple[int, list[int | None]]], dict[str, tuple[int, list[int | None]]]]:
    """Inputs and outputs (name -> (elem type, dims)) the contract requires of one graph."""
    f32 = onnx.TensorProto.FLOAT
    hidden, z_size = info.hidden_size, info.z_size
    state = {"h": (f32, [None, hidden]), "c": (f32, [None, hidden])}
    state_out = {"h_out": (f32, [None, hidden]), "c_out": (f32, [None, hidden])}
    z_input = {"z": (f32, [None, z_size])} if info.kind == "vae" else {}
    if graph_file == DECODER_STEP:
        inputs = {"x": (f32, [None, 5]), **state, **z_input}
        return inputs, {"params": (f32, [None, info.params_size]), **state_out}
    if graph_file == DECODER_PREFIX:
        return {"x": (f32, [None, None, 5]), **state, **z_input}, state_out
    if graph_file == ENCODER:
        inputs = {"strokes": (f32, [None, None, 5]), "lengths": (onnx.TensorProto.INT64, [None])}
        return inputs, {"mu": (f32, [None, z_size]), "sigma_hat": (f32, [None, z_size])}
    if graph_file == INIT_STATE:
        return {"z": (f32, [None, z_size])}, dict(state)
    raise ValueError(f"unknown graph {graph_file}")


def required_graphs(info: ModelInfo) -> list[str]:
    graphs = [DECODER_STEP]
    if info.kind == "vae":
        graphs += [ENCODER, INIT_STATE]
    return graphs


def check_graph(info: ModelInfo, graph_file: str) -> None:
    """Check one ONNX graph file of the folder against the contract (names, types, shapes)."""
    path = info.path / graph_file
    try:
        model = onnx.load(str(path))
    except FileNotFoundError:
        raise _fail(path, "graph file is missing") from None
    except Exception as error:  # onnx raises DecodeError, ValueError, OSError, ...
        raise _fail(path, f"not a readable ONNX graph ({type(error).__name__}: {error})") from None
    initializer_names = {init.name for init in model.graph.initializer}
    graph_inputs = [v for v in model.graph.input if v.name not in initializer_names]
    want_in, want_out = expected_graph_io(info, graph_file)
    _check_values(path, "inputs", graph_inputs, want_in, strict_names=True)
    _check_values(path, "outputs", list(model.graph.output), want_out, strict_names=False)


def check_model_folder(path: str | Path, bundled: bool = False) -> ModelInfo:
    """Check ``model.json`` and every ONNX graph of a model folder; raise ``ModelError``."""
    folder = Path(path)
    if not folder.is_dir():
        raise _fail(folder, "model folder does not exist")
    info = read_model_json(folder, bundled=bundled)
    if info.name != folder.name:
        raise _fail(
            folder / MODEL_JSON,
            f"model name {info.name!r} differs from folder name {folder.name!r}",
        )
    for graph_file in required_graphs(info):
        check_graph(info, graph_file)
    if info.has_prefix:
        check_graph(info, DECODER_PREFIX)
    return info
