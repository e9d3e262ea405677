"""The office part of the sample (scripts/make_sample_office.py) reads as designed with --split-on date."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from leersignalen.read.ingest import Record
from leersignalen.read.inputs import read_inputs

pytest.importorskip("docx")
pytest.importorskip("openpyxl")
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


def test_sample_minutes_and_log():
    items = list(read_inputs([SAMPLE / "notulen", SAMPLE / "livinglab_mobiliteit.xlsx"], split_on="date"))
    assert all(isinstance(item, Record) and item.date for item in items)
    assert Counter(item.community for item in items) == {"buurtmoestuin-west": 10, "livinglab-mobiliteit": 22}
    long_document = [item for item in items if item.id.startswith("notulen-najaar-2025:")]
    assert [item.date.month for item in long_document] == [9, 10, 11, 12, 1]
    assert not any("Buurtmoestuin West - werkgroep" in item.text for item in items)
