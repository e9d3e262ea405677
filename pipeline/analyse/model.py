"""The trend model: per community, a logistic regression on sentences of "has a learning label" and "has an
instrumental label" on time, with standard errors clustered by note.

Data: one row per dated sentence of ``sentences.csv``; ``y = 1`` when its labels contain a category of the family.
Time ``t`` = months since the community's first dated note (days / 30.4375). Both families are fitted in one
stacked model, ``logit P(y) = a + b*t + c*F + d*F*t`` with ``F = 1`` for the instrumental copy of each sentence,
so the learning line is ``(a, b)``, the instrumental line ``(a + c, b + d)`` and their covariance is known. The
estimator is a binomial GLM (maximum likelihood, the same point estimates as independence GEE) with a
cluster-robust sandwich covariance by note (statsmodels ``cov_type='cluster'``, small-sample corrected). With few
notes that sandwich can be far too small (three notes with the same mix of sentences give it 0), so the variance
of every derived figure is the larger of the sandwich one and the model-based (independent sentences) one: a design
effect of at least 1, as for the observed shares in :mod:`pipeline.analyse.clustered`. Intervals and p values use
a t distribution with (notes - 1) degrees of freedom. Derived figures (a share at a period's middle, the average
change in share per month, instrumental minus learning) get delta-method intervals.

A family is *not estimable* in a community when it has no labelled sentence, only labelled sentences, fewer than
``MIN_NOTES`` notes or a single date, or when the fit separates perfectly (a coefficient beyond ``MAX_COEF`` or a
non-finite standard error); the other family is then fitted alone and the difference is not estimable.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..categories import FAMILIES, Category

DAYS_PER_MONTH = 30.4375
MIN_NOTES = 3
MAX_COEF = 15.0
NOT_ESTIMABLE = "not estimable"


def sentence_outcomes(sentences: pd.DataFrame, categories: tuple[Category, ...]) -> pd.DataFrame:
    """Per sentence: note_id, community, date (datetime64) and 0/1 columns ``leren``, ``instrumenteel``."""
    family = {category.id: category.family for category in categories}
    labels = sentences["labels"].fillna("").astype(str).str.split(";")
    frame = pd.DataFrame({"note_id": sentences["note_id"].astype(str),
                          "community": sentences["community"].astype(str),
                          "date": pd.to_datetime(sentences["date"], format="%Y-%m-%d", errors="coerce")})
    for name in FAMILIES:
        frame[name] = [int(any(family.get(label) == name for label in row)) for row in labels]
    return frame


@dataclass
class FamilyLine:
    """One family's fitted line: how to read (intercept, slope) from the parameter vector, or why not."""

    family: str
    estimable: bool
    reason: str = ""
    index: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())

    def coefficients(self, params: np.ndarray) -> tuple[float, float]:
        """(intercept, slope per month) on the log-odds scale."""
        return float(sum(params[i] for i in self.index[0])), float(sum(params[i] for i in self.index[1]))


@dataclass
class CommunityModel:
    """The fitted model of one community: parameters, covariance, degrees of freedom and the data's times."""

    community: str
    start: pd.Timestamp
    times: np.ndarray
    notes: int
    sentences: int
    lines: dict[str, FamilyLine]
    params: np.ndarray = field(default_factory=lambda: np.empty(0))
    cov: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    naive_cov: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))

    @property
    def df(self) -> int:
        return max(self.notes - 1, 1)

    def estimable(self, family: str) -> bool:
        return self.lines[family].estimable

    def months(self, day: pd.Timestamp) -> float:
        return float((pd.Timestamp(day) - self.start).days) / DAYS_PER_MONTH

    def share(self, family: str, params: np.ndarray, t: np.ndarray | float) -> np.ndarray:
        from scipy.special import expit  # imported here, like scipy.stats below: slow at start-up

        intercept, slope = self.lines[family].coefficients(params)
        return expit(intercept + slope * np.asarray(t, dtype=float))


def _family_reason(y: np.ndarray, notes: int, times: np.ndarray) -> str:
    if notes < MIN_NOTES:
        return f"{NOT_ESTIMABLE}: {notes} notes (< {MIN_NOTES})"
    if len(np.unique(times)) < 2:
        return f"{NOT_ESTIMABLE}: all notes on one date"
    if y.sum() == 0:
        return f"{NOT_ESTIMABLE}: no sentence with this label"
    if y.sum() == len(y):
        return f"{NOT_ESTIMABLE}: every sentence has this label"
    return ""


def _glm(y: np.ndarray, design: np.ndarray, groups: np.ndarray):
    import statsmodels.api as sm  # imported here: slow at start-up

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = sm.GLM(y, design, family=sm.families.Binomial()).fit(
                cov_type="cluster", cov_kwds={"groups": groups}, maxiter=100)
        except Exception:  # noqa: BLE001 (perfect separation and singular designs raise several types)
            return None
    params, cov = np.asarray(result.params), np.asarray(result.cov_params())
    naive = np.asarray(result.normalized_cov_params) * float(result.scale)
    if not (np.all(np.isfinite(params)) and np.all(np.isfinite(cov)) and np.all(np.isfinite(naive))
            and np.all(np.abs(params) < MAX_COEF)):
        return None
    return params, cov, naive


def fit_community(frame: pd.DataFrame, community: str) -> CommunityModel:
    """Fit the stacked family model on one community's dated sentences (see the module docstring)."""
    start = frame["date"].min()
    times = ((frame["date"] - start).dt.days / DAYS_PER_MONTH).to_numpy(dtype=float)
    groups = pd.factorize(frame["note_id"])[0]
    notes = int(groups.max() + 1) if len(groups) else 0
    reasons = {family: _family_reason(frame[family].to_numpy(), notes, times) for family in FAMILIES}
    model = CommunityModel(community, start, times, notes, len(frame),
                           {family: FamilyLine(family, False, reasons[family]) for family in FAMILIES})
    ones = np.ones_like(times)
    usable = [family for family in FAMILIES if not reasons[family]]
    if len(usable) == 2:
        y = np.concatenate([frame[FAMILIES[0]].to_numpy(), frame[FAMILIES[1]].to_numpy()]).astype(float)
        flag = np.concatenate([0 * ones, ones])
        time = np.concatenate([times, times])
        fitted = _glm(y, np.column_stack([np.ones_like(time), time, flag, flag * time]),
                      np.concatenate([groups, groups]))
        if fitted is not None:
            model.params, model.cov, model.naive_cov = fitted
            model.lines[FAMILIES[0]] = FamilyLine(FAMILIES[0], True, "", ((0,), (1,)))
            model.lines[FAMILIES[1]] = FamilyLine(FAMILIES[1], True, "", ((0, 2), (1, 3)))
            return model
    for family in usable:
        fitted = _glm(frame[family].to_numpy(dtype=float), np.column_stack([ones, times]), groups)
        if fitted is None:
            model.lines[family] = FamilyLine(family, False, f"{NOT_ESTIMABLE}: perfect separation in time")
            continue
        model.params, model.cov, model.naive_cov = fitted
        model.lines[family] = FamilyLine(family, True, "", ((0,), (1,)))
        break  # one family alone: the other one is either not estimable or failed the joint fit's checks
    return model


@dataclass(frozen=True)
class Estimate:
    """A derived figure with its t interval and p value (NaN when not estimable)."""

    value: float
    low: float
    high: float
    p_value: float


NAN_ESTIMATE = Estimate(float("nan"), float("nan"), float("nan"), float("nan"))


def delta(model: CommunityModel, function, *, bounds: tuple[float, float] | None = None) -> Estimate:
    """Value of ``function(params)`` with a delta-method t interval (numerical gradient) and p value vs 0."""
    params = model.params
    value = float(function(params))
    step = 1e-6
    gradient = np.array([(function(params + step * unit) - function(params - step * unit)) / (2 * step)
                         for unit in np.eye(len(params))])
    variance = max(gradient @ model.cov @ gradient, gradient @ model.naive_cov @ gradient, 0.0)
    se = float(np.sqrt(variance))
    from scipy import stats

    quantile = float(stats.t.ppf(0.975, model.df))
    p_value = float(2 * stats.t.sf(abs(value) / se, model.df)) if se > 0 else float("nan")
    low, high = value - quantile * se, value + quantile * se
    if bounds:
        low, high = max(bounds[0], low), min(bounds[1], high)
    return Estimate(value, low, high, p_value)


def slope(model: CommunityModel, family: str) -> Estimate:
    """Slope per month on the log-odds scale."""
    return delta(model, lambda p: model.lines[family].coefficients(p)[1]) if model.estimable(family) else NAN_ESTIMATE


def change_per_month(model: CommunityModel, family: str) -> Estimate:
    """Average change in share per month: the mean over the sentences of p(1 - p) * slope."""
    if not model.estimable(family):
        return NAN_ESTIMATE

    def average_effect(params):
        share = model.share(family, params, model.times)
        return float(np.mean(share * (1 - share)) * model.lines[family].coefficients(params)[1])

    return delta(model, average_effect)


def mean_share(model: CommunityModel, family: str) -> Estimate:
    """The model's average share over the community's sentences."""
    if not model.estimable(family):
        return NAN_ESTIMATE
    return delta(model, lambda p: float(np.mean(model.share(family, p, model.times))), bounds=(0.0, 1.0))


def share_at(model: CommunityModel, family: str, t: float) -> Estimate:
    """The fitted share at ``t`` months, with the interval computed on the log-odds scale."""
    if not model.estimable(family):
        return NAN_ESTIMATE
    from scipy.special import expit

    logit = delta(model, lambda p: sum(c * x for c, x in zip(model.lines[family].coefficients(p), (1.0, t),
                                                               strict=True)))
    return Estimate(float(expit(logit.value)), float(expit(logit.low)), float(expit(logit.high)), float("nan"))


def difference(model: CommunityModel, t: float | None = None) -> Estimate:
    """Instrumental minus learning share, at ``t`` months or averaged over the sentences (``t`` None)."""
    if not all(model.estimable(family) for family in FAMILIES):
        return NAN_ESTIMATE
    times = model.times if t is None else np.array([t])
    learning, instrumental = FAMILIES

    def gap(params):
        return float(np.mean(model.share(instrumental, params, times) - model.share(learning, params, times)))

    return delta(model, gap, bounds=(-1.0, 1.0))


def slope_difference(model: CommunityModel) -> Estimate:
    """Instrumental minus learning slope per month (log-odds scale)."""
    if not all(model.estimable(family) for family in FAMILIES):
        return NAN_ESTIMATE
    learning, instrumental = FAMILIES
    return delta(model, lambda p: model.lines[instrumental].coefficients(p)[1]
                 - model.lines[learning].coefficients(p)[1])


def fit_all(outcomes: pd.DataFrame) -> dict[str, CommunityModel]:
    """Fit :func:`fit_community` on every community with dated sentences."""
    dated = outcomes[outcomes["date"].notna()]
    return {community: fit_community(group.reset_index(drop=True), community)
            for community, group in dated.groupby("community", sort=True)}
