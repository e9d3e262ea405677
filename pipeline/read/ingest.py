"""Read exported notes: CSV/TSV (in :mod:`.tables`), JSONL/JSON and .txt/.md files, into records or rejects.

A file that cannot be used at all raises InputFileError (exit code 2). A record that cannot be processed
becomes a Reject with its reason; a record with a problem that still has text is kept, with the problem
listed. Nothing is dropped silently: records in = notes + rejects.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Errors, InputFileError
from .dates import date_from_filename, parse_date
from .decode import DecodedLines, detect_encoding, read_whole_text

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
FIELD_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HUGE_NUMBER = "a number of more than 4,300 digits (put it in quotes to keep it as text)"
SURROGATES = re.compile("[\ud800-\udfff]")
FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
__all__ = ["Record", "Reject", "detect_encoding", "parse_column_overrides", "resolve_columns"]


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

    def __post_init__(self):
        for name in ("source_file", "id", "community", "date_raw", "author", "role", "text"):
            value = getattr(self, name)
            if isinstance(value, str) and SURROGATES.search(value):
                setattr(self, name, without_surrogates(value))
                self.problems.append(f"characters that are not UTF-8 in {name} replaced by U+FFFD")


@dataclass
class Reject:
    """A record that could not be processed, and why."""

    source_file: str
    source_line: int
    id: str
    reason: str

    def __post_init__(self):
        self.source_file, self.id, self.reason = map(without_surrogates, (self.source_file, self.id, self.reason))


def without_surrogates(value: str) -> str:
    """``value`` with unpaired UTF-16 surrogates (a JSON escape such as ``\\ud800``, or a file name that is not
    UTF-8) replaced by U+FFFD: they cannot be written as UTF-8, and spaCy cannot tokenize them."""
    return SURROGATES.sub("\ufffd", value) if SURROGATES.search(value) else value


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


def _open_text(path: Path, encoding: str | None) -> tuple[str, str]:
    """The whole decoded text of a file and its encoding (see :mod:`.decode`)."""
    text, chosen, _ = read_whole_text(path, encoding)
    return text, chosen


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


def _clean_text(text: str, problems: list[str]) -> str:
    if CONTROL.search(text):
        problems.append("control_characters_replaced")
        text = CONTROL.sub(" ", text)
    return text


def _clean_field(name: str, value: str, problems: list[str]) -> str:
    """A metadata cell without control characters or line breaks (they reach terminals, CSVs and HTML)."""
    if FIELD_CONTROL.search(value):
        problems.append(f"control_characters_replaced: {name}")
        value = FIELD_CONTROL.sub(" ", value)
    return value.strip()


def _make_record(
    values: dict[str, str], path: Path, line: int, default_community: str, problems: list[str]
) -> Record | Reject:
    text = values.get("text") or ""
    note_id = _clean_field("id", values.get("id") or "", problems)
    if not note_id:
        note_id = f"{path.stem}:{line}"
        problems.append("missing_id")
    text = _clean_text(text, problems)
    if not text.strip():
        return Reject(str(path), line, note_id, "empty text: the note has no text to tag")
    community = _clean_field("community", values.get("community") or "", problems)
    if not community:
        community = _clean_field("community", default_community, [])
        problems.append("community_from_file_name")
    date_raw = _clean_field("date", values.get("date") or "", problems)
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
        author=_clean_field("author", values.get("author") or "", problems),
        role=_clean_field("role", values.get("role") or "", problems),
        text=text,
        problems=problems,
    )


def read_jsonl(path: Path, *, encoding: str | None, overrides: dict[str, str]) -> Iterator[Record | Reject]:
    """Read JSON Lines (one object a line, lines split at LF only); a JSON list or object file as a whole."""
    lines = DecodedLines(path, encoding, newline="\n")
    head = lines.sample_text(4096).lstrip("\ufeff \t\r\n")
    if head.startswith("[") or (head.startswith("{") and path.suffix.lower() == ".json"):
        text, _, problems = read_whole_text(path, encoding)
        items = _json_items(path, text)
        if items is not None:
            yield from _read_json_array(path, items, overrides, problems)
            return
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield Reject(str(path), line_number, "", f"malformed JSON: {error.msg} at column {error.colno}")
            continue
        except ValueError:  # Python refuses integers of more than 4,300 digits
            yield Reject(str(path), line_number, "", f"malformed JSON: {HUGE_NUMBER}")
            continue
        except RecursionError:
            yield Reject(str(path), line_number, "", "malformed JSON: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield Reject(str(path), line_number, "", "malformed JSON: expected an object {...} on each line")
            continue
        yield _record_from_object(obj, path, line_number, overrides, lines.problems_of(line_number, line_number))


def _record_from_object(
    obj: dict, path: Path, line: int, overrides: dict[str, str], problems: list[str] | None = None
) -> Record | Reject:
    keys = [str(key) for key in obj]
    try:
        mapping = resolve_columns(keys, overrides, path)
    except InputFileError:
        note_id = _clean_field("id", str(obj.get("id", "")), [])
        return Reject(str(path), line, note_id, "no text field in this JSON object")
    values = {name: "" if obj[keys[index]] is None else str(obj[keys[index]]) for name, index in mapping.items()}
    return _make_record(values, path, line, path.stem, list(problems or []))


def _object_lists(value, where: str, depth: int = 0) -> list[tuple[str, list]]:
    """Lists of JSON objects inside ``value`` (three levels deep at most), with their key paths."""
    if isinstance(value, list):
        return [(where or "(top level)", value)] if value and all(isinstance(v, dict) for v in value) else []
    if not isinstance(value, dict) or depth >= 3:
        return []
    found = []
    for key, inner in value.items():
        found.extend(_object_lists(inner, f"{where}.{key}" if where else str(key), depth + 1))
    return found


def _json_items(path: Path, text: str) -> list | None:
    """The items of a JSON file: its list, the one list of objects in its object, or the object as one note.

    None when the text is not one JSON value (then it is read as JSON Lines).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and text.lstrip().startswith("{"):
            return None
        raise InputFileError(Errors.E013.format(path=path, line=error.lineno, problem=error.msg)) from error
    except RecursionError as error:
        raise InputFileError(Errors.E013.format(path=path, line=1, problem="nested too deeply")) from error
    except ValueError as error:
        raise InputFileError(Errors.E013.format(path=path, line=1, problem=HUGE_NUMBER)) from error
    if isinstance(data, list):
        return data
    lists = _object_lists(data, "")
    if len(lists) == 1:
        return lists[0][1]
    if not lists and isinstance(data, dict) and data:
        try:
            resolve_columns([str(key) for key in data], {}, path)
            return [data]
        except InputFileError:
            pass
    if len(lists) > 1:
        raise InputFileError(Errors.E091.format(path=path, keys=", ".join(key for key, _ in lists)))
    raise InputFileError(Errors.E090.format(path=path))


def _read_json_array(
    path: Path, items: list, overrides: dict[str, str], problems: list[str]
) -> Iterator[Record | Reject]:
    for number, obj in enumerate(items, start=1):
        if not isinstance(obj, dict):
            yield Reject(str(path), number, "", f"item {number} is not a JSON object")
            continue
        yield _record_from_object(obj, path, number, overrides, problems)


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
    text, _, problems = read_whole_text(path, encoding)
    meta, body_start = _front_matter(text)
    relative = path.relative_to(root) if path != root else Path(path.name)
    community = relative.parts[0] if len(relative.parts) > 1 else root.name if root.is_dir() else path.parent.name
    values = {name: meta[key] for key in meta for name in FIELDS if key in ALIASES[name]}
    if "date" not in values:
        from_name = date_from_filename(path.stem)
        values["date"] = from_name.isoformat() if from_name else ""
    values.setdefault("id", path.stem)
    values.setdefault("community", community)
    # Keep offsets into the file: blank the front matter instead of cutting it off.
    values["text"] = re.sub(r"[^\n]", " ", text[:body_start]) + text[body_start:]
    return _make_record(values, path, 1, community, problems)
