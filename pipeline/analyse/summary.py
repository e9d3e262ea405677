"""The short table that ``leersignalen run`` prints at the end."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click

from ..output.folder import NOTES, check_run, count_columns, read_rows


def summary_rows(out: Path) -> tuple[list[str], dict[str, list[int]]]:
    """Per community (sorted): notes, sentences, words, and coded sentences per category and per family.

    Plain Python rather than pandas, so that printing the summary at the end of a run does not import it.
    Cells that are not whole numbers count as 0.
    """
    _, notes = read_rows(out / NOTES)
    columns = count_columns()
    totals: dict[str, list[int]] = {}
    for row in notes:
        sums = totals.setdefault(row.get("community", ""), [0] * (len(columns) + 1))
        sums[0] += 1
        for position, column in enumerate(columns, start=1):
            sums[position] += _count(row.get(column, ""))
    names = ["notes", *(c.removesuffix("_sentences") for c in columns)]
    return names, dict(sorted(totals.items()))


def _count(cell: str) -> int:
    try:
        return int(cell)
    except ValueError:
        try:
            value = float(cell)
        except ValueError:
            return 0
        return int(value) if value == value and abs(value) != float("inf") else 0


def format_summary(names: list[str], totals: dict[str, list[int]]) -> str:
    """The table laid out as pandas' ``DataFrame.to_string`` lays out an integer table indexed by community."""
    index_width = max(len("community"), *(len(name) for name in totals))
    widths = [max(len(name), *(len(str(values[i])) for values in totals.values())) for i, name in enumerate(names)]
    header = " " * index_width + "".join(f"  {name:>{width}}" for name, width in zip(names, widths, strict=True))
    lines = [header, "community".ljust(len(header))]
    for community, values in totals.items():
        lines.append(community.ljust(index_width) + "".join(
            f"  {value:>{width}}" for value, width in zip(values, widths, strict=True)))
    return "\n".join(lines)


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
        click.echo(format_summary(*summary_rows(out)))
    click.echo(f"Outputs in {out}/")
