"""Statistics for the trend stage: ratios, the balance index, note-level bootstrap and Mann-Kendall tests.

Bootstrap: the unit of resampling is the NOTE. For a group of ``n`` notes with per-note counts ``X``
(``n x m``), each replicate draws ``n`` notes with replacement and sums their counts; every measure
(rate, share, balance) is then computed from the replicate sums, which keeps ratios of sums consistent
with the point estimate. The replicate sums are built as ``W @ X`` with ``W`` the per-replicate draw
counts, in chunks, so memory stays bounded for groups of 100k notes. The 95% interval is the 2.5th and
97.5th percentile of the replicates (percentile method); replicates where a ratio is undefined (zero
denominator) are ignored. Each group gets its own ``numpy`` Generator seeded from the run seed and a
CRC-32 of the group key, so a group's interval does not depend on which other groups are present and
reruns are byte-identical.

Trend test: Mann-Kendall (``pymannkendall``). With at least ``hamed_rao_from`` values the
Hamed-Rao autocorrelation-corrected variant is used; when that correction is undefined (a perfectly
monotone series leaves no variation after detrending, so its variance is NaN) the original test is used
and the note says so. Sen's slope is computed here from the periods' calendar positions, so it is a
change per period even when periods in between were left out.
"""

from __future__ import annotations

import warnings
import zlib
from dataclasses import dataclass

import numpy as np

CI_LEVEL = 0.95
_CHUNK_CELLS = 4_000_000


def safe_ratio(numerator: np.ndarray | float, denominator: np.ndarray | float, *,
               scale: float = 1.0) -> np.ndarray:
    """Return ``scale * numerator / denominator`` element-wise, NaN where the denominator is 0."""
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = scale * numerator / denominator
    return np.where(denominator > 0, result, np.nan)


def balance_index(leren: np.ndarray | float, instrumenteel: np.ndarray | float) -> np.ndarray:
    """Return (L - I) / (L + I): +1 only learning talk, -1 only instrumental talk, NaN when L + I = 0."""
    leren = np.asarray(leren, dtype=float)
    instrumenteel = np.asarray(instrumenteel, dtype=float)
    return safe_ratio(leren - instrumenteel, leren + instrumenteel)


def group_rng(seed: int, key: tuple[str, ...]) -> np.random.Generator:
    """Return a Generator seeded from ``seed`` and a stable hash of the group ``key``."""
    digest = zlib.crc32("\x1f".join(key).encode("utf-8"))
    return np.random.default_rng([int(seed), digest])


def _chunk_rows(n_rows: int, n_boot: int) -> int:
    return max(1, min(n_boot, _CHUNK_CELLS // max(n_rows, 1)))


def bootstrap_sums(values: np.ndarray, *, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Return ``n_boot`` column sums of ``values`` (rows = notes) resampled with replacement: (n_boot, m)."""
    values = np.asarray(values, dtype=float)
    n_rows, n_cols = values.shape
    if n_boot <= 0 or n_rows == 0:
        return np.empty((max(n_boot, 0), n_cols))
    chunk = _chunk_rows(n_rows, n_boot)
    parts = []
    for start in range(0, n_boot, chunk):
        draws = rng.integers(0, n_rows, size=(min(chunk, n_boot - start), n_rows))
        parts.append(_draw_counts(draws, n_rows) @ values)
    return np.vstack(parts)


def bootstrap_sums_many(values: np.ndarray, *, n_boot: int, rngs: list[np.random.Generator]) -> np.ndarray:
    """Bootstrap ``G`` equal-sized groups at once: (G, n, m) -> (G, n_boot, m).

    Gives exactly what :func:`bootstrap_sums` gives per group with the same generator.
    """
    values = np.asarray(values, dtype=float)
    n_groups, n_rows, n_cols = values.shape
    if n_boot <= 0 or n_rows == 0:
        return np.empty((n_groups, max(n_boot, 0), n_cols))
    if _chunk_rows(n_rows, n_boot) < n_boot:
        return np.stack([bootstrap_sums(group, n_boot=n_boot, rng=rng)
                         for group, rng in zip(values, rngs, strict=True)])
    draws = np.stack([rng.integers(0, n_rows, size=(n_boot, n_rows)) for rng in rngs])
    counts = _draw_counts(draws.reshape(n_groups * n_boot, n_rows), n_rows)
    return np.matmul(counts.reshape(n_groups, n_boot, n_rows), values)


def _draw_counts(draws: np.ndarray, n_rows: int) -> np.ndarray:
    """Turn row indices drawn per replicate (r, n) into how often each row was drawn (r, n), as floats."""
    replicates = draws.shape[0]
    offsets = (np.arange(replicates) * n_rows)[:, None]
    flat = np.bincount((draws + offsets).ravel(), minlength=replicates * n_rows)
    return flat.reshape(replicates, n_rows).astype(float)


def percentile_interval(samples: np.ndarray, *, level: float = CI_LEVEL,
                        axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Return the (low, high) percentile interval along ``axis``, ignoring NaN; NaN when nothing is defined.

    Uses linear interpolation between order statistics (numpy's default ``linear`` method).
    """
    ordered = np.sort(np.moveaxis(np.asarray(samples, dtype=float), axis, 0), axis=0)
    valid = np.sum(~np.isnan(ordered), axis=0)
    tail = (1.0 - level) / 2.0
    bounds = []
    for quantile in (tail, 1.0 - tail):
        position = np.maximum(valid - 1, 0) * quantile
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(valid - 1, 0))
        fraction = position - below
        if ordered.shape[0] == 0:
            bounds.append(np.full(ordered.shape[1:], np.nan))
            continue
        low_value = np.take_along_axis(ordered, below[None], axis=0)[0]
        high_value = np.take_along_axis(ordered, above[None], axis=0)[0]
        with np.errstate(invalid="ignore"):
            value = low_value + (high_value - low_value) * fraction
        bounds.append(np.where(valid > 0, value, np.nan))
    return bounds[0], bounds[1]


def sens_slope(values: np.ndarray, positions: np.ndarray) -> float:
    """Return the median of the pairwise slopes (v_j - v_i) / (t_j - t_i), i < j; NaN below 2 values."""
    values = np.asarray(values, dtype=float)
    positions = np.asarray(positions, dtype=float)
    if values.size < 2:
        return float("nan")
    first, second = np.triu_indices(values.size, k=1)
    gaps = positions[second] - positions[first]
    keep = gaps != 0
    if not keep.any():
        return float("nan")
    return float(np.median((values[second] - values[first])[keep] / gaps[keep]))


@dataclass(frozen=True)
class TrendResult:
    """Outcome of a Mann-Kendall test on one series; statistics are NaN when no test was run."""

    periods: int
    test: str
    trend: str
    direction: int | None
    slope: float
    p_value: float
    tau: float
    note: str


def mann_kendall(values: np.ndarray, positions: np.ndarray, *, min_periods: int = 4,
                 hamed_rao_from: int = 10, alpha: float = 0.05) -> TrendResult:
    """Run a Mann-Kendall test with Sen's slope on ``values`` observed at calendar ``positions``."""
    values = np.asarray(values, dtype=float)
    positions = np.asarray(positions, dtype=float)
    defined = ~np.isnan(values)
    values, positions = values[defined], positions[defined]
    count = int(values.size)
    if count < min_periods:
        return TrendResult(count, "", "", None, float("nan"), float("nan"), float("nan"),
                           f"too few periods without warning ({count} < {min_periods}); no test")
    import pymannkendall  # imported only for a test: it pulls in scipy.stats, slow at start-up

    note = ""
    result = None
    test = "original_test"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if count >= hamed_rao_from:
            result = pymannkendall.hamed_rao_modification_test(values, alpha=alpha)
            test = "hamed_rao_modification_test"
            if not np.isfinite(result.p):
                result = None
                test = "original_test"
                note = "Hamed-Rao correction undefined (no variation after detrending); original test used"
        if result is None:
            result = pymannkendall.original_test(values, alpha=alpha)
    direction = {"increasing": 1, "decreasing": -1}.get(result.trend, 0)
    return TrendResult(count, test, result.trend, direction, sens_slope(values, positions),
                       float(result.p), float(result.Tau), note)
