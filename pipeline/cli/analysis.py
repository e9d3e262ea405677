"""Click commands ``trends`` and ``report``, attached to the ``leersignalen`` group in :mod:`pipeline.cli`."""

from __future__ import annotations

from pathlib import Path

import click

from ..analyse.trends import DEFAULT_MIN_NOTES, DEFAULT_MIN_WORDS, PERIOD_CHOICES, TrendsSummary, write_trends
from ..errors import Errors, LeersignalenError
from ..report.strings import LANGUAGES
from .errors import UserError

OUT_DIR = click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
HELP = {"help_option_names": ["-h", "--help"]}  # also when a test invokes the command on its own (click caches it)


def _require_notes(out_dir: Path) -> None:
    if not (out_dir / "notes.csv").is_file():
        raise UserError(Errors.E040.format(path=out_dir / "notes.csv"))


def describe_trends(summary: TrendsSummary, out_dir: Path) -> list[str]:
    """The lines ``trends`` and ``run`` print: the period and why, thin periods and what they mean, files."""
    lines = [f"period: {summary.period_reason}",
             f"{summary.rows} rows for {summary.communities} communities per {summary.period} "
             f"({summary.empty_periods} empty periods, {summary.thin_periods} thin periods)",
             f"{summary.thin_periods} thin periods (few notes or words) are kept and marked: the model and the flags "
             f"weigh them by their sentences, their intervals are wide, Mann-Kendall leaves them out",
             f"{summary.notes_without_date} of {summary.notes_in} notes without a usable date were left out"
             + (f" ({summary.notes_implausible_date} with an implausible date)" if summary.notes_implausible_date
                else "")]
    if summary.files:
        lines.append(f"wrote {', '.join(summary.files)} in {out_dir}")
    return lines


@click.command("trends", context_settings=HELP,
               help="Compute trends, the trend model, trend tests, flags and evidence from a tagged OUT.")
@click.argument("out_dir", metavar="OUT", type=OUT_DIR)
@click.option("--period", type=click.Choice(PERIOD_CHOICES), default="auto", show_default=True,
              help="ISO week (2025-W14), month (2025-03), quarter (2025-Q1), or auto: the finest at which most "
                   "periods have enough material (see docs/trends.md).")
@click.option("--seed", type=int, default=20251, show_default=True,
              help="Seed of the bootstrap; the same seed gives byte-identical files.")
@click.option("--min-notes", type=click.IntRange(min=1), default=DEFAULT_MIN_NOTES, show_default=True,
              help="Periods with fewer notes are thin (marked; left out of Mann-Kendall only).")
@click.option("--min-words", type=click.IntRange(min=0), default=DEFAULT_MIN_WORDS, show_default=True,
              help="Periods with fewer words are thin (marked; left out of Mann-Kendall only).")
@click.option("--n-boot", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Number of bootstrap resamples of the notes for the descriptive 95% intervals (0: none).")
@click.option("--date-range", default=None, metavar="FROM:TO",
              help="Window of plausible note dates (default 1990-01-01 to today + 1 year); dates outside it are "
                   "left out of the time axis.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def trends(out_dir: Path, period: str, seed: int, min_notes: int, min_words: int, n_boot: int, date_range,
           quiet: bool) -> None:
    """Write trends.csv, trend_tests.csv, patterns.csv, evidence.csv (and by role/author) into OUT."""
    _require_notes(out_dir)
    try:
        summary = write_trends(out_dir, period=period, seed=seed, min_notes=min_notes, min_words=min_words,
                               n_boot=n_boot, date_range=date_range)
    except LeersignalenError as error:
        raise UserError(str(error)) from error
    if not quiet:
        for line in describe_trends(summary, out_dir):
            click.echo(line)


@click.command("report", context_settings=HELP,
               help="Render OUT/report/index.html from the files `leersignalen trends OUT` wrote.")
@click.argument("out_dir", metavar="OUT", type=OUT_DIR)
@click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True,
              help="Language of all text in the report and its plots.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def report(out_dir: Path, lang: str, quiet: bool) -> None:
    """Write OUT/report/index.html and its PNG plots; it never computes trends."""
    from ..report.html import write_report

    _require_notes(out_dir)
    try:
        page = write_report(out_dir, lang=lang)
    except LeersignalenError as error:
        raise UserError(str(error)) from error
    if not quiet:
        click.echo(f"wrote {page}")
