"""Fuzzing the sketch-rnn ``.npz`` reader: only ``DoodleFormatError``, and no pickle ever runs.

The reader parses the ``.npy`` pickles with its own closed interpreter; these tests throw
corrupted archives, arbitrary pickles and pickles that would run code (creating a marker
file) at it, and check the marker never appears.
"""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import strategies as st

from doodle.core.npz import load_sketch_rnn_npz, save_sketch_rnn_npz
from tests.fuzz.fuzzing import BUDGETS, DOCUMENTED_ERRORS, corrupt_bytes, fuzz


def _valid_npz_bytes() -> bytes:
    rng = np.random.default_rng(0)
    drawings = [rng.integers(-50, 50, (n, 3)).astype(np.int16) for n in (5, 9, 3)]
    for drawing in drawings:
        drawing[:, 2] = 0
        drawing[-1, 2] = 1
    buffer = io.BytesIO()
    arrays = {}
    for name in ("train", "valid", "test"):
        column = np.empty(len(drawings), dtype=object)
        for index, drawing in enumerate(drawings):
            column[index] = drawing
        arrays[name] = column
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def _npy_with_payload(payload: bytes, shape: tuple[int, ...] = (1,)) -> bytes:
    """An ``.npy`` member of dtype object whose body is ``payload`` (a pickle)."""
    buffer = io.BytesIO()
    header = {"descr": "|O", "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buffer, header)
    return buffer.getvalue() + payload


def _npz_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(f"{name}.npy", data)
    return buffer.getvalue()


class _TouchMarker:
    """Unpickling this calls ``open(marker, "w")``: it creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


class _SystemTouch:
    """Unpickling this runs a shell command that creates the marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


class _ArrayThenCode:
    """Looks like numpy's array reconstruction, then smuggles a call in its state."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (
            np.core.multiarray._reconstruct,
            (np.ndarray, (0,), b"b"),
            _TouchMarker(self.marker),
        )


def _malicious_payloads(marker: Path) -> list[bytes]:
    column = np.empty(2, dtype=object)
    column[0] = np.zeros((3, 3), np.int16)
    column[1] = _TouchMarker(marker)
    return [pickle.dumps(_TouchMarker(marker), protocol=proto) for proto in (0, 2, 3, 4, 5)] + [
        pickle.dumps(_SystemTouch(marker), protocol=3),
        pickle.dumps([_TouchMarker(marker)], protocol=3),
        pickle.dumps(column, protocol=3),
        pickle.dumps(_ArrayThenCode(marker), protocol=3),
        b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR.",
        b"cbuiltins\neval\n(S'open(\"" + str(marker).encode() + b'", "w")\'\ntR.',
    ]


def _load(folder: Path, data: bytes) -> None:
    path = folder / "data.npz"
    path.write_bytes(data)
    try:
        splits = load_sketch_rnn_npz(path)
    except DOCUMENTED_ERRORS:
        return
    for drawings in splits.values():
        for drawing in drawings:
            assert drawing.dtype == np.float32 and drawing.ndim == 2 and drawing.shape[1] == 3
            assert np.isfinite(drawing).all()


def test_the_payloads_are_live(tmp_path):
    """Each payload really runs code when unpickled the ordinary way (so the test can fail)."""
    marker = tmp_path / "marker"
    for payload in _malicious_payloads(marker):
        try:
            pickle.loads(payload)
        except Exception:  # noqa: BLE001 - some payloads fail after their call ran
            pass
        assert marker.exists(), payload[:60]
        marker.unlink()


def test_pickle_payloads_never_run(tmp_path):
    marker = tmp_path / "marker"
    for payload in _malicious_payloads(marker):
        path = tmp_path / "evil.npz"
        path.write_bytes(_npz_of({"train": _npy_with_payload(payload)}))
        with pytest.raises(DOCUMENTED_ERRORS):
            load_sketch_rnn_npz(path)
        assert not marker.exists(), payload[:60]


def test_the_valid_archive_loads(tmp_path):
    path = tmp_path / "data.npz"
    path.write_bytes(_valid_npz_bytes())
    splits = load_sketch_rnn_npz(path)
    assert sorted(splits) == ["test", "train", "valid"] and len(splits["train"]) == 3
    save_sketch_rnn_npz(tmp_path / "again.npz", splits)
    assert [d.shape for d in load_sketch_rnn_npz(tmp_path / "again.npz")["train"]] == [
        d.shape for d in splits["train"]
    ]


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_archives(tmp_path, examples):
    fuzz(corrupt_bytes(_valid_npz_bytes()), lambda data: _load(tmp_path, data), examples)


@pytest.mark.parametrize("examples", BUDGETS)
def test_corrupted_members(tmp_path, examples):
    column = np.empty(2, dtype=object)
    column[0] = np.array([[1, 2, 0], [3, 4, 1]], np.int16)
    column[1] = np.array([[5.5, 6.0, 1.0]], np.float32)
    valid = _npy_with_payload(pickle.dumps(column, protocol=3), shape=(2,))
    fuzz(
        corrupt_bytes(valid).map(lambda m: _npz_of({"train": m})),
        lambda data: _load(tmp_path, data),
        examples,
    )


def _pickle_values() -> st.SearchStrategy:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=8),
        st.binary(max_size=16),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.tuples(children, children),
            st.dictionaries(st.text(max_size=4), children, max_size=3),
            st.sets(st.integers(), max_size=3),
            st.frozensets(st.integers(), max_size=3),
        ),
        max_leaves=12,
    )


@pytest.mark.parametrize("examples", BUDGETS)
def test_arbitrary_pickles(tmp_path, examples):
    marker = tmp_path / "marker"
    payloads = st.tuples(_pickle_values(), st.integers(0, 5)).map(
        lambda value_proto: pickle.dumps(value_proto[0], protocol=value_proto[1])
    )
    opcodes = st.binary(max_size=64).map(lambda raw: b"\x80\x03" + raw + b".")
    fuzz(
        (payloads | opcodes).map(lambda p: _npz_of({"train": _npy_with_payload(p)})),
        lambda data: _load(tmp_path, data),
        examples,
    )
    assert not marker.exists()
