"""Click commands ``trends`` and ``report``, attached to the ``leersignalen`` group in :mod:`leersignalen.cli.main`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import InputPath

if TYPE_CHECKING:
    from ..analyse.trends import TrendsSummary

from ..analyse.wording import LANGUAGES
from ..errors import Errors, InputFileError
from .options import date_range_option, period_option, quiet_option, resamples_option, seed_option, thin_period_options

OUT_DIR = InputPath(file_okay=False, dir_okay=True)
HELP = {"help_option_names": ["-h", "--help"]}  # also when a test invokes the command on its own (click caches it)


def _require_notes(out_dir: Path) -> None:
    if not (out_dir / "notes.csv").is_file():
        raise InputFileError(Errors.E040.format(path=out_dir / "notes.csv"))


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
@period_option
@seed_option("the bootstrap")
@thin_period_options
@resamples_option
@date_range_option
@quiet_option
def trends(out_dir: Path, period: str, seed: int, min_notes: int, min_words: int, resamples: int, date_range,
           quiet: bool) -> None:
    """Write trends.csv, trend_tests.csv, patterns.csv, evidence.csv (and by role/author) into OUT."""
    from ..analyse.trends import write_trends
    from ..output.staging import locked_folder

    _require_notes(out_dir)
    with locked_folder(out_dir):
        try:
            summary = write_trends(out_dir, period=period, seed=seed, min_notes=min_notes, min_words=min_words,
                                   n_boot=resamples, date_range=date_range)
        except SystemExit as stop:  # Ctrl-C or kill (see cli.main): say what state the folder is left in
            _say_trends_interrupted(out_dir, stop)
            raise
    if not quiet:
        for line in describe_trends(summary, out_dir):
            click.echo(line)


def _say_trends_interrupted(out_dir: Path, stop: SystemExit) -> None:
    from ..output.folder import RUNNING, read_settings

    if stop.code in (130, 143) and read_settings(out_dir).get("status") == RUNNING:
        click.echo(f"Interrupted: the trend files in {out_dir} are incomplete (its tables are intact); `report` and "
                   f"`export` refuse them until you rerun `leersignalen trends {out_dir}`", err=True)  # fmt: skip


@click.command("report", context_settings=HELP,
               help="Render OUT/report/index.html from the files `leersignalen trends OUT` wrote.")
@click.argument("out_dir", metavar="OUT", type=OUT_DIR)
@click.option("--lang", type=click.Choice(LANGUAGES), default="nl", show_default=True,
              help="Language of all text in the report and its plots.")
@quiet_option
def report(out_dir: Path, lang: str, quiet: bool) -> None:
    """Write OUT/report/index.html and its PNG plots; it never computes trends."""
    from ..output.staging import locked_folder
    from ..report.html import write_report

    _require_notes(out_dir)
    with locked_folder(out_dir):
        page = write_report(out_dir, lang=lang)
    if not quiet:
        click.echo(f"wrote {page}")
