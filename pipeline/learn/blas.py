"""The BLAS kernel that training runs on: pinned by `make model`, so the shipped model is the same bytes on any machine.

scikit-learn's liblinear and lbfgs solvers do their sums in OpenBLAS, which picks a kernel for the processor at
start-up (Haswell, SkylakeX, Zen ...). Kernels add in different orders, so a model trained on another processor
differs in the last digits, and liblinear then stops at a slightly different point (weights about 1% apart were
seen). `OPENBLAS_CORETYPE` fixes the kernel; it must be set before numpy is first imported. The shipped model was
trained with the Haswell kernel, which every x86-64 processor with AVX2 can run.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import MutableMapping
from pathlib import Path

SHIPPED_KERNEL = "Haswell"
CPUINFO = Path("/proc/cpuinfo")


def _has_avx2(cpuinfo: Path) -> bool:
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return any(line.startswith("flags") and " avx2" in line for line in text.splitlines())


def pin_kernel(environ: MutableMapping[str, str] | None = None, *, cpuinfo: Path = CPUINFO,
               machine: str | None = None) -> str | None:  # fmt: skip
    """Set ``OPENBLAS_CORETYPE`` to the shipped model's kernel where the processor can run it; return the kernel.

    ``environ`` is this process's environment by default. A kernel set by the user is kept. Returns None where
    nothing could be pinned: no x86-64 processor with AVX2, or numpy was imported already (OpenBLAS has chosen).
    """
    if environ is None:
        environ = os.environ
        if "numpy" in sys.modules and not environ.get("OPENBLAS_CORETYPE"):
            return None
    if environ.get("OPENBLAS_CORETYPE"):
        return environ["OPENBLAS_CORETYPE"]
    if (machine or platform.machine()).lower() not in ("x86_64", "amd64") or not _has_avx2(cpuinfo):
        return None
    environ["OPENBLAS_CORETYPE"] = SHIPPED_KERNEL
    return SHIPPED_KERNEL


def kernel_in_use() -> str:
    """The BLAS libraries and kernels loaded in this process, e.g. ``openblas Haswell`` (for a model's card)."""
    import numpy  # noqa: F401  (loads numpy's BLAS, so that it is listed)
    from threadpoolctl import threadpool_info

    found = sorted({f"{info.get('internal_api')} {info.get('architecture')}" for info in threadpool_info()
                    if info.get("user_api") == "blas"})  # fmt: skip
    return ", ".join(found) or "unknown"
