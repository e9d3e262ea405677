"""Statistics of the trend stage against hand-computed cases."""

import math

import numpy as np
import pytest
from leersignalen.analyse.stats import (
    balance_index,
    bootstrap_sums,
    bootstrap_sums_many,
    group_rng,
    mann_kendall,
    percentile_interval,
    safe_ratio,
    sens_slope,
)


def test_balance_index_hand_cases():
    assert balance_index(3, 1) == pytest.approx(0.5)
    assert balance_index(0, 4) == pytest.approx(-1.0)
    assert balance_index(2, 0) == pytest.approx(1.0)
    assert balance_index(5, 5) == pytest.approx(0.0)
    assert math.isnan(float(balance_index(0, 0)))


def test_safe_ratio_is_nan_for_zero_denominator_only():
    result = safe_ratio(np.array([3.0, 1.0]), np.array([600.0, 0.0]), scale=1000.0)
    assert result[0] == pytest.approx(5.0)
    assert math.isnan(result[1])


def _notes():
    words = np.array([120, 80, 200, 150, 90, 60, 300, 110], dtype=float)
    coded = np.array([2, 0, 5, 1, 3, 0, 4, 1], dtype=float)
    return np.column_stack([coded, words])


def test_bootstrap_interval_contains_point_and_is_seeded():
    values = _notes()
    point = 1000 * values[:, 0].sum() / values[:, 1].sum()

    def interval(rng):
        sums = bootstrap_sums(values, n_boot=2000, rng=rng)
        return percentile_interval(safe_ratio(sums[:, 0], sums[:, 1], scale=1000.0)[:, None])

    low, high = interval(group_rng(7, ("wijk", "2025-03")))
    assert low[0] < point < high[0]
    again = interval(group_rng(7, ("wijk", "2025-03")))
    assert (again[0][0], again[1][0]) == (low[0], high[0])
    other = interval(group_rng(8, ("wijk", "2025-03")))
    assert (other[0][0], other[1][0]) != (low[0], high[0])
    other_group = interval(group_rng(7, ("wijk", "2025-04")))
    assert (other_group[0][0], other_group[1][0]) != (low[0], high[0])


def test_bootstrap_resamples_whole_notes():
    values = _notes()
    sums = bootstrap_sums(values, n_boot=50, rng=np.random.default_rng(1))
    assert sums.shape == (50, 2)
    draws = np.random.default_rng(1).integers(0, len(values), size=(50, len(values)))
    assert np.allclose(sums, values[draws].sum(axis=1))


def test_batched_bootstrap_equals_per_group_bootstrap():
    groups = np.stack([_notes(), _notes()[::-1] * 2, _notes() + 1])
    keys = [("a", "1"), ("b", "1"), ("a", "2")]
    batched = bootstrap_sums_many(groups, n_boot=300, rngs=[group_rng(3, key) for key in keys])
    for index, key in enumerate(keys):
        single = bootstrap_sums(groups[index], n_boot=300, rng=group_rng(3, key))
        assert np.array_equal(batched[index], single)


def test_percentile_interval_matches_numpy_and_skips_nan():
    rng = np.random.default_rng(5)
    samples = rng.normal(size=(999, 3))
    samples[rng.random((999, 3)) < 0.2] = np.nan
    samples[:, 2] = np.nan
    low, high = percentile_interval(samples)
    expected = np.nanpercentile(samples[:, :2], [2.5, 97.5], axis=0)
    assert np.allclose(low[:2], expected[0]) and np.allclose(high[:2], expected[1])
    assert math.isnan(low[2]) and math.isnan(high[2])


def test_increasing_series_has_increasing_trend_and_positive_slope():
    values = np.array([0.10, 0.12, 0.11, 0.15, 0.18, 0.17, 0.22, 0.25])
    result = mann_kendall(values, np.arange(values.size))
    assert result.trend == "increasing" and result.direction == 1
    assert result.slope > 0 and result.p_value < 0.05
    assert result.test == "original_test"


def test_decreasing_series_has_negative_direction():
    values = np.array([9.0, 8.5, 8.7, 7.0, 6.1, 6.3, 5.0, 4.2, 4.4, 3.1, 2.9, 2.0])
    result = mann_kendall(values, np.arange(values.size))
    assert result.test == "hamed_rao_modification_test"
    assert result.direction == -1 and result.slope < 0


def test_flat_series_has_no_trend():
    values = np.array([0.2, 0.21, 0.19, 0.2, 0.22, 0.18, 0.2, 0.21, 0.19, 0.2])
    result = mann_kendall(values, np.arange(values.size))
    assert result.trend == "no trend" and result.direction == 0


def test_too_few_periods_gives_no_test():
    result = mann_kendall(np.array([1.0, 2.0, 3.0]), np.arange(3), min_periods=4)
    assert result.test == "" and result.direction is None
    assert math.isnan(result.p_value) and "too few" in result.note


def test_perfect_line_falls_back_to_original_test():
    result = mann_kendall(np.arange(12, dtype=float), np.arange(12))
    assert result.test == "original_test" and "Hamed-Rao" in result.note
    assert result.trend == "increasing"


def test_sens_slope_uses_calendar_positions():
    assert sens_slope(np.array([0.0, 2.0, 4.0]), np.array([0.0, 2.0, 4.0])) == pytest.approx(1.0)
    assert sens_slope(np.array([0.0, 2.0, 4.0]), np.array([0.0, 1.0, 2.0])) == pytest.approx(2.0)
