"""Pin numpy's BLAS (OpenBLAS) to one thread at run time, as onnxruntime runs in the app.

The environment variables BLAS reads are useless once numpy is imported (other commands
import it before ``doodle bench`` runs), so the library's own setter is called through ctypes.
On a BLAS without the setter the numpy baseline keeps its default threads and the report says
so. Imports no Qt.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def _loaded_blas_libraries() -> list[str]:
    maps = Path("/proc/self/maps")
    if not maps.is_file():
        return []
    found = []
    for line in maps.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and "openblas" in parts[-1].lower() and parts[-1] not in found:
            found.append(parts[-1])
    return found


def limit_blas_threads(threads: int = 1) -> bool:
    """Set the thread count of every loaded OpenBLAS; True when at least one accepted it."""
    import numpy  # noqa: F401 - the library must be loaded before it can be found

    done = False
    for library in _loaded_blas_libraries():
        try:
            handle = ctypes.CDLL(library)
        except OSError:
            continue
        for symbol in _SETTERS:
            setter = getattr(handle, symbol, None)
            if setter is not None:
                setter(ctypes.c_int(threads))
                done = True
                break
    return done
