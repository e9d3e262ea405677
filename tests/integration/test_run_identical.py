"""The speed work changes no output: the sample tags to the same bytes as before it, with 1 or 2 processes.

The expected SHA-256 sums in ``tests/data/run_expected/sample_sha256.json`` were made with the code before the
speed work. Run this file as a script with ``--update`` to rewrite them after an intended change of the tagging.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXPECTED = REPO / "tests" / "data" / "run_expected" / "sample_sha256.json"
SAMPLE = [Path("data", "sample", name) for name in (
    "wijkteam_noord.csv", "energiecooperatie_zonnedak.csv", "leeratelier_zorg.jsonl", "logboeken", "notulen",
    "livinglab_mobiliteit.xlsx")]  # fmt: skip
COMPARED = ("notes.csv", "sentences.csv", "signals.csv", "rejects.csv", "trends.csv", "trend_tests.csv", "patterns.csv")


def tag_sample(out: Path, *, processes: int = 1, classifier: str | None = None) -> dict[str, str]:
    """Run the sample as `make demo` does (blank model, split on date, paths relative to the repository).

    Returns the SHA-256 of each compared output.
    """
    from leersignalen.analyse.trends import write_trends
    from leersignalen.run.batch import RunOptions, run_pipeline

    options = RunOptions(inputs=SAMPLE, out=out, model="blank", split_on="date", processes=processes,
                         classifier=classifier)  # fmt: skip
    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        run_pipeline(options)
    finally:
        os.chdir(cwd)
    write_trends(out)
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in COMPARED}


def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _lexicon_note(out: Path) -> str:
    lexicon = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["lexicon"]["sha256"]
    if lexicon != expected()["lexicon_sha256"]:
        return " (the lexicon changed since the sums were made: rerun this file with --update if that is intended)"
    return ""


@pytest.mark.slow
def test_one_process_gives_the_bytes_of_before(tmp_path):
    found = tag_sample(tmp_path)
    assert found == expected()["lexicon"], _lexicon_note(tmp_path)


@pytest.mark.slow
def test_two_processes_give_the_bytes_of_one(tmp_path):
    found = tag_sample(tmp_path, processes=2)
    assert found == expected()["lexicon"], _lexicon_note(tmp_path)


@pytest.mark.slow
def test_classifier_gives_the_bytes_of_before(tmp_path):
    found = tag_sample(tmp_path, classifier="default")
    assert found == expected()["classifier_default"], _lexicon_note(tmp_path)


def _update(work: Path) -> None:
    data = expected()
    data["lexicon"] = tag_sample(work / "lexicon")
    data["classifier_default"] = tag_sample(work / "classifier", classifier="default")
    data["lexicon_sha256"] = json.loads((work / "lexicon" / "manifest.json").read_text(encoding="utf-8"))[
        "lexicon"]["sha256"]
    EXPECTED.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__" and "--update" in sys.argv:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        _update(Path(folder))
    print(f"wrote {EXPECTED}")
