"""Hostile text and lexicons for the language and tag layers: huge tokens, exploding rules, odd lexicon folders."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest_hang import finishes_within
from leersignalen.cli.main import cli
from leersignalen.language.lemmatizer import lemma_data
from leersignalen.resources import LEXICON_DIR
from leersignalen.tag.lexicon import (
    MAX_SEQUENCES,
    LexiconFolderError,
    PatternSyntaxError,
    load_rules,
    parse_pattern,
)

HANG_SECONDS = 30  # a guard against blow-ups (the old code took minutes or never ended), not a speed target
RULE_HEADER = "id\tcategory\tpattern\tunless\tnote\texample\n"


@pytest.mark.parametrize("word", ["a" * 3000, "中文" * 1500, "ge" + "ab" * 2000 + "d", "x" * 45])
def test_very_long_tokens_do_not_crash_or_hang_the_lemmatizer(word):
    with finishes_within(HANG_SECONDS):
        assert lemma_data().lemma(word) == word.lower()


def test_the_lemmatizer_still_handles_long_dutch_compounds():
    assert lemma_data().lemma("arbeidsongeschiktheidsverzekeringen") == "arbeidsongeschiktheidsverzekering"


def test_a_base64_token_is_matched_in_linear_time(nlp):
    blob = "iVBORw0KGgo" * 29_000  # ~320k characters, one token (an inline image in Markdown)
    matcher = nlp.get_pipe("leersignalen").matcher
    with finishes_within(HANG_SECONDS):
        matcher.elements_for(blob.lower(), blob.lower())
    doc = nlp(f"We hebben veel geleerd. ![img](data:image/png;base64,{blob})")
    assert any(signal.category for signal in doc._.ls_signals)


def separable_word(count: int) -> str:
    return "|".join(f"{particle}+{verb}" for particle, verb in zip(["op", "af", "in", "uit"], ["pakken"] * count,
                                                                     strict=False))  # fmt: skip


def test_a_rule_whose_alternatives_multiply_is_refused_quickly():
    pattern = " ".join([separable_word(2)] * 7)  # 6 sequences a word: 6**7 = 279,936 before the cap
    refused = pytest.raises(PatternSyntaxError, match=f"more than {MAX_SEQUENCES} token sequences")
    with finishes_within(HANG_SECONDS), refused:
        parse_pattern(pattern)


def test_the_refused_rule_is_one_lexicon_problem_with_its_line(tmp_path):
    path = tmp_path / "big.tsv"
    path.write_text(RULE_HEADER + f"big.rule\treflectie\t{' '.join([separable_word(2)] * 6)}\t\t\tvoorbeeld\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(Exception) as error:
        load_rules([path])
    assert str(error.value).startswith(f"E020 {path}:2: pattern ") and "split it into several rules" in str(error.value)


def lexicon_folder(tmp_path, rules: str):
    folder = tmp_path / "lexicon"
    (folder / "rules").mkdir(parents=True)
    (folder / "rules" / "eigen.tsv").write_text(RULE_HEADER + rules, encoding="utf-8")
    shutil.copy(LEXICON_DIR / "negation.tsv", folder / "negation.tsv")
    return folder


def test_lexicon_check_reports_large_rules(tmp_path):
    from leersignalen.tag.check import check_lexicon

    pattern = " ".join(["op+pakken"] * 4)  # 4 word orders each: 4**4 = 256 sequences
    folder = lexicon_folder(tmp_path, f"groot\treflectie\t{pattern}\t\t\tWe pakken het op pakken op pakken op.\n")
    problems, checked = check_lexicon(folder)
    assert checked == 1
    assert any("compiles to 256 token sequences (more than 64)" in problem for problem in problems)


def test_a_lexicon_folder_without_negation_is_one_line_error(tmp_path):
    folder = lexicon_folder(tmp_path, "a\treflectie\tgeleerd\t\t\tWe hebben geleerd.\n")
    (folder / "negation.tsv").unlink()
    notes = tmp_path / "n.csv"
    notes.write_text("id,text\n1,We hebben geleerd.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(notes), "--out", str(tmp_path / "out"), "--model", "blank",
                                      "--lexicon", str(folder)])  # fmt: skip
    assert result.exit_code == 2 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert errors == [f"Error: E092 {folder / 'negation.tsv'}: missing in the --lexicon folder; copy it from the "
                      "project's lexicons/ folder (a lexicon folder needs rules/*.tsv and negation.tsv)"]


def test_a_lexicon_folder_with_other_categories_is_refused(tmp_path):
    from leersignalen.tag.pipeline import build_pipeline

    folder = lexicon_folder(tmp_path, "a\treflectie\tgeleerd\t\t\tWe hebben geleerd.\n")
    shutil.copy(LEXICON_DIR / "categories.tsv", folder / "categories.tsv")
    build_pipeline("blank", lexicon_dir=str(folder))  # an identical copy is fine
    with open(folder / "categories.tsv", "a", encoding="utf-8") as handle:
        handle.write("extra\tleren\tExtra\tExtra\tNieuw.\n")
    with pytest.raises(LexiconFolderError, match=r"^E093 .*categories.tsv: differs from the project's"):
        build_pipeline("blank", lexicon_dir=str(folder))


def test_a_lexicon_file_with_a_bom_is_read(tmp_path):
    path = tmp_path / "bom.tsv"
    path.write_bytes(b"\xef\xbb\xbf" + (RULE_HEADER + "a\treflectie\tgeleerd\t\t\tWe hebben geleerd.\n").encode())
    assert [rule.id for rule in load_rules([path])] == ["a"]


def test_a_lexicon_cell_longer_than_csvs_limit_and_every_load_problem_are_listed_by_lexicon_check(tmp_path):
    note = "x" * 200_000  # csv's default field limit is 131,072: this was a traceback
    folder = lexicon_folder(tmp_path, f"a\treflectie\tgeleerd\t\t{note}\tWe hebben geleerd.\n"
                                      "a\treflectie\tgeleerd\t\t\tWe hebben geleerd.\n")  # fmt: skip
    result = CliRunner().invoke(cli, ["lexicon", "check", "--lexicon", str(folder)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    rules = folder / "rules" / "eigen.tsv"
    assert result.output.splitlines() == [
        f"{rules}:3: duplicate id 'a' (first at {rules}:2)",
        f"{rules}:3: duplicate pattern 'geleerd' (first at {rules}:2)",
        "Error: E018 2 problem(s) in the lexicon (listed above); fix them and run `leersignalen lexicon check` again",
    ]
