from pathlib import Path

import pytest
from leersignalen.errors import InputFileError
from leersignalen.read.ingest import Record, Reject, parse_column_overrides
from leersignalen.read.inputs import read_inputs


def read(path: Path, **kwargs):
    return list(read_inputs([path], **kwargs))


def notes(items):
    return [item for item in items if isinstance(item, Record)]


def test_excel_nl_export_semicolon_cp1252_dutch_headers(tmp_path):
    path = tmp_path / "export.csv"
    content = (
        "notitie_id;gemeenschap;datum;auteur;rol;tekst\r\n"
        "n1;Wijk Oost;04-03-2025;Zoë;bewoner;Café-overleg: één ruimte\r\n"
    )
    path.write_bytes(content.encode("cp1252"))
    [record] = read(path)
    assert (record.id, record.community, record.author, record.role) == ("n1", "Wijk Oost", "Zoë", "bewoner")
    assert record.date.isoformat() == "2025-03-04"
    assert record.text == "Café-overleg: één ruimte"


def test_utf8_bom_and_tab_delimiter(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_bytes("\ufeffID\tGroup\tDate\tBody\nx1\tlab\t2025-01-02\tZoë schreef dit\n".encode())
    [record] = read(path)
    assert (record.id, record.community, record.text) == ("x1", "lab", "Zoë schreef dit")


def test_encoding_override_wins(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes("id,community,date,text\n1,a,2025-01-01,caf\xe9\n".encode("latin-1"))
    [record] = read(path, encoding="latin-1")
    assert record.text == "café"


def test_column_override_maps_any_name(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,team,wanneer,Verslag\n1,a,2025-01-01,Tekst hier\n", encoding="utf-8")
    [record] = read(path, overrides=parse_column_overrides(["text=Verslag", "date=wanneer"]))
    assert record.text == "Tekst hier"
    assert record.date.isoformat() == "2025-01-01"


def test_bad_column_override_is_a_clear_error():
    with pytest.raises(InputFileError, match=r"^E006 --column 'tekst'"):
        parse_column_overrides(["tekst"])


def test_missing_text_column_names_file_and_fix(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,community,date\n1,a,2025-01-01\n", encoding="utf-8")
    with pytest.raises(InputFileError) as error:
        read(path)
    assert str(error.value) == (
        f"E001 {path}: no text column found (columns: id, community, date); "
        "name it 'text' or map it with --column text=NAME"
    )


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputFileError, match="E002"):
        read(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputFileError, match="E007"):
        read(path)


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "notes.pages"
    path.write_bytes(b"PK")
    with pytest.raises(InputFileError, match="E004"):
        read(path)


def test_messy_csv_records_and_rejects(data_dir):
    items = read(data_dir / "inputs" / "messy_notes.csv")
    rejects = [item for item in items if isinstance(item, Reject)]
    kept = {item.id: item for item in notes(items)}
    assert len(items) == 12
    assert sorted(r.reason.split(":")[0] for r in rejects) == ["empty text", "ragged row without text"]
    assert kept["m3"].date is None and "missing_date" in kept["m3"].problems
    assert kept["m4"].date is None and "unparseable_date: 31-02-2025" in kept["m4"].problems
    assert "control_characters_replaced" in kept["m6"].problems
    assert kept["m6"].text == "Stuurcode  in de tekst  hier."
    assert kept["m7"].community == "messy_notes"
    assert any(p.startswith("ragged_row") for p in kept["m9"].problems)
    assert kept["m10"].date.isoformat() == "2025-03-10"
    lines = [(item.id, item.source_line) for item in items]
    assert lines[0] == ("m1", 2)
    assert lines[1] == ("m2", 4)
    assert lines[5] == ("m2", 8)


def test_jsonl_malformed_lines_are_rejects(data_dir):
    items = read(data_dir / "inputs" / "messy_notes.jsonl")
    assert [item.id for item in notes(items)] == ["j1", "j4"]
    reasons = {item.source_line: item.reason for item in items if isinstance(item, Reject)}
    assert set(reasons) == {2, 3, 4}
    assert reasons[2].startswith("malformed JSON")
    assert reasons[2] == "malformed JSON: Invalid control character at column 75"
    assert notes(items)[1].date.isoformat() == "2025-04-04"


def test_folder_of_markdown_notes(tmp_path):
    folder = tmp_path / "logboeken" / "team-a"
    folder.mkdir(parents=True)
    (folder / "2025-03-04-overleg.md").write_text("# Overleg\n\nWe spraken af.\n", encoding="utf-8")
    front = "---\ndate: 5 april 2025\nauthor: Sem\nrole: student\n---\nTekst van Sem.\n"
    (folder / "2025-01-01-log.md").write_text(front, encoding="utf-8")
    (folder / "notitie.txt").write_text("Zonder datum.\n", encoding="utf-8")
    items = read(tmp_path / "logboeken")
    by_id = {item.id: item for item in items}
    assert by_id["2025-03-04-overleg"].community == "team-a"
    assert by_id["2025-03-04-overleg"].date.isoformat() == "2025-03-04"
    log = by_id["2025-01-01-log"]
    assert (log.date.isoformat(), log.author, log.role) == ("2025-04-05", "Sem", "student")
    assert log.text.index("Tekst van Sem.") == front.index("Tekst van Sem.")
    assert by_id["notitie"].date is None


def test_folder_without_notes_is_refused(tmp_path):
    with pytest.raises(InputFileError, match="E008"):
        read(tmp_path)


def test_wrong_encoding_override_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,community,date,text\n1,a,2025-01-01,één café\n", encoding="utf-8")
    with pytest.raises(InputFileError) as error:
        read(path, encoding="ascii")
    assert str(error.value) == (
        f"E118 {path}:2: byte 16 of the line (0xc3) cannot be decoded as ascii, given with --encoding; pass the right "
        "one (e.g. cp1252), or leave --encoding out to have such lines read as cp1252 and marked"
    )


def test_several_inputs_are_read_in_order(data_dir, tmp_path):
    other = tmp_path / "b.jsonl"
    other.write_text('{"id": "b1", "text": "Tweede bestand."}\n', encoding="utf-8")
    items = list(read_inputs([data_dir / "inputs" / "messy_notes.csv", other]))
    assert items[-1].id == "b1" and items[-1].community == "b"
    assert items[0].id == "m1"
