"""Pattern flags over a community's trend series. These are FLAGS for a researcher to look at, not verdicts.

Every rule reads ``trends.csv`` (one row per community and period) and first drops the periods that carry a
warning (``no_notes``, ``few_notes``, ``few_words``); "consecutive" means consecutive among the remaining
periods, and the ``periods`` column names them so gaps stay visible. Thresholds are keyword options; the
defaults are given in brackets.

``lege_huls`` (empty shell): a run of at least ``lege_huls_min_run`` [3] consecutive periods in which
    ``instrumenteel_share - leren_share >= lege_huls_margin`` [0.10] and ``leren_share < lege_huls_leren_max``
    [0.10]. One flag per maximal run.

``eenmalig_evenement`` (one-off event): one or two consecutive periods (``spike_max_width`` [2]) whose
    ``leren_share`` is at least ``spike_factor`` [2.0] times AND at least ``spike_margin`` [0.05] above the
    baseline, the median ``leren_share`` of all other periods; with at least ``spike_min_before`` [1] period
    before it, and with each of the next ``spike_min_after`` [2] periods back near baseline, i.e. below
    ``baseline + spike_return_fraction`` [0.5] ``* (lowest spike value - baseline)``. A flagged one-period
    spike that lies inside a flagged two-period spike is not reported separately. (``trends.csv`` has the
    family as a share of sentences, so the family "rate" here is ``leren_share``.)

``doorpakken`` (follow-through): ``leren_share`` rises and stays up: the Mann-Kendall test (same choice of
    variant as ``trend_tests.csv``, at least ``min_periods`` [4] periods) says increasing with
    ``p < doorpakken_alpha`` [0.05], and the mean of the last third of the periods is above the mean of the
    first third (thirds of ``n // 3`` periods, at least one).
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..output.cells import folder_dialect, write_csv
from .stats import mann_kendall
from .trends import read_trends, update_settings

PATTERN_COLUMNS = ["community", "pattern", "periods", "evidence", "thresholds"]


def _figures(values: np.ndarray) -> str:
    return "/".join(f"{value:.3f}" for value in values)


def _usable_series(group: pd.DataFrame) -> pd.DataFrame:
    group = group.sort_values("period_start", kind="stable").reset_index(drop=True)
    group = group.assign(position=np.arange(len(group), dtype=float))
    usable = group["warning"].fillna("").astype(str) == ""
    frame = group[usable].copy()
    for column in ("leren_share", "instrumenteel_share"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame[frame["leren_share"].notna() & frame["instrumenteel_share"].notna()].reset_index(drop=True)


def find_lege_huls(series: pd.DataFrame, *, min_run: int = 3, margin: float = 0.10,
                   leren_max: float = 0.10) -> list[dict]:
    """Flag each maximal run of >= ``min_run`` periods with instrumental talk ahead and little learning."""
    leren = series["leren_share"].to_numpy(dtype=float)
    instrumenteel = series["instrumenteel_share"].to_numpy(dtype=float)
    hit = ((instrumenteel - leren) >= margin) & (leren < leren_max)
    flags = []
    start = None
    for index, value in enumerate([*hit, False]):
        if value and start is None:
            start = index
        elif not value and start is not None:
            if index - start >= min_run:
                span = slice(start, index)
                flags.append({
                    "periods": ";".join(series["period"].iloc[span]),
                    "evidence": f"{index - start} periods with instrumenteel_share "
                                f"{_figures(instrumenteel[span])} vs leren_share {_figures(leren[span])}",
                    "thresholds": f"run >= {min_run}; instrumenteel_share - leren_share >= {margin}; "
                                  f"leren_share < {leren_max}",
                })
            start = None
    return flags


def find_eenmalig_evenement(series: pd.DataFrame, *, factor: float = 2.0, margin: float = 0.05,
                            max_width: int = 2, min_before: int = 1, min_after: int = 2,
                            return_fraction: float = 0.5) -> list[dict]:
    """Flag a one- or two-period peak in ``leren_share`` well above the median of the other periods."""
    values = series["leren_share"].to_numpy(dtype=float)
    count = len(values)
    found: list[tuple[int, int, float]] = []
    for width in range(1, max_width + 1):
        for start in range(min_before, count - width - min_after + 1):
            stop = start + width
            peak = values[start:stop]
            others = np.concatenate([values[:start], values[stop:]])
            baseline = float(np.median(others))
            if not ((peak >= baseline * factor) & (peak >= baseline + margin)).all():
                continue
            ceiling = baseline + return_fraction * (float(peak.min()) - baseline)
            if (values[stop:stop + min_after] < ceiling).all():
                found.append((start, stop, baseline))
    kept = [item for item in found
            if not any(o[0] <= item[0] and item[1] <= o[1] and o != item for o in found)]
    flags = []
    for start, stop, baseline in kept:
        after = values[stop:stop + min_after]
        flags.append({
            "periods": ";".join(series["period"].iloc[start:stop]),
            "evidence": f"leren_share {_figures(values[start:stop])} vs baseline (median of the other "
                        f"{count - (stop - start)} periods) {baseline:.3f}; next periods {_figures(after)}",
            "thresholds": f"peak >= {factor} x baseline and >= baseline + {margin}; width <= {max_width}; "
                          f">= {min_before} period before; next {min_after} periods below baseline + "
                          f"{return_fraction} x (peak - baseline)",
        })
    return flags


def find_doorpakken(series: pd.DataFrame, *, alpha: float = 0.05, min_periods: int = 4,
                    hamed_rao_from: int = 10) -> list[dict]:
    """Flag a significant rise in ``leren_share`` whose last third stays above its first third."""
    values = series["leren_share"].to_numpy(dtype=float)
    result = mann_kendall(values, series["position"].to_numpy(dtype=float), min_periods=min_periods,
                          hamed_rao_from=hamed_rao_from, alpha=alpha)
    if result.trend != "increasing" or not result.p_value < alpha:
        return []
    third = max(1, len(values) // 3)
    first, last = float(values[:third].mean()), float(values[-third:].mean())
    if not last > first:
        return []
    return [{
        "periods": ";".join(series["period"]),
        "evidence": f"Mann-Kendall {result.test}: increasing, p={result.p_value:.4f}, tau={result.tau:.3f}, "
                    f"Sen's slope {result.slope:+.4f}/period; mean leren_share first {third} periods "
                    f"{first:.3f}, last {third} periods {last:.3f}",
        "thresholds": f"p < {alpha}; >= {min_periods} periods; last third mean > first third mean",
    }]


def find_patterns(trends: pd.DataFrame, *, lege_huls_min_run: int = 3, lege_huls_margin: float = 0.10,
                  lege_huls_leren_max: float = 0.10, spike_factor: float = 2.0, spike_margin: float = 0.05,
                  spike_max_width: int = 2, spike_min_before: int = 1, spike_min_after: int = 2,
                  spike_return_fraction: float = 0.5, doorpakken_alpha: float = 0.05, min_periods: int = 4,
                  hamed_rao_from: int = 10) -> pd.DataFrame:
    """Apply the three rules to every community in a trends table; return one row per flag."""
    rows = []
    for community, group in trends.groupby("community", sort=True):
        series = _usable_series(group)
        found = {
            "lege_huls": find_lege_huls(series, min_run=lege_huls_min_run, margin=lege_huls_margin,
                                        leren_max=lege_huls_leren_max),
            "eenmalig_evenement": find_eenmalig_evenement(
                series, factor=spike_factor, margin=spike_margin, max_width=spike_max_width,
                min_before=spike_min_before, min_after=spike_min_after,
                return_fraction=spike_return_fraction),
            "doorpakken": find_doorpakken(series, alpha=doorpakken_alpha, min_periods=min_periods,
                                          hamed_rao_from=hamed_rao_from),
        }
        for pattern, flags in found.items():
            rows += [{"community": community, "pattern": pattern, **flag} for flag in flags]
    return pd.DataFrame(rows, columns=PATTERN_COLUMNS, dtype=object)


def write_patterns(out_dir: str | os.PathLike, **thresholds) -> pd.DataFrame:
    """Read ``OUT/trends.csv``, write ``OUT/patterns.csv`` and record the thresholds in the settings file."""
    out = Path(out_dir)
    flags = find_patterns(read_trends(out), **thresholds)
    write_csv(out / "patterns.csv", flags.to_dict("records"), PATTERN_COLUMNS, dialect=folder_dialect(out))
    parameters = inspect.signature(find_patterns).parameters.values()
    defaults = {p.name: p.default for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}
    update_settings(out, {"patterns": {**defaults, **thresholds}})
    return flags
