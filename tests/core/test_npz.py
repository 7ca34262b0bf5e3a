"""The restricted sketch-rnn npz reader: real data, round trips, and hostile files."""

from __future__ import annotations

import io
import os
import pickle
import shlex
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from doodle.core import npz
from doodle.core.errors import DoodleFormatError
from doodle.core.npz import (
    _Refused,
    load_sketch_rnn_npz,
    parse_npy_drawings,
    save_sketch_rnn_npz,
)
from tests.shared_data import require_shared


def test_reads_aaron_sheep() -> None:
    path = require_shared("sketch-rnn-datasets", "aaron_sheep.npz")
    splits = load_sketch_rnn_npz(path)
    assert {name: len(drawings) for name, drawings in splits.items()} == {
        "train": 7400,
        "valid": 300,
        "test": 300,
    }
    for drawings in splits.values():
        for drawing in drawings:
            assert drawing.dtype == np.float32 and drawing.ndim == 2 and drawing.shape[1] == 3
            assert set(np.unique(drawing[:, 2])) <= {0.0, 1.0}
            # The file stores int16 offsets: whole numbers survive exactly.
            np.testing.assert_array_equal(drawing, np.round(drawing))
    assert splits["train"][0][-1, 2] == 1.0
    assert set(load_sketch_rnn_npz(path, splits=["valid"])) == {"valid"}


def test_round_trip_through_numpy_written_file(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    whole = [rng.integers(-50, 50, size=(n, 3)).astype(np.int16) for n in (1, 5, 17)]
    fractional = [rng.normal(size=(4, 3)).astype(np.float32)]
    path = tmp_path / "set.npz"
    save_sketch_rnn_npz(path, {"train": whole, "valid": fractional, "test": []})
    back = load_sketch_rnn_npz(path)
    assert [len(back[k]) for k in ("train", "valid", "test")] == [3, 1, 0]
    for got, want in zip(back["train"] + back["valid"], whole + fractional, strict=True):
        np.testing.assert_array_equal(got, want.astype(np.float32))


def _npy_bytes(pickle_stream: bytes, shape: tuple[int, ...] = (1,), descr: str = "|O") -> bytes:
    header = repr({"descr": descr, "fortran_order": False, "shape": shape}).encode("latin-1")
    header += b" " * (63 - (len(header) + 10) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + pickle_stream


def _write_npz(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


class _TouchMarker:
    """Unpickling this runs a shell command that creates a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {shlex.quote(str(self.marker))}",))


@pytest.mark.parametrize("protocol", [2, 4])
def test_malicious_pickle_is_refused_and_never_runs(tmp_path: Path, protocol: int) -> None:
    marker = tmp_path / "pwned"
    payload = pickle.dumps([_TouchMarker(marker)], protocol=protocol)
    path = _write_npz(tmp_path / "evil.npz", {"train.npy": _npy_bytes(payload)})
    with pytest.raises(DoodleFormatError, match="refusing to load global") as caught:
        load_sketch_rnn_npz(path)
    assert "train.npy" in str(caught.value) and str(path) in str(caught.value)
    assert not marker.exists()
    # The payload is live: the standard unpickler would have run it.
    pickle.loads(payload)
    assert marker.exists()


def test_malicious_element_inside_a_valid_array_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    column = np.empty(2, dtype=object)
    column[0] = np.zeros((2, 3), dtype=np.int16)
    column[1] = _TouchMarker(marker)
    buffer = io.BytesIO()
    np.save(buffer, column)
    path = _write_npz(tmp_path / "evil.npz", {"train.npy": buffer.getvalue()})
    with pytest.raises(DoodleFormatError, match="refusing to load global"):
        load_sketch_rnn_npz(path)
    assert not marker.exists()


def _object_array_npy(items: list) -> bytes:
    column = np.empty(len(items), dtype=object)
    for index, item in enumerate(items):
        column[index] = item
    buffer = io.BytesIO()
    np.save(buffer, column)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        (np.zeros((3, 2), np.int16), r"shape \(3, 2\)"),
        (np.zeros(3, np.int16), r"shape \(3,\)"),
        (np.array([[0.0, np.nan, 1.0]]), "NaN or infinite"),
        (np.array([[0.0, np.inf, 1.0]], np.float32), "NaN or infinite"),
        (np.zeros((2, 3), np.complex64), "dtype 'c8' is not allowed"),
        (np.array([[1, 2, 3]], dtype=object), "object array"),
        (np.array([np.zeros((1, 3))] * 2 + [None], dtype=object), "object array"),
        ("a string", "opcode|not an array"),
        ({"a": 1}, "opcode"),
    ],
)
def test_bad_drawings_are_refused(tmp_path: Path, item: object, problem: str) -> None:
    data = _object_array_npy([np.zeros((2, 3), np.int16), item])
    path = _write_npz(tmp_path / "bad.npz", {"valid.npy": data})
    with pytest.raises(DoodleFormatError, match=problem):
        load_sketch_rnn_npz(path)


def test_structural_problems(tmp_path: Path) -> None:
    good = _object_array_npy([np.zeros((2, 3), np.int16)])
    cases = {
        "not a zip": None,
        "not a .npy array": {"train.npy": b"hello"},
        "expected an object array": {"train.npy": _npy_bytes(b"", descr="<i2")},
        "1-D array of drawings": {"train.npy": _npy_bytes(b"", shape=(1, 1))},
        "truncated pickle": {"train.npy": good[:-20]},
        "header says 2 drawings": {"train.npy": good.replace(b"(1,)", b"(2,)")},
        "holds no .npy arrays": {"readme.txt": b"hi"},
    }
    for problem, members in cases.items():
        path = tmp_path / "case.npz"
        if members is None:
            path.write_bytes(b"PK\x03\x04 definitely not a zip")
        else:
            _write_npz(path, members)
        with pytest.raises(DoodleFormatError, match=problem):
            load_sketch_rnn_npz(path)
    with pytest.raises(DoodleFormatError, match="no 'test' array"):
        load_sketch_rnn_npz(_write_npz(tmp_path / "x.npz", {"train.npy": good}), splits=["test"])
    with pytest.raises(DoodleFormatError, match="cannot open"):
        load_sketch_rnn_npz(tmp_path / "absent.npz")


def test_an_entry_flagged_as_encrypted_is_refused_clearly(tmp_path: Path) -> None:
    path = _write_npz(tmp_path / "e.npz", {"train.npy": _object_array_npy([np.zeros((2, 3))])})
    data = bytearray(path.read_bytes())
    # Set bit 0 (encrypted) of the general-purpose flags in the central directory entry, the
    # one zipfile trusts: it would otherwise ask for a password with a RuntimeError.
    entry = data.index(b"PK\x01\x02")
    data[entry + 8] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(DoodleFormatError, match="train.npy is password-protected"):
        load_sketch_rnn_npz(path)


def test_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write_npz(tmp_path / "s.npz", {"train.npy": _object_array_npy([np.zeros((5, 3))])})
    monkeypatch.setattr(npz, "MAX_ROWS", 4)
    with pytest.raises(DoodleFormatError, match="5 rows, more than 4"):
        load_sketch_rnn_npz(path)
    monkeypatch.setattr(npz, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(DoodleFormatError, match="more than 100"):
        load_sketch_rnn_npz(path)
    monkeypatch.setattr(npz, "MAX_FILE_BYTES", 10)
    with pytest.raises(DoodleFormatError, match="more than the limit 10"):
        load_sketch_rnn_npz(path)


def test_python2_style_stream_is_read() -> None:
    # Protocol 2 with byte strings, as the published datasets were written.
    element = (
        b"cnumpy.core.multiarray\n_reconstruct\nq\x01cnumpy\nndarray\nq\x02K\x00\x85U\x01b\x87R"
        b"(K\x01K\x01K\x03\x86cnumpy\ndtype\nU\x02i2K\x00K\x01\x87R(K\x03U\x01<NNNJ\xff\xff\xff"
        b"\xffJ\xff\xff\xff\xffK\x00tb\x89U\x06\x01\x00\xfe\xff\x01\x00tb"
    )
    stream = b"\x80\x02]q\x00" + element + b"a."
    (drawing,) = parse_npy_drawings(_npy_bytes(stream))
    np.testing.assert_array_equal(drawing, [[1, -2, 1]])


def test_repeated_references_and_self_references_are_refused() -> None:
    drawing = np.zeros((2, 3), dtype=np.int16)
    repeated = pickle.dumps([drawing, drawing], protocol=4)
    with pytest.raises(_Refused, match="repeats an earlier object"):
        parse_npy_drawings(_npy_bytes(repeated, shape=(2,)))
    looped: list = []
    looped.append(looped)
    with pytest.raises(_Refused, match="object array"):
        parse_npy_drawings(_npy_bytes(pickle.dumps(looped, protocol=4)))


def test_big_endian_drawings_are_read() -> None:
    drawing = np.array([[1, -2, 0], [300, 4, 1]], dtype=">i2")
    (back,) = parse_npy_drawings(_npy_bytes(pickle.dumps([drawing], protocol=4)))
    np.testing.assert_array_equal(back, [[1, -2, 0], [300, 4, 1]])
