"""The ``leersignalen`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..analyse.trends import DEFAULT_MIN_NOTES, DEFAULT_MIN_WORDS
from ..errors import LeersignalenError
from .errors import UserError, fail

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
PERIODS = ("auto", "week", "month", "quarter")


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="leersignalen")
def cli() -> None:
    """Tag learning signals versus instrumental talk in Dutch notes of learning communities.

    Run `leersignalen run NOTES... --out DIR` to tag exported notes; see `leersignalen COMMAND -h`.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the output CSVs and manifest.json (created if needed).")
@click.option("--model", default="auto", show_default=True,
              help="spaCy pipeline: 'auto' (nl_core_news_sm when installed, else blank), 'blank', or a "
                   "package name or path.")
@click.option("--period", type=click.Choice(PERIODS), default="auto", show_default=True,
              help="Period for trends.csv; auto: the finest with enough material per period (docs/trends.md).")
@click.option("--date-range", default=None, metavar="FROM:TO",
              help="Window of plausible note dates (default 1990-01-01 to today + 1 year); others go to problems.")
@click.option("--encoding", default=None,
              help="Encoding of the input files (e.g. cp1252); detected per file when not given.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="Map a field (id, community, date, text, author, role) to a column name, e.g. text=Verslag. "
                   "Repeatable.")
@click.option("--lexicon", "lexicon_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Lexicon folder with rules/*.tsv and negation.tsv (default: the project's).")
@click.option("--seed", default=20251, show_default=True, type=int, help="Seed for the bootstrap intervals.")
@click.option("--min-notes", default=DEFAULT_MIN_NOTES, show_default=True, type=click.IntRange(min=1),
              help="Periods with fewer notes get a warning and are left out of trend tests and flags.")
@click.option("--min-words", default=DEFAULT_MIN_WORDS, show_default=True, type=click.IntRange(min=0),
              help="Periods with fewer words get a warning and are left out of trend tests and flags.")
@click.option("--classifier", default=None, metavar="MODEL",
              help="Label sentences with a trained classifier ('default' or a folder from `leersignalen train`) "
                   "combined with the lexicon as its label rule says; adds a score per category.")
@click.option("--processes", "-p", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes for tagging (forked; same output in the same order). 2 or more pays off "
                   "from a few thousand notes on.")
@click.option("--no-trends", is_flag=True,
              help="Only tag; compute trends, trend tests and flags later with `leersignalen trends OUT`.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def run(inputs, out, model, period, date_range, encoding, columns, lexicon_dir, seed, min_notes, min_words,
        classifier, processes, no_trends, quiet) -> None:
    """Tag NOTES (CSV/TSV, JSONL, or folders of .txt/.md) and write sentences, signals, notes and trends."""
    from ..analyse.trends import write_trends
    from ..read.ingest import parse_column_overrides
    from ..read.plausible import parse_date_range
    from ..run.batch import RunOptions, run_pipeline

    try:
        options = RunOptions(
            inputs=list(inputs), out=out, model=model, encoding=encoding,
            column_overrides=parse_column_overrides(columns), lexicon_dir=lexicon_dir, period=period,
            classifier=classifier, processes=processes, date_window=parse_date_range(date_range),
        )  # fmt: skip
        if classifier:
            from ..learn.classifier import load_classifier
            from .learning import warn_if_lexicon_changed

            warn_if_lexicon_changed(load_classifier(classifier), lexicon_dir)
        total = sum(_size(path) for path in options.inputs)
        with click.progressbar(length=total, label="Tagging", file=sys.stderr, hidden=quiet) as bar:
            counts = run_pipeline(options, progress=bar.update)
        trend_summary = None
        if not no_trends:
            trend_summary = write_trends(out, period=period, seed=seed, min_notes=min_notes, min_words=min_words,
                                         date_range=options.date_window)
    except LeersignalenError as error:
        raise fail(error) from None
    if not quiet:
        from ..analyse.summary import print_summary

        print_summary(out, counts)
        if trend_summary is not None:
            from .analysis import describe_trends

            for line in describe_trends(trend_summary, out)[:-1]:
                click.echo(line)


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


@cli.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
def summary(out) -> None:
    """Print the per-community summary table of a tagged output folder OUT."""
    from ..analyse.summary import print_summary_from_manifest

    if not (out / "notes.csv").is_file() or not (out / "manifest.json").is_file():
        raise UserError(f"E012 {out}: no notes.csv/manifest.json here; run `leersignalen run NOTES --out {out}` first")
    print_summary_from_manifest(out)


@cli.group()
def lexicon() -> None:
    """Work with the lexicon files."""


@lexicon.command("check")
@click.option("--lexicon", "lexicon_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Lexicon folder with rules/*.tsv and negation.tsv (default: the project's).")
@click.option("--model", default="blank", show_default=True, help="spaCy pipeline used to check the examples.")
def lexicon_check(lexicon_dir, model) -> None:
    """Validate the lexicon: syntax, duplicates, categories, and that every example matches its own rule."""
    from ..tag.check import check_lexicon

    try:
        problems, checked = check_lexicon(lexicon_dir, model=model)
    except LeersignalenError as error:
        raise fail(error) from None
    for problem in problems:
        click.echo(problem)
    if problems:
        raise UserError(f"{len(problems)} problem(s) in the lexicon")
    click.echo(f"lexicon OK: {checked} rules, every example matches its own pattern")


@cli.command()
@click.option("--devset", type=click.Path(exists=True, path_type=Path), multiple=True,
              help="Labelled TSV file(s); default: the dev split of tests/data/labelled/*.tsv.")
@click.option("--split", type=click.Choice(["dev", "heldout", "all"]), default="dev", show_default=True,
              help="Which rows of the labelled set to score.")
@click.option("--ud", "ud_dir", type=click.Path(path_type=Path), default=None,
              help="Folder with UD Dutch .conllu files (default: ../shared/ud-dutch); skipped when absent.")
@click.option("--model", default="blank", show_default=True, help="spaCy pipeline to evaluate.")
def evaluate(devset, split, ud_dir, model) -> None:
    """Print per-category precision, recall and F1 on the labelled set, and lemma/sentence scores on UD Dutch."""
    from ..agreement.evaluate import print_evaluation

    try:
        print_evaluation(list(devset), split=split, ud_dir=ud_dir, model=model)
    except LeersignalenError as error:
        raise fail(error) from None


def _attach_commands() -> None:
    from .analysis import report, trends
    from .learning import suggest, train, validate

    for command in (trends, report, validate, train, suggest):
        cli.add_command(command)


_attach_commands()


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="leersignalen")
