"""The command line: help, version, exact error texts and exit codes, and that every command is documented."""

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from leersignalen import __version__
from leersignalen.categories import category_ids
from leersignalen.cli.main import cli

REPO = Path(__file__).resolve().parent.parent.parent
DATA = REPO / "tests" / "data"


@pytest.fixture
def runner():
    return CliRunner()


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"leersignalen, version {__version__}"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_short_and_long_help(runner, flag):
    result = runner.invoke(cli, [flag])
    assert result.exit_code == 0
    assert "run" in result.output and "lexicon" in result.output


def test_every_command_and_option_is_documented(runner):
    docs = "\n".join(path.read_text(encoding="utf-8") for path in sorted((REPO / "docs").glob("*.md")))
    for path, command in all_commands(cli):
        assert command.help, f"{' '.join(path)} has no help text"
        assert f"leersignalen {' '.join(path)}" in docs, f"docs/ does not mention leersignalen {' '.join(path)}"
        for parameter in command.params:
            if isinstance(parameter, click.Option) and not parameter.hidden:
                assert parameter.help, f"{' '.join(path)} {parameter.opts[0]} has no help="
                assert f"`{parameter.opts[0]}`" in docs, f"docs/ does not mention {' '.join(path)} {parameter.opts[0]}"
        assert runner.invoke(cli, [*path, "-h"]).exit_code == 0


def test_generated_reference_pages_are_up_to_date():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(REPO / "scripts" / "make_docs.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_text_column_exact_error_and_exit_code(runner, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,community,date\n1,a,2025-01-01\n", encoding="utf-8")
    result = runner.invoke(cli, ["run", str(path), "--out", str(tmp_path / "out"), "--model", "blank", "-q"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: E001 {path}: no text column found (columns: id, community, date); "
        "name it 'text' or map it with --column text=NAME\n"
    )


def test_a_missing_input_or_a_file_for_a_folder_is_one_line_e005(runner, tmp_path):
    missing = tmp_path / "nope.csv"
    result = runner.invoke(cli, ["run", str(missing), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (f"Error: E005 {missing}: cannot be read (no such file or folder, given as "
                             "'INPUTS...'); check the path and its permissions\n")  # fmt: skip
    notes = tmp_path / "notes.csv"
    notes.write_text("id,text\n1,Tekst.\n", encoding="utf-8")
    result = runner.invoke(cli, ["summary", str(notes)])
    assert result.exit_code == 2
    assert result.output == (f"Error: E005 {notes}: cannot be read ('OUT' needs a folder, this is a file); check "
                             "the path and its permissions\n")  # fmt: skip
    result = runner.invoke(cli, ["validate", "--gold", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: E005 {tmp_path}: cannot be read ('--gold' needs a file, this is a folder)")


def test_bad_column_option(runner, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,text\n1,Tekst\n", encoding="utf-8")
    result = runner.invoke(cli, ["run", str(path), "--out", str(tmp_path / "o"), "--column", "tekst", "-q"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: E006 --column 'tekst': expected FIELD=COLUMN")


def test_unknown_model_is_exit_2(runner, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("id,text\n1,Tekst\n", encoding="utf-8")
    result = runner.invoke(cli, ["run", str(path), "--out", str(tmp_path / "o"), "--model", "nl_geen", "-q"])
    assert result.exit_code == 2
    assert "E010 model 'nl_geen' is not installed" in result.output


def test_run_writes_all_outputs_and_quiet_prints_nothing(runner, tmp_path):
    out = tmp_path / "out"
    inputs = [str(DATA / "inputs" / "messy_notes.csv"), str(DATA / "inputs" / "messy_notes.jsonl")]
    result = runner.invoke(cli, ["run", *inputs, "--out", str(out), "--model", "blank", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    for name in ("sentences.csv", "signals.csv", "notes.csv", "rejects.csv", "trends.csv", "manifest.json"):
        assert (out / name).is_file(), name
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert counts["records_in"] == counts["notes_out"] + counts["rejects"]


def test_run_prints_summary_without_quiet(runner, tmp_path):
    result = runner.invoke(
        cli, ["run", str(DATA / "inputs" / "messy_notes.csv"), "--out", str(tmp_path), "--model", "blank"]
    )
    assert result.exit_code == 0, result.output
    assert "12 records read: 10 notes tagged, 2 rejected" in result.output
    assert "wijkteam-zuid" in result.output


def test_summary_of_a_folder_without_outputs(runner, tmp_path):
    result = runner.invoke(cli, ["summary", str(tmp_path)])
    assert result.exit_code == 2
    assert "E012" in result.output


def test_lexicon_check_reports_problems_with_exit_2(runner, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (tmp_path / "negation.tsv").write_text("id\tkind\tpattern\tnote\texample\n", encoding="utf-8")
    (rules / "x.tsv").write_text(
        "id\tcategory\tpattern\tunless\tnote\texample\nx.1\tgedoe\tgedoe\t\t\tGedoe.\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["lexicon", "check", "--lexicon", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{rules / 'x.tsv'}:2: unknown category 'gedoe'" in result.output


def test_python_dash_m_entry_point():
    import subprocess
    import sys

    command = [sys.executable, "-m", "pipeline", "--version"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_run_with_the_default_classifier_adds_scores_and_keeps_evidence(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["run", str(DATA / "inputs" / "messy_notes.csv"), "--out", str(out), "--model", "blank",
              "--classifier", "default", "-q", "--no-trends"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    header = (out / "sentences.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-7:] == [f"score_{c}" for c in category_ids()]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["classifier"]["label_rule"]
    assert (out / "signals.csv").read_text(encoding="utf-8").count("\n") > 1
    assert not (out / "trends.csv").exists()


def test_run_with_a_missing_classifier_is_exit_2(runner, tmp_path):
    path = DATA / "inputs" / "messy_notes.csv"
    result = runner.invoke(cli, ["run", str(path), "--out", str(tmp_path), "--classifier", str(tmp_path / "geen")])
    assert result.exit_code == 2
    assert str(tmp_path / "geen") in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_progress_bar_goes_to_stderr_and_quiet_silences_it(runner, tmp_path):
    path = str(DATA / "inputs" / "messy_notes.csv")
    loud = runner.invoke(cli, ["run", path, "--out", str(tmp_path / "a"), "--model", "blank", "--no-trends"])
    quiet = runner.invoke(cli, ["run", path, "--out", str(tmp_path / "b"), "--model", "blank", "--no-trends", "-q"])
    assert loud.exit_code == quiet.exit_code == 0
    assert "Tagging" in loud.stderr
    assert quiet.stderr == "" and quiet.stdout == ""


def test_bad_lemma_exceptions_file_is_exit_2_without_traceback(runner, tmp_path, monkeypatch):
    import leersignalen.language.lemmatizer as lemmatizer

    bad = tmp_path / "lemma_exceptions.tsv"
    bad.write_text("form\tlemma\tnote\nWas\tzijn\tuppercase form\n", encoding="utf-8")
    original = lemmatizer.DutchLemmaData.__init__
    monkeypatch.setattr(
        lemmatizer.DutchLemmaData, "__init__", lambda self, **kwargs: original(self, exceptions_path=bad)
    )
    lemmatizer.lemma_data.cache_clear()
    lemmatizer.lemma_of.cache_clear()
    try:
        path = str(DATA / "inputs" / "messy_notes.csv")
        result = runner.invoke(cli, ["run", path, "--out", str(tmp_path / "o"), "--model", "blank", "-q"])
    finally:
        lemmatizer.lemma_data.cache_clear()
        lemmatizer.lemma_of.cache_clear()
    assert result.exit_code == 2
    assert result.output.startswith("Error: E020 lemma_exceptions.tsv:2: write form and lemma in lowercase")
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_deprecated_option_spellings_still_work_with_a_warning(runner, tmp_path):
    from leersignalen.cli.analysis import trends

    out = tmp_path / "out"
    result = runner.invoke(cli, ["run", str(DATA / "inputs" / "messy_notes.csv"), "--out", str(out), "--model",
                                 "blank", "--no-trends", "-q"])
    assert result.exit_code == 0, result.output
    old = runner.invoke(cli, ["trends", str(out), "-q", "--n-boot", "7"])
    assert old.exit_code == 0, old.output
    assert "--n-boot is deprecated" in old.output
    assert not any("--n-boot" in p.opts for p in trends.params if not getattr(p, "hidden", False))
    too_many = runner.invoke(cli, ["trends", str(out), "-q", "--n-boot", "100000000"])
    assert too_many.exit_code == 2 and "100000000" in too_many.output


@pytest.mark.parametrize(("arguments", "expected"), [
    (["run", "x.csv", "--out", "o", "-p", "0"],
     "Error: E117 Invalid value for '--processes' / '-p': 0 is not in the range x>=1 (see `leersignalen run --help`)"),
    (["run", "x.csv", "--out", "o", "--period", "2025-W14"],
     "Error: E117 Invalid value for '--period': '2025-W14' is not one of 'auto', 'week', 'month', 'quarter' (see "
     "`leersignalen run --help`)"),
    (["export", "xlsx"], "Error: E117 Missing argument 'RUN_DIR' (see `leersignalen export xlsx --help`)"),
    (["frobnicate"], "Error: E117 No such command 'frobnicate' (see `leersignalen --help`)"),
    (["--bogus"], "Error: E117 No such option '--bogus' (see `leersignalen --help`)"),
])  # fmt: skip
def test_usage_errors_are_one_line_with_a_code(tmp_path, monkeypatch, arguments, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").write_text("id,text\n1,Wij leerden.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, arguments, prog_name="leersignalen")
    assert result.exit_code == 2
    assert result.output == expected + "\n"


def test_a_group_without_a_command_still_shows_its_help():
    result = CliRunner().invoke(cli, ["export"], prog_name="leersignalen")
    assert "Usage: leersignalen export [OPTIONS] COMMAND [ARGS]..." in result.output and "E117" not in result.output
