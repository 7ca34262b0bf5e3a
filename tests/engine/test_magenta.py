"""The Magenta importer: graphs match TensorFlow's cell, bad files leave nothing behind."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest

from doodle.core.errors import DoodleFormatError
from doodle.engine import contract
from doodle.engine.magenta import import_magenta
from doodle.engine.model import LoadedModel
from tests.engine.helpers import (
    SMALL_HIDDEN,
    SMALL_MIXTURE,
    SMALL_Z,
    magenta_document,
    magenta_weights,
    tf_lstm_step,
    write_magenta,
)

TOLERANCE = 1e-4


def _random_inputs(rng: np.random.Generator, batch: int, hidden: int):
    x = rng.normal(0, 1, (batch, 5)).astype(np.float32)
    h = rng.normal(0, 0.5, (batch, hidden)).astype(np.float32)
    c = rng.normal(0, 0.5, (batch, hidden)).astype(np.float32)
    return x, h, c


def test_gen_import_writes_contract_folder(small_gen: LoadedModel, small_gen_file: Path) -> None:
    info = small_gen.info
    assert (info.name, info.label, info.kind) == ("small", "Small", "gen")
    assert (info.hidden_size, info.num_mixture, info.max_seq_len) == (16, 3, 60)
    assert info.pixel_factor == 2.0 and info.scale_factor == 50.0
    assert info.has_prefix and info.metrics == {}
    provenance = info.provenance
    assert provenance["source_file"] == "small.gen.json"
    assert len(provenance["sha256"]) == 64 and provenance["format_version"] == 6
    assert provenance["imported"].startswith("20")
    assert sorted(p.name for p in info.path.iterdir()) == [
        "decoder_prefix.onnx",
        "decoder_step.onnx",
        "model.json",
    ]
    assert contract.check_model_folder(info.path) == info


def test_gen_step_matches_tensorflow_cell(small_gen: LoadedModel, small_gen_file: Path) -> None:
    out_w, out_b, w_xh, w_hh, bias = magenta_weights(json.loads(small_gen_file.read_text()))
    rng = np.random.default_rng(5)
    x, h, c = _random_inputs(rng, 7, SMALL_HIDDEN)
    params, h_out, c_out = small_gen.step(x, h, c)
    h_ref, c_ref = tf_lstm_step(x, h, c, w_xh, w_hh, bias)
    assert params.shape == (7, 6 * SMALL_MIXTURE + 3)
    assert np.abs(h_out - h_ref).max() <= TOLERANCE
    assert np.abs(c_out - c_ref).max() <= TOLERANCE
    assert np.abs(params - (h_ref @ out_w + out_b)).max() <= TOLERANCE


def test_prefix_graph_equals_stepping(small_gen: LoadedModel) -> None:
    rng = np.random.default_rng(6)
    seq = rng.normal(0, 1, (3, 11, 5)).astype(np.float32)
    _, h0, c0 = _random_inputs(rng, 3, SMALL_HIDDEN)
    h_prefix, c_prefix = small_gen.prime(seq, h0, c0)
    h, c = h0, c0
    for t in range(seq.shape[1]):
        _, h, c = small_gen.step(np.ascontiguousarray(seq[:, t]), h, c)
    assert np.abs(h_prefix - h).max() <= TOLERANCE
    assert np.abs(c_prefix - c).max() <= TOLERANCE


def test_vae_import_matches_reference(small_vae: LoadedModel, small_vae_file: Path) -> None:
    weights = magenta_weights(json.loads(small_vae_file.read_text()))
    fw, bw = weights[0:3], weights[3:6]
    mu_w, mu_b, sigma_w, sigma_b, init_w, init_b = weights[6:12]
    out_w, out_b, w_xh, w_hh, bias = weights[12:17]
    info = small_vae.info
    assert info.kind == "vae" and info.z_size == SMALL_Z
    rng = np.random.default_rng(7)

    # Encoder: two sequences of different lengths, padded; backward reads each from its end.
    lengths = np.array([9, 5])
    strokes = np.zeros((2, 9, 5), dtype=np.float32)
    strokes[0] = rng.normal(0, 1, (9, 5))
    strokes[1, :5] = rng.normal(0, 1, (5, 5))
    mu, sigma_hat = small_vae.encoder.run(
        ["mu", "sigma_hat"], {"strokes": strokes, "lengths": lengths}
    )
    for row, length in enumerate(lengths):
        seq = strokes[row, :length].astype(np.float64)
        states = []
        for weights_dir, order in ((fw, seq), (bw, seq[::-1])):
            hidden = weights_dir[1].shape[0]
            h, c = np.zeros((1, hidden)), np.zeros((1, hidden))
            for step in order:
                h, c = tf_lstm_step(step[None], h, c, *weights_dir)
            states.append(h)
        both = np.concatenate(states, axis=1)
        assert np.abs(mu[row] - (both @ mu_w + mu_b)[0]).max() <= TOLERANCE
        assert np.abs(sigma_hat[row] - (both @ sigma_w + sigma_b)[0]).max() <= TOLERANCE

    # init_state: tanh(z W + b) split as [c, h].
    z = rng.normal(0, 1, (3, SMALL_Z)).astype(np.float32)
    h0, c0 = small_vae.initial_state(3, z)
    state = np.tanh(z @ init_w + init_b)
    assert np.abs(c0 - state[:, :SMALL_HIDDEN]).max() <= TOLERANCE
    assert np.abs(h0 - state[:, SMALL_HIDDEN:]).max() <= TOLERANCE

    # Decoder step: input [x, z].
    x, h, c = _random_inputs(rng, 3, SMALL_HIDDEN)
    params, h_out, c_out = small_vae.step(x, h, c, z)
    h_ref, c_ref = tf_lstm_step(np.concatenate([x, z], axis=1), h, c, w_xh, w_hh, bias)
    assert np.abs(h_out - h_ref).max() <= TOLERANCE
    assert np.abs(c_out - c_ref).max() <= TOLERANCE
    assert np.abs(params - (h_ref @ out_w + out_b)).max() <= TOLERANCE

    # Prefix with z equals stepping with z.
    seq = rng.normal(0, 1, (3, 6, 5)).astype(np.float32)
    hp, cp = small_vae.prime(seq, h, c, z)
    for t in range(6):
        _, h, c = small_vae.step(np.ascontiguousarray(seq[:, t]), h, c, z)
    assert np.abs(hp - h).max() <= TOLERANCE and np.abs(cp - c).max() <= TOLERANCE


def test_name_option_and_replace(small_gen_file: Path, models_dir: Path) -> None:
    info = import_magenta(small_gen_file, models_dir, name="my_bear")
    assert info.name == "my_bear" and info.label == "My bear"
    with pytest.raises(FileExistsError):
        import_magenta(small_gen_file, models_dir, name="my_bear")
    again = import_magenta(small_gen_file, models_dir, name="my_bear", replace=True)
    assert again.path == info.path
    assert sorted(p.name for p in models_dir.iterdir()) == ["my_bear"]


def _truncate_blob(document: list) -> list:
    document[2][3] = document[2][3][: len(document[2][3]) // 2]
    return document


def _bad_base64(document: list) -> list:
    document[2][0] = "@@@not base64@@@"
    return document


def _wrong_shape(document: list) -> list:
    document[1][3] = [SMALL_HIDDEN, 4 * SMALL_HIDDEN + 4]
    document[2][3] = base64.b64encode(
        np.zeros(SMALL_HIDDEN * (4 * SMALL_HIDDEN + 4), "<i2").tobytes()
    ).decode()
    return document


def _missing_blob(document: list) -> list:
    del document[1][4], document[2][4]
    return document


def _unknown_mode(document: list) -> list:
    document[0]["mode"] = "hyper"
    return document


def _bad_scale(document: list) -> list:
    document[0]["scale_factor"] = -1
    return document


@pytest.mark.parametrize(
    "breaker",
    [_truncate_blob, _bad_base64, _wrong_shape, _missing_blob, _unknown_mode, _bad_scale],
)
def test_malformed_documents_refused_without_leftovers(
    tmp_path: Path, models_dir: Path, breaker
) -> None:
    source = write_magenta(tmp_path / "broken.gen.json", breaker(magenta_document("gen")))
    with pytest.raises(DoodleFormatError) as caught:
        import_magenta(source, models_dir)
    assert "broken.gen.json" in str(caught.value)
    assert list(models_dir.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"not json at all", b'{"a": 1}', b"[1, 2, 3]", b'[{"mode": "gen"}, [[2]], ["AAA', b"\xff\xfe"],
)
def test_non_model_files_refused_without_leftovers(
    tmp_path: Path, models_dir: Path, content: bytes
) -> None:
    source = tmp_path / "junk.gen.json"
    source.write_bytes(content)
    with pytest.raises(DoodleFormatError):
        import_magenta(source, models_dir)
    assert list(models_dir.iterdir()) == []


def test_truncated_file_refused(tmp_path: Path, models_dir: Path, small_gen_file: Path) -> None:
    raw = small_gen_file.read_bytes()
    source = tmp_path / "cut.gen.json"
    source.write_bytes(raw[: len(raw) * 2 // 3])
    with pytest.raises(DoodleFormatError, match="cut.gen.json"):
        import_magenta(source, models_dir)
    assert list(models_dir.iterdir()) == []


def test_vae_layout_mismatch_refused(tmp_path: Path, models_dir: Path) -> None:
    document = magenta_document("vae")
    document[0]["mode"] = "gen"
    source = write_magenta(tmp_path / "mixed.gen.json", document)
    with pytest.raises(DoodleFormatError, match="5 weight blobs"):
        import_magenta(source, models_dir)
    assert list(models_dir.iterdir()) == []


def test_failed_replace_keeps_the_old_model(
    tmp_path: Path, models_dir: Path, small_gen_file: Path
) -> None:
    first = import_magenta(small_gen_file, models_dir, name="keep")
    source = write_magenta(tmp_path / "keep.gen.json", _bad_base64(magenta_document("gen")))
    with pytest.raises(DoodleFormatError):
        import_magenta(source, models_dir, name="keep", replace=True)
    assert sorted(p.name for p in models_dir.iterdir()) == ["keep"]
    assert contract.check_model_folder(first.path) == first


def test_bad_model_name_refused(small_gen_file: Path, models_dir: Path) -> None:
    with pytest.raises(DoodleFormatError, match="model name"):
        import_magenta(small_gen_file, models_dir, name="../escape")
    assert list(models_dir.iterdir()) == []
