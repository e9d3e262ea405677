"""Spreadsheets: aliases and --column as in CSV, Excel dates, merged title rows, empty rows, sheets, errors."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from leersignalen.errors import InputFileError
from leersignalen.read import read_ods, read_xls, read_xlsx
from leersignalen.read.ingest import Record, Reject
from leersignalen.read.inputs import read_inputs

openpyxl = pytest.importorskip("openpyxl")


def make_log(path, *, second_sheet: bool = False):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Logboek"
    sheet.append(["Logboek living lab mobiliteit 2025"])
    sheet.merge_cells("A1:E1")
    sheet.append(["Nr", "Datum", "Auteur", "Verslag", "Uren"])
    sheet.append(["ll-1", datetime(2025, 3, 4), "Noor", "We bespraken de deelauto's.", "=2+1"])
    sheet.append([None, None, None, None, None])
    sheet.append(["ll-2", "12 maart 2025", "Bram", "De fietsenstalling is klaar.", 2])
    sheet.append(["ll-3", 45750, "Noor", None, 1])
    sheet.append(["", datetime(2025, 4, 2, 15, 30), "Bram", "Zonder nummer.", None])
    if second_sheet:
        other = workbook.create_sheet("Archief")
        other.append(["id", "date", "text"])
        other.append(["ar-1", datetime(2024, 12, 1), "Oude notitie."])
        workbook.create_sheet("Uitleg").append(["Vul per bijeenkomst een regel in."])
    workbook.save(path)
    return path


def test_rows_become_records_with_excel_dates_and_honest_row_numbers(tmp_path):
    items = list(read_xlsx(make_log(tmp_path / "living_lab.xlsx")))
    notes = [item for item in items if isinstance(item, Record)]
    assert [(n.id, n.date, n.author, n.source_line) for n in notes] == [
        ("ll-1", date(2025, 3, 4), "Noor", 3),
        ("ll-2", date(2025, 3, 12), "Bram", 5),
        ("living_lab:7", date(2025, 4, 2), "Bram", 7),
    ]  # fmt: skip
    assert notes[0].text == "We bespraken de deelauto's."
    assert notes[0].community == "living_lab" and "community_from_file_name" in notes[0].problems
    assert "missing_id" in notes[2].problems
    [reject] = [item for item in items if isinstance(item, Reject)]
    assert (reject.id, reject.source_line) == ("ll-3", 6) and "empty text" in reject.reason


def test_column_overrides_and_aliases_as_in_csv(tmp_path):
    path = make_log(tmp_path / "log.xlsx")
    notes = [i for i in read_xlsx(path, overrides={"community": "Auteur"}) if isinstance(i, Record)]
    assert {n.community for n in notes} == {"Noor", "Bram"}
    with pytest.raises(InputFileError, match=r"^E009 .*'Samenvatting'.*\(columns: Nr, Datum, Auteur, Verslag, Uren\)"):
        list(read_xlsx(path, overrides={"text": "Samenvatting"}))  # the header under the title row is named


def test_every_sheet_is_read_and_a_sheet_without_text_column_is_one_reject(tmp_path):
    path = make_log(tmp_path / "log.xlsx", second_sheet=True)
    items = list(read_inputs([path]))
    assert {item.id for item in items if isinstance(item, Record)} >= {"ll-1", "ar-1", "log:Logboek:7"}
    skipped = [item for item in items if isinstance(item, Reject) and "skipped" in item.reason]
    assert [item.id for item in skipped] == ["log:Uitleg"]


def test_sheet_option_reads_one_sheet_and_names_the_others_when_wrong(tmp_path):
    path = make_log(tmp_path / "log.xlsx", second_sheet=True)
    [note] = list(read_inputs([path], sheet="Archief"))
    assert (note.id, note.date) == ("ar-1", date(2024, 12, 1))
    with pytest.raises(InputFileError, match=r"^E053 .*'Archie'.*Logboek, Archief, Uitleg"):
        list(read_xlsx(path, sheet="Archie"))


def test_single_sheet_without_text_column_is_e001(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Datum", "Uren"])
    workbook.active.append([datetime(2025, 1, 1), 3])
    workbook.save(tmp_path / "uren.xlsx")
    with pytest.raises(InputFileError, match="^E001"):
        list(read_xlsx(tmp_path / "uren.xlsx"))


def test_folder_reads_workbooks_beside_text_notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    make_log(folder / "log.xlsx")
    (folder / "2025-01-02-los.txt").write_text("Een losse notitie.", encoding="utf-8")
    items = list(read_inputs([folder]))
    assert len(items) == 5 and {i.source_file for i in items} == {str(folder / "log.xlsx"),
                                                                  str(folder / "2025-01-02-los.txt")}  # fmt: skip


@pytest.mark.parametrize("suffix, reader", [(".xlsx", read_xlsx), (".xls", read_xls), (".ods", read_ods)])
def test_corrupt_workbook_is_a_one_line_error(tmp_path, suffix, reader):
    path = tmp_path / f"kapot{suffix}"
    path.write_bytes(b"PK\x03\x04 geen werkmap" * 10)
    with pytest.raises(InputFileError, match=r"^E051 .*kapot") as error:
        list(reader(path))
    assert "\n" not in str(error.value)


def test_ods_with_dates(tmp_path):
    pytest.importorskip("odf")
    import pandas

    path = tmp_path / "tuin.ods"
    frame = pandas.DataFrame({"datum": [datetime(2025, 6, 1), None], "tekst": ["Oogst besproken.", None]})
    frame.to_excel(path, engine="odf", index=False)
    [note] = list(read_ods(path))
    assert (note.date, note.text, note.source_line) == (date(2025, 6, 1), "Oogst besproken.", 2)


def test_a_text_formula_without_stored_value_is_a_reject_that_says_so(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "date", "text"])
    sheet.append(["f-1", "2025-03-04", '=CONCATENATE("We bespraken ", "de planning.")'])
    sheet.append(["f-2", "2025-03-05", None])
    sheet.append(["f-3", "2025-03-06", "Gewone tekst."])
    sheet.append(["f-4", "2025-03-07", "=A4"])
    other = workbook.create_sheet("Tweede")
    other.append(["id", "text"])
    other.append(["g-1", '=UPPER("x")'])
    workbook.save(tmp_path / "formules.xlsx")  # openpyxl stores formulas without calculating them
    items = list(read_xlsx(tmp_path / "formules.xlsx"))
    assert [item.id for item in items if isinstance(item, Record)] == ["f-3"]
    reasons = {item.id: item.reason for item in items if isinstance(item, Reject)}
    assert reasons == {
        "f-1": 'empty text: the text cell holds a formula (=CONCATENATE("We bespraken ", "de planning.")) without a '
               "stored value; open the file in Excel or LibreOffice and save it, so that the value is stored",
        "f-2": "empty text: the note has no text to tag",
        "f-4": "empty text: the text cell holds a formula (=A4) without a stored value; open the file in Excel or "
               "LibreOffice and save it, so that the value is stored",
        "g-1": 'empty text: the text cell holds a formula (=UPPER("x")) without a stored value; open the file in '
               "Excel or LibreOffice and save it, so that the value is stored",
    }
