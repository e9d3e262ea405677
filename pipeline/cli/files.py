"""How commands treat the files they are given: a repeated coding file once, a run folder locked while written,
the model and lexicon folders they read kept out of reach of their outputs."""

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


def read_folders(classifier_path: str | None, lexicon_dir: Path | None) -> list[tuple[str, Path | None]]:
    """The model and lexicon folders a command reads whole (the shipped ones when none is named)."""
    from ..learn.modelfile import resolve_model_path
    from ..resources import LEXICON_DIR

    model = resolve_model_path(classifier_path) if classifier_path else None
    return [("classifier", model), ("lexicon", Path(lexicon_dir) if lexicon_dir else LEXICON_DIR)]
