"""Helpers shared by the office, PDF and HTML readers: optional imports, one-line errors, notes from lines."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

from ..errors import Errors, InputFileError
from .ingest import Record, Reject, _make_record

KIND_PROGRAMS = {
    "Excel": "Excel or LibreOffice",
    "OpenDocument": "LibreOffice",
    "Word": "Word or LibreOffice",
    "PDF": "a PDF viewer (print to PDF)",
    "HTML": "a browser (save as HTML)",
}


class MissingExtraError(InputFileError):
    """An optional library for one input format is not installed."""


def require(module: str, package: str, kind: str, path: Path) -> ModuleType:
    """Import an optional library, or raise E050 naming the extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(Errors.E050.format(path=path, kind=kind, package=package)) from error


MAX_REASON = 160


def corrupt(path: Path, kind: str, error: BaseException) -> InputFileError:
    """The one-line E051 error for a file that the library for ``kind`` could not open."""
    reason = " ".join(str(error).split()) or type(error).__name__
    if len(reason) > MAX_REASON:
        reason = reason[: MAX_REASON - 3].rsplit(" ", 1)[0].rstrip(".,;:") + "..."  # cut at a word, said so
    return InputFileError(Errors.E051.format(path=path, kind=kind, reason=reason, program=KIND_PROGRAMS[kind]))


@contextmanager
def opening(path: Path, kind: str) -> Iterator[None]:
    """Turn any failure of a format library while opening ``path`` into E051 (a missing file into E005)."""
    try:
        yield
    except InputFileError:
        raise
    except OSError as error:
        if not path.is_file():
            raise InputFileError(Errors.E005.format(path=path, reason=error.strerror or error)) from error
        raise corrupt(path, kind, error) from error
    except Exception as error:  # noqa: BLE001 (format libraries raise many unrelated types on bad files)
        raise corrupt(path, kind, error) from error


def iso(value: date | datetime | None) -> str:
    """An ISO date string for a date or datetime, '' for None."""
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def note_from_lines(
    path: Path, lines: list[str], *, note_id: str, line: int, community: str, date_text: str, problems: list[str]
) -> Record | Reject:
    """Build a Record (or an empty-text Reject) from extracted lines through ingest's record rules."""
    values = {"id": note_id, "community": community, "date": date_text, "text": "\n".join(lines).strip("\n")}
    return _make_record(values, path, line, community, problems)
