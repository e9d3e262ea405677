"""Agreement statistics per category: P/R/F1, Cohen's kappa and Krippendorff's alpha with bootstrap intervals."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from ..categories import category_ids
from ..defaults import SEED
from ..metrics import CategoryScore, f1_score, left_out_of_macro, macro_mean, ratio
from .pairing import PairedSentence

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = SEED
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Agreement:
    """Scores for one category (or for the pooled rows ``micro``, ``macro`` and ``neutral``)."""

    category: str
    support: int
    predicted: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    false_positive_rate: float
    kappa: float = math.nan
    kappa_low: float = math.nan
    kappa_high: float = math.nan
    alpha: float = math.nan
    alpha_low: float = math.nan
    alpha_high: float = math.nan
    note: str = ""


def cohen_kappa(first: Sequence[int], second: Sequence[int]) -> float:
    """Cohen's kappa of two binary codings (scikit-learn); NaN when both codings are constant and equal."""
    first, second = np.asarray(first), np.asarray(second)
    if len(first) == 0 or (len(set(first.tolist())) == 1 and set(first.tolist()) == set(second.tolist())):
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(first, second))


def krippendorff_alpha(first: Sequence[int], second: Sequence[int]) -> float:
    """Krippendorff's alpha (nominal) of two complete codings; NaN when only one value occurs at all."""
    data = np.asarray([first, second], dtype=float)
    if data.size == 0 or len(np.unique(data)) < 2:
        return math.nan
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def kappa_alpha_from_counts(tp, fp, fn, tn) -> tuple[np.ndarray, np.ndarray]:
    """Kappa and nominal alpha of binary 2x2 tables given as arrays of counts (NaN where undefined).

    With two coders and no missing values, alpha = 1 - (2N - 1) * d / (n0 * n1), where d is the number of
    disagreements and n0, n1 count the 0 and 1 values over both coders.
    """
    tp, fp, fn, tn = (np.asarray(x, dtype=float) for x in (tp, fp, fn, tn))
    total = tp + fp + fn + tn
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = (tp + tn) / total
        expected = ((tp + fn) * (tp + fp) + (tn + fp) * (tn + fn)) / total**2
        kappa = np.where(expected < 1, (observed - expected) / (1 - expected), np.nan)
        ones = 2 * tp + fp + fn
        zeros = 2 * tn + fp + fn
        alpha = np.where(ones * zeros > 0, 1 - (2 * total - 1) * (fp + fn) / (ones * zeros), np.nan)
    return kappa, alpha


def bootstrap_intervals(
    gold: np.ndarray, other: np.ndarray, *, resamples: int, seed: int, confidence: float = CONFIDENCE
) -> np.ndarray:
    """Percentile intervals over sentences for kappa and alpha per column: array (columns, 4) = kl, kh, al, ah."""
    count, columns = gold.shape
    result = np.full((columns, 4), np.nan)
    if count == 0 or resamples <= 0:
        return result
    draws = np.random.default_rng(seed).integers(0, count, size=(resamples, count))
    tail = (1 - confidence) / 2 * 100
    for column in range(columns):
        cells = (2 * gold[:, column] + other[:, column])[draws]
        tn, fp, fn, tp = ((cells == value).sum(axis=1) for value in range(4))
        for offset, values in enumerate(kappa_alpha_from_counts(tp, fp, fn, tn)):
            finite = values[~np.isnan(values)]
            if len(finite):
                result[column, 2 * offset : 2 * offset + 2] = np.percentile(finite, [tail, 100 - tail])
    return result


def agreement_rows(
    pairs: Sequence[PairedSentence], *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> list[Agreement]:
    """Per-category agreement, then the pooled rows ``micro``, ``macro`` and ``neutral``."""
    categories = category_ids()
    gold = np.array([[c in p.gold for c in categories] for p in pairs], dtype=np.int64).reshape(-1, len(categories))
    other = np.array([[c in p.other for c in categories] for p in pairs], dtype=np.int64).reshape(-1, len(categories))
    intervals = bootstrap_intervals(gold, other, resamples=resamples, seed=seed)
    rows: list[Agreement] = []
    for column, category in enumerate(categories):
        g, o = gold[:, column].astype(bool), other[:, column].astype(bool)
        tp, fp, fn, tn = (int(cell.sum()) for cell in (g & o, ~g & o, g & ~o, ~g & ~o))
        precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
        note = ""
        if tp + fp + fn == 0:
            note = "no positives in either coding: kappa, alpha and F1 undefined"
        elif tp + fn == 0:
            note = "no positives in the gold coding: recall undefined"
        elif tp + fp == 0:
            note = "nothing coded by the compared coding: precision undefined"
        kl, kh, al, ah = intervals[column]
        rows.append(
            Agreement(category, tp + fn, tp + fp, tp, fp, fn, tn, precision, recall, f1_score(tp, fp, fn),
                      ratio(fp, fp + tn), cohen_kappa(gold[:, column], other[:, column]), kl, kh,
                      krippendorff_alpha(gold[:, column], other[:, column]), al, ah, note)
        )  # fmt: skip
    tp, fp, fn, tn = (sum(getattr(r, name) for r in rows) for name in ("tp", "fp", "fn", "tn"))
    micro_p, micro_r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    rows.append(Agreement("micro", tp + fn, tp + fp, tp, fp, fn, tn, micro_p, micro_r, f1_score(tp, fp, fn),
                          ratio(fp, fp + tn), note="all category decisions pooled"))  # fmt: skip
    counts = [CategoryScore(r.category, r.tp, r.fp, r.fn, r.tn) for r in rows[: len(categories)]]
    left_out = left_out_of_macro(counts)

    def mean(name: str) -> float:
        return macro_mean(counts, name)

    macro_note = "unweighted mean over categories"
    if left_out:
        macro_note += f"; left out (no positives in either coding): {', '.join(left_out)}"
    rows.append(Agreement("macro", tp + fn, tp + fp, tp, fp, fn, tn, mean("precision"), mean("recall"), mean("f1"),
                          math.nan, note=macro_note))  # fmt: skip
    neutral = [p for p in pairs if not p.gold]
    labelled = sum(1 for p in neutral if p.other)
    rows.append(Agreement("neutral", len(neutral), labelled, 0, labelled, 0, len(neutral) - labelled, math.nan,
                          math.nan, math.nan, ratio(labelled, len(neutral)),
                          note="sentences without gold labels that the compared coding labelled"))  # fmt: skip
    return rows
