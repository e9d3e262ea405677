"""Hostile values inside the data: TeX in community names, terminal escapes in file names, XML noncharacters,
cells past Excel's limit, unquoted delimiters, a BOM inside a row, legacy encodings, seeds out of range, coding
files given twice, a train --out that holds someone's files."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli


def run_cli(*args: str):
    return CliRunner().invoke(cli, [*args])


def notes_jsonl(path, texts, community="c"):
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": f"n{i}", "community": community, "date": f"2025-0{i + 1}-05", "text": text})
             for i, text in enumerate(texts)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_community_named_like_tex_is_plain_text_in_the_report(tmp_path):
    notes = notes_jsonl(tmp_path / "n.jsonl", ["We hebben samen geleerd. De deadline is vrijdag."] * 3, r"$\frac$")
    assert run_cli("run", str(notes), "--out", str(tmp_path / "out"), "-q").exit_code == 0
    result = run_cli("report", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert r"$\frac$" in (tmp_path / "out" / "report" / "index.html").read_text(encoding="utf-8")


def test_terminal_escapes_in_file_names_and_xml_noncharacters_in_notes_reach_no_output(tmp_path):
    folder = tmp_path / "in"
    text = "We hebben geleerd \ufffe en \uffff. De deadline is vrijdag."
    notes_jsonl(folder / "bad\x1b]0;TITLE\x07name.jsonl", [text])
    (folder / "\x1b]0;pwned\x07.bin").write_bytes(b"x")
    out = tmp_path / "out"
    result = run_cli("run", str(folder), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    for name in ("notes.csv", "sentences.csv", "manifest.json"):
        text = (out / name).read_text(encoding="utf-8")
        assert not any(char in text for char in "\x1b\x07\ufffe\uffff"), name
    assert run_cli("export", "xlsx", str(out), "--out", str(tmp_path / "x.xlsx")).exit_code == 0
    assert run_cli("export", "qdpx", str(out), "--out", str(tmp_path / "p.qdpx")).exit_code == 0
    back = run_cli("import", "qdpx", str(tmp_path / "p.qdpx"), "--out", str(tmp_path / "g.csv"), "--model", "blank")
    assert back.exit_code == 0, back.output


def test_invisible_characters_do_not_stick_to_an_id(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(b"id,text\n0,Een.\n\xef\xbb\xbf1,Twee.\n2\xe2\x80\x8b,Drie.\n")
    assert run_cli("run", str(path), "--out", str(tmp_path / "o"), "-q").exit_code == 0
    ids = [line.split(",")[0] for line in (tmp_path / "o" / "notes.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert ids == ["0", "1", "2"]


def test_a_cell_longer_than_excel_allows_is_cut_with_a_mark_and_a_warning(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    text = "We hebben geleerd. " + "x" * 40_000 + " De deadline is vrijdag."
    notes = notes_jsonl(tmp_path / "n.jsonl", [text])
    assert run_cli("run", str(notes), "--out", str(tmp_path / "out"), "-q").exit_code == 0
    result = run_cli("export", "xlsx", str(tmp_path / "out"), "--out", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 0
    assert ("column text: 40,0" in result.output and " characters cut to 32,767 (Excel's limit for a cell); the whole "
            "text is in sentences.csv") in result.output  # fmt: skip
    cell = list(openpyxl.load_workbook(tmp_path / "x.xlsx")["sentences"].iter_rows(values_only=True))[1][6]
    assert len(cell) == 32_767 and cell.endswith(" [...]")


def test_an_unquoted_comma_in_a_last_text_column_keeps_the_whole_text(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("id,text\n1,We hebben geleerd, en de deadline is vrijdag\n", encoding="utf-8")
    assert run_cli("run", str(path), "--out", str(tmp_path / "o"), "-q").exit_code == 0
    sentences = (tmp_path / "o" / "sentences.csv").read_text(encoding="utf-8")
    assert '"We hebben geleerd, en de deadline is vrijdag",deadlines' in sentences
    notes = (tmp_path / "o" / "notes.csv").read_text(encoding="utf-8")
    assert "the fields after the text column were joined to the text" in notes


def test_a_text_in_an_encoding_that_is_not_guessed_is_e003_not_a_binary_file(tmp_path):
    path = tmp_path / "koi.csv"
    path.write_bytes("id,text\n1,Мы многому научились вместе\n".encode("koi8-r"))
    result = run_cli("run", str(path), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(f"Error: E003 {path}: cannot be decoded as UTF-8 or one of")
    assert run_cli("run", str(path), "--out", str(tmp_path / "o"), "--encoding", "koi8-r", "-q").exit_code == 0


@pytest.mark.parametrize("seed", ["-1", "4294967296"])
def test_a_seed_out_of_range_is_a_usage_error_not_a_traceback(tmp_path, seed):
    notes = notes_jsonl(tmp_path / "n.jsonl", ["We hebben geleerd."])
    result = run_cli("run", str(notes), "--out", str(tmp_path / "o"), "--seed", seed)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Invalid value for '--seed'" in result.output


def coding(path, count=40):
    rows = [f"We leren samen van de fouten nummer {i},{'reflectie' if i % 2 else ''}" for i in range(count)]
    path.write_text("text,labels\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_coding_file_given_twice_is_read_once_and_not_as_its_own_second_coder(tmp_path):
    gold = coding(tmp_path / "g.csv")
    os.symlink(gold, tmp_path / "link.csv")
    link = str(tmp_path / "link.csv")
    result = run_cli("validate", "--gold", str(gold), "--gold", link, "--out", str(tmp_path / "v"), "--resamples", "50")
    assert result.exit_code == 0, result.output
    assert f"Warning: {tmp_path / 'link.csv'}: given twice as --gold (also as {gold}); read once" in result.output
    assert "40 sentences" in result.output or "of 40 " in result.output
    same = run_cli("validate", "--gold", str(gold), "--gold2", str(tmp_path / "link.csv"), "--out", str(tmp_path / "v"))
    assert same.exit_code == 2
    assert same.output.splitlines()[-1] == (f"Error: E110 {gold}: given as --gold and as --gold2; the second coder's "
                                            "file must be another coder's file")  # fmt: skip


def test_train_refuses_an_out_folder_holding_someone_elses_files(tmp_path):
    gold = coding(tmp_path / "g.csv")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "model.json").write_text("precious\n", encoding="utf-8")
    result = run_cli("train", "--gold", str(gold), "--out", str(mine))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: E111 {mine}: not a model folder written by `leersignalen train` and not empty (it holds "
        "model.json); choose a new or empty --out, the folder stays as it is")
    assert (mine / "model.json").read_text(encoding="utf-8") == "precious\n"
    model = tmp_path / "model"
    assert run_cli("train", "--gold", str(gold), "--out", str(model)).exit_code == 0
    assert run_cli("train", "--gold", str(gold), "--out", str(model)).exit_code == 0  # its own folder: retrained


def test_weekly_trends_over_decades_of_empty_weeks_do_not_blow_up(tmp_path):
    from conftest_hang import finishes_within

    rows = [f"{c}{n},c{c},{day},{text}" for c in range(30)
            for n, day, text in (("a", "1990-01-02", "We hebben geleerd."), ("b", "2025-12-01", "De deadline."))]
    notes = tmp_path / "n.csv"
    notes.write_text("id,community,date,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "o"
    assert run_cli("run", str(notes), "--out", str(out), "--no-trends", "-q").exit_code == 0
    with finishes_within(60):  # 56,000 weekly rows were filled in one pandas .loc call each: minutes
        result = run_cli("trends", str(out), "--period", "week", "-q")
    assert result.exit_code == 0, result.output
    assert len((out / "trends.csv").read_text(encoding="utf-8").splitlines()) > 50_000


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("edited")
    notes = notes_jsonl(base / "n.jsonl", ["We hebben samen geleerd. De deadline is vrijdag.", "We plannen."] * 2)
    assert run_cli("run", str(notes), "--out", str(base / "run"), "-q").exit_code == 0
    return base / "run"


def edited(run, tmp_path, file, change):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(run, copy)
    data = json.loads((copy / file).read_text(encoding="utf-8"))
    change(data)
    (copy / file).write_text(json.dumps(data), encoding="utf-8")
    return copy


@pytest.mark.parametrize(("file", "change", "problem"), [
    ("manifest.json", dict.clear, "field 'counts' is missing"),
    ("manifest.json", lambda m: m.update(sha256="x"), "field 'sha256' is str, not dict"),
    ("manifest.json", lambda m: m.update(counts=None), "field 'counts' is NoneType, not dict"),
    ("manifest.json", lambda m: m["counts"].update(notes_out="veel"),
     "field 'counts' holds values that are not numbers"),
    ("trends_settings.json", lambda s: s.update(trends="x"), "field 'trends' is str, not dict"),
    ("trends_settings.json", lambda s: s["trends"].update(period="decade"),
     "field 'trends.period' is 'decade', not one of week, month, quarter"),
    ("trends_settings.json", lambda s: s["trends"].update(period_auto={"fallback": False}),
     "field 'trends.period_auto' lacks min_share, min_notes, min_words, passing"),
])  # fmt: skip
def test_a_hand_edited_manifest_or_settings_file_is_one_line_e088_naming_the_field(finished_run, tmp_path, file,
                                                                                    change, problem):  # fmt: skip
    copy = edited(finished_run, tmp_path, file, change)
    commands = [["report", str(copy)], ["export", "qdpx", str(copy), "--out", str(tmp_path / "p.qdpx")]]
    for command in commands + ([["summary", str(copy)]] if file == "manifest.json" else []):
        result = run_cli(*command)
        assert result.exit_code == 2 and "Traceback" not in result.output, (command, result.output)
        assert f": edited or damaged ({problem}); " in result.output.splitlines()[-1], command


def test_emptied_checksums_do_not_switch_the_checks_off(finished_run, tmp_path):
    copy = edited(finished_run, tmp_path, "trends_settings.json", lambda s: s.update(sha256={}))
    result = run_cli("report", str(copy))
    assert result.exit_code == 2
    assert "trends.csv: not recorded in trends_settings.json, so it cannot be traced to these trends" in result.output


def test_a_hand_made_run_folder_with_an_offset_that_is_no_number_is_one_line_e112(finished_run, tmp_path):
    import csv
    import shutil

    copy = tmp_path / "hand"
    shutil.copytree(finished_run, copy)
    (copy / "manifest.json").unlink()
    (copy / "trends_settings.json").unlink()
    with open(copy / "sentences.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("start_char")] = "99999999999999999999"
    with open(copy / "sentences.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    result = run_cli("export", "qdpx", str(copy), "--out", str(tmp_path / "p.qdpx"))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (f"Error: E112 {copy / 'sentences.csv'}:2: start_char "
                                              "'99999999999999999999' is not a character offset; regenerate it "
                                              "with `leersignalen run`")  # fmt: skip


def test_a_coding_file_and_its_hard_link_are_one_file(tmp_path):
    gold = coding(tmp_path / "g.csv")
    os.link(gold, tmp_path / "hard.csv")
    result = run_cli("validate", "--gold", str(gold), "--gold", str(tmp_path / "hard.csv"), "--out",
                     str(tmp_path / "v"), "--resamples", "50")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Warning: {tmp_path / 'hard.csv'}: given twice as --gold (also as {gold}); read once" in result.output
    same = run_cli("validate", "--gold", str(gold), "--gold2", str(tmp_path / "hard.csv"), "--out", str(tmp_path / "v"))
    assert same.exit_code == 2 and same.output.splitlines()[-1].startswith(f"Error: E110 {gold}: given as --gold")
