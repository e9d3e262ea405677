"""Refuse an output file that would replace one of the command's inputs: the user's input files are never written to.

Every command that writes a file the user names (``suggest``, ``validate``, ``train``, ``import qdpx``,
``export``) checks its outputs here before it reads anything. An output is refused (E102) when it is the same
file as an input file (also through a link or another spelling of the path), or when it is one of the tables a
command reads from an input run folder (sentences.csv, notes.csv, manifest.json, trends.csv, ...). A new file
next to them, such as ``RUN/coding.xlsx``, is allowed; so are the validation files ``validate --pred RUN``
writes into RUN by default.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import Errors, InputFileError
from .folder import MANIFEST, SETTINGS, TAGGED_TABLES, TREND_FILES

RUN_INPUTS = frozenset((*TAGGED_TABLES, *TREND_FILES, MANIFEST, SETTINGS))


class OutputOverwritesInputError(InputFileError):
    """An output file that is one of the command's inputs."""


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _replaces(out: Path, given: Path) -> bool:
    if given.is_dir():
        return out.name in RUN_INPUTS and _same_file(out.parent, given)
    return _same_file(out, given)


def _inside(out: Path, folder: Path) -> bool:
    try:
        return out.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError, RuntimeError):
        return False


def refuse_overwriting_inputs(outputs: Iterable[tuple[str, Path | None]], inputs: Iterable[Path | None], *,
                              folders: Iterable[tuple[str, Path | None]] = ()) -> None:  # fmt: skip
    """Raise E102 for the first output (option name, path) that would replace an input file or run table, and E126
    for one inside an input ``folders`` entry (what, folder): a model or lexicon folder, all of whose files are read
    (a new file there would be read as part of it next time)."""
    outputs = list(outputs)
    for what, folder in folders:
        for option, out in outputs:
            if out is not None and folder is not None and Path(folder).is_dir() and _inside(Path(out), Path(folder)):
                raise OutputOverwritesInputError(Errors.E126.format(out=out, option=option, what=what, folder=folder))
    given = [Path(path) for path in inputs if path is not None]
    for option, out in outputs:
        if out is None or not Path(out).exists():
            continue
        for path in given:
            if _replaces(Path(out), path):
                what = f"{Path(out).name} of the run folder {path}" if path.is_dir() else path
                raise OutputOverwritesInputError(Errors.E102.format(out=out, option=option, path=what))
