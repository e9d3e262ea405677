"""``leersignalen pseudonymise``: write a pseudonymised copy of an export in the same format.

Only the text and author fields change; other columns, keys, row order, delimiter and encoding stay as they
were. The input is never written to: the output folder may not be the input's folder. Names are learnt from
every note first (authors, speakers, attendance lists), so a person named in a later note is also caught
in an earlier one.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import Errors, InputFileError
from ..output.cells import replace_file
from ..read.ingest import (
    ALIASES,
    JSONL_SUFFIXES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    _front_matter,
    _open_text,
    printable_name,
    resolve_columns,
    text_alias_columns,
)
from ..read.inputs import folder_entries, skip_reason, warn_on_stderr
from ..read.jsonl import object_keys, parse_json
from ..read.tables import TableRows
from .engine import Pseudonymiser, apply_replacements
from .keyfile import KeyFileError, check_key_location


def check_output_folder(inputs: Iterable[Path], out_dir: Path) -> None:
    """Refuse an output folder that is an input's folder (or inside an input folder)."""
    out = Path(out_dir).expanduser().resolve()
    for path in inputs:
        folder = Path(path).resolve() if Path(path).is_dir() else Path(path).resolve().parent
        if out == folder or (Path(path).is_dir() and folder in out.parents):
            raise KeyFileError(Errors.E072.format(out=out_dir, path=path))


COPIED_SUFFIXES = TABLE_SUFFIXES + JSONL_SUFFIXES + TEXT_SUFFIXES
NOT_COPIED = ("not copied: pseudonymise writes CSV/TSV, JSONL/JSON and .txt/.md only; save it in one of those "
              "formats first, or use `leersignalen run --pseudonymise`, which reads it")  # fmt: skip


def _note_files(path: Path, warn: Callable[[str], None]) -> Iterator[tuple[Path, Path]]:
    """(file, path relative to the output folder) for every note file of an input; the rest is warned about."""
    if not path.is_dir():
        yield path, Path(path.name)
        return
    from ..read import FORMAT_SUFFIXES

    found = 0
    for file, problem in folder_entries(path):
        reason = problem or skip_reason(file, COPIED_SUFFIXES + FORMAT_SUFFIXES)
        if reason is None and file.suffix.lower() in FORMAT_SUFFIXES:
            reason = NOT_COPIED
        if reason:
            warn(f"{printable_name(str(file))}: skipped: {reason}")
            continue
        found += 1
        yield file, Path(path.name) / file.relative_to(path)
    if not found:
        raise InputFileError(Errors.E008.format(path=path))


def _check_targets(files: list[tuple[Path, Path]], out_dir: Path) -> None:
    """Refuse a copy that would land on an input file (--out above an input folder) or on another input's copy."""
    sources = {file.resolve(): file for file, _ in files}
    taken: dict[Path, Path] = {}
    for file, relative in files:
        target = (out_dir / relative).resolve()
        if target in sources:
            raise KeyFileError(Errors.E114.format(target=out_dir / relative, path=file))
        if target in taken:
            raise KeyFileError(Errors.E115.format(target=out_dir / relative, first=taken[target], path=file))
        taken[target] = file


def _write_new_file(target: Path, content: str, encoding: str) -> None:
    """Write ``target`` as a new file that replaces whatever is there (a link to an input stays untouched)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, content.encode(encoding))


class _Exporter:
    """Reads each file, lets the pseudonymiser learn or replace, and writes the copy."""

    def __init__(self, pseudonymiser: Pseudonymiser, encoding: str | None, overrides: dict[str, str]):
        self.pseudonymiser = pseudonymiser
        self.encoding = encoding
        self.overrides = overrides
        self.counts: Counter = Counter()
        self.learning = False

    def text(self, value: str, author: str, *, note: bool = True) -> str:
        if self.learning:
            self.pseudonymiser.learn(value, authors=[author])
            return value
        replacements = self.pseudonymiser.replacements(value, authors=[author] if author else [])
        self.counts.update(replacement.kind for replacement in replacements)
        self.counts["records"] += note
        return apply_replacements(value, replacements)

    def author(self, value: str) -> str:
        return value if self.learning else self.pseudonymiser.pseudonymise_author(value)

    def table(self, path: Path) -> tuple[str, str]:
        table = TableRows(path, self.encoding)  # the rows exactly as `run` reads them, repaired quotes included
        mapping = resolve_columns(table.header, self.overrides, path, several_texts=True)
        text_at, author_at = mapping["text"], mapping.get("author")
        other_texts = [index for index in text_alias_columns(table.header) if index != text_at]
        rows = [table.header, *(row for _, row, _ in table)]
        width = table.width
        for number, row in enumerate(rows[1:], start=1):
            if (rejoined := table.text_rejoined(row, text_at)) is not None:  # as `run` reads it
                row = rows[number] = rejoined
            author = row[author_at] if author_at is not None and author_at < len(row) else ""
            if text_at < len(row):
                row[text_at] = self.text(row[text_at], author)
            for index in other_texts:  # a second text column (`text` and `notes`): never left in clear
                if index < len(row):
                    row[index] = self.text(row[index], author, note=False)
            if author_at is not None and author_at < len(row):
                row[author_at] = self.author(author)
            for surplus in range(width, len(row)):  # fields past the header: no column says what they hold
                row[surplus] = self.text(row[surplus], author, note=False)
        buffer = io.StringIO(newline="")
        terminator = "\r\n" if "\r\n" in table.decoded.sample_text() else "\n"
        csv.writer(buffer, delimiter=table.delimiter, lineterminator=terminator).writerows(rows)
        return buffer.getvalue(), table.encoding

    def _object(self, obj: dict, path: Path) -> dict:
        keys = object_keys(obj)
        try:
            mapping = resolve_columns(keys, self.overrides, path, several_texts=True)
        except InputFileError:
            return obj  # no text field: nothing to pseudonymise
        text_key, author_key = keys[mapping["text"]], keys[mapping["author"]] if "author" in mapping else None
        author = str(obj.get(author_key) or "") if author_key else ""
        if isinstance(obj.get(text_key), str):
            obj[text_key] = self.text(obj[text_key], author)
        for key in (keys[index] for index in text_alias_columns(keys) if keys[index] != text_key):
            if isinstance(obj.get(key), str):
                obj[key] = self.text(obj[key], author, note=False)
        if author_key and isinstance(obj.get(author_key), str):
            obj[author_key] = self.author(obj[author_key])
        return obj

    def jsonl(self, path: Path) -> tuple[str, str]:
        raw, encoding = _open_text(path, self.encoding)
        if raw.lstrip().startswith("["):
            try:
                items = parse_json(raw)
            except (ValueError, RecursionError):  # not one JSON list after all: pseudonymised line by line below
                items = None
            if isinstance(items, list):
                items = [self._object(item, path) if isinstance(item, dict) else item for item in items]
                return json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding
        lines = []
        for line in raw.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            try:
                obj = parse_json(body) if body.strip() else None
            except (ValueError, RecursionError):  # malformed, a 5,000-digit number, nested too deeply: as text
                obj = None
            if isinstance(obj, dict):
                lines.append(json.dumps(self._object(obj, path), ensure_ascii=False) + line[len(body) :])
            else:
                lines.append(self.text(body, "") + line[len(body) :] if body.strip() else line)
        return "".join(lines), encoding

    def text_file(self, path: Path) -> tuple[str, str]:
        raw, encoding = _open_text(path, self.encoding)
        meta, body_start = _front_matter(raw)
        author = next((meta[key] for key in meta if key in ALIASES["author"]), "")
        head = raw[:body_start]
        if author and not self.learning:
            head = "".join(
                self._front_matter_line(line) for line in head.splitlines(keepends=True)
            )
        return head + self.text(raw[body_start:], author), encoding

    def _front_matter_line(self, line: str) -> str:
        key, sep, value = line.partition(":")
        if not sep or key.strip().lower() not in ALIASES["author"]:
            return line
        stripped = value.strip().strip("'\"")
        return line.replace(stripped, self.pseudonymiser.pseudonymise_author(stripped), 1) if stripped else line

    def convert(self, path: Path) -> tuple[str, str]:
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            return self.table(path)
        if suffix in JSONL_SUFFIXES:
            return self.jsonl(path)
        if suffix in TEXT_SUFFIXES:
            return self.text_file(path)
        known = ", ".join(COPIED_SUFFIXES)
        raise KeyFileError(Errors.E004.format(path=path, suffix=suffix or "(none)", suffixes=known))


def pseudonymise_export(
    inputs: Iterable[Path],
    out_dir: Path,
    key_path: Path | None = None,
    also: Iterable[str] = (),
    *,
    encoding: str | None = None,
    overrides: dict[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Counter:
    """Write pseudonymised copies of ``inputs`` into ``out_dir``; return counts (records, skipped, per kind).

    Files of a folder that are not copied (other formats, hidden, unreadable) are each passed to ``warn``.
    """
    inputs = [Path(path) for path in inputs]
    out_dir = Path(out_dir)
    check_output_folder(inputs, out_dir)
    if key_path is not None:
        check_key_location(key_path, out_dir, inputs)
    pseudonymiser = Pseudonymiser(key_path, also=also)
    exporter = _Exporter(pseudonymiser, encoding, overrides or {})
    skipped = []

    def note_skip(message: str) -> None:
        skipped.append(message)
        (warn or warn_on_stderr)(message)

    files = [pair for path in inputs for pair in _note_files(path, note_skip)]
    _check_targets(files, out_dir)
    exporter.learning = True
    for file, _ in files:
        exporter.convert(file)
    exporter.learning = False
    written = []
    for file, relative in files:
        content, file_encoding = exporter.convert(file)
        written.append((out_dir / relative, content, file_encoding))
    for target, content, file_encoding in written:
        _write_new_file(target, content, file_encoding)
    pseudonymiser.save()
    exporter.counts["files"] = len(written)
    exporter.counts["skipped"] = len(skipped)
    return exporter.counts
