"""Regression cases kept as data (tests/regression/cases.tsv); known misses carry an xfail reason.

A literal ``\\n`` in a text stands for a line break (headings followed by text).
"""

import csv
from pathlib import Path

import pytest
from leersignalen.categories import category_ids

CASES = Path(__file__).resolve().parent / "cases.tsv"


def load_cases():
    with open(CASES, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    params = []
    for row in rows:
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row["xfail"] else []
        params.append(pytest.param(row["text"].replace("\\n", "\n"), row["labels"], id=row["id"], marks=marks))
    return params


def test_case_file_uses_known_categories():
    known = set(category_ids())
    with open(CASES, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            assert {label for label in row["labels"].split(";") if label} <= known, row["id"]


@pytest.mark.parametrize(("text", "labels"), load_cases())
def test_regression_case(nlp, text, labels):
    predicted = {s.category for s in nlp(text)._.ls_signals if not s.negated}
    assert predicted == {label for label in labels.split(";") if label}
