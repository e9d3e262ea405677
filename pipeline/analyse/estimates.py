"""Model and note-clustered figures added to trends.csv (per period) and trend_tests.csv (per community).

Per period (trends.csv): ``<family>_share_ci_low/_high``, the note-clustered Wilson interval of the observed
share (:mod:`pipeline.analyse.clustered`); ``<family>_model`` with ``_low/_high``, the trend model's fitted share
at the middle of the period; ``difference_model`` with ``_low/_high``, instrumental minus learning fitted share.
Per community and family (trend_tests.csv, next to Mann-Kendall): ``model_*`` columns (see TEST_COLUMNS).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..categories import FAMILIES
from . import model as trend_model
from .clustered import clustered_share, design_effect

FAMILY_SENTENCES = {family: f"{family}_sentences" for family in FAMILIES}
DIFFERENCE = "difference"


def period_columns() -> list[str]:
    """The columns this module adds to trends.csv, in order."""
    columns = []
    for family in FAMILIES:
        columns += [f"{family}_share_ci_low", f"{family}_share_ci_high"]
    for family in FAMILIES:
        columns += [f"{family}_model", f"{family}_model_low", f"{family}_model_high"]
    return columns + ["difference_model", "difference_model_low", "difference_model_high"]


def _middle(start: pd.Timestamp, period: str) -> pd.Timestamp:
    length = {"week": 7, "month": 30.4375, "quarter": 91.3125}[period]
    return start + pd.Timedelta(days=length / 2)


def add_period_estimates(trends: pd.DataFrame, notes: pd.DataFrame, models: dict, period: str) -> pd.DataFrame:
    """Return ``trends`` with :func:`period_columns` filled in (notes: dated notes with ``period_start``)."""
    table = trends.copy()
    values = {column: np.full(len(table), np.nan) for column in period_columns()}  # filled per row, set at once
    deff = {(community, family): design_effect(group[FAMILY_SENTENCES[family]], group["sentences"])
            for community, group in notes.groupby("community") for family in FAMILIES}
    grouped = {key: group for key, group in notes.groupby(["community", "period_start"])}
    starts = pd.to_datetime(table["period_start"], format="%Y-%m-%d")
    for row, (community, start) in enumerate(zip(table["community"], starts, strict=True)):
        group = grouped.get((community, start))
        if group is not None:
            for family in FAMILIES:
                share = clustered_share(group[FAMILY_SENTENCES[family]], group["sentences"],
                                        fallback_deff=deff[(community, family)])
                values[f"{family}_share_ci_low"][row], values[f"{family}_share_ci_high"][row] = share.low, share.high
        fitted = models.get(community)
        if fitted is None:
            continue
        t = fitted.months(_middle(start, period))
        for family in FAMILIES:
            estimate = trend_model.share_at(fitted, family, t)
            for suffix, value in (("", estimate.value), ("_low", estimate.low), ("_high", estimate.high)):
                values[f"{family}_model{suffix}"][row] = value
        gap = trend_model.difference(fitted, t)
        for suffix, value in (("", gap.value), ("_low", gap.low), ("_high", gap.high)):
            values[f"difference_model{suffix}"][row] = value
    for column in period_columns():
        table[column] = pd.Series(values[column], index=table.index).astype(float).round(4)
    return table


TEST_COLUMNS = ["model_test", "model_notes", "model_sentences", "model_share", "model_share_low",
                "model_share_high", "model_slope", "model_slope_low", "model_slope_high", "model_p_value",
                "model_change_per_month", "model_change_low", "model_change_high", "model_note"]


def _rounded(value: float) -> float | None:
    return None if value is None or not np.isfinite(value) else round(float(value), 4)


def model_rows(models: dict) -> pd.DataFrame:
    """Per community: one row per family and one for the difference (instrumental minus learning)."""
    rows = []
    for community, fitted in models.items():
        for measure in [*FAMILIES, DIFFERENCE]:
            if measure == DIFFERENCE:
                share, slope = trend_model.difference(fitted), trend_model.slope_difference(fitted)
                change = trend_model.NAN_ESTIMATE
                reasons = [fitted.lines[f].reason for f in FAMILIES if not fitted.estimable(f)]
                note = "; ".join(f"{f}: {fitted.lines[f].reason}" for f in FAMILIES if fitted.lines[f].reason)
                note = note if reasons else "instrumenteel minus leren"
            else:
                share, slope = trend_model.mean_share(fitted, measure), trend_model.slope(fitted, measure)
                change = trend_model.change_per_month(fitted, measure)
                note = fitted.lines[measure].reason
            rows.append({
                "community": community, "measure": "difference" if measure == DIFFERENCE else f"{measure}_share",
                "model_test": "logit_cluster_note", "model_notes": fitted.notes,
                "model_sentences": fitted.sentences,
                "model_share": _rounded(share.value), "model_share_low": _rounded(share.low),
                "model_share_high": _rounded(share.high), "model_slope": _rounded(slope.value),
                "model_slope_low": _rounded(slope.low), "model_slope_high": _rounded(slope.high),
                "model_p_value": _rounded(slope.p_value), "model_change_per_month": _rounded(change.value),
                "model_change_low": _rounded(change.low), "model_change_high": _rounded(change.high),
                "model_note": note,
            })
    return pd.DataFrame(rows, columns=["community", "measure", *TEST_COLUMNS], dtype=object)
