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


@pytest.mark.parametrize("block", ["form", "lemma", "char"])
def test_fast_counts_equal_the_vectorizers_transform(block):
    fitted = fit_block(block, TRAINING, min_df=1)
    assert fitted.vocabulary
    documents = TRAINING + UNSEEN if block != "char" else [" ".join(t.lower().split()) for t in TRAINING + UNSEEN]
    fast = fitted._char_counts(documents) if block == "char" else fitted._word_counts(documents)
    reference = fitted.vectorizer.transform(documents)
    reference.sort_indices()
    assert fast.shape == reference.shape
    assert np.array_equal(fast.indptr, reference.indptr)
    assert np.array_equal(fast.indices, reference.indices)
    assert np.array_equal(fast.data, reference.data)
    assert fast.nnz > 0


def test_word_counts_see_pairs_of_neighbouring_words_only():
    fitted = fit_block("form", ["spraken af", "af spraken"], min_df=1)
    row = fitted._word_counts(["spraken af"])
    terms = {fitted.vocabulary[i] for i in row.indices}
    assert terms == {"spraken", "af", "spraken af"}
