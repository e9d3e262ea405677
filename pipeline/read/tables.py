"""Read CSV/TSV exports row by row, streamed, with long cells allowed and unbalanced quotes recovered.

Rows are parsed strictly (as a spreadsheet writes them). A row that breaks the quoting rules is read again
leniently and kept with a problem listed; when a quoted field has swallowed later lines that look like
records of their own (as many delimiters as the header needs), the quote was never closed: that row is read
up to the end of the line where it started (problem ``unbalanced_quote``) and the swallowed lines are read
again as rows, so later records are not lost or merged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputFileError
from ..output.cells import allow_long_cells
from .decode import DecodedLines
from .ingest import Record, Reject, _make_record, resolve_columns


def sniff_delimiter(head: str, suffix: str) -> str:
    """Choose among comma, semicolon and tab from the first lines."""
    if suffix in (".tsv", ".tab"):
        return "\t"
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        first_line = head.splitlines()[0] if head else ""
        return max(",;\t", key=first_line.count)


class _Lines:
    """An iterator over lines that remembers the lines of the current row and can take lines back."""

    def __init__(self, source: Iterator[str]):
        self.source = iter(source)
        self.pending: list[str] = []
        self.row_lines: list[str] = []
        self.number = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.pending.pop() if self.pending else next(self.source)
        self.number += 1
        self.row_lines.append(line)
        return line

    def take_back(self, lines: list[str]) -> None:
        self.pending.extend(reversed(lines))
        self.number -= len(lines)


def _lenient(lines: list[str], delimiter: str) -> list[str]:
    rows = list(csv.reader(lines, delimiter=delimiter, strict=False))
    row = [cell for part in rows for cell in part] if len(rows) != 1 else rows[0]
    if row:
        row[-1] = row[-1].rstrip("\r\n")
    return row


def _looks_like_records(lines: list[str], delimiter: str, width: int) -> bool:
    return width >= 2 and any(line.count(delimiter) >= width - 1 for line in lines)


class TableRows:
    """The rows of a CSV/TSV file as lists of cells, as every command parses them (``run``, ``pseudonymise``).

    ``header`` is the first non-blank row; iterating gives ``(line, row, problems)`` for each later row, blank
    rows included, where ``problems`` lists quoting repairs (see the module docstring) and decoding repairs.
    """

    def __init__(self, path: Path, encoding: str | None):
        allow_long_cells()
        self.path = path
        self.decoded = DecodedLines(path, encoding, newline="")
        self.encoding = self.decoded.encoding
        self.delimiter = sniff_delimiter(self.decoded.sample_text(), path.suffix.lower())
        self._lines = _Lines(self.decoded)
        self._reader = csv.reader(self._lines, delimiter=self.delimiter, strict=True)
        self.header = self._first_row()
        self.width = len(self.header)

    def _first_row(self) -> list[str]:
        header: list[str] = []
        while not any(cell.strip("\ufeff \t") for cell in header):  # blank lines (or a lone BOM) first
            try:
                header = next(self._reader)
            except StopIteration:
                raise InputFileError(Errors.E007.format(path=self.path)) from None
            except csv.Error:
                header = _lenient(self._lines.row_lines, self.delimiter)
        header[0] = header[0].removeprefix("\ufeff")
        return header

    def text_rejoined(self, row: list[str], text_at: int) -> list[str] | None:
        """``row`` with its fields past the header joined back into the text, when the text is the last column and
        an unquoted delimiter split it ('We leerden, en ...'); None when there is nothing to join."""
        if len(row) <= self.width or text_at != self.width - 1:
            return None
        return [*row[:text_at], self.delimiter.join(row[text_at:])]

    def __iter__(self) -> Iterator[tuple[int, list[str], list[str]]]:
        lines = self._lines
        while True:
            lines.row_lines = []
            start = lines.number + 1
            problems: list[str] = []
            try:
                row = next(self._reader)
            except StopIteration:
                return
            except csv.Error:
                swallowed = lines.row_lines[1:]
                if _looks_like_records(swallowed, self.delimiter, self.width):
                    lines.take_back(swallowed)
                    row = _lenient(lines.row_lines[:1], self.delimiter)
                    problems.append(f"unbalanced_quote: a quote opened on line {start} is not closed; "
                                    "the row was read up to the end of that line")  # fmt: skip
                else:
                    row = _lenient(lines.row_lines, self.delimiter)
                    problems.append(f"malformed_quotes: line {start} was read leniently")
            problems.extend(self.decoded.problems_of(start, lines.number))
            yield start, row, problems


def read_table(path: Path, *, encoding: str | None, overrides: dict[str, str]) -> Iterator[Record | Reject]:
    """Read a CSV or TSV export; rows are records, ragged rows without text are rejects."""
    table = TableRows(path, encoding)
    mapping = resolve_columns(table.header, overrides, path)
    width = table.width
    for start, row, problems in table:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            problems.append(f"ragged_row: {len(row)} fields, header has {width}")
        if (rejoined := table.text_rejoined(row, mapping["text"])) is not None:
            row = rejoined
            problems[-1] += "; the fields after the text column were joined to the text"
        values = {name: row[index] for name, index in mapping.items() if index < len(row)}
        record = _make_record(values, path, start, path.stem, problems)
        if isinstance(record, Reject) and len(row) != width:
            record.reason = f"ragged row without text: {len(row)} fields, header has {width}"
        yield record
