"""Read the output folder of ``leersignalen run`` (notes, sentences, signals, manifest) for the exporters.

Reads through :mod:`pipeline.output.folder`, which refuses an incomplete run or one mixing runs (E088, E089).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import Errors
from ..output.folder import NOTES, SENTENCES, SIGNALS, check_run, check_trends, has_trends, read_table
from . import ExchangeError

REQUIRED = (NOTES, SENTENCES, SIGNALS)


@dataclass(frozen=True)
class RunFolder:
    """The tables of one run, every cell a string (empty cells ``''``)."""

    path: Path
    notes: pd.DataFrame
    sentences: pd.DataFrame
    signals: pd.DataFrame
    manifest: dict


def read_run_folder(run_dir: str | Path) -> RunFolder:
    """Read notes.csv, sentences.csv, signals.csv and manifest.json (optional) from ``run_dir``."""
    path = Path(run_dir)
    manifest = check_run_folder(path)
    tables = {name: read_table(path / name) for name in REQUIRED}
    for name, columns in NEEDED_COLUMNS.items():
        missing = [column for column in columns if column not in tables[name].columns]
        if missing:
            raise ExchangeError(Errors.E041.format(path=path / name, columns=", ".join(missing),
                                                   fix="is this the output of `leersignalen run`?"))  # fmt: skip
    for name in (SENTENCES, SIGNALS):
        _check_offsets(path / name, tables[name])
    return RunFolder(path, tables[NOTES], tables[SENTENCES], tables[SIGNALS], manifest)


NEEDED_COLUMNS = {
    NOTES: ("note_id", "community", "date"),
    SENTENCES: ("note_id", "sentence_index", "start_char", "end_char", "text", "labels"),
    SIGNALS: ("note_id", "sentence_index", "category", "rule_id", "matched_text", "negated"),
}  # what the exports read; a hand-made folder may hold more
OFFSET_COLUMNS = ("sentence_index", "start_char", "end_char")
OFFSET = r"\d{1,12}"  # a character offset of a text of up to a terabyte


def _check_offsets(path: Path, table: pd.DataFrame) -> None:
    """Refuse (E112) a hand-edited table whose offsets are not whole numbers: the exports would crash on them."""
    for column in (c for c in OFFSET_COLUMNS if c in table.columns):
        bad = ~table[column].astype(str).str.fullmatch(OFFSET)
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            value = table[column].iloc[row]
            raise ExchangeError(Errors.E112.format(path=path, row=row + 2, column=column, value=value))


def check_run_folder(path: Path) -> dict:
    """Refuse a folder without the tables of a run (E065), an incomplete run or one mixing runs (E088, E089).

    Returns the manifest ({} when absent).
    """
    manifest = check_run(path)
    missing = [name for name in REQUIRED if not (path / name).is_file()]
    if missing:
        raise ExchangeError(Errors.E065.format(path=path, problem=f"missing {', '.join(missing)}"))
    if has_trends(path):
        check_trends(path, manifest)
    return manifest
