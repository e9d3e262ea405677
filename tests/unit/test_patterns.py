"""Pattern flags on constructed trend series: each fires on its own shape and not on the others."""

import pandas as pd
import pytest
from leersignalen.analyse.flags import find_patterns


def _series(leren, instrumenteel, *, community="wijk", warnings=None):
    count = len(leren)
    instrumenteel = instrumenteel if isinstance(instrumenteel, list) else [instrumenteel] * count
    starts = pd.date_range("2024-01-01", periods=count, freq="MS")
    return pd.DataFrame({
        "community": community,
        "period": [start.strftime("%Y-%m") for start in starts],
        "period_start": [start.strftime("%Y-%m-%d") for start in starts],
        "leren_share": leren,
        "instrumenteel_share": instrumenteel,
        "warning": warnings or [""] * count,
    })


EMPTY_SHELL = dict(leren=[0.05, 0.04, 0.06, 0.05, 0.03, 0.05], instrumenteel=0.40)
ONE_OFF = dict(leren=[0.10, 0.11, 0.10, 0.40, 0.10, 0.11, 0.10], instrumenteel=0.10)
FOLLOW_THROUGH = dict(leren=[0.05, 0.08, 0.12, 0.15, 0.20, 0.25, 0.30, 0.33], instrumenteel=0.05)


def _flags(frame, **options):
    found = find_patterns(frame, **options)
    return sorted(found["pattern"].tolist()), found


@pytest.mark.parametrize(("shape", "expected"), [
    (EMPTY_SHELL, ["lege_huls"]),
    (ONE_OFF, ["eenmalig_evenement"]),
    (FOLLOW_THROUGH, ["doorpakken"]),
])
def test_each_flag_fires_only_on_its_shape(shape, expected):
    patterns, found = _flags(_series(shape["leren"], shape["instrumenteel"]))
    assert patterns == expected
    assert found["evidence"].str.len().gt(0).all() and found["thresholds"].str.len().gt(0).all()


def test_lege_huls_reports_the_run_of_periods():
    leren = [0.30, 0.05, 0.04, 0.06, 0.30, 0.05, 0.05]
    _, found = _flags(_series(leren, 0.40))
    shells = found[found["pattern"] == "lege_huls"]
    assert shells["periods"].tolist() == ["2024-02;2024-03;2024-04"]


def test_lege_huls_needs_min_run():
    _, found = _flags(_series([0.30, 0.05, 0.04, 0.30, 0.30, 0.30], 0.40))
    assert "lege_huls" not in found["pattern"].tolist()


def test_spike_names_its_period_and_baseline():
    _, found = _flags(_series(ONE_OFF["leren"], ONE_OFF["instrumenteel"]))
    assert found["periods"].tolist() == ["2024-04"]
    assert "0.400" in found["evidence"].iloc[0] and "0.100" in found["evidence"].iloc[0]


def test_two_period_spike_is_one_flag():
    leren = [0.10, 0.11, 0.35, 0.38, 0.10, 0.11, 0.10]
    _, found = _flags(_series(leren, 0.10))
    assert found["pattern"].tolist() == ["eenmalig_evenement"]
    assert found["periods"].tolist() == ["2024-03;2024-04"]


def test_spike_that_stays_up_is_not_one_off():
    leren = [0.10, 0.11, 0.10, 0.40, 0.38, 0.41, 0.39]
    patterns, _ = _flags(_series(leren, 0.10))
    assert "eenmalig_evenement" not in patterns


def test_periods_with_a_warning_are_ignored():
    warnings = ["", "", "", "few_notes", "", "", ""]
    patterns, _ = _flags(_series(ONE_OFF["leren"], ONE_OFF["instrumenteel"], warnings=warnings))
    assert patterns == []


def test_thresholds_are_options():
    patterns, _ = _flags(_series(ONE_OFF["leren"], ONE_OFF["instrumenteel"]), spike_factor=5.0)
    assert patterns == []
    patterns, _ = _flags(_series(EMPTY_SHELL["leren"], EMPTY_SHELL["instrumenteel"]), lege_huls_min_run=7)
    assert patterns == []


def test_communities_are_flagged_separately():
    frame = pd.concat([_series(EMPTY_SHELL["leren"], 0.40, community="a"),
                       _series(FOLLOW_THROUGH["leren"], 0.05, community="b")])
    found = find_patterns(frame)
    assert sorted(zip(found["community"], found["pattern"], strict=True)) == [("a", "lege_huls"),
                                                                              ("b", "doorpakken")]


def test_falling_then_flat_series_is_not_follow_through():
    patterns, _ = _flags(_series([0.30, 0.25, 0.20, 0.15, 0.15, 0.14, 0.15, 0.14], 0.05))
    assert "doorpakken" not in patterns
