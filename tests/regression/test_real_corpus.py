"""The real corpus keeps its shape, and the coding's leave-one-source-out scores on it do not slip.

The figures are in data/real/figures.json (written by scripts/real_figures.py). A fresh clone has the committed part
of the corpus; the complete corpus (``make real-corpus``) is tested when it is there.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from leersignalen.agreement.corpus import load_real, real_corpus_file
from leersignalen.agreement.loso import evaluate_loso

REAL = Path(__file__).resolve().parents[2] / "data" / "real"
FIGURES = json.loads((REAL / "figures.json").read_text(encoding="utf-8"))
TOLERANCE = 0.02


def rows(name: str) -> list[dict]:
    with (REAL / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_corpus_has_the_size_and_spread_the_evaluation_needs():
    sentences = rows("sentences.tsv")
    sources = {row["id"]: row for row in rows("sources.tsv")}
    assert len(sentences) >= 3000
    assert len(sources) >= 8
    reflective = sum(1 for row in sentences if sources[row["source"]]["kind"] != "minutes")
    assert reflective >= 1000
    assert {row["source"] for row in sentences} == set(sources)


def test_text_is_committed_only_where_the_licence_allows_it():
    sources = {row["id"]: row for row in rows("sources.tsv")}
    for row in rows("sentences.tsv"):
        shared = sources[row["source"]]["redistributable"] == "yes"
        assert bool(row["text"]) == shared, row["id"]
        assert len(row["sha256"]) == 64


def test_every_sentence_has_two_codings_and_adjudication_where_they_differ():
    for row in rows("sentences.tsv"):
        if row["coder_a"] == row["coder_b"]:
            assert row["gold"] == row["coder_a"] and not row["adjudicated"], row["id"]
        else:
            assert row["gold"] == row["adjudicated"], row["id"]


def test_committed_texts_carry_no_e_mail_addresses():
    import re

    address = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    assert not [row["id"] for row in rows("sentences.tsv") if address.search(row["text"])]


def _lexicon_macro(nlp, path: Path) -> float:
    results, _ = evaluate_loso(load_real(path), nlp, classifier=False)
    return results[0].macro_f1


def test_lexicon_loso_macro_f1_on_the_committed_part_holds(nlp):
    committed = FIGURES["committed"]["methods"]["lexicon"]["macro_f1"]
    assert _lexicon_macro(nlp, real_corpus_file(local=False)) >= committed - TOLERANCE


def test_lexicon_loso_macro_f1_on_the_complete_corpus_holds(nlp):
    if "complete" not in FIGURES or real_corpus_file() == real_corpus_file(local=False):
        pytest.skip("the complete corpus is not rebuilt here (make real-corpus CLONES=...)")
    assert _lexicon_macro(nlp, real_corpus_file()) >= FIGURES["complete"]["methods"]["lexicon"]["macro_f1"] - TOLERANCE


@pytest.mark.slow
def test_classifier_loso_macro_f1_on_the_committed_part_holds(nlp):
    from leersignalen.agreement.evaluate import load_labelled
    from leersignalen.agreement.loso import feature_inputs

    base = load_labelled(split="all")
    results, _ = evaluate_loso(load_real(real_corpus_file(local=False)), nlp,
                               base_inputs=feature_inputs(nlp, [row.text for row in base]),
                               base_labels=[row.labels for row in base])
    for result in results[1:]:
        figure = FIGURES["committed"]["methods"][result.method]["macro_f1"]
        assert result.macro_f1 >= figure - TOLERANCE, result.method


def test_sources_are_independent_enough_that_none_dominates():
    counts = Counter(row["source"] for row in rows("sentences.tsv"))
    assert max(counts.values()) / sum(counts.values()) < 0.2
