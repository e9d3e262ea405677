"""`run --dask-local 2`: a local Dask cluster of two worker processes writes the bytes of a one-process run."""

from __future__ import annotations

from pathlib import Path

import pytest
from leersignalen.run.batch import RunOptions, run_pipeline

pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parents[2]
INPUTS = [REPO / "data" / "sample" / "wijkteam_noord.csv", REPO / "data" / "sample" / "leeratelier_zorg.jsonl"]
TAGGED = ("sentences.csv", "signals.csv", "notes.csv", "rejects.csv")


@pytest.mark.slow
def test_local_dask_cluster_gives_the_bytes_of_one_process(tmp_path, monkeypatch):
    from leersignalen.run import parallel

    monkeypatch.setattr(parallel, "CHUNK_NOTES", 16)  # several chunks per worker, so order matters
    run_pipeline(RunOptions(inputs=INPUTS, out=tmp_path / "one", model="blank"))
    run_pipeline(RunOptions(inputs=INPUTS, out=tmp_path / "dask", model="blank", dask_local=2))
    for name in TAGGED:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    assert not list((tmp_path / "dask").glob(".parts-*"))
