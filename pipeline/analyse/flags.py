"""Pattern flags per community, decided on estimates with their uncertainty. FLAGS for a researcher, not verdicts.

Every rule works on the periods that have notes (thin ones included: the note-clustered intervals of
:mod:`pipeline.analyse.clustered` make a thin period count for what it holds) and on the trend model of
:mod:`pipeline.analyse.model`. A pooled share whose own design effect cannot be estimated (a share of 0 or 1, one
note) takes a design effect of 1, not the community's as trends.csv does: a real one-off event inflates the
community's design effect and would widen its own interval (simulated with 1-4 notes a month, borrowing it lost an
eighth of the detected spikes and removed no false one). Thresholds are keyword options of :func:`find_flags`;
defaults in brackets.

``lege_huls`` (empty shell): a window of consecutive periods with notes, at least ``lege_huls_min_periods`` [3]
    long and at least ``lege_huls_span`` [0.5] of the community's periods with notes, over which the pooled
    instrumental share exceeds the pooled learning share by ``lege_huls_margin`` [0.10] or more, the 95% interval
    of that difference (notes as clusters) lies above 0, and the pooled learning share stays at or below
    ``lege_huls_leren_max`` [0.10]. The longest such window is reported (the whole span when it qualifies).

``doorpakken`` (follow-through): the model's learning slope per month has a 95% interval above 0, and there is
    no fall back in the last third: the pooled learning share of the last third of the periods with notes is not
    significantly below that of the middle third (difference interval entirely below 0). At least
    ``min_periods`` [4] periods with notes.

``eenmalig_evenement`` (one-off event): one or two consecutive periods (``spike_max_width`` [2]) with at least
    ``spike_min_before`` [1] period before and ``spike_min_after`` [2] after,
    whose pooled learning share lies above the upper end of
    the 95% interval of the baseline (the pooled share of all other periods), is at least ``spike_margin`` [0.10]
    above it, rests on at least ``spike_min_sentences`` [3] learning sentences, differs from the baseline with
    ``p < spike_alpha`` [0.05], and falls back: the pooled share of the next ``spike_min_after`` [2] periods with
    notes lies below ``baseline + spike_return_fraction`` [0.5] ``* (spike - baseline)``. A one-period spike inside
    a flagged two-period spike is not reported separately; of overlapping spikes the one with the smallest p value
    is kept.
"""

from __future__ import annotations

import inspect
import math
import os
from pathlib import Path

import pandas as pd

from ..output.cells import folder_dialect, write_csv
from . import model as trend_model
from .clustered import Share, clustered_share, group_difference, paired_difference
from .tables import update_settings
from .wording import evidence_sentence

PATTERN_COLUMNS = ["community", "pattern", "periods", "measure", "estimate", "low", "high", "p_value", "reference",
                   "reference_low", "reference_high", "sentences", "evidence", "evidence_en", "thresholds"]


def _pool(groups: list[pd.DataFrame], column: str) -> Share:
    notes = pd.concat(groups) if groups else pd.DataFrame(columns=[column, "sentences"])
    return clustered_share(notes[column].to_numpy(dtype=float), notes["sentences"].to_numpy(dtype=float))


def _round(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 4)


def _flag(pattern: str, periods: list[str], measure: str, estimate, reference=None, *, sentences=None,
          thresholds: str, lang_values: dict, p_value: float | None = None) -> dict:
    row = {"pattern": pattern, "periods": ";".join(periods), "measure": measure,
           "estimate": _round(estimate.value), "low": _round(estimate.low), "high": _round(estimate.high),
           "p_value": _round(estimate.p_value if p_value is None else p_value),
           "reference": _round(reference.value) if reference else None,
           "reference_low": _round(reference.low) if reference else None,
           "reference_high": _round(reference.high) if reference else None,
           "sentences": sentences, "thresholds": thresholds}
    values = {**lang_values, "first": periods[0], "last": periods[-1], "count": len(periods)}
    row["evidence"] = evidence_sentence(pattern, values, lang="nl")
    row["evidence_en"] = evidence_sentence(pattern, values, lang="en")
    return row


def find_lege_huls(labels: list[str], groups: list[pd.DataFrame], *, min_periods: int = 3, span: float = 0.5,
                   margin: float = 0.10, leren_max: float = 0.10) -> list[dict]:
    """The longest window of periods with instrumental talk clearly ahead of little learning talk."""
    count = len(groups)
    length = max(min_periods, math.ceil(span * count))
    for width in range(count, length - 1, -1):
        for start in range(0, count - width + 1):
            notes = pd.concat(groups[start:start + width])
            gap = paired_difference(notes["instrumenteel_sentences"], notes["leren_sentences"], notes["sentences"])
            leren = _pool(groups[start:start + width], "leren_sentences")
            if not (gap.value >= margin and gap.low > 0 and leren.value <= leren_max):
                continue
            instrumenteel = _pool(groups[start:start + width], "instrumenteel_sentences")
            values = {"instrumental": instrumenteel.value, "learning": leren.value, "difference": gap.value,
                      "low": gap.low, "high": gap.high}
            return [_flag("lege_huls", labels[start:start + width], "instrumenteel_minus_leren", gap, leren,
                          sentences=int(notes["sentences"].sum()), lang_values=values,
                          thresholds=f"window >= max({min_periods}, {span} x periods with notes); difference >= "
                                     f"{margin} with 95% CI above 0; leren share <= {leren_max}")]
    return []


def find_doorpakken(labels: list[str], groups: list[pd.DataFrame], fitted, *, min_periods: int = 4) -> list[dict]:
    """A learning slope whose interval lies above 0, without a fall back in the last third."""
    if fitted is None or len(groups) < min_periods or not fitted.estimable("leren"):
        return []
    slope = trend_model.slope(fitted, "leren")
    if not (slope.low > 0 and slope.p_value < 0.05):
        return []
    third = max(1, len(groups) // 3)
    middle = _pool(groups[third:-third] or groups[:third], "leren_sentences")
    last = _pool(groups[-third:], "leren_sentences")
    fall = group_difference(last, middle)
    if fall.high < 0:
        return []
    change = trend_model.change_per_month(fitted, "leren")
    values = {"slope": slope.value, "low": slope.low, "high": slope.high, "p": slope.p_value,
              "change": change.value, "last_share": last.value, "middle_share": middle.value}
    return [_flag("doorpakken", labels, "leren_slope_per_month", slope, middle, sentences=fitted.sentences,
                  lang_values=values,
                  thresholds=f"model slope 95% CI above 0; >= {min_periods} periods with notes; last third not "
                             f"significantly below the middle third")]


def find_eenmalig_evenement(labels: list[str], groups: list[pd.DataFrame], *, max_width: int = 2,
                            min_before: int = 1, min_after: int = 2, min_sentences: int = 3, margin: float = 0.10,
                            alpha: float = 0.05, return_fraction: float = 0.5) -> list[dict]:
    """A one- or two-period burst of learning talk, well above the baseline and backed by enough sentences."""
    count = len(groups)
    found = []
    for width in range(1, max_width + 1):
        for start in range(min_before, count - width - min_after + 1):
            stop = start + width
            spike = _pool(groups[start:stop], "leren_sentences")
            baseline = _pool(groups[:start] + groups[stop:], "leren_sentences")
            after = _pool(groups[stop:stop + min_after], "leren_sentences")
            test = group_difference(spike, baseline)
            if not (spike.labelled >= min_sentences and spike.value > baseline.high
                    and spike.value >= baseline.value + margin and test.p_value < alpha
                    and after.value < baseline.value + return_fraction * (spike.value - baseline.value)):
                continue
            found.append((start, stop, spike, baseline, after, test))
    outer = [item for item in found
             if not any(o[0] <= item[0] and item[1] <= o[1] and o[:2] != item[:2] for o in found)]
    kept: list[tuple] = []
    for item in sorted(outer, key=lambda item: (item[5].p_value, -item[2].value)):
        if all(item[1] <= other[0] or other[1] <= item[0] for other in kept):
            kept.append(item)
    kept.sort(key=lambda item: item[0])
    flags = []
    for start, stop, spike, baseline, after, test in kept:
        values = {"spike": spike.value, "sentences": int(spike.labelled), "baseline": baseline.value,
                  "baseline_high": baseline.high, "p": test.p_value, "after": after.value}
        flags.append(_flag("eenmalig_evenement", labels[start:stop], "leren_share", spike, baseline,
                           sentences=int(spike.labelled), lang_values=values, p_value=test.p_value,
                           thresholds=f"width <= {max_width}; share above baseline 95% CI and >= baseline + "
                                      f"{margin}; >= {min_sentences} learning sentences; p < {alpha}; next "
                                      f"{min_after} periods below baseline + {return_fraction} x (spike - "
                                      f"baseline)"))
    return flags


def find_flags(trends: pd.DataFrame, notes: pd.DataFrame, models: dict, *, lege_huls_min_periods: int = 3,
               lege_huls_span: float = 0.5, lege_huls_margin: float = 0.10, lege_huls_leren_max: float = 0.10,
               min_periods: int = 4, spike_max_width: int = 2, spike_min_before: int = 1, spike_min_after: int = 2,
               spike_min_sentences: int = 3, spike_margin: float = 0.10, spike_alpha: float = 0.05,
               spike_return_fraction: float = 0.5) -> pd.DataFrame:
    """Apply the three rules per community (trends: its period rows; notes: dated notes with period_start)."""
    by_period = {key: group for key, group in notes.groupby(["community", "period_start"])}
    rows = []
    for community, group in trends.groupby("community", sort=True):
        group = group[pd.to_numeric(group["notes"]) > 0].sort_values("period_start", kind="stable")
        labels = group["period"].astype(str).tolist()
        groups = [by_period[(community, pd.Timestamp(start))] for start in group["period_start"]]
        found = [
            *find_lege_huls(labels, groups, min_periods=lege_huls_min_periods, span=lege_huls_span,
                            margin=lege_huls_margin, leren_max=lege_huls_leren_max),
            *find_eenmalig_evenement(labels, groups, max_width=spike_max_width, min_before=spike_min_before,
                                     min_after=spike_min_after, min_sentences=spike_min_sentences,
                                     margin=spike_margin, alpha=spike_alpha, return_fraction=spike_return_fraction),
            *find_doorpakken(labels, groups, models.get(community), min_periods=min_periods),
        ]
        rows += [{"community": community, **flag} for flag in found]
    return pd.DataFrame(rows, columns=PATTERN_COLUMNS, dtype=object)


def write_patterns(out_dir: str | os.PathLike, trends: pd.DataFrame, notes: pd.DataFrame, models: dict,
                   **thresholds) -> pd.DataFrame:
    """Write ``OUT/patterns.csv`` and record the thresholds in the settings file."""
    out = Path(out_dir)
    flags = find_flags(trends, notes, models, **thresholds)
    write_csv(out / "patterns.csv", flags.to_dict("records"), PATTERN_COLUMNS, dialect=folder_dialect(out))
    parameters = inspect.signature(find_flags).parameters.values()
    defaults = {p.name: p.default for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}
    update_settings(out, {"patterns": {**defaults, **thresholds}})
    return flags
