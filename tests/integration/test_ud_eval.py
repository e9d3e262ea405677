"""The UD Dutch evaluation: CoNLL-U reading, and the accuracy floors of the language layer."""

from __future__ import annotations

import pytest
from leersignalen.language import ud_eval

UD_DIR = ud_eval.default_ud_dir()
ALPINO = UD_DIR / "nl_alpino-ud-dev.conllu"
LASSY = UD_DIR / "nl_lassysmall-ud-dev.conllu"
needs_treebanks = pytest.mark.skipif(
    not ALPINO.exists() or not LASSY.exists(),
    reason=f"UD Dutch treebanks not found in {UD_DIR} (set LEERSIGNALEN_UD_DIR)",
)

SMALL_CONLLU = """# newdoc id = d1
# text = Wij leerden veel.
1\tWij\twij\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tleerden\tleren\tVERB\t_\t_\t0\troot\t_\t_
3\tveel\tveel\tADV\t_\t_\t2\tadvmod\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

# text = Het schuurde.
1\tHet\thet\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tschuurde\tschuren\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_
"""


@pytest.fixture(scope="module")
def dutch_nlp():
    return ud_eval.build_blank_dutch()


def test_read_conllu_reads_forms_lemmas_and_spacing(tmp_path):
    path = tmp_path / "small.conllu"
    path.write_text(SMALL_CONLLU, encoding="utf-8")
    sentences = ud_eval.read_conllu(path)
    assert [sentence.text for sentence in sentences] == ["Wij leerden veel.", "Het schuurde."]
    assert sentences[0].new_document and not sentences[1].new_document
    assert [token.space_after for token in sentences[0].tokens] == [True, True, False, True]


def test_read_conllu_reports_file_and_line_of_a_broken_line(tmp_path):
    path = tmp_path / "broken.conllu"
    path.write_text(SMALL_CONLLU.replace("2\tschuurde\tschuren", "2 schuurde schuren"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^E120 broken\.conllu:10: expected 10 tab-separated CoNLL-U columns; "):
        ud_eval.read_conllu(path)


def test_small_file_scores(tmp_path, dutch_nlp):
    path = tmp_path / "small.conllu"
    path.write_text(SMALL_CONLLU, encoding="utf-8")
    lemmas = ud_eval.evaluate_lemmas(dutch_nlp, path)
    assert lemmas["tokens"] == 5
    assert lemmas["accuracy"] == 1.0
    sentences = ud_eval.evaluate_sentences(dutch_nlp, path)
    assert sentences["boundaries"] == 1
    assert sentences["f1"] == 1.0


@needs_treebanks
def test_lemma_accuracy_floor_on_alpino(dutch_nlp):
    scores = ud_eval.evaluate_lemmas(dutch_nlp, ALPINO)
    assert scores["accuracy"] >= 0.85
    assert scores["accuracy"] > scores["baseline_accuracy"]
    # the README's 73.1% for the bare lookup table: checks that the metric counts the same tokens
    assert scores["baseline_case_sensitive"] == pytest.approx(0.731, abs=0.005)


@needs_treebanks
@pytest.mark.parametrize("path", [ALPINO, LASSY], ids=["alpino", "lassysmall"])
def test_lemma_and_sentence_floors(dutch_nlp, path):
    assert ud_eval.evaluate_lemmas(dutch_nlp, path)["accuracy"] >= 0.85
    assert ud_eval.evaluate_sentences(dutch_nlp, path)["f1"] >= 0.85


def test_main_reports_a_missing_folder(tmp_path, capsys):
    assert ud_eval.main([str(tmp_path)]) == 2
    assert "no .conllu files" in capsys.readouterr().out
