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
    return RunFolder(path, tables[NOTES], tables[SENTENCES], tables[SIGNALS], manifest)


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
