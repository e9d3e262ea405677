"""Gold files: coded sentences and code mappings in CSV/TSV (or a QDA project through a table reader)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..categories import category_ids
from ..defaults import LONGEST_PIECE
from ..errors import Errors, GoldFileError
from ..output.cells import allow_long_cells, unneutralise

Table = tuple[list[str], list[tuple[int, dict[str, str]]]]
TableReader = Callable[..., Table]
LABEL_COLUMNS = ("labels", "codes", "categories", "code", "category")
NEUTRAL_CODES = frozenset({"", "neutral", "neutraal", "-", "none", "geen"})
LABEL_SEPARATORS = re.compile(r"[;,|]")


@dataclass(frozen=True)
class GoldRow:
    """One coded sentence of a gold file, with whatever keys the file provides."""

    source: str
    line: int
    labels: frozenset[str]
    text: str | None = None
    note_id: str | None = None
    sentence_index: int | None = None
    start_char: int | None = None
    end_char: int | None = None
    row_id: str | None = None
    split: str | None = None

    @property
    def where(self) -> str:
        """``file:line`` for messages."""
        return f"{self.source}:{self.line}"


def decode_utf8(path: Path, encoding: str = "utf-8-sig") -> str:
    """The text of a coding file; one that is unreadable or a folder is E005, one that is not UTF-8 is E107."""
    try:
        return path.read_bytes().decode(encoding)
    except UnicodeDecodeError as error:
        raise GoldFileError(Errors.E107.format(path=path, byte=error.start)) from None
    except OSError as error:
        raise GoldFileError(Errors.E005.format(path=path, reason=error.strerror or error)) from None


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in ("\t", ";", ",")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


UNCLOSED_QUOTE = "a quote opened in this row is never closed, so the rest of the file would be one cell"


def read_table(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV/TSV file (UTF-8 with or without BOM, delimiter sniffed) into (columns, [(line, row)])."""
    path = Path(path)
    text = decode_utf8(path)
    if not text.strip():
        raise GoldFileError(Errors.E007.format(path=path))
    delimiter = _delimiter(path, text)
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    allow_long_cells()
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, quoting=quoting, strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    start = 1
    try:
        header = [name.strip().lower() for name in next(reader)]
        while True:
            start = reader.line_num + 1
            record = next(reader, None)
            if record is None:
                break
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if any(cell.strip() for cell in record[len(header):]):
                name = {"\t": "tab", ";": "semicolon", ",": "comma"}[delimiter]
                raise GoldFileError(
                    Errors.E030.format(where=f"{path}:{line}", found=len(record), expected=len(header), name=name))
            rows.append((line, dict(zip(header, record, strict=False))))
    except csv.Error as error:
        problem = UNCLOSED_QUOTE if str(error) == "unexpected end of data" else error
        raise GoldFileError(Errors.E101.format(where=f"{path}:{start}", problem=problem)) from None
    return header, rows


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a ``code,category`` mapping file; an empty category or ``neutral`` maps a code to no category."""
    path = Path(path)
    known = category_ids()
    header, rows = read_table(path)
    if "code" not in header or "category" not in header:
        raise GoldFileError(Errors.E031.format(path=path, found=", ".join(header)))
    mapping: dict[str, str] = {}
    for line, row in rows:
        code = (row.get("code") or "").strip()
        category = (row.get("category") or "").strip().lower()
        if not code:
            raise GoldFileError(Errors.E032.format(where=f"{path}:{line}"))
        if category in NEUTRAL_CODES:
            category = ""
        elif category not in known:
            raise GoldFileError(Errors.E033.format(where=f"{path}:{line}", category=category, known=", ".join(known)))
        previous = mapping.get(code.lower())
        if previous is not None and previous != category:
            raise GoldFileError(Errors.E034.format(where=f"{path}:{line}", code=code, first=previous, second=category))
        mapping[code.lower()] = category
    return mapping


def parse_labels(cell: str, *, where: str, mapping: dict[str, str] | None = None) -> frozenset[str]:
    """Turn a ``;``/``,``-separated cell of codes into codebook ids, through ``mapping`` when given."""
    known = category_ids()
    labels: set[str] = set()
    for raw in LABEL_SEPARATORS.split(cell or ""):
        code = raw.strip()
        if not code:
            continue
        lowered = code.lower()
        if mapping is not None and lowered in mapping:
            category = mapping[lowered]
        elif lowered in known:
            category = lowered
        elif lowered in NEUTRAL_CODES:
            category = ""
        else:
            hint = "add it to the --mapping file" if mapping is not None else "pass --mapping FILE (CSV code,category)"
            raise GoldFileError(Errors.E035.format(where=where, code=code, known=", ".join(known), hint=hint))
        if category:
            labels.add(category)
    return frozenset(labels)


def _int_cell(row: dict[str, str], column: str, where: str) -> int:
    value = (row.get(column) or "").strip()
    try:
        return int(value)
    except ValueError:
        raise GoldFileError(Errors.E036.format(where=where, column=column, value=value)) from None


def read_gold(
    path: str | Path, *, mapping: dict[str, str] | None = None, split: str | None = None,
    tables: Mapping[str, TableReader] | None = None,
) -> list[GoldRow]:
    """Read one gold file; keep rows of ``split`` when given (needs a ``split`` column).

    ``tables`` maps a file suffix to a reader of other formats (a QDA project: see
    :data:`leersignalen.exchange.qdpx_import.GOLD_TABLES`), which applies ``mapping`` itself.
    """
    path = Path(path)
    reader = (tables or {}).get(path.suffix.lower())
    if reader is not None:
        (header, rows), mapping = reader(path, mapping=mapping), None
    else:
        header, rows = read_table(path)
    label_column = next((name for name in LABEL_COLUMNS if name in header), None)
    if label_column is None:
        raise GoldFileError(Errors.E037.format(path=path, columns=", ".join(LABEL_COLUMNS)))
    has_text = "text" in header
    has_index = "note_id" in header and "sentence_index" in header
    has_span = "note_id" in header and "start_char" in header and "end_char" in header
    if not (has_text or has_index or has_span):
        raise GoldFileError(Errors.E038.format(path=path))
    if split and "split" not in header:
        raise GoldFileError(Errors.E039.format(path=path, split=split))
    gold: list[GoldRow] = []
    for line, row in rows:
        where = f"{path}:{line}"
        row_split = (row.get("split") or "").strip() or None
        if split and split != "all" and row_split != split:
            continue
        labels = parse_labels(row.get(label_column) or "", where=where, mapping=mapping)
        text = unneutralise(row.get("text") or "") if has_text else None
        if has_text and not has_index and not has_span and not (text or "").strip():
            raise GoldFileError(Errors.E046.format(where=where, fix="fill it in or delete the line"))
        if text is not None and len(text) > LONGEST_PIECE:
            raise GoldFileError(Errors.E123.format(where=where, length=len(text), limit=LONGEST_PIECE))
        gold.append(
            GoldRow(
                source=str(path),
                line=line,
                labels=labels,
                text=text,
                note_id=unneutralise((row.get("note_id") or "").strip()) or None,
                sentence_index=_int_cell(row, "sentence_index", where) if has_index else None,
                start_char=_int_cell(row, "start_char", where) if has_span and not has_index else None,
                end_char=_int_cell(row, "end_char", where) if has_span and not has_index else None,
                row_id=unneutralise((row.get("id") or "").strip()) or None,
                split=row_split,
            )
        )
    return gold


def read_gold_files(
    paths: Sequence[str | Path], *, mapping: dict[str, str] | None = None, split: str | None = None,
    tables: Mapping[str, TableReader] | None = None,
) -> list[GoldRow]:
    """Read and concatenate gold files; at least one coded sentence must remain."""
    rows = [row for path in paths for row in read_gold(path, mapping=mapping, split=split, tables=tables)]
    if not rows:
        names = ", ".join(str(p) for p in paths)
        raise GoldFileError(Errors.E047.format(names=names, scope=f" in split {split!r}" if split else ""))
    return rows


def normalise_text(text: str) -> str:
    """Collapse white space so that texts match across exports."""
    return " ".join(text.split())
