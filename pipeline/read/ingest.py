"""Read exported notes into records or rejects: fields, column names, .txt/.md files (tables and JSON elsewhere).

CSV/TSV are read in :mod:`.tables`, JSON Lines and JSON in :mod:`.jsonl`.

A file that cannot be used at all raises InputFileError (exit code 2). A record that cannot be processed
becomes a Reject with its reason; a record with a problem that still has text is kept, with the problem
listed. Nothing is dropped silently: records in = notes + rejects.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Errors, InputFileError, LeersignalenError
from .dates import date_from_filename, parse_date
from .decode import detect_encoding, read_whole_text

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
NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"  # XML (qdpx, xlsx) cannot hold them
CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f{NONCHARACTERS}]")
FIELD_CONTROL = re.compile(
    f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\u200b-\\u200d\\u2060\\ufeff{NONCHARACTERS}]"
)  # also invisible characters that make an id look like another ('\ufeff1' is not '1')
SURROGATES = re.compile("[\ud800-\udfff]")
FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
__all__ = ["Record", "Reject", "detect_encoding", "parse_column_overrides", "resolve_columns",
           "text_alias_columns"]


class AmbiguousFieldError(LeersignalenError):
    """A field (text, author, ...) that two columns or keys of the same name claim: one of them would be dropped."""

    def __init__(self, path: Path, field_name: str, names: list[str]):
        listed = ", ".join(map(repr, names))
        self.reason = f"the {field_name} field is given {len(names)} times ({listed})"
        super().__init__(Errors.E103.format(path=path, field=field_name, count=len(names), names=listed))


class SeveralTextColumnsError(AmbiguousFieldError):
    """Two differently named columns or keys that both name the text (``text`` and ``tekst``): one would be left
    untagged."""

    def __init__(self, path: Path, names: list[str]):
        listed = ", ".join(map(repr, names))
        self.reason = f"the text could be any of {listed}"
        LeersignalenError.__init__(self, Errors.E113.format(path=path, field="text", names=listed))


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
        self.source_file = printable_name(self.source_file)
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
        self.source_file = printable_name(self.source_file)
        self.id, self.reason = map(without_surrogates, (self.id, self.reason))


def without_surrogates(value: str) -> str:
    """``value`` with unpaired UTF-16 surrogates (a JSON escape such as ``\\ud800``, or a file name that is not
    UTF-8) replaced by U+FFFD: they cannot be written as UTF-8, and spaCy cannot tokenize them."""
    return SURROGATES.sub("\ufffd", value) if SURROGATES.search(value) else value


def printable_name(value: str) -> str:
    """A file name as written to the outputs and printed: control characters (a terminal escape in a name) and
    surrogates become U+FFFD."""
    return FIELD_CONTROL.sub("\ufffd", without_surrogates(value))


def parse_column_overrides(values: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Parse ``--column text=Verslag`` options into {field: column name}."""
    overrides: dict[str, str] = {}
    for value in values:
        field_name, sep, column = value.partition("=")
        field_name = field_name.strip().lower()
        if not sep or field_name not in FIELDS or not column.strip():
            raise InputFileError(Errors.E006.format(value=value, fields=", ".join(FIELDS)))
        column = column.strip()
        if overrides.get(field_name, column) != column:
            raise InputFileError(Errors.E106.format(field=field_name, first=overrides[field_name], second=column))
        overrides[field_name] = column
    return overrides


def _open_text(path: Path, encoding: str | None) -> tuple[str, str]:
    """The whole decoded text of a file and its encoding (see :mod:`.decode`)."""
    text, chosen, _ = read_whole_text(path, encoding)
    return text, chosen


def resolve_columns(
    header: list[str], overrides: dict[str, str], path: Path, *, several_texts: bool = False
) -> dict[str, int]:
    """Map each known field to its column index, by override, then by alias (case-insensitive).

    Two differently named text columns are refused unless ``several_texts`` (pseudonymise handles them all).
    """
    normalised = _normalised_names(header)
    mapping: dict[str, int] = {}
    for field_name in FIELDS:
        if field_name in overrides:
            wanted = _normalised_names([overrides[field_name]])[0]
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
    texts = text_alias_columns(header)
    if not several_texts and "text" not in overrides and len({normalised[index] for index in texts}) > 1:
        raise SeveralTextColumnsError(path, [header[index] for index in texts])
    for field_name, index in mapping.items():
        if normalised.count(normalised[index]) > 1:
            names = [cell for cell, name in zip(header, normalised, strict=True) if name == normalised[index]]
            raise AmbiguousFieldError(path, field_name, names)
    return mapping


def field_column_names(overrides: dict[str, str]) -> frozenset[str]:
    """Every column name that :func:`resolve_columns` can take for a field (aliases and ``overrides``), normalised
    as it compares them."""
    aliases = (alias for names in ALIASES.values() for alias in names)
    return frozenset((*aliases, *_normalised_names(list(overrides.values()))))


def _normalised_names(header: list[str]) -> list[str]:
    """Column names as aliases are written: lower case, spaces and hyphens as '_'."""
    return [re.sub(r"[\s\-]+", "_", cell.strip().lower()) for cell in header]


def text_alias_columns(header: list[str]) -> list[int]:
    """The columns whose names are names of the text field (``text``, ``tekst``, ``notes`` ...)."""
    return [index for index, name in enumerate(_normalised_names(header)) if name in ALIASES["text"]]


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


def community_from_folder(path: Path, root: Path | None) -> str:
    """The community of a .txt/.md note or a document file: the first sub-folder under the input folder, else the
    folder it is in ('./x.md' and 'x.md' are in the current folder, which has a name)."""
    root = root or path.parent
    relative = path.relative_to(root) if path != root else Path(path.name)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return Path(os.path.abspath(root if root.is_dir() else path.parent)).name


def read_text_file(path: Path, root: Path, *, encoding: str | None) -> Record | Reject:
    """Read one .txt/.md note; community from the sub-folder, date from front matter or the file name."""
    text, _, problems = read_whole_text(path, encoding)
    meta, body_start = _front_matter(text)
    community = community_from_folder(path, root)
    values = {name: meta[key] for key in meta for name in FIELDS if key in ALIASES[name]}
    if "date" not in values:
        from_name = date_from_filename(path.stem)
        values["date"] = from_name.isoformat() if from_name else ""
    values.setdefault("id", path.stem)
    values.setdefault("community", community)
    # Keep offsets into the file: blank the front matter instead of cutting it off.
    values["text"] = re.sub(r"[^\n]", " ", text[:body_start]) + text[body_start:]
    return _make_record(values, path, 1, community, problems)
