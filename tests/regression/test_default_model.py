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
    import numpy
    import sklearn

    built_with = json.loads((SHIPPED / "model.json").read_text(encoding="utf-8"))["versions"]
    installed = {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__}
    if any(built_with.get(name) != version for name, version in installed.items()):
        pytest.skip(f"models/default was built with {built_with}; installed {installed}: numerics may differ")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_model.py"), "--out", str(tmp_path / "default"),
         "--rules-from", str(SHIPPED)],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shipped = sorted(p.name for p in SHIPPED.iterdir())
    assert sorted(p.name for p in (tmp_path / "default").iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / "default" / name).read_bytes() == (SHIPPED / name).read_bytes(), (
            f"models/default/{name} is stale: run `make model` after changing the lexicon or a corpus"
        )
