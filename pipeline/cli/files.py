"""How commands treat the files they are given: a repeated coding file once, a run folder locked while written."""

from __future__ import annotations

from pathlib import Path

import click


def read_once(paths: tuple[Path, ...], option: str) -> list[Path]:
    """The files of a repeatable option, each once: a coding file given twice would count every sentence twice
    (and leak across the folds of cross-validation)."""
    from ..read.inputs import file_identity

    kept: dict[object, Path] = {}
    for path in paths:
        key = file_identity(path)
        if key in kept:
            click.echo(f"Warning: {path}: given twice as {option} (also as {kept[key]}); read once", err=True)
        else:
            kept[key] = path
    return list(kept.values())


def writing_into(folder: Path):
    """The run folder's lock while validation files are written into a run folder (nothing for another folder)."""
    from contextlib import nullcontext

    from ..output.staging import is_output_folder, locked_folder

    return locked_folder(folder) if is_output_folder(folder) else nullcontext()
