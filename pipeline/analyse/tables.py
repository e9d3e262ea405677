"""Reading and writing the analysis tables of an output folder OUT (CSV and trends_settings.json).

Every read and write goes through :mod:`pipeline.output.folder`; the names here are kept for the analysis modules.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Errors, LeersignalenError
from ..output import folder
from ..output.cells import folder_dialect, write_csv
from ..output.folder import SETTINGS as SETTINGS_FILE
from ..output.folder import read_settings, update_settings

__all__ = ["SETTINGS_FILE", "AnalysisInputError", "read_numeric_table", "read_output_table", "read_settings",
           "read_trends", "update_settings", "write_frame"]
TEXT_COLUMNS = ("community", "role", "author", "period", "period_start", "warning")


class AnalysisInputError(LeersignalenError):
    """A tagged output folder that the trend stage cannot use."""


def read_output_table(path: Path) -> pd.DataFrame:
    """Read a CSV from OUT as strings (empty cells stay ``''``), undoing the spreadsheet neutralisation."""
    return folder.read_table(path)


def read_numeric_table(path: Path, text_columns: tuple[str, ...] = TEXT_COLUMNS) -> pd.DataFrame:
    """Read a CSV from OUT with every column not in ``text_columns`` as numbers (empty cells as NaN)."""
    table = read_output_table(path)
    for column in table.columns:
        if column not in text_columns:
            table[column] = pd.to_numeric(table[column].replace("", np.nan), errors="coerce")
    return table


def read_trends(out_dir: str | os.PathLike) -> pd.DataFrame:
    """Read ``OUT/trends.csv`` back with numeric columns as numbers (empty cells as NaN)."""
    path = Path(out_dir) / folder.TRENDS
    if not path.is_file():
        raise AnalysisInputError(Errors.E045.format(path=path, out=out_dir))
    return read_numeric_table(path)


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    """Write a data frame as a deterministic, spreadsheet-safe CSV (NaN as empty cells)."""
    cleaned = frame.astype(object).where(frame.notna(), None)
    rows = cleaned.itertuples(index=False, name=None)
    write_csv(path, rows, list(frame.columns), dialect=folder_dialect(path.parent))
