"""`leersignalen merge`: two halves merged give the files of one run over the whole; clear errors otherwise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.analyse.trends import write_trends
from leersignalen.cli.main import cli
from leersignalen.run.batch import RunOptions, run_pipeline
from leersignalen.run.merge import MergeError, merge_outputs
from leersignalen.tag.pipeline import build_pipeline

pytestmark = pytest.mark.slow  # runs the whole pipeline or loads a trained model; in make test-all

REPO = Path(__file__).resolve().parents[2]
HALVES = [REPO / "data" / "sample" / "wijkteam_noord.csv", REPO / "data" / "sample" / "leeratelier_zorg.jsonl"]
TAGGED = ("sentences.csv", "signals.csv", "notes.csv", "rejects.csv")
TRENDS = ("trends.csv", "trend_tests.csv", "patterns.csv")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One run over both halves, and one run per half."""
    blank = build_pipeline("blank")
    base = tmp_path_factory.mktemp("runs")
    for name, inputs in (("whole", HALVES), ("a", HALVES[:1]), ("b", HALVES[1:])):
        run_pipeline(RunOptions(inputs=inputs, out=base / name, model="blank"), nlp_and_info=blank)
    write_trends(base / "whole")
    return base


def test_two_halves_merge_to_the_bytes_of_one_run(runs, tmp_path):
    summary = merge_outputs([runs / "a", runs / "b"], tmp_path / "merged")
    write_trends(tmp_path / "merged")
    for name in TAGGED + TRENDS:
        assert (tmp_path / "merged" / name).read_bytes() == (runs / "whole" / name).read_bytes(), name
    whole = json.loads((runs / "whole" / "manifest.json").read_text(encoding="utf-8"))
    assert summary.counts == whole["counts"]
    assert summary.parts == 2 and summary.notes == whole["counts"]["notes_out"] > 0


def test_the_merged_manifest_lists_every_part_and_its_hashes(runs, tmp_path):
    merge_outputs([runs / "a", runs / "b"], tmp_path / "m")
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    assert [part["path"] for part in manifest["parts"]] == [str(runs / "a"), str(runs / "b")]
    import hashlib

    notes_a = hashlib.sha256((runs / "a" / "notes.csv").read_bytes()).hexdigest()
    assert manifest["parts"][0]["sha256"]["notes.csv"] == notes_a
    assert manifest["parts"][1]["manifest"]["inputs"][0]["path"] == str(HALVES[1])
    assert manifest["warnings"] == []


def test_duplicate_ids_across_parts_are_an_error_naming_them(runs, tmp_path):
    shutil.copytree(runs / "a", tmp_path / "a_again")
    with pytest.raises(MergeError, match=r"^E058 .*a_again: \d+ note id\(s\) also in .*, e\.g\. wn-"):
        merge_outputs([runs / "a", tmp_path / "a_again"], tmp_path / "m")


def test_a_folder_without_outputs_is_an_error(runs, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(MergeError, match=r"^E056 .*empty: .*notes\.csv"):
        merge_outputs([runs / "a", tmp_path / "empty"], tmp_path / "m")


def test_parts_with_other_columns_are_an_error(runs, tmp_path):
    shutil.copytree(runs / "b", tmp_path / "b")
    sentences = tmp_path / "b" / "sentences.csv"
    sentences.write_bytes(sentences.read_bytes().replace(b"labels\n", b"labels,score_x\n", 1))
    with pytest.raises(MergeError, match=r"^E057 .*sentences\.csv"):
        merge_outputs([runs / "a", tmp_path / "b"], tmp_path / "m")


def test_merge_command_writes_trends_and_reports_errors_in_one_line(runs, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["merge", str(runs / "a"), str(runs / "b"), "--out", str(tmp_path / "m"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "trends.csv").read_bytes() == (runs / "whole" / "trends.csv").read_bytes()
    result = runner.invoke(cli, ["merge", str(runs / "a"), str(runs / "a"), "--out", str(tmp_path / "n")])
    assert result.exit_code == 2
    assert result.output.startswith("Error: E108 ") and len(result.output.strip().splitlines()) == 1


def test_the_same_part_twice_is_named_as_such_not_as_duplicate_ids(runs, tmp_path):
    with pytest.raises(MergeError) as error:
        merge_outputs([runs / "a", runs / "b", runs / "a"], tmp_path / "m")
    part = runs / "a"
    assert str(error.value) == f"E108 {part}: this part is given twice (also as {part}); give every part once"


def test_parts_in_two_csv_dialects_are_named_as_such(runs, tmp_path):
    blank = build_pipeline("blank")
    run_pipeline(RunOptions(inputs=HALVES[1:], out=tmp_path / "b_nl", model="blank", csv_dialect="excel-nl"),
                 nlp_and_info=blank)  # fmt: skip
    with pytest.raises(MergeError) as error:
        merge_outputs([runs / "a", tmp_path / "b_nl"], tmp_path / "m")
    assert str(error.value) == (f"E109 {tmp_path / 'b_nl'}: written with --csv-dialect excel-nl, {runs / 'a'} with "
                                "plain; merge only parts written in one dialect (rerun the odd ones with the same "
                                "--csv-dialect)")  # fmt: skip


def test_pseudonymised_and_clear_parts_are_not_merged_and_like_parts_keep_their_privacy(runs, tmp_path):
    blank = build_pipeline("blank")
    key = tmp_path / "keys" / "key.json"
    for name, inputs in (("a_p", HALVES[:1]), ("b_p", HALVES[1:])):
        run_pipeline(RunOptions(inputs=inputs, out=tmp_path / name, model="blank", pseudonymise=True, key=key),
                     nlp_and_info=blank)  # fmt: skip
    with pytest.raises(MergeError) as error:
        merge_outputs([runs / "a", tmp_path / "b_p"], tmp_path / "m")
    assert str(error.value) == (f"E121 {tmp_path / 'b_p'}: its notes are pseudonymised, those of {runs / 'a'} are "
                                "not pseudonymised; a merge would put names in the clear next to pseudonyms; run "
                                "every part the same way (`run --pseudonymise` with one --key)")  # fmt: skip
    assert not (tmp_path / "m").exists()
    merge_outputs([tmp_path / "a_p", tmp_path / "b_p"], tmp_path / "m")
    merged = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    part = json.loads((tmp_path / "b_p" / "manifest.json").read_text(encoding="utf-8"))
    assert merged["privacy"] == part["privacy"] and merged["privacy"]["pseudonymised"] is True
    assert merged["warnings"] == []
    clear = json.loads((runs / "a" / "manifest.json").read_text(encoding="utf-8"))
    merge_outputs([runs / "a", runs / "b"], tmp_path / "m2")
    assert json.loads((tmp_path / "m2" / "manifest.json").read_text(encoding="utf-8"))["privacy"] == clear["privacy"]


def test_parts_pseudonymised_without_one_key_are_merged_with_a_warning(tmp_path):
    blank = build_pipeline("blank")
    for name, inputs in (("a_p", HALVES[:1]), ("b_p", HALVES[1:])):
        run_pipeline(RunOptions(inputs=inputs, out=tmp_path / name, model="blank", pseudonymise=True),
                     nlp_and_info=blank)  # fmt: skip
    summary = merge_outputs([tmp_path / "a_p", tmp_path / "b_p"], tmp_path / "m")
    assert summary.warnings == ["the parts were pseudonymised without a --key: one person has a different pseudonym "
                                "in each part"]  # fmt: skip


def test_parts_coded_with_another_lexicon_are_not_merged(runs, tmp_path):
    from leersignalen.resources import LEXICON_DIR

    lexicon = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, lexicon)
    rules = lexicon / "rules" / "reflectie.tsv"
    rules.write_text(rules.read_text(encoding="utf-8") + "x.extra\treflectie\tbezinnen\t\t\tWe bezinnen ons.\n",
                     encoding="utf-8")  # fmt: skip
    run_pipeline(RunOptions(inputs=HALVES[1:], out=tmp_path / "b_lex", model="blank", lexicon_dir=lexicon),
                 nlp_and_info=build_pipeline("blank", lexicon_dir=str(lexicon)))  # fmt: skip
    sha = {name: json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["lexicon"]["sha256"][:12]
           for name, folder in (("a", runs / "a"), ("b", tmp_path / "b_lex"))}  # fmt: skip
    assert sha["a"] != sha["b"]
    with pytest.raises(MergeError) as error:
        merge_outputs([runs / "a", tmp_path / "b_lex"], tmp_path / "m")
    assert str(error.value) == (
        f"E125 {tmp_path / 'b_lex'}: tagged with another lexicon than {runs / 'a'} (SHA-256 {sha['b']} against "
        f"SHA-256 {sha['a']}); the two codings are not comparable in one trend: tag the notes of every part with the "
        "same lexicon (--lexicon of `leersignalen run`), then merge")
    assert not (tmp_path / "m").exists()


def test_parts_of_other_versions_are_merged_with_a_warning(runs, tmp_path):
    shutil.copytree(runs / "b", tmp_path / "b_old")
    path = tmp_path / "b_old" / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["package"]["version"] = "0.0.9"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    summary = merge_outputs([runs / "a", tmp_path / "b_old"], tmp_path / "m")
    assert len(summary.warnings) == 1 and "different versions of leersignalen (0.0.9, " in summary.warnings[0]
