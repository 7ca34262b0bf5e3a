"""Sketch-RNN ``.npz`` datasets, read without unpickling; imports no Qt.

A sketch-rnn dataset is a zip of ``.npy`` members (``train``, ``valid``, ``test``), each a 1-D
object array of stroke-3 drawings (``[N, 3]`` int16 or float offsets). ``numpy.load`` reads those
only when told to unpickle, which runs whatever code the file asks for. This module
instead parses the ``.npy`` header itself and runs a small, closed pickle interpreter that knows
only the opcodes numpy emits for arrays and only three globals (numpy's ``_reconstruct``,
``ndarray`` and ``dtype``); nothing in the file is ever called or imported. Every drawing is then
validated (2-D, 3 columns, int16/int/float dtype, finite). Anything else raises
``DoodleFormatError`` naming the file, the member and the problem.

Limits: ``MAX_FILE_BYTES`` for the file, ``MAX_MEMBER_BYTES`` for each uncompressed member,
``MAX_DRAWINGS`` per member and ``MAX_ROWS`` per drawing.
"""

from __future__ import annotations

import ast
import io
import os
import struct
import warnings
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from doodle.core.errors import DoodleFormatError

MAX_FILE_BYTES = 1024 * 1024 * 1024
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_DRAWINGS = 5_000_000
MAX_ROWS = 100_000
_MAX_HEADER_BYTES = 65_536
_MAX_MEMO = 10_000_000

_RECONSTRUCT = {
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
}
_NDARRAY = {("numpy", "ndarray")}
_DTYPE = {("numpy", "dtype")}
_NUMERIC_DTYPES = {"i1", "i2", "i4", "i8", "u1", "u2", "u4", "f2", "f4", "f8"}
_OBJECT_DTYPES = {"O4", "O8"}


class _Refused(Exception):
    """The pickle stream holds something outside the accepted subset."""


@dataclass(frozen=True)
class _Global:
    kind: str  # "reconstruct", "ndarray" or "dtype"


@dataclass
class _DtypeBuilder:
    name: str
    byteorder: str = "="

    def dtype(self) -> np.dtype:
        if self.name in _OBJECT_DTYPES:
            raise _Refused("an object dtype inside a drawing")
        order = "=" if self.byteorder in ("|", "=") else self.byteorder
        return np.dtype(self.name).newbyteorder(order)


@dataclass
class _ArrayBuilder:
    result: np.ndarray | list[Any] | None = None


_MARK = object()


class _RestrictedPickle:
    """Evaluates the numpy-array subset of the pickle language; never imports or calls."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.stack: list[Any] = []
        self.memo: dict[int, Any] = {}

    def take(self, count: int) -> bytes:
        if count < 0 or self.pos + count > len(self.data):
            raise _Refused("truncated pickle stream")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def unpack(self, fmt: str) -> int:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def pop_mark(self) -> list[Any]:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index] is _MARK:
                items = self.stack[index + 1 :]
                del self.stack[index:]
                return items
        raise _Refused("unbalanced MARK")

    def pop(self) -> Any:
        if not self.stack:
            raise _Refused("stack underflow")
        value = self.stack.pop()
        if value is _MARK:
            raise _Refused("unexpected MARK")
        return value

    def readline(self) -> str:
        end = self.data.find(b"\n", self.pos)
        if end < 0:
            raise _Refused("truncated pickle stream")
        line = self.data[self.pos : end]
        self.pos = end + 1
        return line.decode("ascii", errors="replace")

    def put_memo(self, key: int) -> None:
        if len(self.memo) >= _MAX_MEMO:
            raise _Refused("too many memo entries")
        if not self.stack:
            raise _Refused("stack underflow")
        self.memo[key] = self.stack[-1]

    def get_memo(self, key: int) -> None:
        if key not in self.memo:
            raise _Refused(f"memo key {key} missing")
        self.stack.append(self.memo[key])

    def run(self) -> Any:
        while True:
            opcode = self.take(1)
            handler = _OPCODES.get(opcode)
            if handler is None:
                raise _Refused(f"pickle opcode {opcode!r} is not allowed")
            if handler(self):
                if len(self.stack) != 1:
                    raise _Refused("pickle stream does not end with one object")
                return self.stack[0]


def _lookup_global(module: str, name: str) -> _Global:
    key = (module, name)
    if key in _RECONSTRUCT:
        return _Global("reconstruct")
    if key in _NDARRAY:
        return _Global("ndarray")
    if key in _DTYPE:
        return _Global("dtype")
    raise _Refused(f"refusing to load global {module}.{name}")


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, str):
        return value
    raise _Refused(f"expected a string, got {type(value).__name__}")


def _reduce(machine: _RestrictedPickle) -> None:
    args = machine.pop()
    function = machine.pop()
    if not isinstance(function, _Global) or not isinstance(args, tuple):
        raise _Refused("REDUCE of something other than a numpy array or dtype")
    if function.kind == "reconstruct":
        if len(args) != 3 or args[0] != _Global("ndarray"):
            raise _Refused("unexpected _reconstruct arguments")
        machine.stack.append(_ArrayBuilder())
    elif function.kind == "dtype":
        # Python 2 pickles write the two flags as 0 / 1.
        if len(args) != 3 or not all(flag in (0, 1) for flag in args[1:]):
            raise _Refused("unexpected dtype arguments")
        name = _text(args[0])
        if name not in _NUMERIC_DTYPES | _OBJECT_DTYPES:
            raise _Refused(f"dtype {name!r} is not allowed")
        machine.stack.append(_DtypeBuilder(name))
    else:
        raise _Refused("calling numpy.ndarray directly is not allowed")


def _build(machine: _RestrictedPickle) -> None:
    state = machine.pop()
    target = machine.stack[-1] if machine.stack else None
    if isinstance(target, _DtypeBuilder):
        if not isinstance(state, tuple) or len(state) < 5 or state[2:5] != (None, None, None):
            raise _Refused("structured or unusual dtype state")
        byteorder = _text(state[1])
        if byteorder not in ("<", ">", "|", "="):
            raise _Refused(f"unexpected byte order {byteorder!r}")
        target.byteorder = byteorder
    elif isinstance(target, _ArrayBuilder):
        target.result = _array_from_state(state)
    else:
        raise _Refused("BUILD on something other than a numpy array or dtype")


def _array_from_state(state: Any) -> np.ndarray | list[Any]:
    if not isinstance(state, tuple) or len(state) != 5:
        raise _Refused("unexpected array state")
    _version, shape, dtype_builder, fortran, payload = state
    if not isinstance(shape, tuple) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 0 <= n for n in shape
    ):
        raise _Refused("bad array shape")
    if not isinstance(dtype_builder, _DtypeBuilder) or not isinstance(fortran, bool):
        raise _Refused("bad array dtype")
    count = int(np.prod(shape, dtype=np.int64))
    if dtype_builder.name in _OBJECT_DTYPES:
        if len(shape) != 1 or not isinstance(payload, list) or len(payload) != count:
            raise _Refused("object array must be 1-D with one item per element")
        return list(payload)
    dtype = dtype_builder.dtype()
    if isinstance(payload, str):
        payload = payload.encode("latin-1")
    if not isinstance(payload, bytes) or len(payload) != count * dtype.itemsize:
        raise _Refused("array data does not match its shape and dtype")
    flat = np.frombuffer(payload, dtype=dtype)
    return flat.reshape(shape, order="F" if fortran else "C").astype(dtype.newbyteorder("="))


def _items(value: Any) -> list[Any]:
    """The elements of the top-level object array (or plain list) of drawings."""
    if isinstance(value, _ArrayBuilder):
        value = value.result
    if not isinstance(value, list):
        raise _Refused("the pickle stream is not an array or list of drawings")
    items = []
    seen: set[int] = set()
    for index, item in enumerate(value):
        # A memo reference can repeat one array any number of times for a few bytes each.
        if id(item) in seen:
            raise _Refused(f"drawing {index} repeats an earlier object")
        seen.add(id(item))
        items.append(item.result if isinstance(item, _ArrayBuilder) else item)
    return items


def _push(value: Any) -> Any:
    def handler(machine: _RestrictedPickle) -> None:
        machine.stack.append(value)

    return handler


def _tuple_of(size: int) -> Any:
    def handler(machine: _RestrictedPickle) -> None:
        items = [machine.pop() for _ in range(size)][::-1]
        machine.stack.append(tuple(items))

    return handler


def _string(length_format: str, kind: str) -> Any:
    def handler(machine: _RestrictedPickle) -> None:
        raw = machine.take(machine.unpack(length_format))
        machine.stack.append(raw.decode("utf-8") if kind == "unicode" else raw)

    return handler


def _appends(machine: _RestrictedPickle) -> None:
    items = machine.pop_mark()
    target = machine.pop()
    if not isinstance(target, list):
        raise _Refused("APPENDS to something other than a list")
    target.extend(items)
    machine.stack.append(target)


def _append(machine: _RestrictedPickle) -> None:
    item = machine.pop()
    target = machine.stack[-1] if machine.stack else None
    if not isinstance(target, list):
        raise _Refused("APPEND to something other than a list")
    target.append(item)


def _global_op(machine: _RestrictedPickle) -> None:
    module = machine.readline()
    name = machine.readline()
    machine.stack.append(_lookup_global(module, name))


def _stack_global(machine: _RestrictedPickle) -> None:
    name = machine.pop()
    module = machine.pop()
    if not isinstance(module, str) or not isinstance(name, str):
        raise _Refused("STACK_GLOBAL needs two strings")
    machine.stack.append(_lookup_global(module, name))


def _proto(machine: _RestrictedPickle) -> None:
    if machine.take(1)[0] > 5:
        raise _Refused("unknown pickle protocol")


def _long1(machine: _RestrictedPickle) -> None:
    size = machine.take(1)[0]
    if size > 8:
        raise _Refused("integer too large")
    machine.stack.append(int.from_bytes(machine.take(size), "little", signed=True))


def _mark(machine: _RestrictedPickle) -> None:
    machine.stack.append(_MARK)


def _list(machine: _RestrictedPickle) -> None:
    machine.stack.append(machine.pop_mark())


def _tuple(machine: _RestrictedPickle) -> None:
    machine.stack.append(tuple(machine.pop_mark()))


def _memoize(machine: _RestrictedPickle) -> None:
    machine.put_memo(len(machine.memo))


def _frame(machine: _RestrictedPickle) -> None:
    machine.take(8)


def _stop(machine: _RestrictedPickle) -> bool:
    return True


def _empty_list(machine: _RestrictedPickle) -> None:
    machine.stack.append([])


_OPCODES: dict[bytes, Any] = {
    b"\x80": _proto,
    b"\x95": _frame,
    b".": _stop,
    b"(": _mark,
    b"N": _push(None),
    b"\x88": _push(True),
    b"\x89": _push(False),
    b")": _push(()),
    b"]": _empty_list,
    b"\x85": _tuple_of(1),
    b"\x86": _tuple_of(2),
    b"\x87": _tuple_of(3),
    b"t": _tuple,
    b"l": _list,
    b"a": _append,
    b"e": _appends,
    b"K": lambda m: m.stack.append(m.unpack("<B")),
    b"M": lambda m: m.stack.append(m.unpack("<H")),
    b"J": lambda m: m.stack.append(m.unpack("<i")),
    b"\x8a": _long1,
    b"U": _string("<B", "bytes"),
    b"T": _string("<I", "bytes"),
    b"C": _string("<B", "bytes"),
    b"B": _string("<I", "bytes"),
    b"\x8e": _string("<Q", "bytes"),
    b"\x8c": _string("<B", "unicode"),
    b"X": _string("<I", "unicode"),
    b"\x8d": _string("<Q", "unicode"),
    b"q": lambda m: m.put_memo(m.unpack("<B")),
    b"r": lambda m: m.put_memo(m.unpack("<I")),
    b"\x94": _memoize,
    b"h": lambda m: m.get_memo(m.unpack("<B")),
    b"j": lambda m: m.get_memo(m.unpack("<I")),
    b"c": _global_op,
    b"\x93": _stack_global,
    b"R": _reduce,
    b"b": _build,
}


def _parse_npy_header(raw: bytes) -> tuple[dict[str, Any], int]:
    if raw[:6] != b"\x93NUMPY" or len(raw) < 10:
        raise _Refused("not a .npy array")
    major = raw[6]
    if major == 1:
        length, start = struct.unpack("<H", raw[8:10])[0], 10
    elif major in (2, 3):
        if len(raw) < 12:
            raise _Refused("truncated .npy header")
        length, start = struct.unpack("<I", raw[8:12])[0], 12
    else:
        raise _Refused(f"unknown .npy version {major}")
    if length > _MAX_HEADER_BYTES or start + length > len(raw):
        raise _Refused("bad .npy header length")
    try:
        # A corrupt header can hold odd escapes; their warnings would only be noise.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            header = ast.literal_eval(raw[start : start + length].decode("latin-1"))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise _Refused("unreadable .npy header") from None
    if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
        raise _Refused("unexpected .npy header fields")
    return header, start + length


def _validate_drawing(item: Any, index: int) -> np.ndarray:
    if isinstance(item, list):
        raise _Refused(f"drawing {index} is an object array, expected numbers")
    if item is None:
        raise _Refused(f"drawing {index} is an array without data")
    if not isinstance(item, np.ndarray):
        raise _Refused(f"drawing {index} is not an array")
    if item.ndim != 2 or item.shape[1] != 3:
        raise _Refused(f"drawing {index} has shape {item.shape}, expected [N, 3]")
    if item.shape[0] > MAX_ROWS:
        raise _Refused(f"drawing {index} has {item.shape[0]} rows, more than {MAX_ROWS}")
    if item.dtype.kind not in "iuf":
        raise _Refused(f"drawing {index} has dtype {item.dtype}")
    drawing = item.astype(np.float32)
    if not np.all(np.isfinite(drawing)):
        raise _Refused(f"drawing {index} has NaN or infinite values")
    return drawing


def parse_npy_drawings(raw: bytes) -> list[np.ndarray]:
    """The stroke-3 drawings (float32 ``[N, 3]``) of one ``.npy`` member's bytes."""
    header, start = _parse_npy_header(raw)
    if header["descr"] != "|O":
        raise _Refused(f"expected an object array of drawings, got dtype {header['descr']!r}")
    shape = header["shape"]
    if not isinstance(shape, tuple) or len(shape) != 1:
        raise _Refused(f"expected a 1-D array of drawings, got shape {shape!r}")
    if shape[0] > MAX_DRAWINGS:
        raise _Refused(f"{shape[0]} drawings, more than the limit {MAX_DRAWINGS}")
    try:
        value = _items(_RestrictedPickle(raw[start:]).run())
    except (struct.error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise _Refused(f"malformed pickle stream ({error})") from None
    if len(value) != shape[0]:
        raise _Refused(f"header says {shape[0]} drawings, the data holds {len(value)}")
    return [_validate_drawing(item, index) for index, item in enumerate(value)]


# Bit 0 of a zip entry's general-purpose flags: the entry is encrypted.
_ZIP_ENCRYPTED = 0x1


def load_sketch_rnn_npz(
    path: str | os.PathLike[str], splits: Sequence[str] | None = None
) -> dict[str, list[np.ndarray]]:
    """Read a sketch-rnn dataset: split name (``train``, ``valid``, ``test``...) -> drawings.

    Each drawing is a float32 stroke-3 array ``[N, 3]`` (the file's int16 values are exact in
    float32). ``splits`` restricts which members are read; a requested split that is missing
    raises ``DoodleFormatError``.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as error:
        raise DoodleFormatError(source, f"cannot open: {error.strerror}") from None
    if size > MAX_FILE_BYTES:
        raise DoodleFormatError(source, f"{size} bytes, more than the limit {MAX_FILE_BYTES}")
    result: dict[str, list[np.ndarray]] = {}
    try:
        with zipfile.ZipFile(source) as archive:
            members = {
                info.filename.removesuffix(".npy"): info
                for info in archive.infolist()
                if info.filename.endswith(".npy")
            }
            wanted = list(members) if splits is None else list(splits)
            for name in wanted:
                if name not in members:
                    raise DoodleFormatError(source, f"no '{name}' array in the archive")
                result[name] = _read_member(source, archive, members[name])
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        zlib.error,
    ) as error:
        raise DoodleFormatError(source, f"not a readable npz archive ({error})") from None
    except OSError as error:
        raise DoodleFormatError(source, f"cannot read: {error}") from None
    if not result:
        raise DoodleFormatError(source, "the archive holds no .npy arrays")
    return result


def _read_member(source: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[np.ndarray]:
    if info.file_size > MAX_MEMBER_BYTES:
        raise DoodleFormatError(
            source, f"{info.filename}: {info.file_size} bytes, more than {MAX_MEMBER_BYTES}"
        )
    if info.flag_bits & _ZIP_ENCRYPTED:
        # zipfile would ask for a password with a RuntimeError; a dataset is never encrypted.
        raise DoodleFormatError(
            source, f"{info.filename} is password-protected; save the dataset without a password"
        )
    with archive.open(info) as member:
        # Read one byte past the limit: a member whose real size exceeds its header is refused.
        raw = member.read(MAX_MEMBER_BYTES + 1)
    if len(raw) > MAX_MEMBER_BYTES:
        raise DoodleFormatError(source, f"{info.filename}: larger than {MAX_MEMBER_BYTES} bytes")
    try:
        return parse_npy_drawings(raw)
    except _Refused as error:
        raise DoodleFormatError(source, f"{info.filename}: {error}") from None


def save_sketch_rnn_npz(
    path: str | os.PathLike[str], splits: Mapping[str, Sequence[np.ndarray]]
) -> None:
    """Write a sketch-rnn dataset (stroke-3 drawings per split) as numpy itself would.

    Drawings are stored as int16 when they are all whole numbers in range, else float32.
    """
    arrays: dict[str, np.ndarray] = {}
    for name, drawings in splits.items():
        column = np.empty(len(drawings), dtype=object)
        for index, drawing in enumerate(drawings):
            array = np.asarray(drawing)
            if array.ndim != 2 or array.shape[1] != 3 or not np.all(np.isfinite(array)):
                raise ValueError(f"{name}[{index}]: a drawing must be a finite [N, 3] array")
            whole = np.array_equal(array, np.round(array)) and np.abs(array).max(initial=0) < 32768
            column[index] = array.astype(np.int16 if whole else np.float32)
        arrays[name] = column
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    Path(path).write_bytes(buffer.getvalue())
