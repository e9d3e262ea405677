"""The ``leersignalen`` command line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import Errors, InputFileError, LeersignalenError, LexiconError
from ..language.lazy_spacy import defer_spacy_cli
from .errors import InputPath, ReportingGroup
from .options import classifier_option, lexicon_option, model_option, quiet_option, trend_options

defer_spacy_cli()  # spaCy's own command line (typer, weasel, httpx) is imported only if something uses it

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=ReportingGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="leersignalen")
def cli() -> None:
    """Tag learning signals versus instrumental talk in Dutch notes of learning communities.

    Run `leersignalen run NOTES... --out DIR` to tag exported notes; see `leersignalen COMMAND -h`.
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=InputPath())
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="Folder for the output CSVs and manifest.json (created if needed; a rerun replaces it whole, "
                   "keeping files you added; docs/outputs.md).")
@model_option(default="auto", purpose="that segments and lemmatises the notes")
@click.option("--encoding", default=None,
              help="Encoding of the input files (e.g. cp1252); detected per file when not given.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="Map a field (id, community, date, text, author, role) to a column name, e.g. text=Verslag. "
                   "Repeatable.")
@click.option("--sheet", default=None, metavar="NAME",
              help="Read only this sheet of .xlsx/.xls/.ods workbooks (default: every sheet).")
@click.option("--split-on", type=click.Choice(("heading", "date")), default=None,
              help="Split .docx/.odt/.pdf/.html documents into one note per heading or per dated section.")
@lexicon_option
@trend_options
@classifier_option(purpose="combined with the lexicon as its label rule says (adds a score per category)")
@click.option("--processes", "-p", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes for tagging (forked; same output in the same order). 2 or more pays off "
                   "from a few thousand notes on.")
@click.option("--csv-dialect", type=click.Choice(["plain", "excel-nl"]), default="plain", show_default=True,
              help="plain: UTF-8 with commas; excel-nl: UTF-8 with BOM and ';', as a Dutch Excel opens CSV files.")
@click.option("--pseudonymise", is_flag=True,
              help="Replace person names (and always e-mail addresses, phone numbers, street addresses) in every "
                   "text the run writes by stable pseudonyms such as [PERSOON-3] (docs/privacy.md).")
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Key file that maps pseudonyms back to names: kept outside --out, owner-only, reused by later "
                   "runs for the same pseudonyms. Without it pseudonyms are random per run.")
@click.option("--pseudonymise-also", "pseudonymise_also", default="", metavar="KINDS",
              help="Also replace these, comma-separated: places, institutions, dates, contact.")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS",
              help="Tag on the Dask cluster with this scheduler (e.g. tcp://10.0.0.5:8786); OUT must be shared "
                   "storage that every worker sees under the same path. Needs leersignalen[dask].")
@click.option("--dask-local", default=0, type=click.IntRange(min=0), metavar="N",
              help="Tag on a local Dask cluster of N worker processes (for trying out a cluster set-up).")
@quiet_option
def run(inputs, out, model, encoding, columns, sheet, split_on, lexicon_dir, classifier_path, processes,
        csv_dialect, pseudonymise, key, pseudonymise_also, dask_scheduler, dask_local, period, date_range, seed,
        min_notes, min_words, no_trends, quiet) -> None:
    """Tag NOTES (CSV/TSV, JSONL, text/Markdown, Excel/ODS, Word/ODT, PDF, HTML, folders of them); write sentences,
    signals, notes."""
    from ..output.staging import check_out
    from ..privacy.engine import parse_also
    from ..read.ingest import parse_column_overrides
    from ..read.plausible import parse_date_range
    from ..run.batch import RunOptions, run_pipeline

    processes, dask_local = _within_cores(processes, "--processes"), _within_cores(dask_local, "--dask-local")
    options = RunOptions(
        inputs=list(inputs), out=out, model=model, encoding=encoding,
        column_overrides=parse_column_overrides(columns), sheet=sheet, split_on=split_on,
        lexicon_dir=lexicon_dir, period=period,
        classifier=classifier_path, processes=processes, csv_dialect=csv_dialect,
        dask_scheduler=dask_scheduler, dask_local=dask_local, date_window=parse_date_range(date_range),
        pseudonymise=pseudonymise or key is not None, key=key,
        pseudonymise_also=tuple(sorted(parse_also([pseudonymise_also]))),
    )  # fmt: skip
    check_out(out, options.inputs)
    if classifier_path:
        from ..learn.model import load_classifier
        from .learning import warn_if_lexicon_changed

        warn_if_lexicon_changed(load_classifier(classifier_path), lexicon_dir)
    total = sum(_size(path) for path in options.inputs)
    trends_of: dict = {}

    def trends_into(folder: Path) -> None:
        from ..analyse.trends import write_trends

        trends_of["summary"] = write_trends(folder, period=period, seed=seed, min_notes=min_notes,
                                            min_words=min_words, date_range=options.date_window)

    with click.progressbar(length=total, label="Tagging", file=sys.stderr, hidden=quiet) as bar:
        counts = run_pipeline(options, progress=bar.update, finish=None if no_trends else trends_into)
    trend_summary = trends_of.get("summary")
    if not quiet:
        from ..analyse.summary import print_summary

        print_summary(out, counts)
        if trend_summary is not None:
            from .analysis import describe_trends

            for line in describe_trends(trend_summary, out)[:-1]:
                click.echo(line)


@cli.command()
@click.argument("parts", nargs=-1, required=True, type=InputPath(file_okay=False))
@click.option("--out", "-o", required=True, type=click.Path(path_type=Path),
              help="Folder for the merged outputs (created if needed; must not be one of PARTS).")
@trend_options
@quiet_option
def merge(parts, out, period, date_range, seed, min_notes, min_words, no_trends, quiet) -> None:
    """Merge output folders of partial runs (PARTS, in this order) into OUT, then compute trends over the union."""
    from ..analyse.trends import write_trends
    from ..read.plausible import parse_date_range
    from ..run.merge import merge_outputs

    window = parse_date_range(date_range)

    def trends_into(folder: Path) -> None:
        write_trends(folder, period=period, seed=seed, min_notes=min_notes, min_words=min_words, date_range=window)

    merged = merge_outputs(list(parts), out, finish=None if no_trends else trends_into)
    for warning in merged.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if not quiet:
        from ..analyse.summary import print_summary_from_manifest

        print_summary_from_manifest(out)


def _within_cores(count: int, option: str) -> int:
    """``count`` processes, or as many as this machine has cores when more are asked (each would only wait)."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if count <= cores:
        return count
    click.echo(f"Warning: {option} {count} is more than the {cores} core(s) of this machine; using {cores}", err=True)
    return cores


def _size(path: Path) -> int:
    """Bytes of an input, for the progress bar only (what cannot be read counts 0; the reader names it)."""
    try:
        if not path.is_dir():
            return path.stat().st_size
        total = 0
        for folder, _, names in os.walk(path, onerror=lambda _error: None):
            for name in names:
                try:
                    total += os.stat(os.path.join(folder, name)).st_size
                except OSError:
                    continue
        return total
    except OSError:
        return 0


@cli.command()
@click.argument("out", type=InputPath(file_okay=False))
def summary(out) -> None:
    """Print the per-community summary table of a tagged output folder OUT."""
    from ..analyse.summary import print_summary_from_manifest

    if not (out / "notes.csv").is_file() or not (out / "manifest.json").is_file():
        raise InputFileError(Errors.E012.format(path=out))
    print_summary_from_manifest(out)


@cli.group()
def lexicon() -> None:
    """Work with the lexicon files."""


@lexicon.command("check")
@lexicon_option
@model_option(purpose="used to check the examples")
def lexicon_check(lexicon_dir, model) -> None:
    """Validate the lexicon: syntax, duplicates, categories, and that every example matches its own rule."""
    from ..tag.check import check_lexicon

    try:
        problems, checked = check_lexicon(lexicon_dir, model=model)
    except LexiconError as error:  # the files do not load: list every problem, not the first one
        problems, checked = error.problems, 0
    for problem in problems:
        click.echo(problem)
    if problems:
        raise LeersignalenError(Errors.E018.format(count=len(problems)))
    click.echo(f"lexicon OK: {checked} rules, every example matches its own pattern")


@cli.command()
@click.option("--devset", type=InputPath(), multiple=True,
              help="Labelled TSV file(s); default: the dev split of data/labelled/*.tsv.")
@click.option("--split", type=click.Choice(["dev", "heldout", "all"]), default="dev", show_default=True,
              help="Which rows of the labelled set to score.")
@click.option("--ud", "ud_dir", type=click.Path(path_type=Path), default=None,
              help="Folder with UD Dutch .conllu files (default: ../shared/ud-dutch); skipped when absent.")
@model_option(purpose="to evaluate")
@click.option("--loso", is_flag=True,
              help="Also score leave-one-source-out on the real corpus (data/real): lexicon, classifier and their "
                   "combinations, next to the two coders' agreement, with the most common kinds of error.")
@click.option("--lexicon-only", is_flag=True, help="With --loso: skip the classifier's fits (minutes faster).")
@click.option("--names", is_flag=True, help="Also score name recall and precision of --pseudonymise on data/names.")
def evaluate(devset, split, ud_dir, model, loso, lexicon_only, names) -> None:
    """Print quality figures: LOSO on real notes, the labelled set, name recall, lemma/sentence scores on UD Dutch."""
    from ..learn.blas import pin_kernel

    pin_kernel()  # the LOSO fits on the BLAS kernel of `make model` and figures.json, wherever numpy is not loaded yet
    from ..agreement.evaluate import print_evaluation

    print_evaluation(list(devset), split=split, ud_dir=ud_dir, model=model, loso=loso, classifier=not lexicon_only,
                     names=names)


def _attach_commands() -> None:
    from .analysis import report, trends
    from .exchange import export, import_group
    from .learning import suggest, train, validate
    from .privacy import pseudonymise

    for command in (trends, report, validate, train, suggest, export, import_group, pseudonymise):
        cli.add_command(command)


_attach_commands()


def _exit_cleanly_on_signals() -> None:
    """Turn SIGTERM (``kill``, a batch system's time limit) and SIGINT (Ctrl-C) into SystemExit(128 + signal) in
    this process, so that a run's partial folder and lock are removed as on any other failure and the shell sees
    143 or 130 (click's own Ctrl-C handling exits 1); worker processes keep the default."""
    import os
    import signal

    parent = os.getpid()

    def stop(signum, _frame):
        if os.getpid() != parent:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        sys.unraisablehook = _ignore  # generators of a writer cut off mid-file complain at exit (openpyxl, lxml)
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with SIGINT ignored
        signal.signal(signal.SIGINT, stop)


def _ignore(_unraisable) -> None:
    return None


def main() -> None:
    """Entry point of the console script."""
    _exit_cleanly_on_signals()
    cli(prog_name="leersignalen")
