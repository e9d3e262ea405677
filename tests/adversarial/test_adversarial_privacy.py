"""Hostile paths for pseudonymisation: an --out above an input, two inputs with one copy, a key file among the
notes, a link in --out. The input files and the key stay as they were."""

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli

pytestmark = pytest.mark.slow  # pseudonymise loads deduce's lookup tables


def test_cli_never_writes_a_copy_over_an_input_or_over_another_copy(tmp_path):
    notes = tmp_path / "P" / "sub" / "x.csv"
    notes.parent.mkdir(parents=True)
    notes.write_text("id,text\n1,Jan de Vries zei iets.\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "notes.csv").write_text(f"id,text\n1,Kees zei iets in {folder}.\n", encoding="utf-8")
    linked = tmp_path / "out"
    linked.mkdir()
    (linked / "x.csv").hardlink_to(notes)
    before = {path: path.read_bytes() for path in tmp_path.rglob("*.csv")}
    runner = CliRunner()
    above = runner.invoke(cli, ["pseudonymise", str(notes.parent), "--out", str(tmp_path / "P")])
    assert above.exit_code == 2
    assert above.output == (f"Error: E114 {notes}: the copy of {notes} would be written over an input file; choose "
                            "an --out outside the inputs' folders, the input stays as it is\n")  # fmt: skip
    twins = runner.invoke(cli, ["pseudonymise", str(tmp_path / "a" / "notes.csv"), str(tmp_path / "b" / "notes.csv"),
                                "--out", str(tmp_path / "c")])  # fmt: skip
    assert twins.exit_code == 2 and twins.output.startswith(f"Error: E115 {tmp_path / 'c' / 'notes.csv'}: ")
    assert not (tmp_path / "c").exists()
    through_link = runner.invoke(cli, ["pseudonymise", str(notes), "--out", str(linked)])
    assert through_link.exit_code == 0, through_link.output
    assert "[PERSOON-" in (linked / "x.csv").read_text() and before[notes] == notes.read_bytes()
    assert {path: path.read_bytes() for path in before} == before | {linked / "x.csv": (linked / "x.csv").read_bytes()}


@pytest.mark.parametrize("command", ["run", "pseudonymise"])
def test_a_key_file_that_is_an_input_is_refused(tmp_path, command):
    key = tmp_path / "k.json"
    key.write_text('{"format": "leersignalen-key"}', encoding="utf-8")
    notes = tmp_path / "notes.csv"
    notes.write_text("id,text\n1,Kees zei iets.\n", encoding="utf-8")
    extra = ["--pseudonymise", "--no-trends", "--model", "blank", "-q"] if command == "run" else []
    for given in (key, tmp_path):
        result = CliRunner().invoke(cli, [command, str(given), "--out", str(tmp_path.parent / f"o-{command}"),
                                          "--key", str(key), *extra])  # fmt: skip
        assert result.exit_code == 2
        assert result.output == (f"Error: E116 {key}: the key file would be read as notes (it is in input {given}); "
                                 "keep the key outside the notes and outside --out, e.g. ~/sleutels/key.json\n")
    assert key.read_text(encoding="utf-8") == '{"format": "leersignalen-key"}'
    assert not (tmp_path.parent / f"o-{command}").exists()
