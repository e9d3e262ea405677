"""The shipped default model is rebuilt byte-identically from its data and its recorded rules (as `make model` does).

The rebuild reuses the label rules that leave-one-source-out chose (``--rules-from``), so it checks the fit without
repeating the leave-one-source-out fits; `make model` repeats those too.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SHIPPED = REPO / "models" / "default"


@pytest.mark.slow
def test_make_model_rebuilds_the_shipped_model_byte_for_byte(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_model.py"), "--out", str(tmp_path / "default"),
         "--rules-from", str(SHIPPED)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    built_with = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))["versions"]
    rebuilt_with = json.loads((tmp_path / "default" / "model.json").read_text(encoding="utf-8"))["versions"]
    if rebuilt_with != built_with:
        pytest.skip(f"models/default was built with {built_with}, the rebuild with {rebuilt_with}: numerics may differ")
    shipped = sorted(p.name for p in SHIPPED.iterdir())
    assert sorted(p.name for p in (tmp_path / "default").iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / "default" / name).read_bytes() == (SHIPPED / name).read_bytes(), (
            f"models/default/{name} is stale: run `make model` after changing the lexicon or a corpus"
        )


def test_the_blas_kernel_is_pinned_only_where_it_can_run(tmp_path):
    from leersignalen.learn.blas import pin_kernel

    with_avx2, without = tmp_path / "with", tmp_path / "without"
    with_avx2.write_text("processor : 0\nflags\t\t: fpu sse2 avx avx2 fma\n")
    without.write_text("processor : 0\nflags\t\t: fpu sse2 avx\n")
    environ: dict[str, str] = {}
    assert pin_kernel(environ, cpuinfo=with_avx2, machine="x86_64") == "Haswell"
    assert environ == {"OPENBLAS_CORETYPE": "Haswell"}
    assert pin_kernel({"OPENBLAS_CORETYPE": "Zen"}, cpuinfo=with_avx2, machine="x86_64") == "Zen"
    for cpuinfo, machine in ((without, "x86_64"), (with_avx2, "aarch64"), (tmp_path / "missing", "x86_64")):
        environ = {}
        assert pin_kernel(environ, cpuinfo=cpuinfo, machine=machine) is None
        assert environ == {}
