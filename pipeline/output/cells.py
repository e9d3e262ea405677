"""Spreadsheet-safe CSV writing and reading.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be run as a formula
when a CSV file is opened in Excel or LibreOffice (CSV injection). :func:`neutralise` puts a single
quote ``'`` in front of such a cell. Plain numbers (``-0.25``, ``+3``, ``1e-4``) are left alone so that
numeric columns stay numeric. A text that already starts with quotes followed by a trigger character
(``'=x``) gets one more quote, so that :func:`unneutralise` restores every value exactly.

Files are written deterministically: UTF-8 without BOM, comma-delimited, a header row, ``\\n`` line
ends, minimal quoting, and via a ``.partial`` file that replaces the target only when complete (as
:func:`replace_file` writes any other file); a target that cannot be written is one line E124.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import OutputFileError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_WAS_QUOTED = re.compile(r"'+[=+\-@\t\r]")
_FIRST_CHARACTERS = frozenset("'=+-@\t\r")
UNNEUTRALISE_PATTERN = r"^'(?='*[=+\-@\t\r])"
FIELD_LIMIT = 2**31 - 1  # a sentence or note may be longer than the csv module's default 128 KiB
CSV_DIALECTS = {"plain": ("utf-8", ","), "excel-nl": ("utf-8-sig", ";")}  # (encoding, delimiter)
TSV_DIALECT = "tsv"
TABLE_DIALECTS = {**CSV_DIALECTS, TSV_DIALECT: ("utf-8", "\t")}
FULL_OR_READ_ONLY = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def csv_delimiter(path: str | os.PathLike) -> str:
    """The delimiter of a CSV written by :func:`write_csv` in either dialect, read from its header line."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = handle.readline()
    return ";" if header.count(";") > header.count(",") else ","


def folder_dialect(folder: str | os.PathLike) -> str:
    """The dialect of the run folder's notes.csv (``plain`` when there is none), for files added to it later."""
    notes = Path(folder) / "notes.csv"
    return "excel-nl" if notes.is_file() and csv_delimiter(notes) == ";" else "plain"


def neutralise(value: str) -> str:
    """Return ``value`` with a leading ``'`` when a spreadsheet could read it as a formula."""
    if not value or value[0] not in _FIRST_CHARACTERS or _PLAIN_NUMBER.fullmatch(value):
        return value
    if _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise`: drop the one leading ``'`` it added, leave anything else unchanged."""
    if value and _WAS_QUOTED.match(value):
        return value[1:]
    return value


def format_cell(value: Any) -> str:
    """Render one value as CSV text: empty for None/NaN, ``true``/``false`` for booleans, no ``-0.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return repr(float(value)) if value != 0 else "0.0"
    if hasattr(value, "item") and not isinstance(value, str):
        return format_cell(value.item())
    return str(value)


def render_cell(value: Any) -> str:
    """``format_cell`` then ``neutralise``, with fast paths for plain strings, integers and floats."""
    kind = type(value)
    if kind is str:
        return neutralise(value)
    if kind is int:
        return str(value)
    if kind is float and value == value and value not in (math.inf, -math.inf):
        return repr(value) if value != 0 else "0.0"
    return neutralise(format_cell(value))


class RowWriter:
    """``csv.writer`` with ``\n`` line ends that also quotes cells holding a lone carriage return.

    The csv module quotes only the characters of its line terminator, so a ``\r`` inside a cell would otherwise be
    written bare and split the row for every reader that treats ``\r`` as a line end.
    """

    def __init__(self, handle, delimiter: str = ","):
        self.handle = handle
        self.delimiter = delimiter
        self.writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")

    def writerow(self, cells: Sequence[str]) -> None:
        if any("\r" in cell for cell in cells):
            self.handle.write(self.delimiter.join(self._quoted(cell) for cell in cells) + "\n")
        else:
            self.writer.writerow(cells)

    def writerows(self, rows: Iterable[Sequence[str]]) -> None:
        for row in rows:
            self.writerow(row)

    def _quoted(self, cell: str) -> str:
        if any(char in cell for char in (self.delimiter, '"', "\n", "\r")):
            return '"' + cell.replace('"', '""') + '"'
        return cell


class TabRowWriter:
    """Tab-separated rows without quoting, as TSV readers expect: a tab or line break inside a cell becomes a space."""

    _BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})

    def __init__(self, handle):
        self.handle = handle

    def writerow(self, cells: Sequence[str]) -> None:
        self.handle.write("\t".join(cell.translate(self._BREAKS) for cell in cells) + "\n")


def write_csv(path: str | os.PathLike, rows: Iterable[Mapping[str, Any] | Sequence[Any]],
              columns: Sequence[str], *, dialect: str = "plain") -> int:
    """Write ``rows`` (mappings keyed by column, or sequences in column order) to ``path``; return the count.

    Every cell is rendered with :func:`format_cell` and passed through :func:`neutralise`. ``dialect`` is
    ``plain`` (UTF-8, commas), ``excel-nl`` (UTF-8 with BOM, semicolons: what a Dutch Excel opens directly) or
    ``tsv`` (UTF-8, tabs, no quoting: see :class:`TabRowWriter`).
    """
    encoding, delimiter = TABLE_DIALECTS[dialect]
    count = 0
    with replacing(path, encoding=encoding) as handle:
        writer = TabRowWriter(handle) if dialect == TSV_DIALECT else RowWriter(handle, delimiter)
        writer.writerow([neutralise(str(column)) for column in columns])
        for row in rows:
            values = [row.get(column) for column in columns] if isinstance(row, Mapping) else list(row)
            if len(values) != len(columns):
                raise ValueError(f"{path}: row {count + 1} has {len(values)} values for {len(columns)} columns")
            writer.writerow([render_cell(value) for value in values])
            count += 1
    return count


@contextlib.contextmanager
def replacing(path: str | os.PathLike, *, encoding: str | None = None, sync: bool = False) -> Iterator[IO]:
    """A handle on a temporary file that replaces ``path`` when the block ends without error (text when
    ``encoding`` is given, else bytes); on an error it is removed. A symlink at ``path`` is replaced, never written
    through; a target that cannot be written is :class:`OutputFileError` (E124)."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = {"mode": "w", "encoding": encoding, "newline": ""} if encoding else {"mode": "wb"}
        handle = open(partial, **text)  # noqa: SIM115 (closed by the with below)
    except OSError as error:
        discard(partial)
        raise OutputFileError.of(target, error) from None
    try:
        with handle:
            yield handle
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as error:
        discard(partial)
        if error.errno in FULL_OR_READ_ONLY or error.filename in (str(partial), str(target)):
            raise OutputFileError.of(target, error) from None
        raise  # an input read while writing (rows from a generator) keeps its own error
    except BaseException:
        discard(partial)
        raise


def replace_file(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` with :func:`replacing`, synced to disk before it replaces ``path``."""
    with replacing(path, sync=True) as handle:
        handle.write(data)


def discard(path: Path) -> None:
    """Remove a temporary file if it is there; a path that cannot hold it (a file as its folder) is no error."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def dialect_for(path: str | os.PathLike) -> str:
    """``tsv`` for a file named ``*.tsv``, else ``plain``: for files the user names, read back by their suffix."""
    return TSV_DIALECT if Path(path).suffix.lower() == ".tsv" else "plain"


def allow_long_cells() -> None:
    """Let the csv module read cells up to :data:`FIELD_LIMIT` long (the limit is global to the process)."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


def iter_csv_records(path: str | os.PathLike) -> Iterator[list[str]]:
    """The records of a CSV written by :func:`write_csv` (either dialect), header first, :func:`neutralise` undone.

    The one CSV parser of the package: every reader of a run's tables goes through it. Blank lines are skipped.
    """
    allow_long_cells()
    delimiter = csv_delimiter(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for record in csv.reader(handle, delimiter=delimiter):
            if record:
                yield [unneutralise(cell) for cell in record]


def read_csv_rows(path: str | os.PathLike) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV written by :func:`write_csv` into (columns, rows of str), undoing :func:`neutralise`."""
    records = iter_csv_records(path)
    columns = next(records, None)
    if columns is None:
        return [], []
    return columns, [dict(zip(columns, record, strict=False)) for record in records]
