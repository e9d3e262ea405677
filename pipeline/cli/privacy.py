"""The ``leersignalen pseudonymise`` command: a pseudonymised copy of an export, in the same format."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import InputPath


@click.command("pseudonymise")
@click.argument("inputs", nargs=-1, required=True, type=InputPath())
@click.option("--out", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the pseudonymised copies (created if needed); not the folder of an input.")
@click.option("--key", "key_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Key file (JSON) that maps pseudonyms back to names; created if missing, reused to give the "
                   "same person the same pseudonym in later runs. Keep it outside --out. Without it the "
                   "pseudonyms are random per run and cannot be traced back.")
@click.option("--also", multiple=True, metavar="KIND[,KIND]",
              help="Also replace places, institutions, dates and/or contact (every URL, numbers of 7+ digits); "
                   "comma-separated or repeated. Names, e-mail addresses, phone numbers and addresses always go.")
@click.option("--encoding", default=None, help="Encoding of the input files (e.g. cp1252); detected when not given.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="Map the text or author field to a column name, e.g. text=Verslag. Repeatable.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when done.")
def pseudonymise(inputs, out, key_path, also, encoding, columns, quiet) -> None:
    """Write pseudonymised copies of INPUTS (CSV/TSV, JSONL, .txt/.md or folders) into --out.

    Person names in the text and author fields become [PERSOON-n]; e-mail addresses, phone numbers and
    street addresses become [EMAIL-n], [TELEFOON-n], [ADRES-n]. Other columns and the row order stay as they are.
    """
    from ..privacy.engine import parse_also
    from ..privacy.export import pseudonymise_export
    from ..read.ingest import parse_column_overrides

    counts = pseudonymise_export(
        list(inputs), out, key_path, parse_also(also), encoding=encoding,
        overrides=parse_column_overrides(columns),
    )  # fmt: skip
    if not quiet:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())
                          if kind not in ("files", "records", "skipped"))  # fmt: skip
        click.echo(f"{counts['files']} file(s), {counts['records']} note(s) pseudonymised into {out}"
                   f" ({kinds or 'nothing found to replace'})")  # fmt: skip
        if counts["skipped"]:
            click.echo(f"{counts['skipped']} file(s) not copied (listed above); the copy is incomplete without them",
                       err=True)  # fmt: skip
        if key_path:
            click.echo(f"key file: {key_path} (keep it private; never share it with the outputs)")
