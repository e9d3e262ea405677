"""The classifier's fast feature counts build exactly the matrices scikit-learn's vectorizers build."""

import numpy as np
import pytest
from leersignalen.learn.features import fit_block

TRAINING = [
    "We spraken af dat Piet de agenda maakt.", "Ik heb geleerd dat ik niet alles zelf hoef te doen!",
    "De werkgroep_2 stuurt het verslag rond; actie: Émile.", "Achteraf gezien hebben we de bewoners niet betrokken.",
    "Deadline 12-03: concept klaar, 6,0 omdat ik te laat was.", "We spraken af dat de agenda vooraf rondgaat.",
    "Petra wil doorverwijzen, Ahmed wil eerst vertrouwen opbouwen.", "ik heb GELEERD dat luisteren helpt",
]
UNSEEN = [
    "Wij spraken AF dat Piet   de agenda maakt en rondstuurt.", "", "!!! ...", "Émile's actie_punt 12-03 geleerd",
    "Ik heb geleerd geleerd geleerd dat ik", "dat dat dat", "Nieuw woord zonder bekende termen xyz",
]


def assert_same_as_vectorizer(fast, block, documents):
    """``fast`` is the matrix of ``block``'s scikit-learn vectorizer over ``documents``: same shape, indices, data."""
    reference = block.vectorizer.transform(documents)
    reference.sort_indices()
    assert fast.shape == reference.shape
    assert np.array_equal(fast.indptr, reference.indptr)
    assert np.array_equal(fast.indices, reference.indices)
    assert np.array_equal(fast.data, reference.data)


@pytest.mark.parametrize("block", ["form", "lemma", "char"])
def test_fast_counts_equal_the_vectorizers_transform(block):
    fitted = fit_block(block, TRAINING, min_df=1)
    assert fitted.vocabulary
    documents = TRAINING + UNSEEN if block != "char" else [" ".join(t.lower().split()) for t in TRAINING + UNSEEN]
    fast = fitted._char_counts(documents) if block == "char" else fitted._word_counts(documents)
    assert_same_as_vectorizer(fast, fitted, documents)
    assert fast.nnz > 0


def test_word_counts_see_pairs_of_neighbouring_words_only():
    fitted = fit_block("form", ["spraken af", "af spraken"], min_df=1)
    row = fitted._word_counts(["spraken af"])
    terms = {fitted.vocabulary[i] for i in row.indices}
    assert terms == {"spraken", "af", "spraken af"}


def test_a_runs_feature_inputs_equal_those_read_from_each_sentence(nlp):
    from leersignalen.learn.features import feature_inputs_from_doc
    from leersignalen.run.tagging import doc_sentences, feature_inputs

    text = "  Ik heb geleerd dat ik niet alles zelf hoef te doen!\n\nActie: Émile  stuurt het verslag rond.  " + \
        " ".join(TRAINING + UNSEEN)
    doc = nlp(text)
    bounds, _ = doc_sentences(doc, 0, text)
    by_start: dict[int, list] = {}
    for signal in doc._.ls_signals or ():
        by_start.setdefault(signal.sentence_start, []).append(signal)
    fast = feature_inputs(doc, bounds, by_start, text)
    expected = [feature_inputs_from_doc(doc[start:end]) for start, end, _, _ in bounds]
    assert len(bounds) > 5 and any(item.signals for item in expected)
    assert [(i.text, i.lemma_text, i.signals) for i in fast] == [(i.text, i.lemma_text, i.signals) for i in expected]


def test_word_pairs_are_not_made_across_two_sentences():
    fitted = fit_block("form", ["spraken af", "spraken af dat"], min_df=1)
    assert fitted._word_counts(["wij spraken", "af dat"]).toarray()[:, fitted.vocabulary.index("spraken af")].sum() == 0
    documents = ["wij spraken", "af dat", "", "spraken af spraken af", "dat"]
    assert_same_as_vectorizer(fitted._word_counts(documents), fitted, documents)


def test_a_vocabulary_with_a_pair_of_unknown_words_is_counted_by_string():
    from leersignalen.learn.features import FeatureBlock

    block = FeatureBlock("form", ["af", "spraken af", "wij spraken"], np.ones(3))
    assert block._word_counts(["wij spraken af"]).indices.tolist() == [0, 1, 2]
    assert block._pair_keys is False
    documents = ["wij spraken af", "spraken", "af wij spraken", ""]
    assert_same_as_vectorizer(block._word_counts(documents), block, documents)
