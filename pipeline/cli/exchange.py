"""Click groups ``export`` (qdpx, xlsx) and ``import`` (qdpx): exchange with QDA software and spreadsheets.

They are attached to the ``leersignalen`` group in :mod:`leersignalen.cli.main`.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Errors, InputFileError
from .errors import InputPath
from .options import SEED_RANGE

RUN_DIR = InputPath(file_okay=False)


@click.group()
def export() -> None:
    """Write a run's coding for QDA software (.qdpx) or Excel (.xlsx)."""


@export.command("qdpx")
@click.argument("run_dir", type=RUN_DIR)
@click.option("--out", "-o", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .qdpx file to write (REFI-QDA 1.0 project for ATLAS.ti, NVivo, MAXQDA, QualCoder).")
@click.option("--sample", type=int, default=None, help="Export only N notes, drawn at random with --seed.")
@click.option("--community", default=None, help="Export only the notes of this community.")
@click.option("--seed", type=SEED_RANGE, default=20251, show_default=True, help="Seed for drawing the --sample.")
def export_qdpx_command(run_dir, target, sample, community, seed) -> None:
    """Write the notes and machine coding of RUN_DIR as one REFI-QDA project."""
    from ..exchange.qdpx_export import export_qdpx
    from ..output.guard import refuse_overwriting_inputs

    refuse_overwriting_inputs([("--out", target)], [run_dir])
    counts = export_qdpx(run_dir, target, sample=sample, community=community, seed=seed)
    click.echo(f"{counts.path}: {counts.sources} sources, {counts.selections} coded selections, "
               f"{counts.negated_notes} notes with negated signals")


@export.command("xlsx")
@click.argument("run_dir", type=RUN_DIR)
@click.option("--out", "-o", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .xlsx workbook to write (sheets notes, sentences, signals, trends, flags).")
def export_xlsx_command(run_dir, target) -> None:
    """Write the tables of RUN_DIR as one Excel workbook, every text cell a plain string."""
    from ..exchange.xlsx_export import export_xlsx
    from ..output.guard import refuse_overwriting_inputs

    refuse_overwriting_inputs([("--out", target)], [run_dir])
    counts = export_xlsx(run_dir, target)
    click.echo(f"{target}: " + ", ".join(f"{sheet} {rows} rows" for sheet, rows in counts.items()))


@click.group("import")
def import_group() -> None:
    """Bring human coding from QDA software back as a gold file for `validate` and `train`."""


@import_group.command("qdpx")
@click.argument("project", type=InputPath(dir_okay=False))
@click.option("--out", "-o", "out_csv", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gold CSV to write (note_id, sentence_index, start_char, end_char, text, labels).")
@click.option("--mapping", type=InputPath(dir_okay=False), default=None,
              help="CSV with columns code,category mapping the project's code names to category ids "
                   "('neutral' to ignore a code).")
@click.option("--mapping-template", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Instead of importing, write every code name of the project to this CSV to fill in as --mapping.")
@click.option("--model", default="auto", show_default=True,
              help="spaCy pipeline for sentence splitting; use the one the run used ('auto', 'blank' or a name).")
def import_qdpx_command(project, out_csv, mapping, mapping_template, model) -> None:
    """Turn the coded selections of PROJECT (.qdpx or .qde) into coded sentences."""
    from ..exchange.qdpx_import import import_qdpx
    from ..exchange.qdpx_import import mapping_template as write_template
    from ..output.guard import refuse_overwriting_inputs

    refuse_overwriting_inputs([("--out", out_csv), ("--mapping-template", mapping_template)], [project, mapping])
    if mapping_template:
        count = write_template(project, mapping_template)
        click.echo(f"{mapping_template}: {count} code names; fill in the category column and pass --mapping")
        return
    if out_csv is None:
        problem = "missing; give the gold CSV to write (or --mapping-template FILE)"
        raise InputFileError(Errors.E066.format(option="--out", problem=problem))
    result = import_qdpx(project, out_csv, mapping=mapping, model=model)
    coded = sum(1 for row in result.rows if row["labels"])
    click.echo(f"{out_csv}: {len(result.rows)} sentences from {result.sources_coded} coded sources, "
               f"{coded} with a category")
    if result.sources_missing:
        click.echo(f"warning: {len(result.sources_missing)} source(s) have no text in the project and were "
                   f"skipped: {', '.join(result.sources_missing[:10])}", err=True)
