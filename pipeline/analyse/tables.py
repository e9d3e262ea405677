"""Reading and writing the analysis tables of an output folder OUT (CSV and trends_settings.json)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Errors, LeersignalenError
from ..output.cells import UNNEUTRALISE_PATTERN, csv_delimiter, folder_dialect, write_csv

SETTINGS_FILE = "trends_settings.json"
TEXT_COLUMNS = ("community", "role", "author", "period", "period_start", "warning")


class AnalysisInputError(LeersignalenError):
    """A tagged output folder that the trend stage cannot use."""


def read_output_table(path: Path) -> pd.DataFrame:
    """Read a CSV from OUT as strings (empty cells stay ``''``), undoing the spreadsheet neutralisation."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=csv_delimiter(path))
    for column in table.columns:
        table[column] = table[column].astype(object).str.replace(UNNEUTRALISE_PATTERN, "", regex=True)
    return table


def read_numeric_table(path: Path, text_columns: tuple[str, ...] = TEXT_COLUMNS) -> pd.DataFrame:
    """Read a CSV from OUT with every column not in ``text_columns`` as numbers (empty cells as NaN)."""
    table = read_output_table(path)
    for column in table.columns:
        if column not in text_columns:
            table[column] = pd.to_numeric(table[column].replace("", np.nan), errors="coerce")
    return table


def read_trends(out_dir: str | os.PathLike) -> pd.DataFrame:
    """Read ``OUT/trends.csv`` back with numeric columns as numbers (empty cells as NaN)."""
    path = Path(out_dir) / "trends.csv"
    if not path.is_file():
        raise AnalysisInputError(Errors.E045.format(path=path, out=out_dir))
    return read_numeric_table(path)


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    """Write a data frame as a deterministic, spreadsheet-safe CSV (NaN as empty cells)."""
    cleaned = frame.astype(object).where(frame.notna(), None)
    rows = cleaned.itertuples(index=False, name=None)
    write_csv(path, rows, list(frame.columns), dialect=folder_dialect(path.parent))


def update_settings(out_dir: str | os.PathLike, update: dict) -> None:
    """Merge ``update`` into ``OUT/trends_settings.json`` (top-level keys are replaced)."""
    path = Path(out_dir) / SETTINGS_FILE
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    current.update(update)
    text = json.dumps(current, ensure_ascii=False, indent=2, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def read_settings(out_dir: str | os.PathLike) -> dict:
    """Return the contents of ``OUT/trends_settings.json`` ({} when absent)."""
    path = Path(out_dir) / SETTINGS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
