"""Read spreadsheets (.xlsx, .xlsm, .xls, .ods) into records: every sheet, or the one named with --sheet.

Formulas give the values Excel cached when the file was saved; nothing is evaluated. The header is the row among
the first rows of a sheet that names the most known fields (so a title row or a merged group header above it is
passed over); columns are matched with the same aliases and ``--column`` mapping as CSV. Row numbers are the
sheet's own; empty rows are skipped (as in CSV) but keep the numbering, and a row with values but no text is a
reject. Date cells become ISO dates; a plain number in the date column is read as an Excel serial date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..errors import Errors, InputFileError
from .common import opening, require
from .documents import check_office_package
from .ingest import Record, Reject, _make_record, _normalised_names, field_column_names, resolve_columns

HEADER_SCAN_ROWS = 10
EXCEL_EPOCH = datetime(1899, 12, 30)
SERIAL_DATES = (20000, 80000)  # 1954-10-03 to 2119-01-10: numbers in this range in a date column are dates

Row = tuple[int, list]
Sheet = tuple[str, Iterable[Row]]


def cell_text(value, field_name: str) -> str:
    """The text of one cell value for ``field_name``: dates as ISO, whole floats without '.0', None as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) or field_name == "date" else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        if field_name == "date" and SERIAL_DATES[0] <= value <= SERIAL_DATES[1]:
            return (EXCEL_EPOCH + timedelta(days=float(value))).date().isoformat()
        return str(int(value)) if float(value).is_integer() else str(value)
    return str(value)


def _filled(value) -> bool:
    return value is not None and bool(str(value).strip())


def _is_empty(row: list) -> bool:
    return not any(map(_filled, row))


def _header_mapping(path: Path, values: list, overrides: dict[str, str]) -> dict[str, int] | None:
    """The fields of a row read as a header (None when it names no text column)."""
    try:
        return resolve_columns([cell_text(value, "") for value in values], overrides, path)
    except InputFileError:
        return None


def _find_header(path: Path, rows: list[Row], overrides: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """The first row that names a text column, and its fields; rows above it are titles."""
    for position, (_, values) in enumerate(rows):
        mapping = _header_mapping(path, values, overrides)
        if mapping is not None:
            return position, mapping
    return None


def _is_new_header(path: Path, values: list, overrides: dict[str, str],
                   names: frozenset[str]) -> dict[str, int] | None:  # fmt: skip
    """The fields of a row below the header that is itself a header (a second table: 'id, datum, tekst'): every
    filled cell of it names a field, and it names at least two. ``names`` (:func:`field_column_names`) turns
    away a data row before it is resolved as a header, which would cost more than the rest of reading it."""
    filled = 0
    for value in values:
        if _filled(value):
            if _normalised_names([cell_text(value, "")])[0] not in names:
                return None
            filled += 1
    if filled < 2:
        return None
    mapping = _header_mapping(path, values, overrides)
    return mapping if mapping is not None and len(mapping) == filled else None


def _width(values: list) -> int:
    """The number of columns of a header row (up to its last named cell)."""
    return max((index + 1 for index, value in enumerate(values) if _filled(value)), default=0)


FORMULA_REASON = ("empty text: the text cell holds a formula ({formula}) without a stored value; open the file in "
                  "Excel or LibreOffice and save it, so that the value is stored")
MAX_FORMULA_SHOWN = 60


def sheet_records(
    path: Path, sheets: Iterable[Sheet], *, overrides: dict[str, str], single: bool,
    formula_of: Callable[[str, int, int], str | None] | None = None,
) -> Iterator[Record | Reject]:
    """Records from the rows of each sheet; ``single`` when only one sheet is read (its missing header is E001).

    ``formula_of(sheet, row, column)`` gives the formula of a cell whose value is empty: a text cell that holds a
    formula nobody calculated is then rejected with that reason instead of a bare "empty text".
    """
    found_any = False
    for name, rows in sheets:
        rows = iter(rows)
        head: list[Row] = []
        for number, values in rows:
            if not _is_empty(values):
                head.append((number, values))
                if len(head) == HEADER_SCAN_ROWS:
                    break
        if not head:
            continue
        found_any = True
        header = _find_header(path, head, overrides)
        label = path if single else f"{path} (sheet {name})"
        if header is None:
            likely = max(head, key=lambda row: sum(map(_filled, row[1])))  # the widest row, not a title above it
            if single:
                resolve_columns([cell_text(value, "") for value in likely[1]], overrides, Path(str(label)))
            columns = ", ".join(cell_text(value, "") for value in likely[1] if value is not None)
            yield Reject(str(path), likely[0], f"{path.stem}:{name}",
                         f"sheet {name!r} skipped: no text column (columns: {columns}); map it with --column "
                         f"text=NAME or choose a sheet with --sheet")  # fmt: skip
            continue
        position, mapping = header
        width = _width(head[position][1])
        names = field_column_names(overrides)
        prefix = path.stem if single else f"{path.stem}:{name}"
        for number, values in [*head[position + 1 :], *rows]:
            if _is_empty(values):
                continue
            if (switched := _is_new_header(path, values, overrides, names)) is not None:
                mapping, width = switched, _width(values)
                continue
            problems: list[str] = []
            cells = {field: cell_text(values[index], field) for field, index in mapping.items() if index < len(values)}
            beyond = [cell_text(value, "text") for value in values[width:] if _filled(value)]
            if beyond:
                cells["text"] = " ".join(part for part in (cells.get("text", "").rstrip(), *beyond) if part)
                problems.append(f"ragged_row: {len(beyond)} cell(s) right of the header's last column; joined to "
                                "the text")  # fmt: skip
            if not cells.get("id", "").strip():
                cells["id"] = f"{prefix}:{number}"
                problems.append("missing_id")
            item = _make_record(cells, path, number, path.stem, problems)
            text_column = mapping.get("text")
            if (isinstance(item, Reject) and formula_of is not None and text_column is not None
                    and (text_column >= len(values) or values[text_column] is None)):
                formula = formula_of(name, number, text_column)
                if formula:
                    shown = formula if len(formula) <= MAX_FORMULA_SHOWN else formula[:MAX_FORMULA_SHOWN] + "..."
                    item = Reject(item.source_file, item.source_line, item.id, FORMULA_REASON.format(formula=shown))
            yield item
    if not found_any:
        raise InputFileError(Errors.E007.format(path=path))


def _chosen(path: Path, names: list[str], sheet: str | None) -> list[str]:
    if sheet is None:
        return names
    if sheet not in names:
        raise InputFileError(Errors.E053.format(path=path, sheet=sheet, sheets=", ".join(names)))
    return [sheet]


def read_xlsx(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read an Excel .xlsx/.xlsm workbook (read-only, cached formula values) into records and rejects."""
    openpyxl = require("openpyxl", "openpyxl", "Excel", path)
    check_office_package(path, "Excel")
    with opening(path, "Excel"):
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        names = _chosen(path, workbook.sheetnames, sheet)

        def rows(name: str) -> Iterator[Row]:
            with opening(path, "Excel"):
                worksheet = workbook[name]
                worksheet.reset_dimensions()  # rows as stored, not padded to the sheet's declared last cell
                for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                    yield number, list(values)

        formulas = _FormulaCells(path)
        try:
            yield from sheet_records(path, ((name, rows(name)) for name in names), overrides=overrides or {},
                                     single=len(names) == 1, formula_of=formulas.formula)  # fmt: skip
        finally:
            formulas.close()
    finally:
        workbook.close()


class _FormulaCells:
    """The formulas of a workbook's cells, read (a second, formula-preserving pass) only when a text cell is empty.

    Rows are asked for in increasing order within a sheet, so one column is read alongside as a stream: nothing of
    the sheet is kept but the position in it."""

    def __init__(self, path: Path):
        self.path = path
        self.workbook = None
        self.key: tuple[str, int] | None = None
        self.cells: Iterator[tuple[int, object]] = iter(())
        self.last: tuple[int, object] = (0, None)

    def formula(self, sheet: str, row: int, column: int) -> str | None:
        if self.key != (sheet, column) or self.last[0] > row:
            self._open(sheet, column)
        with opening(self.path, "Excel"):
            while self.last[0] < row:
                self.last = next(self.cells, (row + 1, None))
        number, value = self.last
        return value if number == row and isinstance(value, str) and value.startswith("=") else None

    def _open(self, sheet: str, column: int) -> None:
        import openpyxl

        if self.workbook is None:
            with opening(self.path, "Excel"):
                self.workbook = openpyxl.load_workbook(str(self.path), read_only=True, data_only=False)
        worksheet = self.workbook[sheet]
        worksheet.reset_dimensions()
        values = worksheet.iter_rows(min_col=column + 1, max_col=column + 1, values_only=True)
        self.cells = ((number, cells[0] if cells else None) for number, cells in enumerate(values, start=1))
        self.key, self.last = (sheet, column), (0, None)

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()


def read_xls(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read an old Excel .xls workbook (97-2003) into records and rejects."""
    xlrd = require("xlrd", "xlrd", "Excel", path)
    with opening(path, "Excel"):
        try:
            book = xlrd.open_workbook(str(path), on_demand=True)
        except xlrd.XLRDError as error:
            if "encrypt" in str(error).lower():
                raise InputFileError(Errors.E054.format(path=path)) from error
            raise
    names = _chosen(path, book.sheet_names(), sheet)

    def value(cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        return None if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else cell.value

    def rows(name: str) -> Iterator[Row]:
        worksheet = book.sheet_by_name(name)
        for index in range(worksheet.nrows):
            yield index + 1, [value(cell) for cell in worksheet.row(index)]

    yield from sheet_records(path, ((name, rows(name)) for name in names), overrides=overrides or {},
                             single=len(names) == 1)  # fmt: skip


def read_ods(
    path: Path, *, encoding: str | None = None, overrides: dict[str, str] | None = None, root: Path | None = None,
    sheet: str | None = None, split_on: str | None = None,
) -> Iterator[Record | Reject]:
    """Read an OpenDocument spreadsheet .ods (through pandas' odf engine) into records and rejects."""
    require("odf", "odfpy", "OpenDocument", path)
    import pandas

    check_office_package(path, "OpenDocument")
    with opening(path, "OpenDocument"):
        frames = pandas.read_excel(path, sheet_name=None, header=None, engine="odf", dtype=object)
    names = _chosen(path, list(frames), sheet)

    def rows(name: str) -> Iterator[Row]:
        for index, values in enumerate(frames[name].itertuples(index=False), start=1):
            yield index, [None if pandas.isna(cell) else _plain(cell) for cell in values]

    yield from sheet_records(path, ((name, rows(name)) for name in names), overrides=overrides or {},
                             single=len(names) == 1)  # fmt: skip


def _plain(value):
    return value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
