"""Hostile run folders and files for the commands after `run` (a second adversarial check): one line, exit 2."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from leersignalen.cli.main import cli

NOTES = "id,community,date,text\nn1,c,2025-01-10,We hebben teruggeblikt op onze aanpak. De deadline is vrijdag.\n"


def tagged(tmp_path, *extra: str):
    (tmp_path / "n.csv").write_text(NOTES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "n.csv"), "--out", str(tmp_path / "r"), "-q",
                                      "--no-trends", "--model", "blank", *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    return tmp_path / "r"


def hand_made(run):
    """The run as a folder somebody made by hand: no manifest, so the tables are read as they are."""
    (run / "manifest.json").unlink()
    return run


def test_export_of_a_hand_made_folder_without_a_community_column_is_e041(tmp_path):
    run = hand_made(tagged(tmp_path))
    notes = run / "notes.csv"
    notes.write_text(notes.read_text(encoding="utf-8").replace(",community,", ",gemeenschap,", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "qdpx", str(run), "--out", str(tmp_path / "r.qdpx")])
    assert result.exit_code == 2
    assert result.output == (f"Error: E041 {notes}: missing column(s) community; is this the output of "
                             "`leersignalen run`?\n")  # fmt: skip


def test_validate_against_a_table_with_a_label_outside_the_codebook_is_e119(tmp_path):
    run = hand_made(tagged(tmp_path))
    with open(run / "sentences.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("labels")] = "Reflectie"
    with open(run / "sentences.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    gold = tmp_path / "gold.csv"
    gold.write_text("text,labels\nDe deadline is vrijdag.,deadlines\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--gold", str(gold), "--pred", str(run), "--out",
                                      str(tmp_path / "v"), "--resamples", "0"])  # fmt: skip
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: E119 {run / 'sentences.csv'}:2: label 'Reflectie' is not a category")


def test_export_xlsx_gives_the_same_bytes_twice(tmp_path):
    run = tagged(tmp_path)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        assert CliRunner().invoke(cli, ["export", "xlsx", str(run), "--out", str(target)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_evaluate_refuses_a_labelled_file_that_is_not_utf8_or_a_folder(tmp_path):
    labelled = tmp_path / "dev.tsv"
    labelled.write_bytes(b"id\tsplit\ttext\tlabels\nx1\tdev\tWe gingen naar het caf\xe9.\treflectie\n")
    result = CliRunner().invoke(cli, ["evaluate", "--devset", str(labelled), "--ud", str(tmp_path / "geen")])
    assert result.exit_code == 2
    assert result.output == (f"Error: E107 {labelled}: not UTF-8 text (at byte 50); save the coding file as 'CSV "
                             "UTF-8' (Excel) or UTF-8 text\n")  # fmt: skip
    folder = CliRunner().invoke(cli, ["evaluate", "--devset", str(tmp_path), "--ud", str(tmp_path / "geen")])
    assert folder.exit_code == 2 and folder.output.startswith(f"Error: E005 {tmp_path}: cannot be read (")


def test_evaluate_names_a_treebank_file_that_is_not_utf8(tmp_path):
    from leersignalen.errors import TreebankError
    from leersignalen.language.ud_eval import read_conllu

    path = tmp_path / "b.conllu"
    path.write_bytes(b"# text = Goed.\n1\tGoed\tgoed\tADJ\t_\t_\t0\troot\t_\t_\n\n# text = caf\xe9\n")
    try:
        read_conllu(path)
    except TreebankError as error:
        assert str(error) == ("E120 b.conllu:4: not UTF-8 text; --ud needs a folder of UTF-8 CoNLL-U files, such as "
                              "the UD Dutch treebanks")  # fmt: skip
    else:
        raise AssertionError("no TreebankError")


def test_validate_into_an_excel_nl_run_folder_keeps_its_dialect(tmp_path):
    run = tagged(tmp_path, "--csv-dialect", "excel-nl")
    gold = tmp_path / "gold.csv"
    gold.write_text("text,labels\nDe deadline is vrijdag.,structuur\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--gold", str(gold), "--pred", str(run), "--out", str(run),
                                      "--resamples", "0"])  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("validation.csv", "disagreements.csv"):
        assert (run / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert ";" in (run / name).read_text(encoding="utf-8-sig").splitlines()[0]
