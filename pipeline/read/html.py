"""Read HTML exports (.html, .htm; Teams, OneNote, wiki pages): visible text only, block elements as lines.

Uses the standard library's html.parser: exports are machine-written, only text and block boundaries are needed,
and it tolerates broken markup without another dependency. Left out: head (its title only dates the note),
script, style, template, svg, and elements marked hidden. Headings can start sections (``--split-on heading``),
list items get a "- " prefix, table rows become one line with cells joined by " | ".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputFileError
from .common import corrupt, opening
from .ingest import Record, Reject, _open_text
from .sections import DocumentInfo, Line, document_notes

INVISIBLE = {"head", "script", "style", "template", "noscript", "svg", "iframe", "object", "select"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.current: list[str] = []
        self.heading = False
        self.skipping: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.cells_in_row = 0
        self.preformatted = 0

    def flush(self) -> None:
        text = "".join(self.current)
        for part in text.split("\n"):
            part = " ".join(part.split()) if not self.preformatted else part.rstrip()
            if part:
                self.lines.append(Line(part, heading=self.heading))
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag == "body":
            self.skipping.clear()  # a page that never closed its <head>
        attributes = dict(attrs)
        hidden = "hidden" in attributes or HIDDEN_STYLE.search(attributes.get("style") or "")
        if self.skipping or tag in INVISIBLE or (hidden and tag not in VOID):
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag == "br":
            self.current.append("\n")
        elif tag in HEADINGS:
            self.flush()
            self.heading = True
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self.current.append(" | ")
            self.cells_in_row += 1
        elif tag in BLOCKS:
            self.flush()
            if tag == "tr":
                self.cells_in_row = 0
            elif tag == "li":
                self.current.append("- ")
            elif tag == "pre":
                self.preformatted += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in HEADINGS:
            self.flush()
            self.heading = False
        elif tag in BLOCKS:
            self.flush()
            if tag == "pre":
                self.preformatted = max(0, self.preformatted - 1)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if not self.skipping:
            self.current.append(data if self.preformatted else re.sub(r"\s+", " ", data))


def html_lines(markup: str) -> tuple[list[Line], str]:
    """The visible lines of an HTML document and its <title>."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    collector.flush()
    return collector.lines, " ".join("".join(collector.title).split())


def read_html(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read an HTML page into one note, or one note per section with ``split_on`` ('heading' or 'date')."""
    try:
        markup, _ = _open_text(path, encoding)
    except InputFileError as error:
        if not str(error).startswith("E002"):
            raise
        raise corrupt(path, "HTML", ValueError("binary content, not text")) from error
    with opening(path, "HTML"):
        lines, title = html_lines(markup)
    yield from document_notes(path, lines, DocumentInfo(title=title), root=root, split_on=split_on)
