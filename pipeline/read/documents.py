"""Read Word (.docx) and OpenDocument text (.odt) files: one note per file, or one per section with --split-on.

Only the body is read: headers, footers, comments, footnotes and text boxes are left out. Tracked changes are
read as accepted (inserted text kept, deleted text dropped). Paragraphs become lines, list items get a "- "
prefix, and a table row becomes one line with its cells joined by " | ".
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputFileError
from .common import opening, require
from .ingest import Record, Reject
from .sections import DocumentInfo, Line, document_notes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCX_SKIPPED = {W + tag for tag in ("del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr",
                                    "drawing", "pict", "object", "footnoteReference", "commentReference")}  # fmt: skip
DOCX_CONTAINERS = {W + tag for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
MARKUP_COMPATIBILITY = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*\d|^(?:title|titel)$", re.IGNORECASE)
LIST_STYLE = re.compile(r"^(?:list|lijst)", re.IGNORECASE)
BULLET_START = ("- ", "* ", "• ")
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
MIB = 1 << 20
UNPACK_LIMITS = {"Excel": 1024 * MIB, "Word": 256 * MIB, "OpenDocument": 64 * MIB}  # streamed, lxml tree, odfpy tree


def check_office_package(path: Path, kind: str) -> None:
    """Raise E054 for an Office Open XML file saved with a password (it is then an OLE container, not a zip), and
    E104 for a package that would unpack to more than its reader can hold (a zip bomb, or 16,384 columns of XML).

    The sizes are those of the zip's directory; the zip module never unpacks more than a member declares.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as error:
        raise InputFileError(Errors.E005.format(path=path, reason=error.strerror or error)) from error
    if head == OLE_MAGIC:
        raise InputFileError(Errors.E054.format(path=path))
    try:
        with zipfile.ZipFile(path) as package:
            size = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip after all: the format library reports it (E051)
    if size > UNPACK_LIMITS[kind]:
        raise InputFileError(Errors.E104.format(path=path, kind=kind, size=size, limit=UNPACK_LIMITS[kind]))


def _as_line(text: str, *, heading: bool, listed: bool) -> Line:
    text = text.strip()
    if listed and text and not text.startswith(BULLET_START):
        text = "- " + text
    return Line(text, heading=heading and bool(text))


def _docx_inline(element) -> str:
    parts: list[str] = []
    for child in element.iterchildren():
        tag = child.tag
        if tag in DOCX_SKIPPED or tag == MARKUP_COMPATIBILITY + "AlternateContent":
            continue
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append(_docx_inline(child))
    return "".join(parts)


def _docx_blocks(container, styles: dict[str, str]) -> Iterator[Line]:
    for child in container.iterchildren():
        if child.tag == W + "p":
            style_id = child.xpath("string(w:pPr/w:pStyle/@w:val)")
            style = styles.get(style_id, style_id)
            heading = bool(HEADING_STYLE.search(style) or HEADING_STYLE.search(style_id)
                           or child.xpath("w:pPr/w:outlineLvl"))  # fmt: skip
            listed = bool(child.xpath("w:pPr/w:numPr") or LIST_STYLE.search(style))
            yield _as_line(_docx_inline(child), heading=heading, listed=listed)
        elif child.tag == W + "tbl":
            for row in child.iterchildren(W + "tr"):
                cells = [" ".join(line.text for line in _docx_blocks(cell, styles) if line.text)
                         for cell in row.iterchildren(W + "tc")]  # fmt: skip
                yield Line(" | ".join(cell for cell in cells if cell))
        elif child.tag in DOCX_CONTAINERS:
            yield from _docx_blocks(child, styles)


def _tidy(lines: Iterator[Line]) -> list[Line]:
    """Drop leading, trailing and repeated blank lines."""
    tidy: list[Line] = []
    for line in lines:
        if line.text or (tidy and tidy[-1].text):
            tidy.append(line)
    while tidy and not tidy[-1].text:
        tidy.pop()
    return tidy


def read_docx(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read a Word .docx file into one note, or one note per section with ``split_on`` ('heading' or 'date')."""
    docx = require("docx", "python-docx", "Word", path)
    check_office_package(path, "Word")
    with opening(path, "Word"):
        document = docx.Document(str(path))
        styles = {style.style_id: style.name or "" for style in document.styles}
        lines = _tidy(_docx_blocks(document.element.body, styles))
        core = document.core_properties
        info = DocumentInfo(title=core.title or "", created=core.created, modified=core.modified)
    yield from document_notes(path, lines, info, root=root, split_on=split_on)


TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE_CELL = (TABLE_NS, "table-cell")
ODT_SKIPPED = {(OFFICE_NS, "annotation"), (TEXT_NS, "note"), (TEXT_NS, "tracked-changes"),
               (TEXT_NS, "sequence-decls"), (TEXT_NS, "variable-decls")}  # fmt: skip
ODT_CONTAINERS = {(TEXT_NS, "section"), (TABLE_NS, "table-header-rows"), (TABLE_NS, "table-rows"),
                  (TABLE_NS, "table-row-group"), (TEXT_NS, "index-body")}  # fmt: skip


def _odt_inline(element) -> str:
    parts: list[str] = []
    for node in element.childNodes:
        if node.nodeType == node.TEXT_NODE:
            parts.append(str(node.data))
            continue
        if node.nodeType != node.ELEMENT_NODE or node.qname in ODT_SKIPPED:
            continue
        name = node.qname
        if name == (TEXT_NS, "s"):
            parts.append(" " * int(node.attributes.get((TEXT_NS, "c"), 1)))
        elif name == (TEXT_NS, "tab"):
            parts.append("\t")
        elif name == (TEXT_NS, "line-break"):
            parts.append("\n")
        else:
            parts.append(_odt_inline(node))
    return "".join(parts)


def _odt_blocks(container, *, listed: bool = False) -> Iterator[Line]:
    for node in container.childNodes:
        if node.nodeType != node.ELEMENT_NODE or node.qname in ODT_SKIPPED:
            continue
        name = node.qname
        if name in ((TEXT_NS, "p"), (TEXT_NS, "h")):
            style = str(node.attributes.get((TEXT_NS, "style-name"), ""))
            heading = name == (TEXT_NS, "h") or bool(HEADING_STYLE.search(style.replace("_20_", " ")))
            yield _as_line(_odt_inline(node), heading=heading, listed=listed)
        elif name in ((TEXT_NS, "list"), (TEXT_NS, "list-item"), (TEXT_NS, "list-header")):
            yield from _odt_blocks(node, listed=True)
        elif name == (TABLE_NS, "table"):
            for row in _odt_rows(node):
                cells = [" ".join(line.text for line in _odt_blocks(cell) if line.text)
                         for cell in row.childNodes if getattr(cell, "qname", None) == TABLE_CELL]  # fmt: skip
                yield Line(" | ".join(cell for cell in cells if cell))
        elif name in ODT_CONTAINERS:
            yield from _odt_blocks(node, listed=listed)


def _odt_rows(table) -> Iterator:
    for node in table.childNodes:
        if getattr(node, "qname", None) == (TABLE_NS, "table-row"):
            yield node
        elif getattr(node, "qname", None) in ODT_CONTAINERS:
            yield from _odt_rows(node)


def _odt_info(document) -> DocumentInfo:
    from odf import dc, meta, teletype

    from .dates import parse_date

    def first(kind) -> str:
        found = document.meta.getElementsByType(kind)
        return teletype.extractText(found[0]).strip() if found else ""

    return DocumentInfo(
        title=first(dc.Title), created=parse_date(first(meta.CreationDate)), modified=parse_date(first(dc.Date))
    )


def read_odt(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read an OpenDocument text .odt file into one note, or one note per section with ``split_on``."""
    opendocument = require("odf.opendocument", "odfpy", "OpenDocument", path)
    check_office_package(path, "OpenDocument")
    with opening(path, "OpenDocument"):
        document = opendocument.load(str(path))
        lines = _tidy(_odt_blocks(document.text))
        info = _odt_info(document)
    yield from document_notes(path, lines, info, root=root, split_on=split_on)
