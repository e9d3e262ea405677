"""Write a run folder's tables as one Excel workbook: sheets notes, sentences, signals, trends and flags.

Streaming (openpyxl write-only mode, CSV rows read one at a time), so a run with 200,000 sentences needs little
memory. Every sheet has its header row frozen, an autofilter and column widths set. Every text cell is written
as a typed string (``data_type`` 's'): a cell such as ``=SUM(A1)`` or ``- Actie`` shows as the text it is, no
formula can run, and no leading quote is needed. Cells of number columns that hold a plain number are numbers.
Characters a workbook cannot hold (control characters, U+FFFE) become U+FFFD; a cell longer than Excel's 32,767
characters is cut, ends in " [...]" and is named in a warning (the whole text stays in the CSV).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from ..output.folder import iter_rows
from ..read.ingest import NONCHARACTERS
from ..read.inputs import warn_on_stderr
from .qdpx_export import write_member
from .runfolder import check_run_folder

SHEETS = (("notes", "notes.csv"), ("sentences", "sentences.csv"), ("signals", "signals.csv"),
          ("trends", "trends.csv"), ("flags", "patterns.csv"))
TEXT_COLUMNS = frozenset({
    "note_id", "community", "date", "author", "role", "source_file", "text", "labels", "problems", "category",
    "family", "rule_id", "matched_text", "negated", "period", "period_start", "warning", "pattern", "periods",
    "evidence", "thresholds", "note",
})  # fmt: skip
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
EXCEL_CELL_LIMIT = 32_767
CUT_MARK = " [...]"
NOT_IN_XML = re.compile(f"[{NONCHARACTERS}]")


def iter_csv(path: Path) -> Iterator[list[str]]:
    """Rows of a run CSV (either dialect), header first, with the spreadsheet neutralisation undone."""
    yield from iter_rows(path)


def _cell(sheet, value: str, numeric: bool, cut: Callable[[int], None] | None = None) -> WriteOnlyCell:
    if numeric and NUMBER.fullmatch(value):
        return WriteOnlyCell(sheet, value=float(value) if any(c in value for c in ".eE") else int(value))
    value = NOT_IN_XML.sub("\ufffd", ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    if len(value) > EXCEL_CELL_LIMIT:
        if cut is not None:
            cut(len(value))
        value = value[: EXCEL_CELL_LIMIT - len(CUT_MARK)] + CUT_MARK
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _widths(path: Path) -> list[int]:
    widths: list[int] = []
    for number, row in enumerate(iter_csv(path)):
        if number > WIDTH_SAMPLE_ROWS:
            break
        widths += [0] * (len(row) - len(widths))
        for index, value in enumerate(row):
            widths[index] = max(widths[index], len(value) + 2)
    return [min(MAX_WIDTH, max(MIN_WIDTH, width)) for width in widths]


def _write_sheet(workbook: Workbook, name: str, path: Path, warn: Callable[[str], None]) -> int:
    sheet = workbook.create_sheet(name)
    if not path.is_file():
        sheet.append([_cell(sheet, f"{path.name} not found: run `leersignalen trends` on the run folder", False)])
        return 0
    widths = _widths(path)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    rows = iter_csv(path)
    header = next(rows, [])
    numeric = [column not in TEXT_COLUMNS for column in header]
    sheet.append([_cell(sheet, column, False) for column in header])
    count = 0
    for row in rows:
        line = count + 2

        def cut(length: int, column: int, line: int = line) -> None:
            column_name = header[column] if column < len(header) else str(column + 1)
            warn(f"sheet {name}, row {line}, column {column_name}: {length:,} characters cut to {EXCEL_CELL_LIMIT:,} "
                 f"(Excel's limit for a cell); the whole text is in {path.name}")  # fmt: skip

        sheet.append([_cell(sheet, value, index < len(numeric) and numeric[index],
                            lambda length, index=index: cut(length, index)) for index, value in enumerate(row)])
        count += 1
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    return count


FIXED_TIME = "1980-01-01T00:00:00Z"
CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _make_reproducible(path: Path) -> None:
    """Rewrite the saved workbook with fixed member times and document times, so that the same run gives the same
    bytes (openpyxl stamps the time of saving into docProps/core.xml and every zip member)."""
    with zipfile.ZipFile(path) as saved:
        members = [(info, saved.read(info)) for info in saved.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = CORE_TIMES.sub(rb"\g<1>" + FIXED_TIME.encode() + rb"\g<2>", data)
            write_member(archive, info.filename, data)


def export_xlsx(run_dir: str | Path, target: str | Path, warn: Callable[[str], None] = warn_on_stderr
                ) -> dict[str, int]:  # fmt: skip
    """Write the run in ``run_dir`` to the workbook ``target``; return the data rows per sheet."""
    folder = Path(run_dir)
    check_run_folder(folder)
    workbook = Workbook(write_only=True)
    counts = {name: _write_sheet(workbook, name, folder / file, warn) for name, file in SHEETS}
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        workbook.save(partial)
        _make_reproducible(partial)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts
