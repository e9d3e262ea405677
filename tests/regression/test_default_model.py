"""The shipped default model is rebuilt byte-identically from the labelled corpus (as `make model` does)."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
SHIPPED = REPO / "models" / "default"


@pytest.mark.slow
def test_make_model_rebuilds_the_shipped_model_byte_for_byte(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_model.py"), "--out", str(tmp_path / "default")],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    shipped = sorted(p.name for p in SHIPPED.iterdir())
    assert sorted(p.name for p in (tmp_path / "default").iterdir()) == shipped
    for name in shipped:
        assert (tmp_path / "default" / name).read_bytes() == (SHIPPED / name).read_bytes(), (
            f"models/default/{name} is stale: run `make model` after changing the lexicon or the labelled corpus"
        )
