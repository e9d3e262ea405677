"""The one definition of precision, recall, F1, their micro and macro means, and the neutral false-positive rate.

Every command that scores a coding (``evaluate``, ``validate``, ``train``) uses these, so the same data give the same
numbers everywhere. Undefined values are ``nan``, never silently 0: precision without any predicted positive,
recall without any gold positive, F1 when neither coding has a positive. The macro mean is taken over the
categories where F1 is defined (at least one coding has a positive), with an undefined precision or recall counted
as 0 there; categories that neither coding uses are left out and named.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


@dataclass(frozen=True)
class CategoryScore:
    """Counts and scores of one category: ``tp``, ``fp``, ``fn`` and ``tn`` of the compared coding against gold."""

    category: str
    tp: int
    fp: int
    fn: int
    tn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1_score(self.tp, self.fp, self.fn)

    @property
    def defined(self) -> bool:
        return self.tp + self.fp + self.fn > 0


def f1_score(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan


def score_labels(
    gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]], categories: Sequence[str]
) -> list[CategoryScore]:
    """Per-category counts of two codings of the same sentences (each a set of category ids per sentence)."""
    gold_sets = [frozenset(g) for g in gold]
    predicted_sets = [frozenset(p) for p in predicted]
    if len(gold_sets) != len(predicted_sets):
        raise ValueError(f"{len(gold_sets)} gold codings but {len(predicted_sets)} compared codings")
    scores = []
    for category in categories:
        tp = fp = fn = tn = 0
        for g, p in zip(gold_sets, predicted_sets, strict=True):
            in_gold, in_predicted = category in g, category in p
            tp += in_gold and in_predicted
            fp += in_predicted and not in_gold
            fn += in_gold and not in_predicted
            tn += not in_gold and not in_predicted
        scores.append(CategoryScore(category, tp, fp, fn, tn))
    return scores


def zero_if_undefined(value: float) -> float:
    return 0.0 if math.isnan(value) else value


def macro_mean(scores: Sequence[CategoryScore], name: str = "f1") -> float:
    """Unweighted mean of ``precision``, ``recall`` or ``f1`` over the categories where F1 is defined."""
    defined = [score for score in scores if score.defined]
    if not defined:
        return math.nan
    return sum(zero_if_undefined(getattr(score, name)) for score in defined) / len(defined)


def macro_f1(scores: Sequence[CategoryScore]) -> float:
    return macro_mean(scores, "f1")


def left_out_of_macro(scores: Sequence[CategoryScore]) -> list[str]:
    """The categories that neither coding uses, which the macro mean leaves out."""
    return [score.category for score in scores if not score.defined]


def pooled(scores: Sequence[CategoryScore], category: str = "micro") -> CategoryScore:
    """All category decisions pooled into one row."""
    return CategoryScore(category, *(sum(getattr(s, name) for s in scores) for name in ("tp", "fp", "fn", "tn")))


def micro_f1(scores: Sequence[CategoryScore]) -> float:
    return pooled(scores).f1


def neutral_false_positive_rate(gold: Sequence[Iterable[str]], predicted: Sequence[Iterable[str]]) -> float:
    """Share of the sentences without any gold label that the compared coding labelled."""
    neutral = [bool(frozenset(p)) for g, p in zip(gold, predicted, strict=True) if not frozenset(g)]
    return ratio(sum(neutral), len(neutral))


def format_score(value: float, digits: int = 3) -> str:
    return "–" if math.isnan(value) else f"{value:.{digits}f}"
