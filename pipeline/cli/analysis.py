"""Click commands ``trends`` and ``report``, attached to the ``leersignalen`` group in :mod:`pipeline.cli`."""

from __future__ import annotations

from pathlib import Path

import click

from ..defaults import MIN_WORDS
from ..errors import LeersignalenError
from .errors import UserError

PERIODS = ("week", "month", "quarter")
OUT_DIR = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)


def _require_notes(out_dir: Path) -> None:
    if not (out_dir / "notes.csv").is_file():
        raise UserError(f"E040 {out_dir / 'notes.csv'}: not found; run 'leersignalen run' first "
                                 f"or point to its output folder")


@click.command("trends", help="Compute trends, trend tests and pattern flags from a tagged output folder OUT.")
@click.argument("out_dir", metavar="OUT", type=OUT_DIR)
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True,
              help="Period to aggregate notes by: ISO week (2025-W14), month (2025-03) or quarter (2025-Q1).")
@click.option("--seed", type=int, default=20251, show_default=True,
              help="Seed of the bootstrap; the same seed gives byte-identical files.")
@click.option("--min-notes", type=click.IntRange(min=1), default=5, show_default=True,
              help="Periods with fewer notes get the warning few_notes and are left out of tests and flags.")
@click.option("--min-words", type=click.IntRange(min=0), default=MIN_WORDS, show_default=True,
              help="Periods with fewer words get the warning few_words and are left out of tests and flags.")
@click.option("--n-boot", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Number of bootstrap resamples of the notes for the 95% intervals (0: no intervals).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def trends(out_dir: Path, period: str, seed: int, min_notes: int, min_words: int, n_boot: int,
                   quiet: bool) -> None:
    """Write trends.csv, trends_by_role/author.csv, trend_tests.csv and patterns.csv into OUT."""
    from ..analyse.trends import write_trends

    _require_notes(out_dir)
    try:
        summary = write_trends(out_dir, period=period, seed=seed, min_notes=min_notes, min_words=min_words,
                          n_boot=n_boot)
    except LeersignalenError as error:
        raise UserError(str(error)) from error
    if quiet:
        return
    click.echo(f"{summary.rows} rows for {summary.communities} communities per {period} "
               f"({summary.empty_periods} empty periods, {summary.rows_with_warning} rows with a warning); "
               f"{summary.notes_without_date} of {summary.notes_in} notes had no date and were left out")
    click.echo(f"wrote {', '.join(summary.files)} in {out_dir}")


@click.command("report", help="Write a self-contained HTML report OUT/report/index.html from a tagged OUT.")
@click.argument("out_dir", metavar="OUT", type=OUT_DIR)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def report(out_dir: Path, quiet: bool) -> None:
    """Write OUT/report/index.html and its PNG plots (computing trends first when trends.csv is missing)."""
    from ..report.html import write_report

    _require_notes(out_dir)
    try:
        page = write_report(out_dir)
    except LeersignalenError as error:
        raise UserError(str(error)) from error
    if not quiet:
        click.echo(f"wrote {page}")
