"""The short table that ``leersignalen run`` prints at the end."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import click
import pandas as pd

from ..categories import category_ids
from ..output.cells import csv_delimiter


def summary_table(out: Path) -> pd.DataFrame:
    """Per community: notes, sentences, words, and coded sentences per category and per family."""
    path = out / "notes.csv"
    notes = pd.read_csv(path, dtype={"community": str}, keep_default_na=False, sep=csv_delimiter(path),
                        encoding="utf-8-sig")
    columns = ["sentences", "words"] + [f"{c}_sentences" for c in category_ids()]
    columns += ["leren_sentences", "instrumenteel_sentences"]
    table = notes.groupby("community")[columns].sum()
    table.insert(0, "notes", notes.groupby("community").size())
    table.columns = [c.removesuffix("_sentences") for c in table.columns]
    return table


def print_summary_from_manifest(out: Path) -> None:
    """Print the summary of an earlier run from its manifest and notes.csv."""
    with open(out / "manifest.json", encoding="utf-8") as handle:
        counts = SimpleNamespace(**json.load(handle)["counts"])
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
