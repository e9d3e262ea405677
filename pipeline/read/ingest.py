"""Read exported notes: CSV/TSV, JSONL and folders of .txt/.md files, into records or rejects.

A file that cannot be used at all raises InputFileError (exit code 2). A record that cannot be processed
becomes a Reject with its reason; a record with a problem that still has text is kept, with the problem
listed. Nothing is dropped silently: records in = notes + rejects.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import Errors, InputFileError
from .dates import date_from_filename, parse_date

FIELDS = ("id", "community", "date", "text", "author", "role")
ALIASES = {
    "id": ("id", "note_id", "noteid", "notitie_id", "notitieid", "nr", "nummer", "record_id", "identifier", "uuid"),
    "community": (
        "community", "gemeenschap", "group", "groep", "team", "praktijk", "lerende_praktijk", "werkplaats",
        "community_name", "project",
    ),
    "date": ("date", "datum", "created", "created_at", "aangemaakt", "dag", "timestamp", "datetime", "tijdstip"),
    "text": (
        "text", "tekst", "notitie", "note", "notes", "body", "content", "inhoud", "verslag", "notulen",
        "bericht", "message", "reflectie_tekst",
    ),
    "author": ("author", "auteur", "schrijver", "door", "writer", "naam", "name", "opsteller"),
    "role": ("role", "rol", "functie", "hoedanigheid"),
}  # fmt: skip
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
TABLE_SUFFIXES = (".csv", ".tsv", ".tab")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
SAMPLE_BYTES = 1 << 20


@dataclass
class Record:
    """One note as read from the input, with any problems found."""

    source_file: str
    source_line: int
    id: str
    community: str
    date_raw: str
    date: date | None
    author: str
    role: str
    text: str
    problems: list[str] = field(default_factory=list)


@dataclass
class Reject:
    """A record that could not be processed, and why."""

    source_file: str
    source_line: int
    id: str
    reason: str


def parse_column_overrides(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Parse ``--column text=Verslag`` options into {field: column name}."""
    overrides: dict[str, str] = {}
    for value in values:
        field_name, sep, column = value.partition("=")
        field_name = field_name.strip().lower()
        if not sep or field_name not in FIELDS or not column.strip():
            raise InputFileError(Errors.E006.format(value=value, fields=", ".join(FIELDS)))
        overrides[field_name] = column.strip()
    return overrides


def detect_encoding(path: Path, raw: bytes) -> str:
    """Guess the encoding of a text file: UTF-8 (with or without BOM), else what charset-normalizer finds."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in raw[:8192]:
        raise InputFileError(Errors.E002.format(path=path))
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(raw) - 4 and len(raw) == SAMPLE_BYTES:
            return "utf-8"  # the sample cut a multi-byte character
    best = from_bytes(raw, cp_isolation=["cp1252", "latin_1", "utf_16", "cp850"]).best()
    if best is None:
        raise InputFileError(Errors.E002.format(path=path))
    return "cp1252" if best.encoding in ("cp1252", "latin_1") else best.encoding


def _open_text(path: Path, encoding: str | None) -> tuple[str, str]:
    try:
        with open(path, "rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
    except OSError as error:
        raise InputFileError(Errors.E005.format(path=path, reason=error.strerror or error)) from error
    if not sample.strip():
        raise InputFileError(Errors.E007.format(path=path))
    chosen = encoding or detect_encoding(path, sample)
    try:
        text = path.read_bytes().decode(chosen)
    except (UnicodeDecodeError, LookupError) as error:
        raise InputFileError(Errors.E003.format(path=path, encoding=chosen)) from error
    return text.removeprefix("\ufeff"), chosen


def resolve_columns(header: list[str], overrides: dict[str, str], path: Path) -> dict[str, int]:
    """Map each known field to its column index, by override, then by alias (case-insensitive)."""
    normalised = [re.sub(r"[\s\-]+", "_", cell.strip().lower()) for cell in header]
    mapping: dict[str, int] = {}
    for field_name in FIELDS:
        if field_name in overrides:
            wanted = re.sub(r"[\s\-]+", "_", overrides[field_name].strip().lower())
            if wanted not in normalised:
                raise InputFileError(Errors.E009.format(
                    path=path, column=overrides[field_name], field=field_name, columns=", ".join(header)))
            mapping[field_name] = normalised.index(wanted)
            continue
        for alias in ALIASES[field_name]:
            if alias in normalised and normalised.index(alias) not in mapping.values():
                mapping[field_name] = normalised.index(alias)
                break
    if "text" not in mapping:
        raise InputFileError(Errors.E001.format(path=path, columns=", ".join(header) or "none"))
    return mapping


def sniff_delimiter(text: str, suffix: str) -> str:
    """Choose among comma, semicolon and tab from the first lines."""
    if suffix in (".tsv", ".tab"):
        return "\t"
    head = text[:65536]
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t").delimiter
    except csv.Error:
        first_line = head.splitlines()[0] if head else ""
        return max(",;\t", key=first_line.count)


def _clean_text(text: str, problems: list[str]) -> str:
    if CONTROL.search(text):
        problems.append("control_characters_replaced")
        text = CONTROL.sub(" ", text)
    return text


def _make_record(
    values: dict[str, str], path: Path, line: int, default_community: str, problems: list[str]
) -> Record | Reject:
    text = values.get("text") or ""
    note_id = (values.get("id") or "").strip()
    if not note_id:
        note_id = f"{path.stem}:{line}"
        problems.append("missing_id")
    if not text.strip():
        return Reject(str(path), line, note_id, "empty text: the note has no text to tag")
    text = _clean_text(text, problems)
    community = (values.get("community") or "").strip()
    if not community:
        community = default_community
        problems.append("community_from_file_name")
    date_raw = (values.get("date") or "").strip()
    parsed = parse_date(date_raw)
    if not date_raw:
        problems.append("missing_date")
    elif parsed is None:
        problems.append(f"unparseable_date: {date_raw}")
    return Record(
        source_file=str(path),
        source_line=line,
        id=note_id,
        community=community,
        date_raw=date_raw,
        date=parsed,
        author=(values.get("author") or "").strip(),
        role=(values.get("role") or "").strip(),
        text=text,
        problems=problems,
    )


def read_table(path: Path, *, encoding: str | None, overrides: dict[str, str]) -> Iterator[Record | Reject]:
    """Read a CSV or TSV export; rows are records, ragged rows without text are rejects."""
    text, _ = _open_text(path, encoding)
    delimiter = sniff_delimiter(text, path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(Errors.E007.format(path=path)) from None
    mapping = resolve_columns(header, overrides, path)
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield Reject(str(path), line, "", f"unreadable CSV row: {error}")
            line = reader.line_num + 1
            continue
        start_line, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        problems: list[str] = []
        if len(row) != len(header):
            problems.append(f"ragged_row: {len(row)} fields, header has {len(header)}")
        values = {name: row[index] for name, index in mapping.items() if index < len(row)}
        record = _make_record(values, path, start_line, path.stem, problems)
        if isinstance(record, Reject) and problems:
            record.reason = f"ragged row without text: {len(row)} fields, header has {len(header)}"
        yield record


def read_jsonl(path: Path, *, encoding: str | None, overrides: dict[str, str]) -> Iterator[Record | Reject]:
    """Read JSON Lines (one object a line); a malformed line is a reject."""
    text, _ = _open_text(path, encoding)
    if text.lstrip().startswith("["):
        yield from _read_json_array(path, text, overrides)
        return
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield Reject(str(path), line_number, "", f"malformed JSON: {error.msg} at column {error.colno}")
            continue
        if not isinstance(obj, dict):
            yield Reject(str(path), line_number, "", "malformed JSON: expected an object {...} on each line")
            continue
        yield _record_from_object(obj, path, line_number, overrides)


def _record_from_object(obj: dict, path: Path, line: int, overrides: dict[str, str]) -> Record | Reject:
    keys = [str(key) for key in obj]
    try:
        mapping = resolve_columns(keys, overrides, path)
    except InputFileError:
        return Reject(str(path), line, str(obj.get("id", "")), "no text field in this JSON object")
    values = {name: "" if obj[keys[index]] is None else str(obj[keys[index]]) for name, index in mapping.items()}
    return _make_record(values, path, line, path.stem, [])


def _read_json_array(path: Path, text: str, overrides: dict[str, str]) -> Iterator[Record | Reject]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputFileError(Errors.E013.format(path=path, line=error.lineno, problem=error.msg)) from error
    for number, obj in enumerate(items, start=1):
        if not isinstance(obj, dict):
            yield Reject(str(path), number, "", f"item {number} is not a JSON object")
            continue
        yield _record_from_object(obj, path, number, overrides)


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    values = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip().lower()] = value.strip().strip("'\"")
    return values, match.end()


def read_text_file(path: Path, root: Path, *, encoding: str | None) -> Record | Reject:
    """Read one .txt/.md note; community from the sub-folder, date from front matter or the file name."""
    text, _ = _open_text(path, encoding)
    meta, body_start = _front_matter(text)
    relative = path.relative_to(root) if path != root else Path(path.name)
    community = relative.parts[0] if len(relative.parts) > 1 else root.name if root.is_dir() else path.parent.name
    values = {name: meta[key] for key in meta for name in FIELDS if key in ALIASES[name]}
    problems: list[str] = []
    if "date" not in values:
        from_name = date_from_filename(path.stem)
        values["date"] = from_name.isoformat() if from_name else ""
    values.setdefault("id", path.stem)
    values.setdefault("community", community)
    # Keep offsets into the file: blank the front matter instead of cutting it off.
    values["text"] = re.sub(r"[^\n]", " ", text[:body_start]) + text[body_start:]
    return _make_record(values, path, 1, community, problems)


def read_inputs(
    paths: list[Path], *, encoding: str | None = None, overrides: dict[str, str] | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Yield records and rejects from every input path, in path order, files of a folder sorted."""
    from . import FORMAT_SUFFIXES, check_split_mode, read_format

    overrides = overrides or {}
    check_split_mode(split_on)
    formats = {"sheet": sheet, "split_on": split_on, "encoding": encoding, "overrides": overrides}
    for path in paths:
        if path.is_dir():
            suffixes = TEXT_SUFFIXES + FORMAT_SUFFIXES
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            if not files:
                raise InputFileError(Errors.E008.format(path=path))
            for file in files:
                if file.suffix.lower() in FORMAT_SUFFIXES:
                    yield from read_format(file, root=path, **formats)
                else:
                    yield read_text_file(file, path, encoding=encoding)
            continue
        suffix = path.suffix.lower()
        if suffix in FORMAT_SUFFIXES:
            yield from read_format(path, **formats)
        elif suffix in TABLE_SUFFIXES:
            yield from read_table(path, encoding=encoding, overrides=overrides)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, encoding=encoding, overrides=overrides)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_file(path, path.parent, encoding=encoding)
        else:
            suffixes = ", ".join(TABLE_SUFFIXES + JSONL_SUFFIXES + TEXT_SUFFIXES)
            raise InputFileError(Errors.E004.format(path=path, suffix=suffix or "(none)", suffixes=suffixes))
