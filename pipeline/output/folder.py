"""The output folder of a run: its file names, the columns of its tables, and every read and write of its files.

Every stage reads and writes a run folder through this module (and :mod:`pipeline.output.staging`, which writes a
whole run atomically). It owns:

- the file names (:data:`NOTES` ... :data:`REPORT`) and which of them leersignalen writes (:data:`OWNED`);
- the columns of notes.csv, sentences.csv, signals.csv and rejects.csv, the category and family columns derived
  from ``lexicons/categories.tsv``;
- the table readers (:func:`read_rows`, :func:`read_table`, :func:`iter_rows`), all built on the one CSV parser
  :func:`pipeline.output.cells.iter_csv_records`;
- manifest.json and trends_settings.json, written atomically (temp file + ``os.replace``) and read with a one-line
  error when truncated or corrupt;
- the checks that a folder holds one complete run (:func:`check_run`) and trends computed from that run
  (:func:`check_trends`): status ``complete``, the SHA-256 of every table as the manifest lists it, and the run id
  of trends_settings.json equal to the manifest's.

A folder without manifest.json (made by hand, e.g. for a test) or with a manifest from before run ids is read as
it is, without these checks.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..categories import FAMILIES, Category, load_categories
from ..errors import Errors
from .cells import iter_csv_records, read_csv_rows, replace_file
from .fields import MANIFEST_FIELDS, SETTINGS_FIELDS, RunFolderError, checked_fields

if TYPE_CHECKING:
    import pandas as pd

NOTES, SENTENCES, SIGNALS, REJECTS = "notes.csv", "sentences.csv", "signals.csv", "rejects.csv"
TRENDS, TREND_TESTS, PATTERNS, EVIDENCE = "trends.csv", "trend_tests.csv", "patterns.csv", "evidence.csv"
TRENDS_BY_ROLE, TRENDS_BY_AUTHOR = "trends_by_role.csv", "trends_by_author.csv"
MANIFEST, SETTINGS, REPORT = "manifest.json", "trends_settings.json", "report"
TAGGED_TABLES = (SENTENCES, SIGNALS, NOTES, REJECTS)  # written by `run` (and `merge`), hashed in the manifest
TREND_FILES = (TRENDS, TRENDS_BY_ROLE, TRENDS_BY_AUTHOR, TREND_TESTS, PATTERNS, EVIDENCE)  # written by `trends`
VALIDATION_FILES = ("validation.csv", "disagreements.csv", "validation_methods.txt")  # `validate --pred OUT`
OWNED = frozenset((*TAGGED_TABLES, *TREND_FILES, *VALIDATION_FILES, MANIFEST, SETTINGS, REPORT))
COMPLETE, RUNNING = "complete", "running"
RUN_ID_DIGITS = 16

SENTENCE_COLUMNS = ("note_id", "community", "date", "sentence_index", "start_char", "end_char", "text", "labels")
SIGNAL_COLUMNS = (
    "note_id", "sentence_index", "category", "family", "rule_id", "matched_text", "start_char", "end_char", "negated",
)  # fmt: skip
REJECT_COLUMNS = ("source_file", "source_line", "id", "reason")
NOTE_ID_COLUMNS = ("note_id", "community", "date", "author", "role", "source_file", "source_line")


def _categories(categories: tuple[Category, ...] | None) -> tuple[Category, ...]:
    return load_categories() if categories is None else categories


def count_columns(categories: tuple[Category, ...] | None = None) -> list[str]:
    """The per-note count columns in sum order: sentences, words, one per category, one per family."""
    return ["sentences", "words", *[f"{c.id}_sentences" for c in _categories(categories)],
            *[f"{family}_sentences" for family in FAMILIES]]  # fmt: skip


def note_columns(categories: tuple[Category, ...] | None = None) -> tuple[str, ...]:
    """The columns of notes.csv: who and where, the counts of :func:`count_columns`, problems."""
    return (*NOTE_ID_COLUMNS, *count_columns(categories), "problems")


def score_columns(categories: tuple[Category, ...] | None = None) -> tuple[str, ...]:
    """The classifier score columns that sentences.csv has after a run with ``--classifier``."""
    return tuple(f"score_{category.id}" for category in _categories(categories))


def sentence_columns(*, with_scores: bool = False) -> tuple[str, ...]:
    """The columns of sentences.csv (with a score per category after a run with ``--classifier``)."""
    return SENTENCE_COLUMNS + (score_columns() if with_scores else ())


# ---------------------------------------------------------------------------------------------- tables


def iter_rows(path: str | os.PathLike) -> Iterator[list[str]]:
    """The rows of a run CSV (either dialect) as lists of strings, header first, neutralisation undone."""
    return iter_csv_records(path)


def read_rows(path: str | os.PathLike) -> tuple[list[str], list[dict[str, str]]]:
    """(columns, rows as dicts of strings) of a run CSV."""
    return read_csv_rows(path)


def read_table(path: str | os.PathLike) -> pd.DataFrame:
    """A run CSV as a data frame of strings (empty cells ``''``, short rows padded with ``''``)."""
    import pandas as pd

    records = iter_csv_records(path)
    columns = next(records, [])
    width = len(columns)
    rows = [record[:width] + [""] * (width - len(record)) for record in records]
    return pd.DataFrame(rows, columns=columns, dtype=object) if rows else pd.DataFrame(
        {column: pd.Series(dtype=object) for column in columns})


# ------------------------------------------------------------------------------------------- json files


def write_json(path: str | os.PathLike, data: dict, *, sort_keys: bool = False) -> None:
    """Write ``data`` as indented UTF-8 JSON with :func:`replace_file`."""
    replace_file(path, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n").encode("utf-8"))


def read_json(path: str | os.PathLike, *, command: str) -> dict:
    """Read a JSON object ({} when the file is absent); a truncated or corrupt file is one line E088."""
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, RecursionError):
        data = None
    except json.JSONDecodeError as error:
        problem = f"truncated or corrupt (JSON error at line {error.lineno}: {error.msg})"
        raise RunFolderError(Errors.E088.format(path=path, problem=problem, command=command)) from None
    if not isinstance(data, dict):
        raise RunFolderError(Errors.E088.format(path=path, problem="not a JSON object", command=command))
    return data


def rerun_command(folder: Path) -> str:
    """What to run again to get a complete run in ``folder``."""
    return f"`leersignalen run NOTES... --out {folder}`"


def read_manifest(folder: str | os.PathLike) -> dict:
    """The manifest of a run folder ({} when absent); a field of the wrong type is E088."""
    folder = Path(folder)
    command = rerun_command(folder)
    return checked_fields(folder / MANIFEST, read_json(folder / MANIFEST, command=command), MANIFEST_FIELDS, command)


def read_settings(folder: str | os.PathLike) -> dict:
    """The contents of ``OUT/trends_settings.json`` ({} when absent); a field of the wrong type is E088."""
    folder = Path(folder)
    command = f"`leersignalen trends {folder}`"
    return checked_fields(folder / SETTINGS, read_json(folder / SETTINGS, command=command), SETTINGS_FIELDS, command)


def update_settings(folder: str | os.PathLike, update: dict) -> None:
    """Merge ``update`` into ``OUT/trends_settings.json`` (top-level keys are replaced), atomically."""
    current = read_settings(folder)
    current.update(update)
    write_json(Path(folder) / SETTINGS, current, sort_keys=True)


# ------------------------------------------------------------------------------------ run ids and checks


def file_sha256(path: Path) -> str:
    """SHA-256 of one file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_id_of(manifest: dict) -> str:
    """The run id: the first hex digits of the SHA-256 of the manifest without its id (same run, same id)."""
    content = {key: value for key, value in manifest.items() if key != "run_id"}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:RUN_ID_DIGITS]


def complete_manifest(folder: Path, manifest: dict) -> dict:
    """Write the final manifest of a run written into ``folder``: SHA-256 of its tables, status, run id."""
    hashes = {name: file_sha256(folder / name) for name in TAGGED_TABLES if (folder / name).is_file()}
    final = {"status": COMPLETE, **{k: v for k, v in manifest.items() if k not in ("status", "run_id")},
             "sha256": hashes}  # fmt: skip
    final = {"run_id": run_id_of(final), **final}
    write_json(folder / MANIFEST, final)
    return final


def start_manifest(folder: Path, about: dict) -> None:
    """Write the manifest of a run that has begun: status ``running``, so a reader refuses the half-written folder."""
    write_json(folder / MANIFEST, {"status": RUNNING, **about})


def check_run(folder: str | os.PathLike) -> dict:
    """Refuse an incomplete run or tables changed since the run (E088, E089); return the manifest.

    Folders without manifest.json, or with a manifest from before run ids, are not checked.
    """
    folder = Path(folder)
    command = rerun_command(folder)
    manifest = read_manifest(folder)
    status = manifest.get("status")
    if status is None:
        return manifest
    if status != COMPLETE:
        problem = f"the run did not finish (manifest.json status {status!r})"
        raise RunFolderError(Errors.E088.format(path=folder, problem=problem, command=command))
    recorded = manifest.get("sha256") or {}
    _refuse_unrecorded(folder, TAGGED_TABLES, recorded, f"{MANIFEST}, so it cannot be traced to this run", command)
    for name, expected in recorded.items():
        path = folder / name
        if not path.is_file():
            raise RunFolderError(Errors.E088.format(path=path, problem="missing", command=command))
        if file_sha256(path) != expected:
            problem = f"changed after the run (its SHA-256 differs from the one in {MANIFEST})"
            raise RunFolderError(Errors.E089.format(path=path, problem=problem, command=command))
    return manifest


def _refuse_unrecorded(folder: Path, names: tuple[str, ...], recorded: dict, where: str, command: str) -> None:
    """Refuse a file of ``names`` in ``folder`` whose checksum was not recorded (emptied checksums, a file added)."""
    for name in names:
        if (folder / name).is_file() and name not in recorded:
            problem = f"not recorded in {where}"
            raise RunFolderError(Errors.E089.format(path=folder / name, problem=problem, command=command))


def begin_trends(folder: str | os.PathLike, manifest: dict | None = None) -> str | None:
    """Check the run (unless its checked ``manifest`` is given), then mark the trend files as being rewritten.

    Returns the run id the trends are computed from.
    """
    manifest = check_run(folder) if manifest is None else manifest
    run_id = manifest.get("run_id")
    settings = read_settings(folder)
    settings.pop("sha256", None)
    settings.update({"status": RUNNING, "run_id": run_id})
    write_json(Path(folder) / SETTINGS, settings, sort_keys=True)
    return run_id


def finish_trends(folder: str | os.PathLike) -> None:
    """Record the SHA-256 of every trend file now in ``folder`` and the status ``complete`` (written last)."""
    folder = Path(folder)
    hashes = {name: file_sha256(folder / name) for name in TREND_FILES if (folder / name).is_file()}
    update_settings(folder, {"status": COMPLETE, "sha256": hashes})


def check_trends(folder: str | os.PathLike, manifest: dict | None = None) -> dict:
    """Refuse trend files that are unfinished, changed or computed from another run (E088, E089); return settings.

    Checks the run first (:func:`check_run`) unless its checked ``manifest`` is given. Settings from before run
    ids, in a folder without run id, pass.
    """
    folder = Path(folder)
    manifest = check_run(folder) if manifest is None else manifest
    settings = read_settings(folder)
    command = f"`leersignalen trends {folder}`"
    if not settings and manifest.get("run_id") and (folder / TRENDS).is_file():
        problem = f"{SETTINGS} is missing, so the trends cannot be traced to this run"
        raise RunFolderError(Errors.E088.format(path=folder / TRENDS, problem=problem, command=command))
    if not settings or ("status" not in settings and "run_id" not in manifest):
        return settings
    if settings.get("status") != COMPLETE:
        problem = "the trends were not finished (trends_settings.json status is not 'complete')"
        raise RunFolderError(Errors.E088.format(path=folder / SETTINGS, problem=problem, command=command))
    if settings.get("run_id") != manifest.get("run_id"):
        problem = (f"the trends were computed from run {settings.get('run_id')}, the tables are of run "
                   f"{manifest.get('run_id')}")
        raise RunFolderError(Errors.E089.format(path=folder / SETTINGS, problem=problem, command=command))
    recorded = settings.get("sha256") or {}
    _refuse_unrecorded(folder, TREND_FILES, recorded, f"{SETTINGS}, so it cannot be traced to these trends", command)
    for name, expected in recorded.items():
        path = folder / name
        if not path.is_file() or file_sha256(path) != expected:
            problem = f"{'missing' if not path.is_file() else 'changed'} since `leersignalen trends` wrote it"
            raise RunFolderError(Errors.E089.format(path=path, problem=problem, command=command))
    return settings


def has_trends(folder: str | os.PathLike) -> bool:
    """Whether ``trends`` has written into ``folder`` (its settings file or trends.csv is there)."""
    folder = Path(folder)
    return (folder / SETTINGS).is_file() or (folder / TRENDS).is_file()
