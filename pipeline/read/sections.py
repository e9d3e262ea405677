"""Date a document and split a long one into one note per dated section (``--split-on heading|date``).

A document is a list of ``Line``: its text and whether it is a heading. The date of a whole document is the
first date in its title property or its first lines, else the date in the file name, else the date the document
properties give (created, then modified). With ``heading`` every heading starts a section; with ``date`` every
short line that carries a date and reads as a title ("Verslag 12 maart 2025", "Overleg 3-4-2025") does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import Errors, InputFileError
from .common import iso, note_from_lines
from .dates import MONTHS, WEEKDAYS, date_from_filename, parse_date
from .ingest import Record, Reject, community_from_folder

SPLIT_MODES = ("heading", "date")
FIRST_LINES = 3
MAX_TITLE_WORDS = 8
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_IN_TEXT = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})"
    rf"|(?:(?:{WEEKDAYS})\.?,?\s+)?\d{{1,2}}\s+(?:{MONTH_NAMES})\.?,?\s+\d{{4}})(?![\d\-/])",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?;,]\s*$")


@dataclass(frozen=True)
class Line:
    """One line of a document as the segmenter will see it."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class DocumentInfo:
    """What a document's own properties say: its title and dates (any may be missing)."""

    title: str = ""
    created: date | datetime | None = None
    modified: date | datetime | None = None


def find_date(text: str) -> date | None:
    """The first valid date written inside ``text`` (ISO, day-first numeric or with a Dutch/English month)."""
    for match in DATE_IN_TEXT.finditer(text):
        found = parse_date(match.group(0))
        if found is not None:
            return found
    return None


def document_date(path: Path, lines: list[Line], info: DocumentInfo) -> tuple[str, list[str]]:
    """The date of a whole document as an ISO string and any problems, in the documented order."""
    candidates = [info.title] + [line.text for line in lines if line.text.strip()][:FIRST_LINES]
    for text in candidates:
        if found := find_date(text):
            return found.isoformat(), []
    if found := date_from_filename(path.stem):
        return found.isoformat(), []
    if info.created or info.modified:
        return iso(info.created or info.modified), ["date_from_document_properties"]
    return "", []


def starts_section(line: Line, mode: str) -> bool:
    """Whether ``line`` opens a new section under ``--split-on mode``."""
    if mode == "heading":
        return line.heading and bool(line.text.strip())
    words = line.text.split()
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and not SENTENCE_END.search(line.text)
        and not line.text.lstrip().startswith(("- ", "* "))
        and find_date(line.text) is not None
    )


def check_split_mode(split_on: str | None) -> None:
    """Raise E055 for a --split-on value other than heading, date or None."""
    if split_on is not None and split_on not in SPLIT_MODES:
        raise InputFileError(Errors.E055.format(value=split_on))


def document_notes(
    path: Path, lines: list[Line], info: DocumentInfo, *, root: Path | None, split_on: str | None
) -> Iterator[Record | Reject]:
    """One note for the document, or with ``split_on`` one note per section (see the module docstring)."""
    check_split_mode(split_on)
    community = community_from_folder(path, root)
    whole_date, whole_problems = document_date(path, lines, info)
    texts = [line.text for line in lines]
    starts = [index for index, line in enumerate(lines) if split_on and starts_section(line, split_on)]
    if not starts:
        problems = list(whole_problems) + ([f"split_on_{split_on}_found_no_sections"] if split_on else [])
        yield note_from_lines(path, texts, note_id=path.stem, line=1, community=community, date_text=whole_date,
                              problems=problems)  # fmt: skip
        return
    has_preamble = any(line.text.strip() and not line.heading for line in lines[: starts[0]])
    if has_preamble:
        yield note_from_lines(path, texts[: starts[0]], note_id=f"{path.stem}:0", line=1, community=community,
                              date_text=whole_date, problems=list(whole_problems))  # fmt: skip
    single = len(starts) == 1 and not has_preamble
    for number, (start, end) in enumerate(zip(starts, starts[1:] + [len(lines)], strict=True), start=1):
        section = lines[start:end]
        found = next((found for line in section[:FIRST_LINES] if (found := find_date(line.text))), None)
        problems = [] if found else ["section_date_from_document", *whole_problems]
        yield note_from_lines(path, [line.text for line in section],
                              note_id=path.stem if single else f"{path.stem}:{number}",
                              line=start + 1, community=community,
                              date_text=found.isoformat() if found else whole_date, problems=problems)  # fmt: skip
