"""The name test set: recall and precision of the pseudonymiser, and that coding does not suffer from it."""

import pytest
from leersignalen.agreement.evaluate import load_labelled, predict_labels
from leersignalen.privacy import Pseudonymiser
from leersignalen.privacy.evaluate import load_names, parse_marked, score_names

pytestmark = pytest.mark.slow


def test_the_name_set_is_built_from_its_markup_and_large_enough():
    records = load_names()
    assert records == parse_marked()
    assert len(records) >= 160
    mentions = [m for r in records for m in r["mentions"]]
    assert len(mentions) >= 260
    assert all(r["text"][m["start"] : m["end"]] == m["text"] for r in records for m in r["mentions"])
    assert {m["kind"] for m in mentions} == {"person", "place", "institution", "contact"}
    assert 0.25 <= sum(r["split"] == "test" for r in records) / len(records) <= 0.35
    assert sum(not r["mentions"] for r in records) >= 30


@pytest.mark.parametrize("split", ["dev", "test"])
def test_name_recall_and_precision(split):
    scores = score_names(load_names(split=split), also=())
    print(f"{split}: person recall {scores.recall('person'):.3f}, all {scores.recall():.3f}, "
          f"precision {scores.precision:.3f}; missed {scores.missed}; spurious {scores.spurious}")  # fmt: skip
    assert scores.recall("person") >= 0.95
    assert scores.recall("contact") >= 0.95
    assert scores.precision >= 0.9


def test_coding_agrees_on_the_labelled_corpus_with_and_without_pseudonyms(nlp):
    texts = [row.text for row in load_labelled(split="all")]
    pseudonymiser = Pseudonymiser()
    pseudonymised = [pseudonymiser.pseudonymise(text) for text in texts]
    assert sum(a != b for a, b in zip(texts, pseudonymised, strict=True)) > 100
    before, after = predict_labels(nlp, texts), predict_labels(nlp, pseudonymised)
    agreement = sum(a == b for a, b in zip(before, after, strict=True)) / len(texts)
    print(f"label agreement with and without pseudonymisation: {agreement:.4f} on {len(texts)} sentences")
    assert agreement >= 0.99
