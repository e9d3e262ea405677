"""Hostile inputs for the readers: long cells, broken quotes, odd line separators, mixed encodings, NUL bytes."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli
from leersignalen.errors import InputFileError
from leersignalen.read.inputs import read_inputs

HEADER = "id,community,date,text\n"


def rows(count: int, start: int = 1) -> str:
    return "".join(f"n{i},wijk,2025-01-{i % 28 + 1:02d},Notitie nummer {i} over het overleg.\n"
                   for i in range(start, start + count))  # fmt: skip


def test_a_cell_longer_than_the_csv_limit_is_one_real_note(tmp_path, read):
    long_text = ("Wij leerden veel van elkaar. " * 8000).strip()
    assert len(long_text) > 131_072
    path = tmp_path / "long.csv"
    path.write_text(HEADER + rows(2) + f'long,wijk,2025-02-01,"{long_text}"\n' + rows(3, start=3), encoding="utf-8")
    result = read(path)
    assert len(result.items) == 6 and not result.rejects
    assert result.by_id()["long"].text == long_text
    assert [note.id for note in result.notes] == ["n1", "n2", "long", "n3", "n4", "n5"]


def test_an_unbalanced_quote_does_not_swallow_the_rows_after_it(tmp_path, read):
    path = tmp_path / "quote.csv"
    broken = 'n3,wijk,2025-01-03,"Hier opent een citaat dat nooit sluit, en meer\n'
    path.write_text(HEADER + rows(2) + broken + rows(6, start=4), encoding="utf-8")
    result = read(path)
    assert len(result.items) == 9
    assert [note.id for note in result.notes] == [f"n{i}" for i in range(1, 10)]
    note = result.by_id()["n3"]
    assert note.source_line == 4
    assert any(p.startswith("unbalanced_quote: a quote opened on line 4") for p in note.problems)
    assert note.text == "Hier opent een citaat dat nooit sluit, en meer"
    assert result.by_id()["n9"].source_line == 10 and not result.by_id()["n9"].problems


def test_an_unbalanced_quote_closed_by_a_later_quote_is_found_too(tmp_path, read):
    path = tmp_path / "quote.csv"
    body = rows(1) + 'n2,wijk,2025-01-02,"begin zonder eind\n' + rows(2, start=3) + 'n5,wijk,2025-01-05,"netjes" hier\n'
    path.write_text(HEADER + body + rows(2, start=6), encoding="utf-8")
    result = read(path)
    assert [note.id for note in result.notes] == [f"n{i}" for i in range(1, 8)]
    assert any(p.startswith("unbalanced_quote") for p in result.by_id()["n2"].problems)


def test_quoted_multi_line_notes_are_not_mistaken_for_broken_quotes(tmp_path, read):
    path = tmp_path / "multi.csv"
    path.write_text(HEADER + 'm1,wijk,2025-01-01,"Regel een, met komma\nregel twee, ook, met komma\n"\n' + rows(2),
                    encoding="utf-8")  # fmt: skip
    result = read(path)
    assert [note.id for note in result.notes] == ["m1", "n1", "n2"]
    assert result.by_id()["m1"].problems == [] and result.by_id()["m1"].text.count("\n") == 2


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_unicode_line_separators_inside_a_jsonl_string_stay_in_one_record(tmp_path, read, separator):
    path = tmp_path / "notes.jsonl"
    lines = [{"id": "a", "text": f"Eerste deel{separator}tweede deel"}, {"id": "b", "text": "Los."}]
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    result = read(path)
    assert [note.id for note in result.notes] == ["a", "b"] and not result.rejects
    assert result.by_id()["a"].text.startswith("Eerste deel") and result.by_id()["a"].text.endswith("tweede deel")


def test_a_json_object_holding_one_list_of_notes_is_read(tmp_path, read):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"exported": "2025-05-01", "data": {"notes": [{"id": "x", "text": "Een."},
                                                                              {"id": "y", "text": "Twee."}]}}))
    assert [note.id for note in read(path).notes] == ["x", "y"]


@pytest.mark.parametrize(("content", "code"), [
    ({"meta": {"count": 2}}, "E090"),
    ({"notes": [{"text": "a"}], "users": [{"name": "b"}]}, "E091"),
])  # fmt: skip
def test_a_json_object_without_exactly_one_list_is_one_clear_error(tmp_path, read, content, code):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(content))
    with pytest.raises(InputFileError) as error:
        read(path)
    assert str(error.value).startswith(f"{code} {path}: ") and "\n" not in str(error.value)


def test_one_cp1252_row_in_a_utf8_file_is_repaired_and_listed(tmp_path, read):
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + "u1,wijk,2025-01-01,Eén idee voor het café.\n".encode()
                     + "c1,wijk,2025-01-02,Een café met crème brûlée.\n".encode("cp1252")
                     + "u2,wijk,2025-01-03,Zo’n “goed” gesprek.\n".encode())  # fmt: skip
    result = read(path)
    notes = result.by_id()
    assert notes["u1"].text == "Eén idee voor het café." and notes["u1"].problems == []
    assert notes["u2"].text == "Zo’n “goed” gesprek."
    assert notes["c1"].text == "Een café met crème brûlée."
    assert "decoded_as_cp1252: line 3" in notes["c1"].problems


def test_stray_nul_bytes_are_removed_and_listed(tmp_path, read):
    path = tmp_path / "export.csv"
    path.write_bytes(HEADER.encode() + b"n1,wijk,2025-01-01,Een\x00 notitie.\n" + rows(3, start=2).encode())
    result = read(path)
    assert result.by_id()["n1"].text == "Een notitie."
    assert "nul_bytes_removed: line 2" in result.by_id()["n1"].problems
    assert len(result.notes) == 4 and result.by_id()["n2"].problems == []


@pytest.mark.parametrize("start", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x00\x00", b"\x7fELF\x02\x01\x01\x00",
    b"MZ\x90\x00\x03\x00\x00\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
])  # fmt: skip
def test_real_binaries_are_still_refused(tmp_path, read, start):
    path = tmp_path / "notes.csv"
    path.write_bytes(start + os.urandom(2000))
    with pytest.raises(InputFileError, match="^E002 "):
        read(path)


def test_a_folder_reads_every_format_and_lists_what_it_skipped(tmp_path, read):
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path / "export"
    (folder / "team").mkdir(parents=True)
    (folder / "a.csv").write_text(HEADER + rows(1), encoding="utf-8")
    (folder / "b.tsv").write_text("id\ttext\nt1\tTab gescheiden.\n", encoding="utf-8")
    (folder / "c.jsonl").write_text('{"id": "j1", "text": "Regel."}\n', encoding="utf-8")
    (folder / "d.json").write_text('[{"id": "k1", "text": "Lijst."}]', encoding="utf-8")
    (folder / "team" / "2025-01-01.md").write_text("Logboek.\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(["id", "text"])
    book.active.append(["x1", "Uit Excel."])
    book.save(folder / "e.xlsx")
    (folder / "README.md").write_text("# Over deze export\n", encoding="utf-8")
    (folder / "LICENSE").write_text("CC-BY\n", encoding="utf-8")
    (folder / "foto.png").write_bytes(b"\x89PNG\r\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    result = read(folder)
    assert sorted(note.id for note in result.notes) == ["2025-01-01", "j1", "k1", "n1", "t1", "x1"]
    reasons = {os.path.basename(s.path): s.reason for s in result.skipped}
    assert set(reasons) == {"README.md", "LICENSE", "foto.png", ".DS_Store"}
    assert reasons["README.md"].startswith("documentation of the data")
    assert reasons["foto.png"] == "unsupported file type '.png'"
    assert result.skipped[0].to_json().keys() == {"path", "reason"}


def test_a_readme_given_by_name_is_read(tmp_path, read):
    path = tmp_path / "README.md"
    path.write_text("Toch een notitie.\n", encoding="utf-8")
    assert [note.id for note in read(path).notes] == ["README"]


def test_the_same_file_twice_or_inside_a_given_folder_is_read_once(tmp_path, read, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    path = folder / "a.csv"
    path.write_text(HEADER + rows(2), encoding="utf-8")
    result = read(path, path, folder)
    assert [note.id for note in result.notes] == ["n1", "n2"]
    assert [s.reason for s in result.skipped] == ["given twice; read once", "already read (given by name)"]
    again = read(folder, path)
    assert [note.id for note in again.notes] == ["n1", "n2"]
    assert [s.reason for s in again.skipped] == [f"already read (as part of {folder})"]
    assert "skipped: given twice" in capsys.readouterr().err


def test_control_characters_in_metadata_are_cleaned_everywhere(tmp_path):
    path = tmp_path / "notes.csv"
    row = "a\x00b,\x1b]0;pwned\x07wijk,2025-01-01,Tekst.,Ann\x1b[31m,rol\u202e\n"
    path.write_text("id,community,date,text,author,role\n" + row, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(out), "--model", "blank"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    for file in out.iterdir():
        text = file.read_text(encoding="utf-8")
        assert not any(char in text for char in "\x00\x1b\x07\u202e"), file.name
    notes = (out / "notes.csv").read_text(encoding="utf-8")
    assert "control_characters_replaced: community" in notes and "control_characters_replaced: author" in notes


def test_an_unreadable_file_in_a_folder_is_one_line_e005(tmp_path, monkeypatch):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.csv").write_text(HEADER + rows(1), encoding="utf-8")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith("a.csv"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    result = CliRunner().invoke(cli, ["run", str(folder), "--out", str(tmp_path / "out"), "--model", "blank"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith("Error")] == [
        f"Error: E005 {folder / 'a.csv'}: cannot be read (Permission denied); check the path and its permissions"]


def test_a_fifo_named_like_a_csv_is_refused_not_waited_on(tmp_path):
    path = tmp_path / "notes.csv"
    os.mkfifo(path)
    with pytest.raises(InputFileError, match="^E005 .*not a regular file"):
        list(read_inputs([path]))


def test_a_zip_with_an_unknown_suffix_is_refused(tmp_path, read):
    path = tmp_path / "notes.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "x" * 100)
    with pytest.raises(InputFileError, match="^E002 "):
        read(path)


def test_a_csv_holding_only_a_byte_order_mark_is_an_empty_file_not_a_crash(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n")
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "blank", "-q"])
    assert result.exit_code == 2
    assert result.output == f"Error: E007 {path}: the file is empty; export at least a header and one note\n"


def test_blank_lines_before_the_header_are_skipped(read, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("\n\nid,text\n1,Achteraf gezien ging het goed.\n", encoding="utf-8")
    [note] = read(path).notes
    assert (note.id, note.text, note.source_line) == ("1", "Achteraf gezien ging het goed.", 4)


def test_what_a_folder_holds_besides_files_is_listed_not_passed_over(tmp_path, read):
    folder = tmp_path / "export"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "notes.csv").write_text(HEADER + rows(1), encoding="utf-8")
    (folder / "a.csv").write_text(HEADER + rows(1), encoding="utf-8")
    outside = tmp_path / "elders.csv"
    outside.write_text(HEADER + rows(1, start=7), encoding="utf-8")
    (folder / "link.csv").symlink_to(outside)
    (folder / "inside.csv").symlink_to(folder / "a.csv")
    (folder / "dangling.csv").symlink_to(tmp_path / "missing.csv")
    (folder / "linked_folder").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe.csv")
    result = read(folder)
    assert [note.id for note in result.notes] == ["n1"]
    reasons = {os.path.basename(s.path): s.reason for s in result.skipped}
    assert reasons == {
        ".git": "hidden folder",
        "dangling.csv": "broken symbolic link (its target does not exist)",
        "inside.csv": f"already read (as part of {folder})",
        "link.csv": "symbolic link to a file outside the folder, not followed; give the file by name to read it",
        "linked_folder": "symbolic link to a folder, not followed; give that folder by name to read it",
        "pipe.csv": "not a regular file (a pipe, socket or device)",
    }


def test_a_sub_folder_that_cannot_be_opened_is_listed(tmp_path, read, monkeypatch):
    folder = tmp_path / "export"
    (folder / "closed").mkdir(parents=True)
    (folder / "closed" / "b.csv").write_text(HEADER + rows(1, start=2), encoding="utf-8")
    (folder / "a.csv").write_text(HEADER + rows(1), encoding="utf-8")
    real_scandir = os.scandir

    def refusing_scandir(path):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("os.scandir", refusing_scandir)
    result = read(folder)
    assert [note.id for note in result.notes] == ["n1"]
    assert [(os.path.basename(s.path), s.reason) for s in result.skipped] == [
        ("closed", "folder cannot be read (Permission denied)")]


def test_a_column_name_given_twice_for_a_field_is_one_line_e103(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,text,Text\n1,Eerste deel.,Tweede deel.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "blank"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: E103 {path}: the text field is given 2 times ('text', 'Text'); keep one column or key for it, or "
        "rename the others, so that no text is dropped")


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_json_key_given_twice_for_a_field_makes_a_reject_not_a_lost_text(tmp_path, read, suffix):
    first = '{"id": "1", "text": "Eerste.", "text": "Tweede."}'
    second = '{"id": "2", "text": "Goed.", "extra": 1, "extra": 2}'
    path = tmp_path / f"notes{suffix}"
    path.write_text(f"{first}\n{second}\n" if suffix == ".jsonl" else f"[{first}, {second}]", encoding="utf-8")
    result = read(path)
    assert [note.id for note in result.notes] == ["2"]
    assert [(r.id, r.reason) for r in result.rejects] == [
        ("1", "the text field is given 2 times ('text', 'text'); keep one key for it")]


@pytest.mark.parametrize(("suffix", "kind"), [(".docx", "Word"), (".xlsx", "Excel"), (".odt", "OpenDocument"),
                                              (".ods", "OpenDocument")])  # fmt: skip
def test_an_office_file_that_would_unpack_past_the_limit_is_one_line_e104(tmp_path, monkeypatch, suffix, kind):
    pytest.importorskip("odf" if kind == "OpenDocument" else "docx" if kind == "Word" else "openpyxl")
    from leersignalen.read import documents

    monkeypatch.setitem(documents.UNPACK_LIMITS, kind, 10_000)
    path = tmp_path / f"bom{suffix}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("content.xml", " " * 10_001)
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "blank"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: E104 {path}: the {kind} file would unpack to 10,001 bytes, over the limit of 10,000 for reading it "
        "in memory (a normal file of notes unpacks to far less); export the notes as CSV, or split the file")


def test_a_sheet_whose_last_cell_is_xfd1048576_is_read_without_padding_every_row(tmp_path, read):
    openpyxl = pytest.importorskip("openpyxl")
    from conftest_hang import finishes_within

    book = openpyxl.Workbook()
    book.active.append(["id", "text"])
    book.active.append(["1", "Ik heb geleerd dat ik moet luisteren."])
    book.active["XFD1048576"] = "verre cel"
    path = tmp_path / "ver.xlsx"
    book.save(path)
    with finishes_within(60):  # padded to its dimension the sheet is 17 billion cells: 8 minutes and more
        result = read(path)
    assert [note.id for note in result.notes] == ["1", "ver:1048576"]  # a text right of the header is kept
    assert result.notes[1].text == "verre cel" and result.notes[1].problems[0].startswith("ragged_row: 1 cell(s)")
    assert result.rejects == []


def test_two_hard_links_to_one_file_are_read_once(tmp_path, read):
    first = tmp_path / "a.csv"
    first.write_text(HEADER + rows(2), encoding="utf-8")
    second = tmp_path / "b.csv"
    os.link(first, second)
    result = read(first, second)
    assert [note.id for note in result.notes] == ["n1", "n2"]
    assert [s.reason for s in result.skipped] == [f"already read (the same file as {first})"]


def test_sheet_and_split_on_that_no_input_can_use_are_named(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(HEADER + rows(1), encoding="utf-8")
    items = list(read_inputs([path], sheet="Blad1", split_on="heading"))
    assert len(items) == 1
    assert capsys.readouterr().err.splitlines() == [
        "Warning: --sheet Blad1 applies to Excel and ODS files; none of the inputs is one, so it was not used",
        "Warning: --split-on heading applies to Word, ODT, PDF and HTML files; none of the inputs is one, so it was "
        "not used"]


def test_two_differently_named_text_columns_are_one_line_e113_not_one_left_untagged(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,text,tekst\n1,Eerste deel.,Tweede deel.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "blank"])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert result.output.splitlines()[-1] == (
        f"Error: E113 {path}: the text could be any of the columns 'text', 'tekst'; say which with --column "
        "text=NAME (the others are not tagged), or join them into one column")
    chosen = CliRunner().invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "blank", "-q",
                                      "--column", "text=tekst"])  # fmt: skip
    assert chosen.exit_code == 0, chosen.output
    assert "Tweede deel." in (tmp_path / "out" / "sentences.csv").read_text(encoding="utf-8")


def test_two_text_keys_in_a_json_object_make_a_reject_naming_both(tmp_path, read):
    path = tmp_path / "notes.jsonl"
    path.write_text('{"id": "1", "text": "Eerste.", "body": "Tweede."}\n{"id": "2", "text": "Goed."}\n',
                    encoding="utf-8")  # fmt: skip
    result = read(path)
    assert [note.id for note in result.notes] == ["2"]
    assert [(r.id, r.reason) for r in result.rejects] == [
        ("1", "the text could be any of 'text', 'body'; say which with --column text=KEY")]


def test_json_lists_and_objects_are_read_as_text_not_as_python_repr(tmp_path, read):
    path = tmp_path / "notes.jsonl"
    rows = [{"id": 1, "text": ["Eerste alinea.", "Tweede alinea."], "author": ["An", "Bo"], "community": True},
            {"id": 2, "text": "Goed.", "community": {"naam": "wijk"}}]  # fmt: skip
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    first, second = read(path).notes
    assert (first.text, first.author, first.community) == ("Eerste alinea.\n\nTweede alinea.", "An; Bo", "true")
    assert "json_list_joined: text" in first.problems and "json_list_joined: author" in first.problems
    assert second.community == '{"naam": "wijk"}' and "json_value_as_text: community" in second.problems


def test_a_second_header_in_a_sheet_starts_a_new_table_and_keeps_the_rows_above_it(tmp_path, read):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["Logboek"], ["id", "tekst"], ["r1", "Eerste notitie."], ["r2", "Tweede notitie."],
                ["id", "community", "date", "text"], ["r3", "wijk", "2025-01-01", "Derde notitie."]):
        book.active.append(row)
    path = tmp_path / "twee.xlsx"
    book.save(path)
    result = read(path)
    assert [(n.id, n.text, n.community) for n in result.notes] == [
        ("r1", "Eerste notitie.", "twee"), ("r2", "Tweede notitie.", "twee"), ("r3", "Derde notitie.", "wijk")]
    assert result.rejects == []


def test_sheet_cells_right_of_the_header_are_joined_to_the_text_not_dropped(tmp_path, read):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in (["text", "id"], ["Tekst in A.", "1", "Vervolg in C."], [None, "2", "Alleen in C."]):
        book.active.append(row)
    path = tmp_path / "breed.xlsx"
    book.save(path)
    result = read(path)
    assert [(n.id, n.text) for n in result.notes] == [("1", "Tekst in A. Vervolg in C."), ("2", "Alleen in C.")]
    assert all(n.problems[0] == "ragged_row: 1 cell(s) right of the header's last column; joined to the text"
               for n in result.notes)
    assert result.rejects == []


def test_a_folder_deeper_than_the_system_allows_is_named_not_a_traceback(tmp_path, monkeypatch):
    from leersignalen.read.inputs import folder_entries

    (tmp_path / "diep").mkdir()
    (tmp_path / "diep" / "a.txt").write_text("Wij hebben geleerd.", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "diep")
    for _ in range(250):  # 250 x 21 characters: past PATH_MAX (4096) when named from tmp_path
        os.mkdir("d" * 20)
        os.chdir("d" * 20)
    Path("b.txt").write_text("Diep verstopt.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    entries = folder_entries(Path("diep"))
    assert entries[0] == (Path("diep") / "a.txt", None)
    assert [reason for _, reason in entries[1:]] == ["cannot be read (File name too long)"]


def test_a_symbolic_link_to_itself_is_named_a_loop(tmp_path):
    from leersignalen.read.inputs import folder_entries

    (tmp_path / "kring.csv").symlink_to(tmp_path / "kring.csv")
    assert folder_entries(tmp_path) == [(tmp_path / "kring.csv", "symbolic link that leads back to itself (a loop)")]


@pytest.mark.parametrize("given", ["2025-01-03-overleg.md", "./2025-01-03-overleg.md", "."])
def test_a_text_note_named_from_its_own_folder_has_that_folder_as_community(tmp_path, monkeypatch, read, given):
    folder = tmp_path / "mdc"
    folder.mkdir()
    (folder / "2025-01-03-overleg.md").write_text("Wij hebben geleerd.", encoding="utf-8")
    monkeypatch.chdir(folder)
    [note] = read(Path(given)).notes
    assert note.community == "mdc"


def test_a_jsonl_file_with_old_mac_line_ends_gives_one_record_a_line(tmp_path, read):
    path = tmp_path / "notes.jsonl"
    path.write_bytes(b'{"id": "1", "text": "Eerste notitie."}\r{"id": "2", "text": "Tweede notitie."}\r')
    result = read(path)
    assert [(n.id, n.text, n.source_line) for n in result.notes] == [("1", "Eerste notitie.", 1),
                                                                     ("2", "Tweede notitie.", 2)]
    assert result.rejects == []


def test_a_long_library_message_is_cut_at_a_word_and_says_so():
    from leersignalen.read.common import MAX_REASON, corrupt

    message = "There is no item named 'word/document.xml' in the archive; please see the manual for details. " * 3
    reason = str(corrupt(Path("x.docx"), "Word", ValueError(message))).split(" (", 1)[1].rsplit("); open", 1)[0]
    assert len(reason) <= MAX_REASON and reason.endswith("...")
    assert message.startswith(reason[:-3])
    assert message[len(reason) - 3 :].lstrip(".,;:").startswith(" ")  # the cut falls between two words
