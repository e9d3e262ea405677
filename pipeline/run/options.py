"""The settings of one ``leersignalen run``, shared by the run stage, its workers and its clusters."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..read.plausible import DateWindow


@dataclass
class RunOptions:
    """Everything ``leersignalen run`` needs to know."""

    inputs: list[Path]
    out: Path
    model: str = "auto"
    encoding: str | None = None
    column_overrides: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    split_on: str | None = None
    lexicon_dir: Path | None = None
    period: str = "month"
    classifier: str | None = None
    processes: int = 1
    csv_dialect: str = "plain"
    date_window: DateWindow | None = None
    dask_scheduler: str | None = None
    dask_local: int = 0
    pseudonymise: bool = False
    key: Path | None = None
    pseudonymise_also: tuple[str, ...] = ()
