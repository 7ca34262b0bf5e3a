"""Keeps Python 3.11 alive under a PySide6 6.12 reference-counting bug.

With PySide6 6.12 on Python 3.11, every call of a Qt method that returns nothing (``drawLine``,
``setPen``, ``fill``, ...) releases one reference to ``None`` that it never took (and
``Signal.emit()`` does the same to ``True``/``False``). After a few thousand calls the count
reaches zero and the interpreter aborts ("none_dealloc"). From Python 3.12 on these objects are
immortal and the bug is harmless. pyproject.toml excludes 6.12.0; should an affected build be
installed anyway on an older Python, we give these objects reference counts so large that no
session can use them up.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 48


def protect_none() -> None:
    """Add headroom to the reference counts of ``None``, ``True`` and ``False``.

    ``True``/``False`` suffer the same way from every Python-side ``Signal.emit()`` (it returns
    a bool it does not own). CPython before 3.12 only; idempotent.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import PySide6

    if not getattr(PySide6, "__version__", "").startswith("6.12."):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _HEADROOM:
            count.value += _HEADROOM
