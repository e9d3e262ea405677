"""Read PDF files that have a text layer: text in reading order, without running headers, footers or page numbers.

Text comes from pdfminer.six's layout analysis (text boxes in reading order, lines with their positions). On
every page the two top and two bottom lines are candidates: a page number ("3", "- 3 -", "Pagina 3 van 10") is
removed, and so is a line that recurs (digits ignored) on at least half of the pages, with two pages at least.
Wrapped lines of one text box are joined into one paragraph (not after final punctuation, not a bullet, not
a dated title line); a word broken at a line end is joined again ("samen-" +
"werking" -> "samenwerking"), but a hyphen stays when the next line starts with a capital ("Noord-" + "Brabant").
A PDF with no text at all is a scan and needs OCR first (E052).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputFileError
from .common import opening, require
from .ingest import Record, Reject
from .sections import DocumentInfo, Line, document_notes, starts_section

EDGE_LINES = 2
REPEAT_SHARE = 0.5
PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:/|van|of)\s*\d{1,4})?$", re.IGNORECASE
)
BROKEN_WORD = re.compile(r"[^\W\d_]-$")
LINE_END = re.compile(r"[.!?:;]$")
BULLETS = ("- ", "* ", "• ", "– ", "▪ ", "◦ ")

PageLine = tuple[int, float, str]  # (box number, top y, text)


def _page_lines(page, layout) -> list[PageLine]:
    lines: list[PageLine] = []
    boxes = [element for element in page if isinstance(element, layout.LTTextContainer)]
    for number, box in enumerate(boxes):
        for line in box:
            if isinstance(line, layout.LTTextLine) and (text := " ".join(line.get_text().split())):
                lines.append((number, line.y1, text))
    return lines


def _edge_keys(lines: list[PageLine]) -> set[int]:
    """Indexes of the top and bottom lines of a page, by position."""
    order = sorted(range(len(lines)), key=lambda index: -lines[index][1])
    return set(order[:EDGE_LINES] + order[-EDGE_LINES:])


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def strip_running_lines(pages: list[list[PageLine]]) -> list[list[PageLine]]:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    edges = [_edge_keys(lines) for lines in pages]
    seen = Counter(
        key for lines, edge in zip(pages, edges, strict=True) for key in {_running_key(lines[i][2]) for i in edge}
    )
    needed = max(2, REPEAT_SHARE * len(pages))
    kept = []
    for lines, edge in zip(pages, edges, strict=True):
        kept.append([
            line for index, line in enumerate(lines)
            if index not in edge or not (PAGE_NUMBER.match(line[2]) or seen[_running_key(line[2])] >= needed)
        ])  # fmt: skip
    return kept


def _wraps(previous: str, text: str) -> bool:
    """Whether ``text`` continues the paragraph ``previous`` (not a new item, not after or before a dated title)."""
    return not (
        text.startswith(BULLETS)
        or LINE_END.search(previous)
        or starts_section(Line(previous), "date")
        or starts_section(Line(text), "date")
    )


def join_lines(pages: list[list[PageLine]]) -> list[str]:
    """Paragraphs from the lines of each text box, with words broken at line ends repaired."""
    paragraphs: list[str] = []
    previous_box = None
    for page_number, lines in enumerate(pages):
        for box, _, text in lines:
            same_box = (page_number, box) == previous_box
            previous_box = (page_number, box)
            if paragraphs and BROKEN_WORD.search(paragraphs[-1]) and text[:1].isalpha():
                paragraphs[-1] = (paragraphs[-1][:-1] if text[0].islower() else paragraphs[-1]) + text
            elif paragraphs and same_box and _wraps(paragraphs[-1], text):
                paragraphs[-1] += " " + text
            else:
                paragraphs.append(text)
    return paragraphs


def read_pdf(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read a PDF with a text layer into one note, or one note per dated section with ``split_on='date'``."""
    high_level = require("pdfminer.high_level", "pdfminer.six", "PDF", path)
    layout = require("pdfminer.layout", "pdfminer.six", "PDF", path)
    with opening(path, "PDF"):
        try:
            pages = [_page_lines(page, layout) for page in high_level.extract_pages(str(path))]
        except Exception as error:
            if "password" in type(error).__name__.lower() or "encrypt" in type(error).__name__.lower():
                raise InputFileError(Errors.E054.format(path=path)) from error
            raise
    if not any(pages):
        raise InputFileError(Errors.E052.format(path=path))
    lines = [Line(text) for text in join_lines(strip_running_lines(pages))]
    yield from document_notes(path, lines, DocumentInfo(), root=root, split_on=split_on)
