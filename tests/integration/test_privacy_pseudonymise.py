"""Pseudonymisation end to end with deduce: stable pseudonyms, what stays, contact details, the export command."""

import csv
import json

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli
from leersignalen.privacy import Pseudonymiser
from leersignalen.privacy.export import pseudonymise_export

pytestmark = pytest.mark.slow  # the first test in a session loads deduce's lookup tables (10-30 s; minutes once)


def test_same_person_same_pseudonym_across_notes_and_runs_with_a_key(tmp_path):
    key = tmp_path / "key.json"
    first = Pseudonymiser(key)
    one = first.pseudonymise("Kees: ik vind dat Petra gelijk heeft.")
    two = first.pseudonymise("Aanwezig: Petra, Kees en Ahmed")
    first.save()
    later = Pseudonymiser(key).pseudonymise("Petra's voorstel, zei petra, en Kees: ja.", authors=["Petra"])
    kees, petra = one.split(":")[0], one.split(" ")[-3]
    assert kees.startswith("[PERSOON-") and petra.startswith("[PERSOON-") and kees != petra
    assert two == f"Aanwezig: {petra}, {kees} en {two.split(' en ')[1]}"
    assert later == f"{petra}'s voorstel, zei {petra}, en {kees}: ja."


def test_without_a_key_numbers_are_random_per_run():
    starts = {Pseudonymiser().pseudonymise("Kees: goed.").split(":")[0] for _ in range(6)}
    assert len(starts) > 1


@pytest.mark.parametrize(
    "text",
    [
        "We hebben dit zelf georganiseerd, zonder de gemeente.",
        "De wijkagent en de coach spraken met de bewoners.",
        "In mei en april vergaderen we op maandag in Teams; Scrum blijft.",
        "De boer en de bakker doen mee; de visser niet.",
        "Op 3 jan. is het eerste overleg.",
    ],
)
def test_signal_words_months_tools_and_trades_stay(text):
    assert Pseudonymiser().pseudonymise(text) == text


def test_names_that_are_also_words_go_when_used_as_names():
    text = "We spraken met de Boer en mevrouw Visser; J. de Vries en A.B. Jansen waren er ook."
    result = Pseudonymiser().pseudonymise(text)
    for name in ("Boer", "Visser", "de Vries", "Jansen"):
        assert name not in result
    assert "mevrouw [PERSOON-" in result


def test_contact_details_always_go_and_places_only_when_asked():
    text = "Mail petra@wijkteam.nl of bel 06-12345678; het buurthuis is aan de Kastanjelaan 14 in Utrecht."
    plain = Pseudonymiser().pseudonymise(text)
    assert "[EMAIL-" in plain and "[TELEFOON-" in plain and "[ADRES-" in plain
    assert "Utrecht" in plain
    assert "Utrecht" not in Pseudonymiser(also=["places"]).pseudonymise(text)


def test_replacements_have_offsets_into_the_original():
    text = "Volgens Mohammed voelen de ouders zich niet gehoord."
    [replacement] = Pseudonymiser().replacements(text)
    assert text[replacement.start : replacement.end] == "Mohammed" == replacement.original


def test_author_field_and_lowercase_author_names(tmp_path):
    pseudonymiser = Pseudonymiser()
    author = pseudonymiser.pseudonymise_author("Petra de Vries")
    text = pseudonymiser.pseudonymise("petra en ik hebben het voorbereid.", authors=["Petra de Vries"])
    assert text == f"{author} en ik hebben het voorbereid."
    both = pseudonymiser.pseudonymise_author("Petra de Vries; Kees Jansen")
    assert both.startswith(author + "; [PERSOON-")


def test_export_keeps_format_columns_and_order_and_leaves_the_input(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    table = source / "notes.csv"
    table.write_text(
        "id;datum;auteur;tekst;score\n"
        "2;2024-01-05;Petra de Vries;\"Kees: petra heeft gelijk.\nMail k.jansen@wijk.nl\";7\n"
        "1;2024-01-06;Kees Jansen;Aanwezig: Jan en Kasia;8\n",
        encoding="utf-8",
    )
    lines = source / "notes.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": "Kasia belt de gemeente.", "x": 1}) + "\n", encoding="utf-8")
    notes = source / "logboek"
    notes.mkdir()
    (notes / "2024-02-01.md").write_text("---\nauteur: Kasia Nowak\n---\nIk sprak Jan.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (table, lines, notes / "2024-02-01.md")}
    out = tmp_path / "out"
    counts = pseudonymise_export([table, lines, notes], out, tmp_path / "key.json")
    assert counts["files"] == 3 and counts["records"] == 4
    assert {p: p.read_bytes() for p in before} == before
    with open(out / "notes.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert [row[0] for row in rows] == ["id", "2", "1"] and [row[4] for row in rows[1:]] == ["7", "8"]
    assert rows[1][2].startswith("[PERSOON-") and "petra" not in rows[1][3] and "[EMAIL-" in rows[1][3]
    assert "Kasia" not in (out / "notes.jsonl").read_text() and '"x": 1' in (out / "notes.jsonl").read_text()
    markdown = (out / "logboek" / "2024-02-01.md").read_text()
    assert markdown.startswith("---\nauteur: [PERSOON-") and "Jan" not in markdown


def test_cli_refuses_output_in_the_input_folder_and_key_in_the_output(tmp_path):
    table = tmp_path / "notes.csv"
    table.write_text("id,text\n1,Kees: ja\n", encoding="utf-8")
    runner = CliRunner()
    same = runner.invoke(cli, ["pseudonymise", str(table), "--out", str(tmp_path)])
    assert same.exit_code == 2 and "E072" in same.output
    out = str(tmp_path / "o")
    inside = runner.invoke(cli, ["pseudonymise", str(table), "--out", out, "--key", str(tmp_path / "o" / "k.json")])
    assert inside.exit_code == 2 and "E070" in inside.output
    bad = runner.invoke(cli, ["pseudonymise", str(table), "--out", str(tmp_path / "o"), "--also", "names"])
    assert bad.exit_code == 2 and "E073" in bad.output
    good = runner.invoke(
        cli, ["pseudonymise", str(table), "--out", str(tmp_path / "o"), "--key", str(tmp_path / "k.json")])
    assert good.exit_code == 0, good.output
    assert (tmp_path / "o" / "notes.csv").read_text().splitlines()[1].startswith("1,[PERSOON-")
    assert not list((tmp_path / "o").glob("*.json"))


def test_hostile_files_are_refused_in_one_line_or_copied_as_text(tmp_path):
    runner = CliRunner()
    sheet = tmp_path / "in" / "notes.xlsx"
    sheet.parent.mkdir()
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    refused = runner.invoke(cli, ["pseudonymise", str(sheet), "--out", str(tmp_path / "o1")])
    assert refused.exit_code == 2, refused.output
    assert refused.output.startswith(f"Error: E004 {sheet}: unsupported file type '.xlsx'; use one of .csv, ")
    lines = tmp_path / "in" / "notes.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    lines.write_text(f'{{"id": "1", "text": "Kees kwam."}}\n{deep}\n{{"n": {"9" * 5000}}}\n', encoding="utf-8")
    copied = runner.invoke(cli, ["pseudonymise", str(lines), "--out", str(tmp_path / "o2")])
    assert copied.exit_code == 0, copied.output
    written = (tmp_path / "o2" / "notes.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(written) == 3 and json.loads(written[0])["id"] == "1" and written[1] == deep


def test_a_folder_copies_every_table_jsonl_and_text_and_names_what_it_does_not_copy(tmp_path):
    source = tmp_path / "export"
    (source / "team").mkdir(parents=True)
    (source / "a.csv").write_text("id,auteur,tekst\n1,Kees Jansen,Kees belde Petra.\n", encoding="utf-8")
    (source / "b.tsv").write_text("id\ttekst\n2\tPetra de Vries kwam.\n", encoding="utf-8")
    (source / "team" / "c.jsonl").write_text('{"id": "3", "text": "Petra de Vries belde."}\n', encoding="utf-8")
    (source / "team" / "2024-01-01.md").write_text("Ik sprak Kees Jansen.\n", encoding="utf-8")
    (source / "d.docx").write_bytes(b"PK\x03\x04")
    (source / "dangling.csv").symlink_to(tmp_path / "missing.csv")
    result = CliRunner().invoke(cli, ["pseudonymise", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    copied = sorted(str(p.relative_to(tmp_path / "o")) for p in (tmp_path / "o").rglob("*") if p.is_file())
    assert copied == ["export/a.csv", "export/b.tsv", "export/team/2024-01-01.md", "export/team/c.jsonl"]
    text = "".join((tmp_path / "o" / name).read_text(encoding="utf-8") for name in copied)
    assert "Petra" not in text and "Kees" not in text and text.count("[PERSOON-") == 6
    assert f"Warning: {source / 'd.docx'}: skipped: not copied: pseudonymise writes CSV/TSV" in result.output
    assert f"Warning: {source / 'dangling.csv'}: skipped: broken symbolic link" in result.output
    assert "2 file(s) not copied (listed above); the copy is incomplete without them" in result.output


def test_a_key_given_twice_is_refused_and_an_unclosed_quote_is_read_as_run_reads_it(tmp_path):
    twice = tmp_path / "in" / "twice.jsonl"
    twice.parent.mkdir()
    twice.write_text('{"id": "1", "text": "Kees kwam.", "text": "Petra bleef."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["pseudonymise", str(twice), "--out", str(tmp_path / "o1")])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(f"Error: E103 {twice}: the text field is given 2 times")
    table = tmp_path / "in" / "notes.csv"
    table.write_text('id,auteur,tekst\n1,Kees Jansen,"Een citaat dat nooit sluit\n2,Petra de Vries,Tweede notitie.\n',
                     encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(cli, ["pseudonymise", str(table), "--out", str(tmp_path / "o2")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "o2" / "notes.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows] == ["id", "1", "2"]
    assert rows[2][1].startswith("[PERSOON-") and "Petra" not in rows[2][1]


def test_a_terminal_escape_in_a_skipped_file_name_is_not_printed(tmp_path):
    source = tmp_path / "export"
    source.mkdir()
    (source / "a.csv").write_text("id,text\n1,Kees belde.\n", encoding="utf-8")
    (source / "\x1b]0;pwned\x07.docx").write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(cli, ["pseudonymise", str(source), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert f"Warning: {source}/\ufffd]0;pwned\ufffd.docx: skipped: not copied" in result.output


def test_every_text_column_is_pseudonymised_not_only_the_first(tmp_path):
    table = tmp_path / "in" / "notes.csv"
    table.parent.mkdir()
    table.write_text("id,text,notes\n1,Kees Jansen kwam.,Petra de Vries belde Kees Jansen.\n", encoding="utf-8")
    lines = tmp_path / "in" / "notes.jsonl"
    lines.write_text('{"id": "1", "text": "Kees Jansen kwam.", "body": "Petra de Vries belde."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["pseudonymise", str(table), str(lines), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    copied = (tmp_path / "o" / "notes.csv").read_text(encoding="utf-8") + (tmp_path / "o" / "notes.jsonl").read_text(
        encoding="utf-8")
    assert "Kees" not in copied and "Petra" not in copied and "Jansen" not in copied
    assert copied.count("[PERSOON-") == 5
