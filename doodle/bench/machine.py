"""What machine a benchmark ran on: CPU model, cores, OS and library versions. Imports no Qt."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine_info() -> dict[str, Any]:
    return {
        "cpu": _cpu_model(),
        "cores": _usable_cores(),
        "python": sys.version.split()[0],
        "onnxruntime": _version("onnxruntime"),
        "numpy": _version("numpy"),
        "pyside6": _version("PySide6"),
        "os": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
    }
