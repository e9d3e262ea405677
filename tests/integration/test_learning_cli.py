"""The validate, train and suggest commands through click: exit codes, files and error texts."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.agreement.gold import read_gold
from leersignalen.cli.main import cli
from leersignalen.learn.model import load_classifier
from leersignalen.learn.modelfile import MODEL_FILE
from leersignalen.learn.suggest import SUGGESTION_COLUMNS
from leersignalen.output.cells import read_csv_rows

pytestmark = pytest.mark.slow  # runs the whole pipeline or loads a trained model; in make test-all

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def trained(runner, tmp_path_factory):
    folder = tmp_path_factory.mktemp("model") / "small"
    result = runner.invoke(cli, ["train", "--gold", str(GOLD / "train_small.tsv"), "--out", str(folder),
                                 "--folds", "3"])
    assert result.exit_code == 0, result.output
    return folder, result.output


def test_validate_against_a_tagged_output(runner, tmp_path):
    args = ["--gold", str(GOLD / "gold_by_index.csv"), "--pred", str(GOLD / "tagged"), "--resamples", "200"]
    first = runner.invoke(cli, ["validate", *args, "--out", str(tmp_path / "a")])
    second = runner.invoke(cli, ["validate", *args, "--out", str(tmp_path / "b")])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    methods = (tmp_path / "a" / "validation_methods.txt").read_text(encoding="utf-8").strip()
    assert methods in first.output and "8 sentences" in methods
    for name in ("validation.csv", "disagreements.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    _, rows = read_csv_rows(tmp_path / "a" / "validation.csv")
    assert [row["category"] for row in rows][-3:] == ["micro", "macro", "neutral"]


def test_validate_tags_gold_texts_with_mapping(runner, tmp_path):
    args = ["--gold", str(GOLD / "team_codes.csv"), "--mapping", str(GOLD / "team_mapping.csv")]
    result = runner.invoke(cli, ["validate", *args, "--out", str(tmp_path), "--resamples", "50"])
    assert result.exit_code == 0, result.output
    assert "5 sentences" in result.output
    assert (tmp_path / "disagreements.csv").is_file()


def test_validate_unknown_code_exits_2_with_file_line_and_code(runner, tmp_path):
    result = runner.invoke(cli, ["validate", "--gold", str(GOLD / "team_codes.csv"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "team_codes.csv:2: unknown code 'Perspectief'" in result.output
    assert "--mapping" in result.output


def validate_two_coders(runner, out, *options: str, first: str = "coder_a.csv", second: str = "coder_b.tsv",
                        resamples: str = "50"):
    """``validate`` of two of the test coders' files, written to ``out``."""
    return runner.invoke(cli, ["validate", "--gold", str(GOLD / first), "--gold2", str(GOLD / second),
                               "--out", str(out), "--resamples", resamples, *options])  # fmt: skip


def test_validate_refuses_coders_only_without_a_second_coder(runner):
    result = runner.invoke(cli, ["validate", "--gold", str(GOLD / "coder_a.csv"), "--coders-only"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: E016 --coders-only needs --gold2 (a second coder's file); add it or leave out --coders-only")


def test_validate_shows_coders_next_to_the_machine(runner, tmp_path):
    result = validate_two_coders(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert "Coders next to the machine (leersignalen lexicon, pipeline blank) on the same 9 sentences" in result.output
    _, table = read_csv_rows(tmp_path / "validation_side_by_side.csv")
    by_category = {row["category"]: row for row in table}
    _, coders = read_csv_rows(tmp_path / "validation.csv")
    _, machine = read_csv_rows(tmp_path / "validation_machine_gold.csv")
    _, machine2 = read_csv_rows(tmp_path / "validation_machine_gold2.csv")
    for rows, column in ((coders, "coders_alpha"), (machine, "machine_gold_alpha"), (machine2, "machine_gold2_alpha")):
        for row in rows:
            if row["category"] in by_category:
                assert by_category[row["category"]][column] == row["alpha"], (column, row["category"])
    assert by_category["structuur"]["support_gold"] == "4"
    methods = (tmp_path / "validation_methods.txt").read_text(encoding="utf-8")
    assert methods.startswith("Two human codings were compared on 9 sentences")
    assert "Automatic coding (leersignalen lexicon, pipeline blank) was compared with human coding of 9 sentences" in (
        methods)


def test_validate_machine_against_the_second_coder_uses_the_second_coders_labels(runner, tmp_path):
    swapped = validate_two_coders(runner, tmp_path / "ba", first="coder_b.tsv", second="coder_a.csv", resamples="20")
    straight = validate_two_coders(runner, tmp_path / "ab", resamples="20")
    assert swapped.exit_code == straight.exit_code == 0
    _, ab = read_csv_rows(tmp_path / "ab" / "validation_side_by_side.csv")
    _, ba = read_csv_rows(tmp_path / "ba" / "validation_side_by_side.csv")
    for row_ab, row_ba in zip(ab, ba, strict=True):
        assert (row_ab["machine_gold_f1"], row_ab["machine_gold2_f1"]) == (row_ba["machine_gold2_f1"],
                                                                           row_ba["machine_gold_f1"])
    assert any(row["machine_gold_f1"] != row["machine_gold2_f1"] for row in ab)


def test_validate_coders_only_writes_no_machine_files(runner, tmp_path):
    result = validate_two_coders(runner, tmp_path, "--coders-only", resamples="20")
    assert result.exit_code == 0, result.output
    assert "Coders next to the machine" not in result.output
    assert not (tmp_path / "validation_side_by_side.csv").exists()


def test_validate_two_coders(runner, tmp_path):
    result = validate_two_coders(runner, tmp_path)
    assert result.exit_code == 0, result.output
    assert "Two human codings were compared on 9 sentences" in result.output
    _, rows = read_csv_rows(tmp_path / "disagreements.csv")
    assert len(rows) == 2 and "coder2_labels" in rows[0]


def test_train_writes_a_loadable_model_and_prints_the_rule(trained):
    folder, output = trained
    model = load_classifier(folder)
    assert f"label rule: {model.rule.name}" in output
    card = (folder / "card.md").read_text(encoding="utf-8")
    assert all(rule.name in card for rule in model.rules.values())
    lines = output.splitlines()
    table = lines[lines.index(next(line for line in lines if line.startswith("Cross-validation"))) + 1:
                  lines.index(f"label rule: {model.rule.name}")]  # fmt: skip
    assert len(table) > 3 and "\n".join(table) in card, "the console shows the card's figures, rounded once"


def test_train_with_one_rule_writes_a_version_1_model(runner, tmp_path):
    import json

    folder = tmp_path / "one"
    result = runner.invoke(cli, ["train", "--gold", str(GOLD / "train_small.tsv"), "--out", str(folder),
                                 "--folds", "3", "--rules", "one"])  # fmt: skip
    assert result.exit_code == 0, result.output
    stored = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
    assert stored["format_version"] == 1 and "label_rules" not in stored
    assert f"label rule: {stored['label_rule']['name']}" in result.output


def test_train_without_text_exits_2(runner, tmp_path):
    result = runner.invoke(cli, ["train", "--gold", str(GOLD / "gold_by_index.csv"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "gold_by_index.csv:2: no text" in result.output


MACHINE_ONLY = {"target_category", "probability", "machine_labels", "lexicon_labels", "pick"}


def test_suggest_writes_a_blind_file_for_coders_and_a_separate_machine_file(runner, trained, tmp_path):
    folder, _ = trained
    out = tmp_path / "suggestions.csv"
    result = runner.invoke(cli, ["suggest", "--pool", str(GOLD / "tagged"), "--classifier", str(folder), "--n", "4",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    columns, rows = read_csv_rows(out)
    assert columns == list(SUGGESTION_COLUMNS)
    assert not MACHINE_ONLY & set(columns) and not any(column.startswith("p_") for column in columns)
    assert len(rows) == 4 and len({row["text"] for row in rows}) == 4
    assert all(row["labels"] == "" for row in rows)
    _, pool = read_csv_rows(GOLD / "tagged" / "sentences.csv")
    order = [(row["note_id"], row["sentence_index"]) for row in pool]
    keys = [(row["note_id"], row["sentence_index"]) for row in rows]
    assert keys == sorted(keys, key=order.index), "coders see the sentences in the order of the notes"
    by_key = {(row["note_id"], row["sentence_index"]): row for row in pool}
    for row in rows:
        position = order.index((row["note_id"], row["sentence_index"]))
        previous = pool[position - 1] if position and pool[position - 1]["note_id"] == row["note_id"] else None
        assert row["previous_sentence"] == (previous["text"] if previous else "")
        assert row["start_char"] == by_key[(row["note_id"], row["sentence_index"])]["start_char"]
    assert [row.text for row in read_gold(out)] == [row["text"] for row in rows]
    machine = tmp_path / "suggestions_machine.csv"
    machine_columns, machine_rows = read_csv_rows(machine)
    assert set(machine_columns) >= MACHINE_ONLY
    assert {(row["note_id"], row["sentence_index"]) for row in machine_rows} == set(keys)
    assert len({row["target_category"] for row in machine_rows}) == 4
    assert all(0 <= float(row["p_reflectie"]) <= 1 for row in machine_rows)
    assert str(out) in result.output and str(machine) in result.output and "blind" in result.output


def test_suggest_machine_file_can_be_named_but_not_as_the_coders_file(runner, trained, tmp_path):
    folder, _ = trained
    base = ["suggest", "--pool", str(GOLD / "tagged"), "--classifier", str(folder), "--n", "2"]
    out, machine = tmp_path / "for_coders.csv", tmp_path / "private" / "scores.csv"
    result = runner.invoke(cli, [*base, "--out", str(out), "--machine-out", str(machine)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and machine.is_file() and not (tmp_path / "for_coders_machine.csv").exists()
    same = runner.invoke(cli, [*base, "--out", str(out), "--machine-out", str(out)])
    assert same.exit_code == 2 and "--machine-out" in same.output


def test_suggest_never_returns_sentences_coded_under_any_key(runner, trained, tmp_path):
    folder, _ = trained
    by_text = tmp_path / "by_text.csv"
    by_text.write_text("text,labels\n  de bewoners hebben dit   zelf georganiseerd. ,eigenaarschap\n", encoding="utf-8")
    by_id = tmp_path / "by_id.csv"
    by_id.write_text("id,text,labels\nn2#0,Anders geformuleerd: vanuit bewoners.,perspectiefname\n", encoding="utf-8")
    by_index = tmp_path / "by_index.csv"
    by_index.write_text("note_id,sentence_index,labels\nn1,0,\nn2,1,schuring\n", encoding="utf-8")
    by_span = tmp_path / "by_span.csv"
    by_span.write_text("note_id,start_char,end_char,labels\nn1,73,118,output\n", encoding="utf-8")
    out = tmp_path / "s.csv"
    args = ["suggest", "--pool", str(GOLD / "tagged"), "--classifier", str(folder), "--n", "50", "--out", str(out)]
    for path in (by_text, by_id, by_index, by_span):
        args += ["--exclude", str(path)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    _, rows = read_csv_rows(out)
    assert sorted((row["note_id"], row["sentence_index"]) for row in rows) == [("n1", "1"), ("n1", "3"), ("n2", "2")]
    assert "only 3" in result.output


def test_suggest_with_exclude_and_small_pool(runner, trained, tmp_path):
    folder, _ = trained
    out = tmp_path / "s.csv"
    result = runner.invoke(cli, ["suggest", "--pool", str(GOLD / "tagged"), "--model", str(folder), "--n", "50",
                                     "--out", str(out), "--exclude", str(GOLD / "coder_a.csv")])  # fmt: skip
    assert result.exit_code == 0, result.output
    _, rows = read_csv_rows(out)
    coded = {row.text for row in read_gold(GOLD / "coder_a.csv")}
    assert rows and not coded & {row["text"] for row in rows}
    assert "only" in result.output


def test_suggest_tsv_is_tab_separated_and_read_back_as_coded(runner, trained, tmp_path):
    folder, _ = trained
    base = ["suggest", "--pool", str(GOLD / "tagged"), "--classifier", str(folder)]
    first = runner.invoke(cli, [*base, "--n", "3", "--out", str(tmp_path / "s.tsv")])
    assert first.exit_code == 0, first.output
    lines = (tmp_path / "s.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(SUGGESTION_COLUMNS) and len(lines) == 4
    assert (tmp_path / "s_machine.tsv").read_text(encoding="utf-8").count("\t") > 3
    coded = [row.text for row in read_gold(tmp_path / "s.tsv")]
    again = runner.invoke(cli, [*base, "--n", "50", "--out", str(tmp_path / "t.csv"), "--exclude",
                                str(tmp_path / "s.tsv")])  # fmt: skip
    assert again.exit_code == 0, again.output
    _, rows = read_csv_rows(tmp_path / "t.csv")
    assert len(coded) == 3 and rows and not set(coded) & {row["text"] for row in rows}
    none = runner.invoke(cli, [*base, "--out", str(tmp_path / "u.csv"), "--exclude", str(tmp_path / "s.tsv"),
                               "--exclude", str(tmp_path / "t.csv")])  # fmt: skip
    assert none.exit_code == 0
    assert "(none)" in none.output and "every sentence of the pool is coded in the --exclude files" in none.output


def test_suggest_classifier_given_as_a_file(runner, trained, tmp_path):
    folder, _ = trained
    base = ["suggest", "--pool", str(GOLD / "tagged"), "--n", "2", "--out", str(tmp_path / "s.csv")]
    direct = runner.invoke(cli, [*base, "--classifier", str(folder / MODEL_FILE)])
    assert direct.exit_code == 0, direct.output
    other = runner.invoke(cli, [*base, "--classifier", str(GOLD / "coder_a.csv")])
    assert other.exit_code == 2
    assert "coder_a.csv is a file, not a model folder" in other.output and "model.json" not in other.output


def test_suggest_with_a_broken_model_exits_2(runner, trained, tmp_path):
    folder, _ = trained
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in folder.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    (broken / MODEL_FILE).write_text("{", encoding="utf-8")
    result = runner.invoke(cli, ["suggest", "--pool", str(GOLD / "tagged"), "--model", str(broken)])
    assert result.exit_code == 2
    assert "corrupt model file" in result.output


def test_every_option_has_help():
    for command in (cli.commands[name] for name in ("validate", "train", "suggest")):
        assert command.help
        for parameter in command.params:
            assert getattr(parameter, "help", None), f"{command.name} {parameter.name}"


def test_train_in_a_new_process_pins_the_blas_kernel_of_the_shipped_model(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from leersignalen.learn.blas import CPUINFO, SHIPPED_KERNEL, _has_avx2

    if not _has_avx2(CPUINFO) or os.environ.get("OPENBLAS_CORETYPE"):
        pytest.skip("no x86-64 processor with AVX2 here, or OPENBLAS_CORETYPE is set: nothing is pinned")
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    command = [sys.executable, "-m", "leersignalen", "train", "--gold", str(GOLD / "train_small.tsv"),
               "--out", str(tmp_path / "m"), "--folds", "2"]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    assert result.returncode == 0, result.stderr
    versions = json.loads((tmp_path / "m" / MODEL_FILE).read_text(encoding="utf-8"))["versions"]
    assert versions["blas"] == f"openblas {SHIPPED_KERNEL}"
