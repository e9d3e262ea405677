"""How often the flag rules fire on simulated communities with few notes a month (a check of the flags' power).

Four communities per run, 10 months, ``--notes`` notes a month of 6-15 sentences: ``rising`` (learning share
from 0.05 to 0.45, instrumental 0.3), ``shell`` (learning 0.04, instrumental 0.55), ``spike`` (learning 0.08, 0.45
in month 5) and ``flat`` (learning 0.2, instrumental 0.3). Each note's shares vary around the month's (a beta
distribution with concentration 20), as real notes of one meeting do. Prints, per community, in how many runs each
pattern was flagged. Usage: ``python scripts/simulate_flags.py --runs 60 --notes 1-4``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit"))
from leersignalen.analyse.trends import write_trends  # noqa: E402
from trends_fixtures import write_out  # noqa: E402 (the test suite's writer of small tagged folders)

KINDS = ("rising", "shell", "spike", "flat")
MONTHS = 10
CONCENTRATION = 20


def _shares(kind: str, month: int) -> tuple[float, float]:
    if kind == "rising":
        return 0.05 + 0.4 * (month - 1) / (MONTHS - 1), 0.3
    if kind == "shell":
        return 0.04, 0.55
    if kind == "spike":
        return (0.45 if month == 5 else 0.08), 0.3
    return 0.2, 0.3


def _count(rng: np.random.Generator, share: float, total: int) -> int:
    return int(rng.binomial(total, rng.beta(share * CONCENTRATION, (1 - share) * CONCENTRATION)))


def community(rng: np.random.Generator, kind: str, low: int, high: int) -> list[dict]:
    """The notes of one simulated community (counts of sentences, as tests/unit/trends_fixtures.py takes them)."""
    notes = []
    for month in range(1, MONTHS + 1):
        learning, instrumental = _shares(kind, month)
        for index in range(int(rng.integers(low, high + 1))):
            total = int(rng.integers(6, 16))
            leren = _count(rng, learning, total)
            notes.append({"community": kind, "date": f"2025-{month:02d}-{3 + 8 * index:02d}", "sentences": total,
                          "leren": leren, "instrumenteel": min(total - leren, _count(rng, instrumental, total)),
                          "note_id": f"{kind}-{month}-{index}"})  # fmt: skip
    return notes


@click.command()
@click.option("--runs", default=60, show_default=True, help="Simulated runs (seeds 0 .. runs-1).")
@click.option("--notes", default="1-4", show_default=True, help="Notes a month, LOW-HIGH.")
def main(runs: int, notes: str) -> None:
    """Print per community how many runs flagged each pattern."""
    low, high = (int(part) for part in notes.split("-"))
    flagged: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    for seed in range(runs):
        rng = np.random.default_rng(seed)
        rows = [note for kind in KINDS for note in community(rng, kind, low, high)]
        with tempfile.TemporaryDirectory() as folder:
            out = write_out(Path(folder) / "out", rows)
            write_trends(out, n_boot=20, period="month")
            patterns = pd.read_csv(out / "patterns.csv")
        for kind in KINDS:
            for pattern in set(patterns.loc[patterns["community"] == kind, "pattern"]):
                flagged[kind][pattern] = flagged[kind].get(pattern, 0) + 1
    click.echo(json.dumps({"runs": runs, "notes_a_month": notes, "flagged": flagged}, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
