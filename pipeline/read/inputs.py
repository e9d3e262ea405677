"""Walk the input paths: every supported file once, folders sorted, skipped files listed with their reason.

Rules for a folder: every file with a supported suffix is read (CSV, TSV, JSONL, JSON, .txt/.md and the
office, PDF and HTML formats). Skipped, each with a reason on stderr and in ``InputReader.skipped``:
files of another type; hidden files and folders (``.name``) and office lock files (``~$name``); files that
document the data rather than hold notes: names starting with README, LICENSE/LICENCE, CHANGELOG, CONTRIBUTING,
COPYING, AUTHORS or NOTICE (any suffix, any case); and what cannot be read as part of the folder: sub-folders
that cannot be opened, pipes and devices, broken symbolic links, links to folders and links to files outside the
folder (links are not followed out of a folder). A file given by name is always read. A file met twice
(given twice, or given and also inside a given folder) is read the first time only, with a warning.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, InputFileError
from .ingest import JSONL_SUFFIXES, TABLE_SUFFIXES, TEXT_SUFFIXES, Record, Reject, printable_name, read_text_file
from .jsonl import read_jsonl

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
DOCUMENT_SUFFIXES = (".docx", ".odt", ".pdf", ".html", ".htm")
DOCUMENTATION_PREFIXES = ("readme", "license", "licence", "changelog", "contributing", "copying", "authors", "notice")


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not read, and why."""

    path: str
    reason: str

    def to_json(self) -> dict[str, str]:
        """The form used in manifest.json."""
        return {"path": self.path, "reason": self.reason}


def file_identity(path: Path) -> object:
    """What makes two paths one file: device and inode (links, hard links, other spellings), else the real path."""
    try:
        found = path.stat()
    except OSError:
        return path.resolve()
    return found.st_dev, found.st_ino


def warn_on_stderr(message: str) -> None:
    """The default warning of readers and writers: ``Warning: MESSAGE`` on stderr."""
    print(f"Warning: {message}", file=sys.stderr)


def _entry_problem(path: Path, root: Path) -> str | None:
    """Why an entry of a folder is not a file that can be read as part of it (None for a regular file)."""
    if path.is_symlink():
        if not path.exists():
            try:
                path.stat()
            except OSError as error:
                if error.errno == errno.ELOOP:
                    return "symbolic link that leads back to itself (a loop)"
            return "broken symbolic link (its target does not exist)"
        if path.is_dir():
            return "symbolic link to a folder, not followed; give that folder by name to read it"
        if root not in path.resolve().parents:
            return "symbolic link to a file outside the folder, not followed; give the file by name to read it"
    if not path.is_file():
        return "not a regular file (a pipe, socket or device)"
    return None


def folder_entries(folder: Path) -> list[tuple[Path, str | None]]:
    """Every file under ``folder``, sorted, with the reason it cannot be read (None when it can).

    Unlike ``Path.rglob``, nothing is passed over in silence: an unreadable sub-folder, a pipe, a broken or
    outward symbolic link each come back with their reason. Hidden sub-folders (``.git``) are one entry.
    """
    root = folder.resolve()
    found: list[tuple[Path, str | None]] = []

    def walk(current: Path) -> None:
        try:
            with os.scandir(current) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as error:
            found.append((current, f"folder cannot be read ({error.strerror or error})"))
            return
        for name in names:
            path = current / name
            try:
                if path.is_dir() and not path.is_symlink():
                    if name.startswith("."):
                        found.append((path, "hidden folder"))
                    else:
                        walk(path)
                else:
                    found.append((path, _entry_problem(path, root)))
            except OSError as error:  # a path longer than the system allows
                found.append((path, f"cannot be read ({error.strerror or error})"))

    walk(folder)
    return sorted(found)


def skip_reason(file: Path, supported: tuple[str, ...]) -> str | None:
    """Why a file found in a folder is not read as notes, or None when it is read."""
    name = file.name
    if name.startswith("."):
        return "hidden file"
    if name.startswith("~$"):
        return "office lock file (the document is open in another program)"
    if name.lower().startswith(DOCUMENTATION_PREFIXES):
        return "documentation of the data (README, LICENSE, CHANGELOG, ...), not notes; give it by name to read it"
    if file.suffix.lower() not in supported:
        return f"unsupported file type '{file.suffix or '(none)'}'"
    return None


class InputReader:
    """Iterate the records and rejects of all inputs; ``skipped`` is filled while iterating."""

    def __init__(
        self, paths: list[Path], *, encoding: str | None, overrides: dict[str, str], sheet: str | None,
        split_on: str | None, warn: Callable[[str], None] = warn_on_stderr,
    ):  # fmt: skip
        from . import check_split_mode

        check_split_mode(split_on)
        self.paths = paths
        self.encoding = encoding
        self.overrides = overrides
        self.formats = {"sheet": sheet, "split_on": split_on, "encoding": encoding, "overrides": overrides}
        self.warn = warn
        self.skipped: list[SkippedFile] = []
        self._read: dict[object, tuple[Path, Path]] = {}
        self._suffixes_read: set[str] = set()

    def _skip(self, path: Path, reason: str) -> None:
        self.skipped.append(SkippedFile(printable_name(str(path)), reason))
        self.warn(f"{printable_name(str(path))}: skipped: {reason}")

    def _first_time(self, path: Path, given_as: Path) -> bool:
        key = file_identity(path)
        if key in self._read:
            first, first_path = self._read[key]
            if first != first_path:
                self._skip(path, f"already read (as part of {first})")
            elif first_path.resolve() != path.resolve():
                self._skip(path, f"already read (the same file as {first_path})")
            else:
                self._skip(path, "given twice; read once" if given_as == path else "already read (given by name)")
            return False
        self._read[key] = (given_as, path)
        return True

    def __iter__(self) -> Iterator[Record | Reject]:
        from . import FORMAT_SUFFIXES, read_format

        supported = TEXT_SUFFIXES + TABLE_SUFFIXES + JSONL_SUFFIXES + FORMAT_SUFFIXES
        for path in self.paths:
            if not path.is_dir():
                if path.exists() and not self._first_time(path, path):
                    continue
                yield from self._read_file(path, None, read_format)
                continue
            files, duplicates = [], 0
            for file, problem in folder_entries(path):
                reason = problem or skip_reason(file, supported)
                if reason:
                    self._skip(file, reason)
                elif self._first_time(file, path):
                    files.append(file)
                else:
                    duplicates += 1
            if not files and not duplicates:
                raise InputFileError(Errors.E008.format(path=path))
            for file in files:
                yield from self._read_file(file, path, read_format)
        self._warn_unused_options()

    def _warn_unused_options(self) -> None:
        """--sheet and --split-on that no input could use are named, not ignored in silence."""
        for option, value, suffixes, kinds in (
            ("--sheet", self.formats["sheet"], SHEET_SUFFIXES, "Excel and ODS files"),
            ("--split-on", self.formats["split_on"], DOCUMENT_SUFFIXES, "Word, ODT, PDF and HTML files"),
        ):
            if value and not self._suffixes_read & set(suffixes):
                self.warn(f"{option} {value} applies to {kinds}; none of the inputs is one, so it was not used")

    def _read_file(self, path: Path, root: Path | None, read_format) -> Iterator[Record | Reject]:
        from . import FORMAT_SUFFIXES
        from .tables import read_table

        suffix = path.suffix.lower()
        self._suffixes_read.add(suffix)
        if suffix in FORMAT_SUFFIXES:
            yield from read_format(path, root=root, **self.formats)
        elif suffix in TABLE_SUFFIXES:
            yield from read_table(path, encoding=self.encoding, overrides=self.overrides)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, encoding=self.encoding, overrides=self.overrides)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_file(path, root or path.parent, encoding=self.encoding)
        else:
            suffixes = ", ".join(TABLE_SUFFIXES + JSONL_SUFFIXES + TEXT_SUFFIXES + FORMAT_SUFFIXES)
            raise InputFileError(Errors.E004.format(path=path, suffix=suffix or "(none)", suffixes=suffixes))


def read_inputs(
    paths: list[Path], *, encoding: str | None = None, overrides: dict[str, str] | None = None,
    sheet: str | None = None, split_on: str | None = None, quiet: bool = False,
):
    """Records and rejects from every input path, in path order, files of a folder sorted.

    Returns an :class:`~.inputs.InputReader`: iterate it for the items; afterwards its ``skipped`` lists the
    files not read, each with the reason (for manifest.json).
    """
    settings = {"encoding": encoding, "overrides": overrides or {}, "sheet": sheet, "split_on": split_on}
    if quiet:
        settings["warn"] = lambda _message: None
    return InputReader(list(paths), **settings)
