"""Import Magenta sketch-rnn-js model files (``*.gen.json``, ``*.vae.json``) as model folders.

A file is ``[info, shapes, blobs]``: blobs are base64 little-endian int16, value =
int16 * 10 / 32767, reshaped to ``shapes[i]``. Decoder-only ("gen", mode 2) files hold
output_w, output_b, W_xh, W_hh, bias; VAE files (mode 0 or 1) hold the forward and backward
encoder LSTMs (W_xh, W_hh, bias each), mu w/b, sigma w/b, the latent-to-state layer w/b and
then the same five decoder blobs. The folder is written in a temporary folder next to the
target and renamed into place, so a refused or failed import leaves nothing behind.
Imports no Qt.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnx

from doodle.core.errors import DoodleFormatError
from doodle.engine import contract, graphs

MAX_WEIGHT = 10.0
INT16_MAX = 32767
MAGENTA_PIXEL_FACTOR = 2.0
MAX_FILE_BYTES = 512 * 1024 * 1024
GEN_BLOBS = 5
VAE_BLOBS = 17
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\- ]{0,63}$")


@dataclass(frozen=True)
class MagentaModel:
    """A parsed Magenta file: its info block and the weights as ONNX-builder inputs."""

    info: dict[str, Any]
    kind: str
    decoder: graphs.DecoderWeights
    encoder: graphs.EncoderWeights | None

    @property
    def hidden_size(self) -> int:
        return self.decoder.lstm.hidden_size


def default_name(path: Path) -> str:
    """``bear.gen.json`` -> ``bear``."""
    name = path.name
    for suffix in (".gen.json", ".vae.json", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def label_from_name(name: str) -> str:
    """``palm_tree`` -> ``Palm tree``."""
    words = name.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _decode_blob(source: Path, index: int, blob: Any, shape: list[int]) -> np.ndarray:
    if not isinstance(blob, str):
        raise DoodleFormatError(source, f"blob {index} is not a base64 string")
    try:
        raw = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError) as error:
        raise DoodleFormatError(source, f"blob {index} is not valid base64 ({error})") from None
    count = int(np.prod(shape))
    if len(raw) != 2 * count:
        raise DoodleFormatError(
            source,
            f"blob {index} holds {len(raw)} bytes, shape {shape} needs {2 * count} "
            "(truncated or wrong shape)",
        )
    values = np.frombuffer(raw, dtype="<i2").astype(np.float64) * (MAX_WEIGHT / INT16_MAX)
    return values.astype(np.float32).reshape(shape)


def _check_shapes(source: Path, shapes: Any) -> list[list[int]]:
    if not isinstance(shapes, list):
        raise DoodleFormatError(source, "second element (blob shapes) must be a list")
    checked = []
    for index, shape in enumerate(shapes):
        if (
            not isinstance(shape, list)
            or not 1 <= len(shape) <= 2
            or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape)
        ):
            raise DoodleFormatError(source, f"shape {index} must be 1 or 2 positive ints: {shape}")
        checked.append(shape)
    return checked


def _expect(source: Path, condition: bool, problem: str) -> None:
    if not condition:
        raise DoodleFormatError(source, f"unknown weight layout: {problem}")


def _lstm(source: Path, what: str, w_xh: np.ndarray, w_hh: np.ndarray, bias: np.ndarray):
    _expect(source, w_xh.ndim == 2 and w_hh.ndim == 2 and bias.ndim == 1, f"{what} ranks")
    hidden = w_hh.shape[0]
    _expect(
        source,
        w_hh.shape == (hidden, 4 * hidden)
        and w_xh.shape[1] == 4 * hidden
        and bias.shape == (4 * hidden,),
        f"{what} LSTM shapes {w_xh.shape}, {w_hh.shape}, {bias.shape}",
    )
    return graphs.LstmWeights(w_xh=w_xh, w_hh=w_hh, bias=bias)


def _decoder(source: Path, blobs: list[np.ndarray], z_size: int) -> graphs.DecoderWeights:
    out_w, out_b, w_xh, w_hh, bias = blobs
    lstm = _lstm(source, "decoder", w_xh, w_hh, bias)
    _expect(source, w_xh.shape[0] == 5 + z_size, f"decoder input size {w_xh.shape[0]}")
    _expect(
        source,
        out_w.ndim == 2
        and out_w.shape[0] == lstm.hidden_size
        and out_b.shape == (out_w.shape[1],)
        and (out_w.shape[1] - 3) % 6 == 0
        and out_w.shape[1] > 3,
        f"output layer shapes {out_w.shape}, {out_b.shape}",
    )
    return graphs.DecoderWeights(lstm=lstm, out_w=out_w, out_b=out_b, z_size=z_size)


def parse_magenta(source: str | Path) -> MagentaModel:
    """Read and check a Magenta sketch-rnn-js JSON model; raise ``DoodleFormatError``."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DoodleFormatError(source, f"file too large ({size} bytes)")
        document = json.loads(source.read_bytes())
    except OSError as error:
        raise DoodleFormatError(source, f"cannot read file ({error.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise DoodleFormatError(source, f"not a JSON model file ({error})") from None
    if not isinstance(document, list) or len(document) != 3:
        raise DoodleFormatError(source, "expected a JSON list [info, shapes, blobs]")
    info, shapes, blobs = document
    if not isinstance(info, dict):
        raise DoodleFormatError(source, "first element (info) must be an object")
    shapes = _check_shapes(source, shapes)
    if not isinstance(blobs, list) or len(blobs) != len(shapes):
        raise DoodleFormatError(source, "third element must be a list of blobs, one per shape")
    mode = info.get("mode")
    if mode in (2, "gen"):
        kind, expected_blobs = "gen", GEN_BLOBS
    elif mode in (0, 1, "vae"):
        kind, expected_blobs = "vae", VAE_BLOBS
    else:
        raise DoodleFormatError(source, f"unknown model mode {mode!r} (expected 'gen' or a VAE)")
    if len(shapes) != expected_blobs:
        raise DoodleFormatError(
            source, f"a {kind} model has {expected_blobs} weight blobs, this file has {len(shapes)}"
        )
    for key in ("max_seq_len", "scale_factor"):
        value = info.get(key)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 < value < float("inf")
        ):
            raise DoodleFormatError(
                source, f"info.{key} must be a positive finite number, got {value!r}"
            )
    weights = [
        _decode_blob(source, index, blob, shape)
        for index, (blob, shape) in enumerate(zip(blobs, shapes, strict=True))
    ]
    if kind == "gen":
        return MagentaModel(info, kind, _decoder(source, weights, 0), None)
    forward = _lstm(source, "forward encoder", *weights[0:3])
    backward = _lstm(source, "backward encoder", *weights[3:6])
    mu_w, mu_b, sigma_w, sigma_b, init_w, init_b = weights[6:12]
    z_size = int(mu_b.shape[0]) if mu_b.ndim == 1 else -1
    enc_out = 2 * forward.hidden_size
    _expect(
        source,
        backward.hidden_size == forward.hidden_size
        and forward.input_size == backward.input_size == 5
        and z_size > 0
        and mu_w.shape == (enc_out, z_size)
        and sigma_w.shape == (enc_out, z_size)
        and sigma_b.shape == (z_size,)
        and init_w.ndim == 2
        and init_w.shape[0] == z_size
        and init_b.shape == (init_w.shape[1],),
        "encoder heads do not match the encoder LSTMs",
    )
    decoder = _decoder(source, weights[12:17], z_size)
    _expect(
        source,
        init_w.shape[1] == 2 * decoder.lstm.hidden_size,
        f"latent-to-state layer {init_w.shape} for decoder size {decoder.lstm.hidden_size}",
    )
    encoder = graphs.EncoderWeights(forward, backward, mu_w, mu_b, sigma_w, sigma_b, init_w, init_b)
    return MagentaModel(info, kind, decoder, encoder)


def _model_json(model: MagentaModel, name: str, source: Path, digest: str) -> dict[str, Any]:
    info = model.info
    meta: dict[str, Any] = {
        "format": contract.FORMAT_VERSION,
        "name": name,
        "label": label_from_name(name),
        "kind": model.kind,
        "hidden_size": model.hidden_size,
        "num_mixture": model.decoder.num_mixture,
        "max_seq_len": int(info["max_seq_len"]),
        "scale_factor": float(info["scale_factor"]),
        "pixel_factor": MAGENTA_PIXEL_FACTOR,
        "provenance": {
            "source": "magenta sketch-rnn-js",
            "source_file": source.name,
            "sha256": digest,
            "format_version": info.get("version"),
            "class_name": info.get("name"),
            "imported": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        },
        "metrics": {},
    }
    if model.kind == "vae":
        meta["z_size"] = model.decoder.z_size
    return meta


def write_model_folder(model: MagentaModel, folder: Path, meta: dict[str, Any]) -> None:
    """Write ``model.json`` and the ONNX graphs into an existing empty ``folder``."""
    onnx.save(graphs.build_decoder_step(model.decoder), str(folder / contract.DECODER_STEP))
    onnx.save(graphs.build_decoder_prefix(model.decoder), str(folder / contract.DECODER_PREFIX))
    if model.encoder is not None:
        onnx.save(graphs.build_encoder(model.encoder), str(folder / contract.ENCODER))
        version = model.info.get("version")
        squash = isinstance(version, int | float) and version < 6
        onnx.save(
            graphs.build_init_state(model.encoder, squash_z=squash),
            str(folder / contract.INIT_STATE),
        )
    (folder / contract.MODEL_JSON).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def import_magenta(
    source: str | Path, models_dir: Path, name: str | None = None, replace: bool = False
) -> contract.ModelInfo:
    """Convert a Magenta JSON model into ``models_dir/<name>/``; return the checked info.

    Raises ``DoodleFormatError`` for a bad file, ``FileExistsError`` if the model exists
    and ``replace`` is false. Nothing is left behind on failure.
    """
    source = Path(source)
    name = name if name is not None else default_name(source)
    if not NAME_PATTERN.match(name):
        raise DoodleFormatError(
            source, f"model name {name!r} must be letters, digits, '_', '-' or spaces"
        )
    target = models_dir / name
    if target.exists() and not replace:
        raise FileExistsError(f"a model named {name!r} already exists at {target}")
    model = parse_magenta(source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    models_dir.mkdir(parents=True, exist_ok=True)
    # A hidden staging folder beside the target: the rename into place stays on one disk.
    staging_root = Path(tempfile.mkdtemp(prefix=f".import-{name}-", dir=models_dir))
    staged = staging_root / name
    old = None
    try:
        staged.mkdir()
        write_model_folder(model, staged, _model_json(model, name, source, digest))
        contract.check_model_folder(staged)
        if target.exists():
            old = staging_root / f"replaced-{name}"
            target.rename(old)
        staged.rename(target)
    except BaseException:
        if old is not None and not target.exists():
            old.rename(target)
        shutil.rmtree(staging_root, ignore_errors=True)
        raise
    shutil.rmtree(staging_root, ignore_errors=True)
    return contract.check_model_folder(target)
