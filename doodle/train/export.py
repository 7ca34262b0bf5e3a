"""Export a trained Sketch-RNN to model folders, and read exported folders back into torch.

Weights go through the engine's TensorFlow-layout graph builder (``doodle.engine.graphs``):
torch's gate order i, f, g, o becomes TF's i, j, f, o, and TF's run-time forget bias (+1.0) is
subtracted from the stored bias, because the builder adds it back. A class-conditional model
writes one folder per class with that class's one-hot columns folded into the biases. Reading
folders back inverts all of this (a class's columns are recovered as its bias minus the mean
bias over the classes), so training continues from an export on any machine. Optional fp16
storage halves the files; onnxruntime folds the Cast nodes into float32 weights at load time.
Imports torch, onnx and numpy, no Qt.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper

from doodle.core.errors import ModelError
from doodle.engine import contract, graphs
from doodle.train.data import ClassUnits
from doodle.train.model import ModelConfig, SketchRNN

FP16_SUFFIX = "__fp16"
# Small tensors (split sizes, shapes, biases) stay float32; only matrices are worth halving.
FP16_MIN_ELEMENTS = 1024


def _np(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().double().numpy()


def _torch_to_tf_gates(matrix: np.ndarray) -> np.ndarray:
    """Rows i, f, g, o (torch) -> columns i, j, f, o (TF): [4H, I] -> [I, 4H]."""
    i, f, g, o = np.split(matrix, 4, axis=0)
    return np.concatenate([i, g, f, o], axis=0).T


def _torch_bias_to_tf(bias: np.ndarray) -> np.ndarray:
    i, f, g, o = np.split(bias, 4)
    return np.concatenate([i, g, f - graphs.FORGET_BIAS, o])


def _lstm_weights(w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray) -> graphs.LstmWeights:
    return graphs.LstmWeights(
        w_xh=np.float32(_torch_to_tf_gates(w_ih)),
        w_hh=np.float32(_torch_to_tf_gates(w_hh)),
        bias=np.float32(_torch_bias_to_tf(bias)),
    )


def class_weights(
    model: SketchRNN, class_id: int
) -> tuple[graphs.DecoderWeights, graphs.EncoderWeights | None]:
    """The contract weights of one class (its one-hot columns folded into the biases)."""
    config = model.config
    dec = model.decoder
    inputs = 5 + config.z_size
    w_ih = _np(dec.weight_ih_l0)
    bias = _np(dec.bias_ih_l0) + _np(dec.bias_hh_l0) + w_ih[:, inputs + class_id]
    decoder = graphs.DecoderWeights(
        lstm=_lstm_weights(w_ih[:, :inputs], _np(dec.weight_hh_l0), bias),
        out_w=np.float32(_np(model.output.weight).T),
        out_b=np.float32(_np(model.output.bias)),
        z_size=config.z_size,
    )
    if not config.z_size:
        return decoder, None
    forward, backward = model.encoder_forward, model.encoder_backward
    init_w = _np(model.init_state.weight)
    encoder = graphs.EncoderWeights(
        forward=_lstm_weights(
            _np(forward.weight_ih_l0),
            _np(forward.weight_hh_l0),
            _np(forward.bias_ih_l0) + _np(forward.bias_hh_l0),
        ),
        backward=_lstm_weights(
            _np(backward.weight_ih_l0),
            _np(backward.weight_hh_l0),
            _np(backward.bias_ih_l0) + _np(backward.bias_hh_l0),
        ),
        mu_w=np.float32(_np(model.to_mu.weight).T),
        mu_b=np.float32(_np(model.to_mu.bias)),
        sigma_w=np.float32(_np(model.to_sigma_hat.weight).T),
        sigma_b=np.float32(_np(model.to_sigma_hat.bias)),
        init_w=np.float32(init_w[:, : config.z_size].T),
        init_b=np.float32(_np(model.init_state.bias) + init_w[:, config.z_size + class_id]),
    )
    return decoder, encoder


def to_fp16(model: onnx.ModelProto) -> onnx.ModelProto:
    """Store large float32 initializers as float16, each restored by a Cast node."""
    graph = model.graph
    casts = []
    kept = []
    for init in graph.initializer:
        array = numpy_helper.to_array(init)
        if array.dtype == np.float32 and array.size >= FP16_MIN_ELEMENTS:
            half_name = init.name + FP16_SUFFIX
            kept.append(numpy_helper.from_array(array.astype(np.float16), half_name))
            casts.append(
                helper.make_node("Cast", [half_name], [init.name], to=onnx.TensorProto.FLOAT)
            )
        else:
            kept.append(init)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    return model


def with_state_offset(graph: onnx.ModelProto, h0: np.ndarray, c0: np.ndarray) -> onnx.ModelProto:
    """The same graph with its recurrent state measured from (h0, c0) instead of zero.

    Inside, the state is ``h + h0`` (and ``c + c0``); it leaves as ``h_out - h0``. A caller that
    starts from zeros, as the engine does for decoder-only models, so starts from (h0, c0),
    and every later step sees exactly the original state.
    """
    renamed = {"h": "h_shifted", "c": "c_shifted", "h_out": "h_inner", "c_out": "c_inner"}
    nodes = list(graph.graph.node)
    for node in nodes:
        node.input[:] = [renamed.get(name, name) for name in node.input]
        node.output[:] = [renamed.get(name, name) for name in node.output]
    offsets = [
        helper.make_node("Add", ["h", "h_offset"], ["h_shifted"]),
        helper.make_node("Add", ["c", "c_offset"], ["c_shifted"]),
    ]
    back = [
        helper.make_node("Sub", ["h_inner", "h_offset"], ["h_out"]),
        helper.make_node("Sub", ["c_inner", "c_offset"], ["c_out"]),
    ]
    del graph.graph.node[:]
    graph.graph.node.extend(offsets + nodes + back)
    graph.graph.initializer.extend(
        [
            numpy_helper.from_array(np.float32(h0)[None, :], "h_offset"),
            numpy_helper.from_array(np.float32(c0)[None, :], "c_offset"),
        ]
    )
    onnx.checker.check_model(graph)
    return graph


def decoder_only_weights(
    model: SketchRNN, class_id: int, z: np.ndarray
) -> tuple[graphs.DecoderWeights, np.ndarray, np.ndarray]:
    """A VAE's decoder with the latent fixed at ``z`` folded into its bias, and its start state."""
    decoder, encoder = class_weights(model, class_id)
    assert encoder is not None
    z64 = np.asarray(z, np.float64)
    lstm = decoder.lstm
    folded = graphs.LstmWeights(
        w_xh=np.float32(lstm.w_xh[:5]),
        w_hh=lstm.w_hh,
        bias=np.float32(lstm.bias + z64 @ lstm.w_xh[5:]),
    )
    state = np.tanh(z64 @ encoder.init_w + encoder.init_b)
    c0, h0 = np.split(state, 2)
    return graphs.DecoderWeights(folded, decoder.out_w, decoder.out_b, z_size=0), h0, c0


def write_class_folder(
    model: SketchRNN,
    class_id: int,
    units: ClassUnits,
    folder: Path,
    provenance: dict[str, Any],
    metrics: dict[str, Any] | None = None,
    fp16: bool = False,
    variant: str = "full",
) -> contract.ModelInfo:
    """Write (atomically replace) one contract model folder for ``class_id``.

    ``variant``: "full" (every graph of the model); "vae_no_prefix" (a VAE without the
    optional prefix graph); "decoder_only" (a VAE's decoder as a decoder-only model, the
    latent fixed at the prior mean z = 0 and its initial state folded in).
    """
    config = model.config
    decoder, encoder = class_weights(model, class_id)
    kind = config.kind
    extra: dict[str, Any] = {}
    if variant == "decoder_only" and encoder is not None:
        decoder, h0, c0 = decoder_only_weights(model, class_id, np.zeros(config.z_size))
        built = {
            contract.DECODER_STEP: with_state_offset(graphs.build_decoder_step(decoder), h0, c0),
            contract.DECODER_PREFIX: with_state_offset(
                graphs.build_decoder_prefix(decoder), h0, c0
            ),
        }
        kind = "gen"
        extra = {"derived_from_vae": True, "latent": "prior mean z = 0, folded into the graphs"}
    else:
        built = {contract.DECODER_STEP: graphs.build_decoder_step(decoder)}
        if variant != "vae_no_prefix":
            built[contract.DECODER_PREFIX] = graphs.build_decoder_prefix(decoder)
        if encoder is not None:
            built[contract.ENCODER] = graphs.build_encoder(encoder)
            built[contract.INIT_STATE] = graphs.build_init_state(encoder)
    meta: dict[str, Any] = {
        "format": contract.FORMAT_VERSION,
        "name": folder.name,
        "label": units.name.replace("_", " ").capitalize(),
        "kind": kind,
        "hidden_size": config.hidden_size,
        "num_mixture": config.num_mixture,
        "max_seq_len": units.max_seq_len,
        "scale_factor": units.scale_factor,
        "pixel_factor": units.pixel_factor,
        "provenance": {
            **provenance,
            "class_name": units.name,
            "class_index": class_id,
            "num_classes": config.num_classes,
            "enc_hidden_size": config.enc_hidden_size,
            "z_size": config.z_size,
            "precision": "fp16" if fp16 else "fp32",
            "exported": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            **extra,
        },
        "metrics": metrics or {},
    }
    if kind == "vae":
        meta["z_size"] = config.z_size
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".export-{folder.name}-", dir=folder.parent))
    try:
        for name, graph in built.items():
            onnx.save(to_fp16(graph) if fp16 else graph, str(staging / name))
        (staging / contract.MODEL_JSON).write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
        old = folder.parent / f".old-{folder.name}"
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return contract.check_model_folder(folder)


def export_all(
    model: SketchRNN,
    classes: list[ClassUnits],
    out_dir: Path,
    provenance: dict[str, Any],
    fp16: bool = False,
    metrics: dict[str, Any] | None = None,
) -> list[contract.ModelInfo]:
    """One folder per exported class under ``out_dir`` (named after the class)."""
    return [
        write_class_folder(
            model, class_id, units, out_dir / units.name, provenance, metrics, fp16=fp16
        )
        for class_id, units in enumerate(classes)
        if units.exported
    ]


def _initializers(path: Path) -> dict[str, np.ndarray]:
    graph = onnx.load(str(path)).graph
    arrays = {}
    for init in graph.initializer:
        name = init.name.removesuffix(FP16_SUFFIX)
        arrays[name] = numpy_helper.to_array(init).astype(np.float64)
    return arrays


def _tf_step_to_torch(
    w_x: np.ndarray, w_h: np.ndarray, bias: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Builder step layout (columns i, f, o, j; forget bias folded) -> torch rows i, f, g, o."""

    def reorder(matrix: np.ndarray) -> np.ndarray:
        i, f, o, j = np.split(matrix, 4, axis=-1)
        return np.concatenate([i, f, j, o], axis=-1)

    return reorder(w_x).T, reorder(w_h).T, reorder(bias)


def _onnx_lstm_to_torch(w: np.ndarray, r: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """ONNX LSTM op (gates i, o, f, c; Wb + Rb) -> torch rows i, f, g, o and one bias."""

    def reorder(matrix: np.ndarray) -> np.ndarray:
        i, o, f, c = np.split(matrix, 4, axis=0)
        return np.concatenate([i, f, c, o], axis=0)

    half = b.shape[0] // 2
    return reorder(w), reorder(r), reorder(b[:half] + b[half:])


def is_cut_from_vae(meta: dict[str, Any]) -> bool:
    """Whether a folder's model.json says it is a VAE's decoder with z = 0 folded in."""
    return bool(meta.get("provenance", {}).get("derived_from_vae"))


def _vae_meta_of_cut_decoder(folder: Path, meta: dict[str, Any]) -> dict[str, Any]:
    provenance = meta.get("provenance", {})
    try:
        z_size = int(provenance["z_size"])
        int(provenance["enc_hidden_size"])
    except (KeyError, TypeError, ValueError):
        raise ModelError(
            f"{folder}: a decoder cut from a VAE without the VAE's sizes in model.json "
            "(provenance.z_size, provenance.enc_hidden_size)"
        ) from None
    return {**meta, "kind": "vae", "z_size": z_size}


def _cut_decoder_weights(
    folder: Path,
    meta: dict[str, Any],
    step: dict[str, np.ndarray],
    w_ih: np.ndarray,
    w_hh: np.ndarray,
    bias: np.ndarray,
) -> dict[str, np.ndarray]:
    """The VAE weights a decoder cut at z = 0 still holds; the encoder's are gone.

    The cut folded ``z @ W_z`` (zero) into the bias and stored the start state
    ``tanh(init_b)`` as a state offset, so the latent columns come back as zeros (the VAE then
    draws exactly as the cut decoder at every z until training teaches it to read z) and the
    latent-to-state bias as atanh of the offset.
    """
    z_size = int(meta["provenance"]["z_size"])
    if "h_offset" not in step or "c_offset" not in step:
        raise ModelError(f"{folder}: a decoder cut from a VAE without its start state")
    hidden = w_hh.shape[1]
    # [c, h] is the order the latent-to-state layer writes; keep atanh finite at +-1.
    start = np.concatenate([step["c_offset"].reshape(-1), step["h_offset"].reshape(-1)])
    start = np.clip(start, -1.0 + 1e-6, 1.0 - 1e-6)
    return {
        "decoder.weight_ih_l0": np.concatenate([w_ih, np.zeros((4 * hidden, z_size))], axis=1),
        "decoder.weight_hh_l0": w_hh,
        "decoder.bias": bias,
        "output.weight": step["out_w"].T,
        "output.bias": step["out_b"],
        "init_state.weight": np.zeros((2 * hidden, z_size)),
        "init_state.bias": np.arctanh(start),
    }


def read_class_folder(folder: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """model.json and the torch-layout weights of one exported folder (one class folded in)."""
    info = contract.check_model_folder(folder)
    meta = json.loads((folder / contract.MODEL_JSON).read_text("utf-8"))
    step = _initializers(folder / contract.DECODER_STEP)
    w_ih, w_hh, bias = _tf_step_to_torch(step["W_x"], step["W_h"], step["bias"])
    if is_cut_from_vae(meta):
        return _vae_meta_of_cut_decoder(folder, meta), _cut_decoder_weights(
            folder, meta, step, w_ih, w_hh, bias
        )
    weights = {
        "decoder.weight_ih_l0": w_ih,
        "decoder.weight_hh_l0": w_hh,
        "decoder.bias": bias,
        "output.weight": step["out_w"].T,
        "output.bias": step["out_b"],
    }
    if info.kind == "vae":
        enc = _initializers(folder / contract.ENCODER)
        for direction, module in enumerate(("encoder_forward", "encoder_backward")):
            w, r, b = _onnx_lstm_to_torch(
                enc["W"][direction], enc["R"][direction], enc["B"][direction]
            )
            weights[f"{module}.weight_ih_l0"] = w
            weights[f"{module}.weight_hh_l0"] = r
            weights[f"{module}.bias_ih_l0"] = b
            weights[f"{module}.bias_hh_l0"] = np.zeros_like(b)
        weights["to_mu.weight"] = enc["mu_w"].T
        weights["to_mu.bias"] = enc["mu_b"]
        weights["to_sigma_hat.weight"] = enc["sigma_w"].T
        weights["to_sigma_hat.bias"] = enc["sigma_b"]
        init = _initializers(folder / contract.INIT_STATE)
        weights["init_state.weight"] = init["init_w"].T
        weights["init_state.bias"] = init["init_b"]
    return meta, weights


def run_fingerprint(folder: Path) -> str:
    """A digest of the folder's recurrent decoder weights, which all classes of one training
    run share (rounded to float16, so fp16 and fp32 exports of a run agree)."""
    graph = onnx.load(str(folder / contract.DECODER_STEP)).graph
    for init in graph.initializer:
        if init.name.removesuffix(FP16_SUFFIX) == "W_h":
            weights = np.float16(numpy_helper.to_array(init))
            return hashlib.sha256(weights.tobytes()).hexdigest()[:16]
    raise ModelError(f"{folder}: {contract.DECODER_STEP} has no recurrent weights W_h")


def load_exported(folders: list[Path]) -> tuple[SketchRNN, list[ClassUnits], dict[str, Any]]:
    """Rebuild a (class-conditional) model from exported class folders of one training run
    (``doodle.train.runner.exported_folders`` picks and checks them).

    Shared weights come from the first folder; each class's one-hot columns are its folded
    bias minus the mean over classes, which gives exactly the exported functions back.
    Decoders cut from a VAE (``export --bundle``'s drawing models) come back as that VAE with
    zero latent columns and a freshly initialised encoder, so bundled drawing models can be
    trained on.
    """
    if not folders:
        raise ModelError("no model folders to resume from")
    loaded = [read_class_folder(Path(f)) for f in folders]
    loaded.sort(key=lambda item: item[0].get("provenance", {}).get("class_index", 0))
    first_meta, first = loaded[0]
    sizes = {(m["kind"], m["hidden_size"], m.get("z_size", 0), m["num_mixture"]) for m, _ in loaded}
    if len(sizes) != 1:
        raise ModelError(f"cannot resume from folders of different sizes: {sorted(sizes)}")
    cut = {is_cut_from_vae(m) for m, _ in loaded}
    if len(cut) != 1:
        raise ModelError("cannot resume from VAE folders and decoders cut from a VAE together")
    fresh_encoder = cut == {True}
    z_size = int(first_meta.get("z_size", 0))
    if z_size and not fresh_encoder:
        enc_hidden = int(first["encoder_forward.weight_hh_l0"].shape[1])
    else:
        recorded = first_meta.get("provenance", {}).get("enc_hidden_size")
        enc_hidden = int(recorded) if recorded else ModelConfig.enc_hidden_size
    config = ModelConfig(
        hidden_size=int(first_meta["hidden_size"]),
        enc_hidden_size=enc_hidden,
        z_size=z_size,
        num_mixture=int(first_meta["num_mixture"]),
        num_classes=len(loaded),
    )
    model = SketchRNN(config)
    dec_biases = np.stack([w["decoder.bias"] for _, w in loaded])
    dec_shared = dec_biases.mean(axis=0)
    state = {
        "decoder.weight_ih_l0": np.concatenate(
            [first["decoder.weight_ih_l0"], (dec_biases - dec_shared).T], axis=1
        ),
        "decoder.weight_hh_l0": first["decoder.weight_hh_l0"],
        "decoder.bias_ih_l0": dec_shared,
        "decoder.bias_hh_l0": np.zeros_like(dec_shared),
        "output.weight": first["output.weight"],
        "output.bias": first["output.bias"],
    }
    if z_size:
        init_biases = np.stack([w["init_state.bias"] for _, w in loaded])
        init_shared = init_biases.mean(axis=0)
        for key, value in first.items():
            if key.startswith(("encoder_", "to_mu.", "to_sigma_hat.")):
                state[key] = value
        state["init_state.weight"] = np.concatenate(
            [first["init_state.weight"], (init_biases - init_shared).T], axis=1
        )
        state["init_state.bias"] = init_shared
    if fresh_encoder:
        # The encoder of a cut decoder is gone: it starts from a fresh initialisation.
        for key, value in model.state_dict().items():
            state.setdefault(key, value.double().numpy())
    model.load_state_dict({k: torch.tensor(v, dtype=torch.float32) for k, v in state.items()})
    classes = [
        ClassUnits(
            name=str(m.get("provenance", {}).get("class_name", m["name"])),
            scale_factor=float(m["scale_factor"]),
            pixel_factor=float(m["pixel_factor"]),
            max_seq_len=int(m["max_seq_len"]),
            source=str(folder),
        )
        for folder, (m, _) in zip(sorted_folders(folders, loaded), loaded, strict=True)
    ]
    return model, classes, first_meta


def sorted_folders(folders: list[Path], loaded: list[tuple[dict[str, Any], Any]]) -> list[Path]:
    by_name = {Path(f).name: Path(f) for f in folders}
    return [by_name[m["name"]] for m, _ in loaded]
