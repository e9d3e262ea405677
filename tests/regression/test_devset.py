"""The lexicon's scores on the labelled dev split must not drop below the floor set from the current score."""

import pytest
from leersignalen.agreement.evaluate import evaluate_lexicon
from leersignalen.categories import category_ids
from leersignalen.metrics import macro_f1, neutral_false_positive_rate

# Set from the score when the lexicon was last tuned (see README, "Quality"), minus a small margin.
MACRO_F1_FLOOR = 0.84
CATEGORY_F1_FLOOR = 0.70
NEUTRAL_FALSE_POSITIVE_CEILING = 0.10


@pytest.fixture(scope="module")
def dev_scores(nlp):
    rows, gold, predicted, scores = evaluate_lexicon(split="dev", nlp=nlp)
    return rows, gold, predicted, scores


def test_dev_split_is_large_enough_and_half_neutral(dev_scores):
    rows, gold, _, scores = dev_scores
    assert len(rows) >= 300
    assert 0.4 <= sum(1 for g in gold if not g) / len(gold) <= 0.65
    assert {s.category for s in scores} == set(category_ids())
    assert all(s.support >= 30 for s in scores)


def test_macro_f1_floor(dev_scores):
    *_, scores = dev_scores
    assert macro_f1(scores) >= MACRO_F1_FLOOR


@pytest.mark.parametrize("category", category_ids())
def test_category_f1_floor(dev_scores, category):
    *_, scores = dev_scores
    [score] = [s for s in scores if s.category == category]
    assert score.f1 >= CATEGORY_F1_FLOOR, f"{category}: F1 {score.f1:.3f}"


def test_few_false_positives_on_neutral_sentences(dev_scores):
    _, gold, predicted, _ = dev_scores
    assert neutral_false_positive_rate(gold, predicted) <= NEUTRAL_FALSE_POSITIVE_CEILING
