"""`run --dask-local 2`: a local Dask cluster of two worker processes writes the bytes of a one-process run."""

from __future__ import annotations

import socket
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


def test_a_scheduler_that_does_not_answer_is_one_line_error(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from leersignalen.cli.main import cli
    from leersignalen.run import cluster

    monkeypatch.setattr(cluster, "SCHEDULER_TIMEOUT", 1)
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{unused.getsockname()[1]}"  # nothing listens there once the socket closes
    result = CliRunner().invoke(cli, ["run", str(INPUTS[0]), "--out", str(tmp_path / "out"), "--dask-scheduler",
                                      address, "-q"])  # fmt: skip
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: E100 {address}: cannot reach the Dask scheduler"), lines
    assert not (tmp_path / "out").exists()
