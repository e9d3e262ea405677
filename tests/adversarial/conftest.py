"""Helpers for the hostile-input tests: read inputs, count records, check the inputs were not changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from leersignalen.read.ingest import Record, Reject
from leersignalen.read.inputs import read_inputs


def tree_hashes(*paths: Path) -> dict[str, str]:
    """SHA-256 of every file under the given paths."""
    hashes = {}
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            hashes[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
    return hashes


class Reading:
    """The outcome of reading some inputs: notes, rejects, skipped files."""

    def __init__(self, paths: list[Path], **options):
        before = tree_hashes(*paths)
        self.reader = read_inputs(paths, **options)
        self.items = list(self.reader)
        assert tree_hashes(*paths) == before, "reading changed an input file"
        self.notes = [item for item in self.items if isinstance(item, Record)]
        self.rejects = [item for item in self.items if isinstance(item, Reject)]
        assert len(self.items) == len(self.notes) + len(self.rejects)
        self.skipped = self.reader.skipped

    def by_id(self) -> dict[str, Record]:
        return {note.id: note for note in self.notes}


@pytest.fixture
def read():
    """``read(path, ...)`` -> Reading, asserting that the inputs are unchanged."""

    def reading(*paths: Path, **options) -> Reading:
        return Reading(list(paths), **options)

    return reading
