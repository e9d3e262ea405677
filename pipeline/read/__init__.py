"""Readers for the formats notes are kept in besides CSV/JSONL/text: spreadsheets, Word/ODT, PDF and HTML.

Every reader has the signature ``reader(path, *, encoding, overrides, root, sheet, split_on)`` and yields
``Record | Reject`` through ingest's record rules. ``READERS`` maps a file suffix to ``(reader, reader name)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .documents import read_docx, read_odt
from .html import read_html
from .ingest import Record, Reject
from .pdf import read_pdf
from .sections import SPLIT_MODES, check_split_mode
from .sheets import read_ods, read_xls, read_xlsx

Reader = Callable[..., Iterator[Record | Reject]]

READERS: dict[str, tuple[Reader, str]] = {
    ".xlsx": (read_xlsx, "xlsx"),
    ".xlsm": (read_xlsx, "xlsx"),
    ".xls": (read_xls, "xls"),
    ".ods": (read_ods, "ods"),
    ".docx": (read_docx, "docx"),
    ".odt": (read_odt, "odt"),
    ".pdf": (read_pdf, "pdf"),
    ".html": (read_html, "html"),
    ".htm": (read_html, "html"),
}
FORMAT_SUFFIXES = tuple(READERS)


def read_format(
    path: Path, *, root: Path | None = None, encoding: str | None = None, overrides: dict[str, str] | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read one file of a suffix in READERS (``root``: the input folder it was found in, for its community)."""
    reader, _ = READERS[path.suffix.lower()]
    yield from reader(path, encoding=encoding, overrides=overrides or {}, root=root, sheet=sheet, split_on=split_on)


def reader_name(path: Path) -> str | None:
    """The name of the reader for ``path`` (e.g. 'docx'), or None when it is not one of these formats."""
    entry = READERS.get(path.suffix.lower())
    return entry[1] if entry else None


__all__ = ["FORMAT_SUFFIXES", "READERS", "SPLIT_MODES", "check_split_mode", "read_format", "reader_name",
           "read_docx", "read_html", "read_ods", "read_odt", "read_pdf", "read_xls", "read_xlsx"]  # fmt: skip
