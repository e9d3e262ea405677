"""Shares of sentences with their uncertainty when sentences come in notes: notes are the clusters.

A share is ``p = sum(y) / sum(n)`` over the notes of a group (``y``: sentences with the label in a note, ``n``:
its sentences). Its variance is the cluster-robust (linearisation) variance of a ratio estimator,
``G / (G - 1) * sum((y_g - p * n_g) ** 2) / sum(n) ** 2`` over the ``G`` notes. The 95% interval is a Wilson
interval computed with the effective sample size ``sum(n) / deff`` (Korn & Graubard 1998), where the design
effect ``deff`` is the clustered variance over the binomial one, at least 1; when it cannot be estimated in the
group (a share of 0 or 1, or a single note) the design effect of the whole community is used. So a period with no
learning sentence still has an upper bound above 0 that shrinks with the amount of text. The variance carried on
to differences is ``deff`` times the binomial one (never below what independent sentences would give, even when
every note has the same share and the clustered estimate is 0); at a share of 0 or 1 it is the Wilson interval's
width read as a normal one, ``((high - low) / (2 * 1.96)) ** 2``, so a difference never gets a zero-width
interval or a p value of 0 from an observed share of 0 or 1.

A difference between two groups of notes (a spike period against the other periods) has variance
``v1 + v0``; a difference between two labels on the same sentences (instrumental minus learning) is the share of
``d_g = I_g - L_g`` with the ratio variance above, at least the variance under independent sentences,
``(pI + pL - d ** 2) / sum(n)`` (an upper bound of it when sentences carry both families) and at least the sum of
the two shares' Wilson variances (which keeps it above 0 when every sentence is instrumental). The paired
difference gets a t interval with ``G - 1`` degrees of freedom, the two-group one ``G1 + G0 - 2``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Share:
    """A clustered share: point, Wilson interval, variance, notes, sentences and labelled sentences."""

    value: float
    low: float
    high: float
    variance: float
    notes: int
    sentences: int
    labelled: float


def ratio_variance(y: np.ndarray, n: np.ndarray) -> float:
    """Cluster-robust variance of ``sum(y) / sum(n)``; NaN below 2 notes or without sentences."""
    y, n = np.asarray(y, dtype=float), np.asarray(n, dtype=float)
    total, groups = n.sum(), len(n)
    if groups < 2 or total <= 0:
        return float("nan")
    share = y.sum() / total
    return float(groups / (groups - 1) * np.sum((y - share * n) ** 2) / total ** 2)


def design_effect(y: np.ndarray, n: np.ndarray) -> float:
    """Clustered over binomial variance of the share, at least 1; NaN when it cannot be estimated."""
    total = float(np.sum(n))
    share = float(np.sum(y)) / total if total > 0 else float("nan")
    variance = ratio_variance(y, n)
    if not np.isfinite(variance) or not 0 < share < 1:
        return float("nan")
    return max(1.0, variance / (share * (1 - share) / total))


def wilson(share: float, size: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion observed on ``size`` (possibly fractional) trials."""
    if not size > 0 or not np.isfinite(share):
        return float("nan"), float("nan")
    denominator = 1 + z * z / size
    centre = (share + z * z / (2 * size)) / denominator
    half = z * np.sqrt(share * (1 - share) / size + z * z / (4 * size * size)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def wilson_variance(share: float, size: float) -> float:
    """The variance a Wilson interval implies when read as a normal one: ``((high - low) / (2 * 1.96)) ** 2``."""
    low, high = wilson(share, size)
    return float(((high - low) / (2 * Z95)) ** 2)


def clustered_share(y: np.ndarray, n: np.ndarray, *, fallback_deff: float = 1.0) -> Share:
    """The share of labelled sentences over a group of notes with its note-clustered Wilson interval."""
    y, n = np.asarray(y, dtype=float), np.asarray(n, dtype=float)
    total = float(n.sum())
    if total <= 0:
        return Share(float("nan"), float("nan"), float("nan"), float("nan"), len(n), 0, float(y.sum()))
    share = float(y.sum()) / total
    deff = design_effect(y, n)
    if not np.isfinite(deff):
        deff = fallback_deff if np.isfinite(fallback_deff) else 1.0
    low, high = wilson(share, total / deff)
    variance = deff * share * (1 - share) / total
    if variance <= 0:
        variance = wilson_variance(share, total / deff)
    return Share(share, low, high, variance, len(n), int(total), float(y.sum()))


@dataclass(frozen=True)
class Difference:
    """A difference with its t interval and two-sided p value (NaN when not estimable)."""

    value: float
    low: float
    high: float
    p_value: float


def _t_difference(value: float, variance: float, df: int) -> Difference:
    if not np.isfinite(value) or not np.isfinite(variance) or df < 1:
        return Difference(value, float("nan"), float("nan"), float("nan"))
    se = float(np.sqrt(max(variance, 0.0)))
    if se == 0:
        return Difference(value, float("nan"), float("nan"), float("nan"))
    from scipy import stats  # imported here: slow at start-up, and most runs never get this far

    quantile = float(stats.t.ppf(0.975, df))
    p_value = float(2 * stats.t.sf(abs(value) / se, df))
    return Difference(value, value - quantile * se, value + quantile * se, p_value)


def paired_difference(a: np.ndarray, b: np.ndarray, n: np.ndarray) -> Difference:
    """Share of label A minus share of label B on the same notes (e.g. instrumental minus learning)."""
    a, b, n = (np.asarray(x, dtype=float) for x in (a, b, n))
    total = n.sum()
    if total <= 0:
        return Difference(float("nan"), float("nan"), float("nan"), float("nan"))
    value = float((a - b).sum() / total)
    first, second = a.sum() / total, b.sum() / total
    independent = max((first + second - value ** 2) / total,
                      wilson_variance(first, total) + wilson_variance(second, total))
    return _t_difference(value, max(ratio_variance(a - b, n), independent), len(n) - 1)


def group_difference(first: Share, second: Share) -> Difference:
    """``first - second`` for two shares on different notes, t interval with (notes of both - 2) df."""
    df = first.notes + second.notes - 2
    return _t_difference(first.value - second.value, first.variance + second.variance, max(df, 1))
