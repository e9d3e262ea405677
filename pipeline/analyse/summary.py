"""The short table that ``leersignalen run`` prints at the end."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click
import pandas as pd

from ..output.folder import NOTES, check_run, count_columns, read_table


def summary_table(out: Path) -> pd.DataFrame:
    """Per community: notes, sentences, words, and coded sentences per category and per family."""
    notes = read_table(out / NOTES)
    columns = count_columns()
    notes[columns] = notes[columns].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    table = notes.groupby("community")[columns].sum()
    table.insert(0, "notes", notes.groupby("community").size())
    table.columns = [c.removesuffix("_sentences") for c in table.columns]
    return table


def print_summary_from_manifest(out: Path) -> None:
    """Print the summary of an earlier run from its manifest and notes.csv (refusing an incomplete or mixed run)."""
    counts = SimpleNamespace(**check_run(out)["counts"])
    print_summary(out, counts)


def print_summary(out: Path, counts) -> None:
    """Print counts in and out and the per-community table."""
    click.echo(
        f"{counts.records_in} records read: {counts.notes_out} notes tagged, {counts.rejects} rejected "
        f"(rejects.csv), {counts.notes_without_date} without a usable date; {counts.sentences} sentences, "
        f"{counts.signals} matches ({counts.negated_signals} negated)."
    )
    if counts.notes_out:
        with pd.option_context("display.width", 200, "display.max_columns", 30):
            click.echo(summary_table(out).to_string())
    click.echo(f"Outputs in {out}/")
