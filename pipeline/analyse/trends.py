"""Trends per community and period, computed from a tagged output folder (OUT) without re-tagging.

Input: ``OUT/notes.csv`` (one row per note, written by ``leersignalen run``) and the category list in
``lexicons/categories.tsv``. Notes without a date are left out and counted.

Periods: ``week`` (ISO week, ``2025-W14``; 2024-12-30 is ``2025-W01``), ``month`` (``2025-03``) or
``quarter`` (``2025-Q1``). Every period between a community's first and last note gets a row; a period
without notes has ``notes=0``, empty measures and the warning ``no_notes``, so plots show gaps honestly.

Measures per community and period, from the summed note counts:

- ``<cat>_per_1000w`` = 1000 * sentences coded ``<cat>`` / words;
- ``<cat>_share`` = sentences coded ``<cat>`` / sentences;
- ``leren_share``, ``instrumenteel_share`` = sentences with at least one category of that family / sentences;
- balance index = (L - I) / (L + I), with L and I the number of sentences with a ``leren`` resp.
  ``instrumenteel`` label; it runs from -1 (only instrumental talk) to +1 (only learning talk) and is
  empty when L + I = 0. A sentence with labels of both families counts in L and in I.

Each measure has a 95% percentile bootstrap interval (``_low``, ``_high``) that resamples notes within the
community-period (see :mod:`pipeline.analyse.stats`): the descriptive view. The model figures (note-clustered
intervals, the fitted trend) come from :mod:`pipeline.analyse.estimates`. ``warning`` lists, ``;``-joined:
``no_notes``; ``few_notes`` when notes < ``min_notes``; ``few_words`` when words < ``min_words``; a period with
notes and a warning is *thin*: shown and marked, left out of the Mann-Kendall tests only (the model and the flags
weigh it by its sentences). Floats are rounded to 4 decimals for byte-stable output.

Outputs: ``trends.csv``; ``trends_by_role.csv`` / ``trends_by_author.csv`` (an extra ``role``/``author``
column, written only when notes.csv has values in that column); ``trend_tests.csv`` (Mann-Kendall and the
trend model per community and measure); ``patterns.csv``; ``evidence.csv``; ``trends_settings.json``.

This module is longer than 300 lines because :func:`write_trends`, the stage's entry point, lives beside the
aggregation it drives; the model, flags, evidence and file helpers are in their own modules.

Longer than 300 lines because the aggregation per community and period, its bootstrap and the writing of the trend
files share one set of column definitions and period keys; the model, flags, evidence and table helpers are already
in their own modules.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..categories import FAMILIES, Category, load_categories
from ..defaults import AUTO, MIN_NOTES, MIN_WORDS, PERIODS, SEED
from ..errors import Errors
from ..output.folder import NOTES, begin_trends, check_run, finish_trends
from ..output.folder import count_columns as folder_count_columns
from ..read.plausible import DateWindow, parse_date_range
from . import estimates
from .flags import write_patterns
from .model import fit_all, sentence_outcomes
from .periods import choose_period
from .stats import (
    CI_LEVEL,
    balance_index,
    bootstrap_sums_many,
    group_rng,
    mann_kendall,
    percentile_interval,
    safe_ratio,
)
from .tables import (
    AnalysisInputError,
    read_output_table,
    read_settings,
    read_trends,
    update_settings,
    write_frame,
)

__all__ = ["AnalysisInputError", "read_output_table", "read_settings", "read_trends", "update_settings",
           "write_trends", "compute_trends", "load_notes"]

DECIMALS = 4
DEFAULT_MIN_NOTES = MIN_NOTES
DEFAULT_MIN_WORDS = MIN_WORDS


@dataclass
class TrendsSummary:
    """What :func:`write_trends` did: counts, options and the files written."""

    period: str
    notes_in: int
    notes_without_date: int
    communities: int
    rows: int
    empty_periods: int
    rows_with_warning: int
    thin_periods: int = 0
    notes_implausible_date: int = 0
    period_reason: str = ""
    files: list[str] = field(default_factory=list)


def count_columns(categories: tuple[Category, ...]) -> list[str]:
    """Return the per-note count columns in sum order (see :func:`pipeline.output.folder.count_columns`)."""
    return folder_count_columns(categories)


def load_notes(out_dir: str | os.PathLike, *, categories: tuple[Category, ...]) -> pd.DataFrame:
    """Read and check ``OUT/notes.csv``; return it with integer counts and a ``date`` of dtype datetime64."""
    path = Path(out_dir) / NOTES
    if not path.is_file():
        raise AnalysisInputError(Errors.E040.format(path=path))
    notes = read_output_table(path)
    needed = ["note_id", "community", "date", *count_columns(categories)]
    missing = [column for column in needed if column not in notes.columns]
    if missing:
        fix = "regenerate it with 'leersignalen run' using the same lexicon"
        raise AnalysisInputError(Errors.E041.format(path=path, columns=", ".join(missing), fix=fix))
    for column in count_columns(categories):
        numbers = pd.to_numeric(notes[column], errors="coerce")
        bad = numbers.isna() | (numbers < 0) | (numbers != numbers.round())
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise AnalysisInputError(Errors.E043.format(path=path, row=row + 2, column=column,
                                                        value=notes[column].iloc[row]))
        notes[column] = numbers.astype(np.int64)
    dates = notes["date"].str.strip()
    parsed = pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce")
    bad = (dates != "") & parsed.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise AnalysisInputError(Errors.E042.format(path=path, row=row + 2, value=dates.iloc[row]))
    notes["date"] = parsed
    return notes


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """Return the first day of the week (Monday), month or quarter that contains each date."""
    if period == "week":
        return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()
    if period == "month":
        return dates.dt.to_period("M").dt.start_time
    if period == "quarter":
        return dates.dt.to_period("Q").dt.start_time
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_labels(starts: pd.Series, period: str) -> pd.Series:
    """Return the label of each period start: ``2025-W01`` (ISO week), ``2025-03`` or ``2025-Q1``."""
    starts = pd.Series(pd.to_datetime(starts)).reset_index(drop=True)
    if period == "week":
        iso = starts.dt.isocalendar()
        return iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    if period == "month":
        return starts.dt.strftime("%Y-%m")
    if period == "quarter":
        return starts.dt.year.astype(str) + "-Q" + starts.dt.quarter.astype(str)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_label(day: str | pd.Timestamp, period: str) -> str:
    """Return the label of the period that contains ``day`` (e.g. 2024-12-30 -> ``2025-W01``)."""
    dates = pd.Series([pd.Timestamp(day)])
    return str(period_labels(period_start(dates, period), period).iloc[0])


_WEEK_EPOCH = pd.Timestamp("1970-01-05")


def _period_ordinals(starts: pd.Series, period: str) -> np.ndarray:
    if period == "week":
        return ((starts - _WEEK_EPOCH).dt.days // 7).to_numpy(dtype=np.int64)
    months = starts.dt.year.to_numpy(dtype=np.int64) * 12 + starts.dt.month.to_numpy(dtype=np.int64) - 1
    return months if period == "month" else months // 3


def _starts_from_ordinals(ordinals: np.ndarray, period: str) -> pd.Series:
    if period == "week":
        return pd.Series(_WEEK_EPOCH + pd.to_timedelta(ordinals * 7, unit="D"))
    months = ordinals if period == "month" else ordinals * 3
    return pd.Series(pd.to_datetime(pd.DataFrame({"year": months // 12, "month": months % 12 + 1, "day": 1})))


def measure_columns(categories: tuple[Category, ...]) -> list[str]:
    """Return the names of the measures that get a bootstrap interval, in output order."""
    names = []
    for category in categories:
        names += [f"{category.id}_per_1000w", f"{category.id}_share"]
    return names + [f"{family}_share" for family in FAMILIES] + ["balance"]


def measures_from_sums(sums: np.ndarray, categories: tuple[Category, ...]) -> dict[str, np.ndarray]:
    """Compute every measure from summed counts (last axis ordered as :func:`count_columns`)."""
    sentences, words = sums[..., 0], sums[..., 1]
    measures: dict[str, np.ndarray] = {}
    for offset, category in enumerate(categories, start=2):
        measures[f"{category.id}_per_1000w"] = safe_ratio(sums[..., offset], words, scale=1000.0)
        measures[f"{category.id}_share"] = safe_ratio(sums[..., offset], sentences)
    leren, instrumenteel = sums[..., -2], sums[..., -1]
    measures["leren_share"] = safe_ratio(leren, sentences)
    measures["instrumenteel_share"] = safe_ratio(instrumenteel, sentences)
    measures["balance"] = balance_index(leren, instrumenteel)
    return measures


def trend_columns(categories: tuple[Category, ...], *, extra: str | None = None) -> list[str]:
    """Return the columns of trends.csv (with ``extra`` = role/author after community when given)."""
    columns = ["community", *([extra] if extra else []), "period", "period_start", "notes", "sentences",
               "words"]
    for category in categories:
        columns.append(f"{category.id}_sentences")
        for measure in ("per_1000w", "share"):
            name = f"{category.id}_{measure}"
            columns += [name, f"{name}_low", f"{name}_high"]
    for name in [f"{family}_share" for family in FAMILIES] + ["balance"]:
        columns += [name, f"{name}_low", f"{name}_high"]
    return columns + estimates.period_columns() + ["warning"]


def _rounded(value: float) -> float | None:
    return None if value is None or np.isnan(value) else round(float(value), DECIMALS)


def _warnings(notes: np.ndarray, words: np.ndarray, *, min_notes: int, min_words: int) -> list[str]:
    result = []
    for note_count, word_count in zip(notes.tolist(), words.tolist(), strict=True):
        if note_count == 0:
            result.append("no_notes")
            continue
        flags = ["few_notes"] if note_count < min_notes else []
        if word_count < min_words:
            flags.append("few_words")
        result.append(";".join(flags))
    return result


def _bootstrap_intervals(counts: np.ndarray, starts: np.ndarray, sizes: np.ndarray, seeds: list[tuple],
                         point: np.ndarray, *, categories: tuple[Category, ...], seed: int,
                         n_boot: int) -> tuple[np.ndarray, np.ndarray]:
    """Percentile intervals per group (rows of ``point``), batching groups of equal size."""
    lows = np.full(point.shape, np.nan)
    highs = np.full(point.shape, np.nan)
    if n_boot <= 0:
        return lows, highs
    names = measure_columns(categories)
    for size in np.unique(sizes):
        members = np.flatnonzero(sizes == size)
        if size == 1:
            lows[members], highs[members] = point[members], point[members]
            continue
        batch = max(1, BOOTSTRAP_BATCH_CELLS // (n_boot * int(size)))
        for offset in range(0, len(members), batch):
            ids = members[offset:offset + batch]
            values = counts[starts[ids][:, None] + np.arange(size)]
            rngs = [group_rng(seed, seeds[index]) for index in ids]
            replicates = bootstrap_sums_many(values, n_boot=n_boot, rngs=rngs)
            sampled = measures_from_sums(replicates, categories)
            stacked = np.stack([sampled[name] for name in names], axis=-1)
            lows[ids], highs[ids] = percentile_interval(stacked, axis=1)
    return lows, highs


BOOTSTRAP_BATCH_CELLS = 4_000_000


def compute_trends(notes: pd.DataFrame, *, categories: tuple[Category, ...], period: str = "month",
                   seed: int = SEED, min_notes: int = DEFAULT_MIN_NOTES, min_words: int = DEFAULT_MIN_WORDS,
                   n_boot: int = 1000, by: str | None = None) -> pd.DataFrame:
    """Aggregate dated notes per community (and ``by``) and period, with bootstrap intervals and gap rows."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    keys = ["community", *([by] if by else [])]
    columns = trend_columns(categories, extra=by)
    dated = notes[notes["date"].notna()].copy()
    if dated.empty:
        return pd.DataFrame(columns=columns, dtype=object)
    dated["period_start"] = period_start(dated["date"], period)
    dated = dated.sort_values([*keys, "period_start", "note_id"], kind="stable").reset_index(drop=True)
    counts = dated[count_columns(categories)].to_numpy(dtype=float)
    same_group = np.ones(len(dated), dtype=bool)
    for column in [*keys, "period_start"]:
        values = dated[column].to_numpy()
        same_group[1:] &= values[1:] == values[:-1]
    same_group[0] = False
    starts = np.flatnonzero(~same_group)
    sizes = np.diff(np.append(starts, len(dated)))
    sums = np.add.reduceat(counts, starts, axis=0)
    groups = dated.loc[starts, [*keys, "period_start"]].reset_index(drop=True)
    groups["period"] = period_labels(groups["period_start"], period)
    seeds = [tuple(map(str, row)) for row in groups[[*keys, "period"]].itertuples(index=False)]
    names = measure_columns(categories)
    point_measures = measures_from_sums(sums, categories)
    point = np.column_stack([point_measures[name] for name in names])
    lows, highs = _bootstrap_intervals(counts, starts, sizes, seeds, point, categories=categories, seed=seed,
                                       n_boot=n_boot)
    table = groups[[*keys, "period", "period_start"]].copy()
    table["notes"] = sizes
    table["sentences"] = sums[:, 0].astype(np.int64)
    table["words"] = sums[:, 1].astype(np.int64)
    for offset, category in enumerate(categories, start=2):
        table[f"{category.id}_sentences"] = sums[:, offset].astype(np.int64)
    for index, name in enumerate(names):
        table[name] = np.round(point[:, index], DECIMALS)
        table[f"{name}_low"] = np.round(lows[:, index], DECIMALS)
        table[f"{name}_high"] = np.round(highs[:, index], DECIMALS)
    gaps = _empty_periods(groups, keys, period, categories)
    if not gaps.empty:
        table = pd.concat([table, gaps], ignore_index=True)
    table["warning"] = _warnings(table["notes"].to_numpy(), table["words"].to_numpy(), min_notes=min_notes,
                                 min_words=min_words)
    table = table.sort_values([*keys, "period_start"], kind="stable").reset_index(drop=True)
    table["period_start"] = table["period_start"].dt.strftime("%Y-%m-%d")
    table = table.reindex(columns=columns).astype(object)
    return table.where(table.notna(), None)


def _empty_periods(groups: pd.DataFrame, keys: list[str], period: str,
                   categories: tuple[Category, ...]) -> pd.DataFrame:
    """Rows with zero notes for every period missing between a key group's first and last period."""
    ordinals = _period_ordinals(groups["period_start"], period)
    key_ids = groups.groupby(keys, sort=False).ngroup().to_numpy()
    first_row = {}
    missing_rows, missing_ordinals = [], []
    for row, key_id in enumerate(key_ids.tolist()):
        first_row.setdefault(key_id, row)
    for key_id, row in first_row.items():
        present = ordinals[key_ids == key_id]
        gaps = np.setdiff1d(np.arange(present.min(), present.max() + 1), present)
        missing_rows += [row] * len(gaps)
        missing_ordinals += gaps.tolist()
    frame = groups.loc[missing_rows, keys].reset_index(drop=True)
    frame["period_start"] = _starts_from_ordinals(np.asarray(missing_ordinals, dtype=np.int64), period)
    frame["period"] = period_labels(frame["period_start"], period)
    for column in ("notes", "sentences", "words", *[f"{c.id}_sentences" for c in categories]):
        frame[column] = 0
    return frame


def trend_tests(trends: pd.DataFrame, *, categories: tuple[Category, ...], min_periods: int = 4,
                hamed_rao_from: int = 10) -> pd.DataFrame:
    """Run a Mann-Kendall test per community on each rate, the family shares and the balance index.

    Only periods without a warning take part; a period's position (for Sen's slope) is its index in the
    community's gap-filled series, so the slope is a change per calendar period.
    """
    measures = [f"{c.id}_per_1000w" for c in categories] + [f"{f}_share" for f in FAMILIES] + ["balance"]
    rows = []
    for community, group in trends.groupby("community", sort=True):
        group = group.sort_values("period_start", kind="stable")
        positions = np.arange(len(group), dtype=float)
        usable = (group["warning"].fillna("") == "").to_numpy()
        for measure in measures:
            values = pd.to_numeric(group[measure], errors="coerce").to_numpy(dtype=float)
            result = mann_kendall(values[usable], positions[usable], min_periods=min_periods,
                                  hamed_rao_from=hamed_rao_from)
            rows.append({"community": community, "measure": measure, "periods": result.periods,
                         "test": result.test, "trend": result.trend, "direction": result.direction,
                         "slope": _rounded(result.slope), "p_value": _rounded(result.p_value),
                         "tau": _rounded(result.tau), "note": result.note})
    return pd.DataFrame(rows, columns=TREND_TEST_COLUMNS, dtype=object)


TREND_TEST_COLUMNS = ["community", "measure", "periods", "test", "trend", "direction", "slope", "p_value",
                      "tau", "note"]


def _drop_implausible_dates(notes: pd.DataFrame, window: DateWindow) -> int:
    """Blank dates outside ``window`` (defensive: ``run`` already does this); return how many."""
    dates = notes["date"]
    outside = dates.notna() & ((dates < pd.Timestamp(window.start)) | (dates > pd.Timestamp(window.end)))
    notes.loc[outside, "date"] = pd.NaT
    return int(outside.sum())


def _sentence_outcomes(out: Path, notes: pd.DataFrame, categories: tuple[Category, ...]) -> pd.DataFrame:
    """Sentences with 0/1 family outcomes, dated by their note in ``notes`` (so blanked dates stay blank)."""
    path = out / "sentences.csv"
    if not path.is_file():
        raise AnalysisInputError(Errors.E040.format(path=path))
    sentences = read_output_table(path)
    missing = [column for column in ("note_id", "community", "labels") if column not in sentences.columns]
    if missing:
        raise AnalysisInputError(Errors.E082.format(path=path, columns=", ".join(missing)))
    outcomes = sentence_outcomes(sentences.assign(date=""), categories).drop(columns="date")
    return outcomes.merge(notes[["note_id", "date"]].drop_duplicates("note_id"), on="note_id", how="inner")


def write_trends(out_dir: str | os.PathLike, *, period: str = AUTO, seed: int = SEED,
                 min_notes: int = DEFAULT_MIN_NOTES, min_words: int = DEFAULT_MIN_WORDS, n_boot: int = 1000,
                 min_periods: int = 4, hamed_rao_from: int = 10, categories_path: str | os.PathLike | None = None,
                 pattern_options: dict | None = None, date_range: str | DateWindow | None = None,
                 max_quotes: int = 3) -> TrendsSummary:
    """Compute everything the report shows from ``OUT/notes.csv`` and ``OUT/sentences.csv``.

    Writes trends.csv (+ trends_by_role/author.csv), trend_tests.csv (Mann-Kendall and the trend model),
    patterns.csv (flags, see :mod:`pipeline.analyse.flags`), evidence.csv (see :mod:`pipeline.analyse.evidence`)
    and trends_settings.json. ``period='auto'`` applies :func:`pipeline.analyse.periods.choose_period`.
    The run is checked first (E088/E089); trends_settings.json records the run id and, last, the files' SHA-256.
    """
    from .evidence import write_evidence

    out = Path(out_dir)
    categories = load_categories(categories_path)
    window = date_range if isinstance(date_range, DateWindow) else parse_date_range(date_range)
    manifest = check_run(out)
    notes = load_notes(out, categories=categories)
    begin_trends(out, manifest)
    implausible = _drop_implausible_dates(notes, window)
    reason, rule = f"{period}: chosen with --period {period}", None
    if period == AUTO:
        choice = choose_period(notes, min_notes=min_notes, min_words=min_words)
        period, reason, rule = choice.period, choice.reason, choice.rule
    trends = compute_trends(notes, categories=categories, period=period, seed=seed, min_notes=min_notes,
                            min_words=min_words, n_boot=n_boot)
    models = fit_all(_sentence_outcomes(out, notes, categories))
    dated = notes[notes["date"].notna()].copy()
    dated["period_start"] = period_start(dated["date"], period)
    trends = estimates.add_period_estimates(trends, dated, models, period)
    write_frame(trends, out / "trends.csv")
    files = ["trends.csv"]
    for extra in ("role", "author"):
        target = out / f"trends_by_{extra}.csv"
        if extra in notes.columns and (notes[extra].str.strip() != "").any():
            by_extra = compute_trends(notes, categories=categories, period=period, seed=seed,
                                      min_notes=min_notes, min_words=min_words, n_boot=n_boot, by=extra)
            write_frame(by_extra, target)
            files.append(target.name)
        else:
            target.unlink(missing_ok=True)
    tests = trend_tests(trends, categories=categories, min_periods=min_periods, hamed_rao_from=hamed_rao_from)
    tests = tests.merge(estimates.model_rows(models), on=["community", "measure"], how="outer", sort=False)
    write_frame(tests, out / "trend_tests.csv")
    files.append("trend_tests.csv")
    warned = trends["warning"].fillna("")
    summary = TrendsSummary(period=period, notes_in=len(notes), notes_without_date=int(notes["date"].isna().sum()),
                            communities=int(trends["community"].nunique()), rows=len(trends),
                            empty_periods=int((trends["notes"] == 0).sum()),
                            rows_with_warning=int((warned != "").sum()),
                            thin_periods=int(((warned != "") & (trends["notes"] > 0)).sum()),
                            notes_implausible_date=implausible, period_reason=reason, files=files)
    counts = {key: value for key, value in asdict(summary).items() if key not in ("period", "files", "period_reason")}
    settings = {"period": period, "period_reason": reason, "period_auto": rule, "seed": seed, "n_boot": n_boot,
                "ci_level": CI_LEVEL,
                "min_notes": min_notes, "min_words": min_words, "date_range": str(window),
                "trend_test": {"min_periods": min_periods, "hamed_rao_from": hamed_rao_from},
                "model": "binomial GLM, logit link, cluster-robust by note (statsmodels), t(notes - 1)",
                "categories": {category.id: category.family for category in categories}, "counts": counts}
    update_settings(out, {"trends": settings})
    write_patterns(out, trends, dated, models, **(pattern_options or {}))
    write_evidence(out, max_quotes=max_quotes)
    files += ["patterns.csv", "evidence.csv"]
    finish_trends(out)
    return summary
