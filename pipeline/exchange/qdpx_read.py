"""Read a REFI-QDA project (.qdpx archive or bare .qde) safely: its codes, text sources and text selections.

Safety: the XML is parsed with defusedxml (no DTD, no entities, no external references); zip members with an
absolute path, a drive letter or a ``..`` part are refused (zip-slip), and so is an archive whose members, or
their total, would unpack past a limit (zip bomb). Source texts are read from the archive only, never from the
disk paths a project may name.

Offsets: REFI-QDA §10.2 counts Unicode code points, but NVivo 12 counts UTF-16 code units (an emoji counts 2),
and neither counts the byte-order mark of the source file. :func:`to_code_points` picks, per source, the reading
under which most selections start and end on a non-space character (code points on a tie), converts the offsets
to code points, and the text is then given ``\\n`` line ends with the offsets moved along.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import Errors
from ..read.decode import looks_binary
from . import ExchangeError

NAMESPACE = "{urn:QDA-XML:project:1.0}"
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
SAMPLE_CHARACTERS = 65536  # of a decoded text source, checked as the notes readers check a file's first bytes
ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters that take two UTF-16 units
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


@dataclass
class Selection:
    """A coded stretch of a text source, offsets in code points of the normalised text."""

    start: int
    end: int
    code_guids: list[str]


@dataclass
class TextSource:
    """One text source; ``text`` is None when the project does not contain it."""

    guid: str
    name: str
    text: str | None
    selections: list[Selection] = field(default_factory=list)
    offset_unit: str = "code points"


@dataclass
class Project:
    """The parts of a REFI-QDA project that the importer needs."""

    path: Path
    codes: dict[str, str]
    sources: list[TextSource]


def normal_guid(value: str | None) -> str:
    """A GUID in lower case without braces, so that references match across vendors' spellings."""
    return (value or "").strip().strip("{}").lower()


def _check_member(path: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ExchangeError(Errors.E061.format(path=path, member=info.filename, reason="absolute path"))
    if ".." in parts:
        raise ExchangeError(Errors.E061.format(path=path, member=info.filename, reason="'..' in the path"))
    if info.file_size > MAX_MEMBER_BYTES:
        raise ExchangeError(Errors.E062.format(path=path, what=f"member {info.filename!r}", size=info.file_size,
                                               limit=MAX_MEMBER_BYTES))


class Archive:
    """The members of a .qdpx, checked before anything is unpacked; looked up by file name, case-insensitively."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            problem = f"not a readable zip archive ({error})"
            raise ExchangeError(Errors.E060.format(path=path, problem=problem)) from None
        for info in infos:
            _check_member(path, info)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise ExchangeError(Errors.E062.format(path=path, what="the archive", size=total, limit=MAX_TOTAL_BYTES))
        self.by_name: dict[str, zipfile.ZipInfo] = {}
        for info in (i for i in infos if not i.is_dir()):
            name = PurePosixPath(info.filename.replace("\\", "/")).name.lower()
            if name in self.by_name:
                problem = (f"members {self.by_name[name].filename!r} and {info.filename!r} have the same name but for "
                           "case or folder, so a source reference could mean either")  # fmt: skip
                raise ExchangeError(Errors.E060.format(path=path, problem=problem))
            self.by_name[name] = info

    def project_xml(self) -> bytes:
        """The bytes of the single ``.qde`` member."""
        projects = [info for name, info in self.by_name.items() if name.endswith(".qde")]
        if len(projects) != 1:
            problem = "no project.qde inside" if not projects else f"{len(projects)} .qde files inside"
            raise ExchangeError(Errors.E060.format(path=self.path, problem=problem))
        return self.read(projects[0])

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """One member's bytes (never more than its declared, checked size)."""
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise ExchangeError(Errors.E060.format(path=self.path, problem=f"corrupt member {info.filename!r} "
                                                                           f"({error})")) from None

    def source_bytes(self, reference: str) -> bytes | None:
        """The bytes behind ``internal://NAME`` (or a bare name), or None when the archive lacks them."""
        if not reference.lower().startswith("internal://"):
            return None
        info = self.by_name.get(PurePosixPath(reference[len("internal://"):].replace("\\", "/")).name.lower())
        return self.read(info) if info else None


def parse_xml(path: Path, data: bytes) -> Element:
    """Parse project XML with defusedxml; refuse DTDs, entities and external references."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ExchangeError(Errors.E067.format(path=path, problem=type(error).__name__)) from None
    except ParseError as error:
        raise ExchangeError(Errors.E060.format(path=path, problem=f"not well-formed XML ({error})")) from None
    if root.tag != f"{NAMESPACE}Project":
        raise ExchangeError(Errors.E060.format(path=path, problem=f"root element is {root.tag!r}, not a REFI-QDA "
                                                                  "Project (namespace urn:QDA-XML:project:1.0)"))
    return root


def decode_source(data: bytes) -> tuple[str, bool]:
    """Decode a source file (BOM-aware; UTF-8 otherwise, cp1252 as a last resort); return (text, had a BOM)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), True
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), False


def _utf16_to_code_points(text: str) -> list[int]:
    """For every UTF-16 unit offset 0..N, the code point offset (a unit inside a surrogate pair maps forward)."""
    table = []
    for index, character in enumerate(text):
        table.append(index)
        if ord(character) > 0xFFFF:
            table.append(index + 1)
    table.append(len(text))
    return table


def _clean_edges(text: str, spans: list[tuple[int, int]]) -> int:
    return sum(1 for start, end in spans
               if 0 <= start < end <= len(text) and not text[start].isspace() and not text[end - 1].isspace())


def to_code_points(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], str]:
    """Convert selection offsets to code points: as given, or read as UTF-16 units when that fits better."""
    if ASTRAL.search(text) is None:
        return spans, "code points"
    table = _utf16_to_code_points(text)
    converted = [(table[min(start, len(table) - 1)], table[min(end, len(table) - 1)]) for start, end in spans]
    if _clean_edges(text, converted) > _clean_edges(text, spans):
        return converted, "UTF-16 units"
    return spans, "code points"


def normalise_line_ends(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Turn CRLF and lone CR into LF and move the offsets along."""
    if "\r" not in text:
        return text, spans
    removed = [index for index in range(len(text) - 1) if text[index] == "\r" and text[index + 1] == "\n"]

    def moved(offset: int) -> int:
        return offset - bisect_right(removed, offset - 1)

    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    return normal, [(moved(start), moved(end)) for start, end in spans]


def _codes(root: Element) -> dict[str, str]:
    codebook = root.find(f"{NAMESPACE}CodeBook")
    if codebook is None:
        return {}
    codes = codebook.iter(f"{NAMESPACE}Code")
    return {normal_guid(code.get("guid")): (code.get("name") or "").strip() for code in codes}


def _source(element: Element, archive: Archive | None) -> TextSource:
    guid = normal_guid(element.get("guid"))
    name = (element.get("name") or "").strip() or guid
    content = element.find(f"{NAMESPACE}PlainTextContent")
    text = None
    if content is not None and content.text is not None:
        text = content.text
    elif archive is not None and element.get("plainTextPath"):
        data = archive.source_bytes(element.get("plainTextPath"))
        text = decode_source(data)[0] if data is not None else None
        if text is not None and looks_binary(text[:SAMPLE_CHARACTERS].encode("utf-8", errors="replace")):
            problem = f"source {name!r} ({element.get('plainTextPath')}) holds binary bytes, not plain text"
            raise ExchangeError(Errors.E060.format(path=archive.path, problem=problem))
    raw = [(int(s.get("startPosition", 0)), int(s.get("endPosition", 0)),
            [normal_guid(ref.get("targetGUID")) for ref in s.iter(f"{NAMESPACE}CodeRef")])
           for s in element.findall(f"{NAMESPACE}PlainTextSelection")]
    for start, end, _ in raw:
        if start < 0 or end < start:
            raise ValueError(f"{start}-{end} in source {name!r}: positions are 0 or more, the end not before the "
                             "start")  # fmt: skip
    source = TextSource(guid, name, text)
    if text is None:
        source.selections = [Selection(start, end, codes) for start, end, codes in raw]
        return source
    longest = len(text) + sum(1 for _ in ASTRAL.finditer(text))  # positions may count UTF-16 units, not more
    for start, end, _ in raw:
        if end > longest:
            raise ValueError(f"{start}-{end} in source {name!r}: past the end of its text ({len(text)} characters)")
    spans, source.offset_unit = to_code_points(text, [(start, end) for start, end, _ in raw])
    source.text, spans = normalise_line_ends(text, spans)
    source.selections = [Selection(start, end, codes) for (start, end), (_, _, codes) in zip(spans, raw, strict=True)]
    return source


def read_project(path: str | Path) -> Project:
    """Read a .qdpx (zip with project.qde and sources/) or a bare .qde into codes and text sources."""
    path = Path(path)
    if not path.is_file():
        raise ExchangeError(Errors.E060.format(path=path, problem="no such file"))
    archive = None
    if zipfile.is_zipfile(path):
        archive = Archive(path)
        data = archive.project_xml()
    else:
        data = path.read_bytes()
        if not data.strip():
            raise ExchangeError(Errors.E060.format(path=path, problem="the file is empty"))
    root = parse_xml(path, data)
    try:
        sources = [_source(element, archive) for element in root.iter(f"{NAMESPACE}TextSource")]
    except ValueError as error:
        problem = f"a selection has a bad position ({error})"
        raise ExchangeError(Errors.E060.format(path=path, problem=problem)) from None
    return Project(path, _codes(root), sources)
