"""Read the output folder of ``leersignalen run`` (notes, sentences, signals, manifest) for the exporters.

Kept to one function so that it can be swapped for the shared output-folder module later.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..analyse.tables import read_output_table
from ..errors import Errors
from . import ExchangeError

REQUIRED = ("notes.csv", "sentences.csv", "signals.csv")


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
    missing = [name for name in REQUIRED if not (path / name).is_file()]
    if missing:
        raise ExchangeError(Errors.E065.format(path=path, problem=f"missing {', '.join(missing)}"))
    manifest_path = path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    tables = {name: read_output_table(path / f"{name}.csv") for name in ("notes", "sentences", "signals")}
    return RunFolder(path, tables["notes"], tables["sentences"], tables["signals"], manifest)
