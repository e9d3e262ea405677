"""Output options aimed at an input: every command that writes a file the user names refuses to replace one of its
inputs (E102, exit 2, the input byte for byte as it was); a new file next to the inputs is allowed."""

from __future__ import annotations

import pytest
from test_adversarial_outputs import cli_run, tree_hashes, write_notes


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("kept")
    notes = write_notes(base / "notes.csv")
    result = cli_run("run", str(notes), "--out", str(base / "RUN"), "--model", "blank", "-q")
    assert result.exit_code == 0, result.output
    return base / "RUN"


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "coded" / "validation.csv"
    path.parent.mkdir()
    path.write_text("text,labels\nIk heb geleerd dat ik beter moet luisteren.,reflectie\nDe deadline is vrijdag.,"
                    "deadlines\n", encoding="utf-8")  # fmt: skip
    return path


def refused(args: list[str], option: str, out: str, what: str, *kept) -> None:
    before = tree_hashes(*kept)
    result = cli_run(*args)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"Error: E102 {out}: {option} would overwrite the input {what}; choose another {option}, the input stays as "
        "it is"
    )
    assert tree_hashes(*kept) == before


@pytest.mark.parametrize("table", ["sentences.csv", "manifest.json"])
def test_suggest_out_on_a_table_of_the_pool(run_dir, table):
    out = str(run_dir / table)
    refused(["suggest", "--pool", str(run_dir), "--out", out], "--out", out,
            f"{table} of the run folder {run_dir}", run_dir)  # fmt: skip


def test_suggest_machine_out_on_an_excluded_coding_file(run_dir, gold, tmp_path):
    refused(["suggest", "--pool", str(run_dir), "--out", str(tmp_path / "s.csv"), "--exclude", str(gold),
             "--machine-out", str(gold)], "--machine-out", str(gold), str(gold), gold)  # fmt: skip


@pytest.mark.parametrize("command", ["xlsx", "qdpx"])
def test_export_out_on_a_table_of_the_run(run_dir, command):
    out = str(run_dir / "notes.csv")
    refused(["export", command, str(run_dir), "--out", out], "--out", out, f"notes.csv of the run folder {run_dir}",
            run_dir)  # fmt: skip


def test_export_next_to_the_tables_is_allowed(run_dir):
    target = run_dir / "codering.xlsx"
    before = tree_hashes(run_dir)
    assert cli_run("export", "xlsx", str(run_dir), "--out", str(target)).exit_code == 0
    assert target.is_file()
    after = tree_hashes(run_dir)
    after.pop(str(target))
    assert after == before


def test_validate_out_holding_the_gold_file(gold):
    folder = gold.parent
    refused(["validate", "--gold", str(gold), "--out", str(folder)], "--out", str(folder / "validation.csv"),
            str(gold), gold)  # fmt: skip


def test_validate_into_the_run_folder_twice_is_allowed(run_dir, gold):
    for _ in range(2):
        result = cli_run("validate", "--gold", str(gold), "--pred", str(run_dir), "--resamples", "50")
        assert result.exit_code == 0, result.output
    assert (run_dir / "validation.csv").is_file()


def test_train_out_holding_a_coding_file_named_like_a_model_file(tmp_path, gold):
    coded = gold.rename(gold.with_name("card.md"))
    refused(["train", "--gold", str(coded), "--out", str(coded.parent)], "--out", str(coded), str(coded), coded)


@pytest.mark.parametrize("option", ["--out", "--mapping-template"])
def test_import_qdpx_onto_the_project(run_dir, tmp_path, option):
    project = tmp_path / "project.qdpx"
    assert cli_run("export", "qdpx", str(run_dir), "--out", str(project)).exit_code == 0
    refused(["import", "qdpx", str(project), option, str(project)], option, str(project), str(project), project)


def test_a_link_to_the_input_is_the_input(tmp_path, gold):
    link = tmp_path / "link.csv"
    link.symlink_to(gold)
    refused(["validate", "--gold", str(link), "--out", str(gold.parent)], "--out", str(gold.parent / "validation.csv"),
            str(link), gold)  # fmt: skip


@pytest.mark.parametrize("window", ["0001-01-01:9999-12-31", "1677-12-31:", ":2262-01-01"])
def test_a_date_range_beyond_what_the_trends_can_place_is_one_line_e105(tmp_path, window):
    notes = write_notes(tmp_path / "notes.csv")
    result = cli_run("run", str(notes), "--out", str(tmp_path / "out"), "--date-range", window, "-q")
    assert result.exit_code == 2 and not (tmp_path / "out").exists()
    assert result.output.splitlines() == [
        f"Error: E105 --date-range {window!r}: the trends place dates from 1678-01-01 to 2261-12-31 only (the range "
        "of pandas' timestamps); choose a window inside it"]


def test_the_widest_date_range_allowed_gives_trends_and_a_report(tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("id,community,date,text\n1,wijk,1700-01-02,Ik heb geleerd dat ik moet luisteren.\n"
                     "2,wijk,2261-02-03,De deadline is vrijdag.\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    assert cli_run("run", str(notes), "--out", str(out), "--date-range", "1678-01-01:2261-12-31", "-q").exit_code == 0
    result = cli_run("report", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "report" / "index.html").is_file()


def test_a_field_mapped_twice_to_different_columns_is_one_line_e106(tmp_path):
    notes = write_notes(tmp_path / "notes.csv")
    result = cli_run("run", str(notes), "--out", str(tmp_path / "out"), "--column", "text=a", "--column", "TEXT=b")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: E106 --column text= is given twice ('a' and 'b'); give one column for each field"]
    same = cli_run("run", str(notes), "--out", str(tmp_path / "out"), "--column", "text=text", "--column", "text=text")
    assert same.exit_code == 0, same.output


def test_more_processes_than_cores_are_capped_with_a_warning(tmp_path, monkeypatch):
    import json

    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    notes = write_notes(tmp_path / "notes.csv")
    result = cli_run("run", str(notes), "--out", str(tmp_path / "out"), "-p", "5000", "-q", "--no-trends")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Warning: --processes 5000 is more than the 2 core(s) of this machine; using 2"]
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["options"]["processes"] == 2


@pytest.mark.parametrize(("option", "folder_option", "what", "name"), [
    ("--machine-out", "--classifier", "classifier", "vocabulary.json"),
    ("--out", "--lexicon", "lexicon", "negation.tsv"),
    ("--out", "--lexicon", "lexicon", "rules/new.tsv"),  # a new file there would be read as a rule file
])  # fmt: skip
def test_suggest_never_writes_into_the_model_or_lexicon_folder_it_reads(run_dir, tmp_path, option, folder_option,
                                                                      what, name):  # fmt: skip
    import shutil

    from leersignalen.resources import LEXICON_DIR, MODELS_DIR

    folder = tmp_path / what
    shutil.copytree(MODELS_DIR / "default" if what == "classifier" else LEXICON_DIR, folder)
    before = tree_hashes(folder)
    args = ["suggest", "--pool", str(run_dir), "--n", "2", folder_option, str(folder), option, str(folder / name)]
    if option == "--machine-out":
        args += ["--out", str(tmp_path / "s.csv")]
    result = cli_run(*args)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (f"Error: E126 {folder / name}: {option} would write into the {what} folder "
                                     f"{folder}, an input of this command; choose another {option}, the folder "
                                     "stays as it is")  # fmt: skip
    assert tree_hashes(folder) == before and not (folder / "rules" / "new.tsv").exists()
