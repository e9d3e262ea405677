"""Text that cannot be written as UTF-8 (unpaired surrogates from JSON escapes or non-UTF-8 file names), numbers
Python refuses to convert, and UTF-16/32 files without a BOM: read, never a traceback."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli

HUGE = "9" * 5000


def run(*args: str):
    result = CliRunner().invoke(cli, ["run", *args, "-q"])
    assert "Traceback" not in result.output
    return result


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_an_unpaired_surrogate_escape_in_json_becomes_a_replacement_character(tmp_path):
    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"id": "a\\udc80", "text": "Wij leerden \\ud800 veel van elkaar."}\n'
                     '{"id": "b", "text": "Een emoji \\ud83d\\ude00 blijft heel."}\n', encoding="utf-8")  # fmt: skip
    result = run(str(notes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    sentences = rows(tmp_path / "out" / "sentences.csv")
    expected = ["Wij leerden \ufffd veel van elkaar.", "Een emoji \U0001f600 blijft heel."]
    assert [row["text"] for row in sentences] == expected
    notes_rows = rows(tmp_path / "out" / "notes.csv")
    assert notes_rows[0]["note_id"] == "a\ufffd"
    assert "not UTF-8 in text" in notes_rows[0]["problems"] and "not UTF-8 in id" in notes_rows[0]["problems"]
    assert "UTF-8" not in notes_rows[1]["problems"]


def test_a_number_of_5000_digits_rejects_its_line_only(tmp_path):
    notes = tmp_path / "notes.jsonl"
    notes.write_text(f'{{"id": "a", "text": "Wij leerden veel.", "n": {HUGE}}}\n{{"id": "b", "text": "Goed."}}\n',
                     encoding="utf-8")  # fmt: skip
    result = run(str(notes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [row["note_id"] for row in rows(tmp_path / "out" / "notes.csv")] == ["b"]
    (reject,) = rows(tmp_path / "out" / "rejects.csv")
    assert reject["source_line"] == "1" and "more than 4,300 digits" in reject["reason"]


def test_a_number_of_5000_digits_in_a_json_file_is_one_line_error(tmp_path):
    notes = tmp_path / "notes.json"
    notes.write_text(json.dumps([{"id": "a", "text": "Wij leerden veel."}])[:-1] + f', {{"n": {HUGE}}}]',
                     encoding="utf-8")  # fmt: skip
    result = run(str(notes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: E013 {notes}: cannot be read (malformed JSON at line 1: a number of more")


@pytest.mark.parametrize(("encoding", "codec"), [("utf-16", "utf-16-le"), ("utf-16", "utf-16-be"),
                                                 ("utf-32", "utf-32-le"), ("utf-32", "utf-32-be")])  # fmt: skip
def test_utf16_and_utf32_without_bom_are_read_with_the_encoding_given(tmp_path, encoding, codec):
    notes = tmp_path / "notes.csv"
    notes.write_bytes("id,text\n1,Wij leerden veel van de bewoners.\n".encode(codec))
    result = run(str(notes), "--encoding", encoding, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [row["text"] for row in rows(tmp_path / "out" / "sentences.csv")] == ["Wij leerden veel van de bewoners."]


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-16"])
def test_a_file_with_a_utf32_or_utf16_bom_is_read_without_any_repair(tmp_path, codec):
    notes = tmp_path / "notes.csv"
    text = "id,text\n1,Wij leerden veel van de bewoners.\n"
    notes.write_bytes(("\ufeff" + text).encode(codec) if codec.endswith("-be") else text.encode(codec))
    result = run(str(notes), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    problems = [row["problems"] for row in rows(tmp_path / "out" / "notes.csv")]
    assert problems == ["community_from_file_name;missing_date"]  # no nul_bytes_removed: read as the right width
    assert [row["text"] for row in rows(tmp_path / "out" / "sentences.csv")] == ["Wij leerden veel van de bewoners."]


def test_file_names_that_are_not_utf8_are_written_with_replacement_characters(tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"wijk\xff")
    try:
        os.mkdir(folder)
        with open(os.path.join(folder, b"week\xfe.txt"), "wb") as handle:
            handle.write(b"Wij hebben geleerd dat luisteren helpt.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    result = run(os.fsdecode(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    (note,) = rows(tmp_path / "out" / "notes.csv")
    assert (note["note_id"], note["community"]) == ("week\ufffd", "wijk\ufffd")
    assert note["source_file"].endswith("wijk\ufffd/week\ufffd.txt")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"][0]["path"].endswith("wijk\ufffd") and manifest["inputs"][0]["records"] == 1


@pytest.mark.parametrize("codec", ["base64", "rot13", "zlib", "idna", "undefined"])  # idna: no lenient decoding
def test_a_codec_that_is_not_a_text_encoding_is_refused_in_one_line(tmp_path, codec):
    notes = tmp_path / "notes.csv"
    notes.write_text("id,text\n1,Wij leerden veel.\n", encoding="utf-8")
    result = run(str(notes), "--encoding", codec, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: E003 {notes}: cannot be decoded as {codec}; pass the right one")
    assert len(result.output.splitlines()) == 1


def test_a_coding_file_with_a_sentence_longer_than_csvs_default_limit_is_read(tmp_path):
    from leersignalen.agreement.gold import read_table

    long_text = "Wij leerden veel van elkaar. " * 6000  # 174,000 characters; csv's default limit is 131,072
    coding = tmp_path / "coding.csv"
    coding.write_text(f'note_id,sentence_index,text,labels\nn1,0,"{long_text}",reflectie\n', encoding="utf-8")
    header, rows = read_table(coding)
    assert header == ["note_id", "sentence_index", "text", "labels"]
    assert rows == [(2, {"note_id": "n1", "sentence_index": "0", "text": long_text, "labels": "reflectie"})]



def test_a_quote_never_closed_in_a_coding_file_is_one_line_e101_not_a_swallowed_rest(tmp_path):
    coding = tmp_path / "coding.csv"
    coding.write_text('text,labels\nWe plannen.,deadlines\n"Ik heb geleerd,reflectie\nWe plannen weer.,deadlines\n',
                      encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(cli, ["validate", "--gold", str(coding), "--out", str(tmp_path / "v")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: E101 {coding}:3: cannot be read as CSV (a quote opened in this row is never closed, so the rest of "
        "the file would be one cell); save the coding file again as CSV or TSV (UTF-8)"]


def test_quotes_inside_a_cell_of_a_coding_file_are_still_read(tmp_path):
    from leersignalen.agreement.gold import read_table

    coding = tmp_path / "coding.csv"
    coding.write_text('text,labels\nIk heb "veel" geleerd,reflectie\n"Wij ""plannen"".",deadlines\n', encoding="utf-8")
    _, rows = read_table(coding)
    assert [row["text"] for _, row in rows] == ['Ik heb "veel" geleerd', 'Wij "plannen".']


def test_a_coding_file_that_is_not_utf8_names_the_byte_and_no_option_the_command_lacks(tmp_path):
    coding = tmp_path / "coding.csv"
    coding.write_bytes("text,labels\nWij café-bezoekers leerden.,reflectie\n".encode("cp1252"))
    result = CliRunner().invoke(cli, ["validate", "--gold", str(coding), "--out", str(tmp_path / "v")])
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"Error: E107 {coding}: not UTF-8 text (at byte 19); save the coding file "
                                          "as 'CSV UTF-8' (Excel) or UTF-8 text"]  # fmt: skip
