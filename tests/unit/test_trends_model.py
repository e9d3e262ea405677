"""The trend model and the flags at real size: 2-3 short notes a month over 6-8 months, hand-checkable."""

import re

import pandas as pd
import pytest
from leersignalen.analyse.clustered import clustered_share, group_difference, paired_difference
from leersignalen.analyse.model import fit_community, mean_share, sentence_outcomes, slope
from leersignalen.analyse.periods import choose_period
from leersignalen.analyse.trends import write_trends
from trends_fixtures import CATEGORIES, monthly, write_out


def _run(tmp_path, notes, **options):
    out = write_out(tmp_path / "out", notes)
    summary = write_trends(out, n_boot=50, **options)
    patterns = pd.read_csv(out / "patterns.csv")
    tests = pd.read_csv(out / "trend_tests.csv")
    return summary, patterns, tests, out


def _flags(patterns, community):
    return set(patterns.loc[patterns["community"] == community, "pattern"])


RISING = [[(10, 0, 4), (10, 1, 4)], [(10, 1, 4), (10, 1, 3)], [(10, 2, 3), (10, 2, 3)], [(10, 3, 3), (10, 3, 3)],
          [(10, 4, 2), (10, 4, 2)], [(10, 5, 2), (10, 5, 2)], [(10, 6, 2), (10, 6, 2)], [(10, 6, 2), (10, 7, 1)]]
FLAT = [[(10, 2, 2), (10, 3, 2), (10, 1, 3)], [(10, 3, 2), (10, 1, 2)], [(10, 2, 3), (10, 2, 2), (10, 3, 3)],
        [(10, 1, 2), (10, 3, 2)], [(10, 2, 2), (10, 2, 3), (10, 1, 2)], [(10, 3, 3), (10, 2, 2)],
        [(10, 2, 2), (10, 1, 2), (10, 3, 2)]]
SPIKE = [[(10, 1, 3), (10, 1, 3)], [(10, 1, 3), (10, 1, 3)], [(10, 1, 3), (10, 0, 3)], [(10, 6, 1), (10, 5, 1)],
         [(10, 1, 3), (10, 1, 3)], [(10, 1, 3), (10, 0, 3)], [(10, 1, 3), (10, 1, 3)]]


def test_known_trend_gets_doorpakken_with_a_positive_slope(tmp_path):
    _, patterns, tests, _ = _run(tmp_path, monthly("stijgend", RISING), period="month")
    row = tests[(tests["community"] == "stijgend") & (tests["measure"] == "leren_share")].iloc[0]
    assert row["model_slope_low"] > 0 and row["model_p_value"] < 0.01
    assert 0.03 < row["model_change_per_month"] < 0.12  # shares go from 0.05 to 0.65 in 7 months
    assert _flags(patterns, "stijgend") == {"doorpakken"}
    evidence = patterns.loc[patterns["pattern"] == "doorpakken", "evidence"].iloc[0]
    assert "log-odds per maand" in evidence


def test_flat_series_gets_no_flag(tmp_path):
    _, patterns, tests, _ = _run(tmp_path, monthly("vlak", FLAT), period="month")
    assert _flags(patterns, "vlak") == set()
    row = tests[(tests["community"] == "vlak") & (tests["measure"] == "leren_share")].iloc[0]
    assert row["model_slope_low"] < 0 < row["model_slope_high"]


def test_single_spike_is_one_event_in_its_month(tmp_path):
    _, patterns, _, _ = _run(tmp_path, monthly("piek", SPIKE), period="month")
    events = patterns[patterns["pattern"] == "eenmalig_evenement"]
    assert events["periods"].tolist() == ["2025-04"]
    assert events["sentences"].tolist() == [11]
    p_value = events["p_value"].iloc[0]
    assert 0 < p_value < 0.05
    quoted = float(re.search(r"p = ([0-9.]+)", events["evidence_en"].iloc[0]).group(1))
    assert quoted == pytest.approx(p_value, abs=0.0006)
    assert "doorpakken" not in _flags(patterns, "piek")


def test_newcomer_case_empty_shell_and_one_sentence_is_not_an_event(tmp_path):
    shell = [[(8, 0, 5), (7, 1, 4)], [(9, 0, 5), (6, 0, 5), (7, 0, 6)], [(8, 1, 6), (7, 0, 4), (8, 0, 7)],
             [(9, 1, 4), (6, 0, 5)], [(8, 0, 6), (7, 1, 5), (8, 0, 5)], [(9, 0, 6), (7, 1, 4)]]
    quiet = [[(8, 0, 2), (7, 0, 3)], [(9, 0, 2), (6, 0, 3), (8, 0, 2)], [(8, 0, 3), (7, 0, 2)],
             [(9, 0, 2), (6, 0, 2), (7, 0, 2)], [(8, 1, 2), (7, 0, 3)], [(9, 0, 2), (6, 0, 2), (8, 0, 3)]]
    notes = monthly("huls", shell) + monthly("stil", quiet)
    assert len(notes) == 30
    summary, patterns, _, out = _run(tmp_path, notes, period="month")
    trends = pd.read_csv(out / "trends.csv")
    shell_rows = trends[trends["community"] == "huls"]
    assert shell_rows["leren_share"].between(0, 0.13).all()
    assert shell_rows["instrumenteel_share"].between(0.44, 0.86).all()
    assert _flags(patterns, "huls") == {"lege_huls"}
    row = patterns[patterns["pattern"] == "lege_huls"].iloc[0]
    assert row["low"] > 0 and row["estimate"] >= 0.1 and "instrumenteel" in row["evidence"]
    assert "eenmalig_evenement" not in _flags(patterns, "stil")
    assert summary.period == "month"


def test_all_zero_community_is_not_estimable_and_does_not_crash(tmp_path):
    zeros = [[(8, 0, 0), (7, 0, 0)]] * 6
    _, patterns, tests, _ = _run(tmp_path, monthly("leeg", zeros), period="month")
    rows = tests[tests["community"] == "leeg"].set_index("measure")
    assert "not estimable" in rows.loc["leren_share", "model_note"]
    assert pd.isna(rows.loc["leren_share", "model_slope"])
    assert _flags(patterns, "leeg") == set()


def test_perfect_separation_in_time_is_not_estimable():
    rows = []
    for month in range(1, 7):
        for note in range(2):
            for _index in range(5):
                rows.append({"note_id": f"{month}-{note}", "community": "c", "date": f"2025-{month:02d}-0{note + 1}",
                             "labels": "reflectie" if month > 3 else "structuur"})
    outcomes = sentence_outcomes(pd.DataFrame(rows), CATEGORIES)
    fitted = fit_community(outcomes, "c")
    assert not fitted.estimable("leren") and "not estimable" in fitted.lines["leren"].reason
    assert pd.isna(slope(fitted, "leren").value)


def test_clustered_share_by_hand():
    share = clustered_share([1, 3], [10, 10])
    assert share.value == pytest.approx(0.2)
    assert share.variance == pytest.approx(2 / 1 * ((1 - 2) ** 2 + (3 - 2) ** 2) / 400)
    assert share.low < 0.2 < share.high
    zero = clustered_share([0, 0, 0], [10, 10, 10])
    assert zero.value == 0 and zero.low == 0 and 0 < zero.high < 0.15
    gap = paired_difference([5, 5], [1, 1], [10, 10])
    assert gap.value == pytest.approx(0.4)


def _identical_notes(labels: list[str], dates=("2025-01-10", "2025-02-10", "2025-03-10")) -> pd.DataFrame:
    rows = [{"note_id": f"n{number}", "community": "c", "date": date, "labels": label}
            for number, date in enumerate(dates) for label in labels]
    return sentence_outcomes(pd.DataFrame(rows), CATEGORIES)


@pytest.mark.parametrize("labels", [["structuur", "structuur", ""], ["reflectie", "structuur", "structuur", ""]])
def test_identical_notes_do_not_get_zero_width_model_intervals(labels):
    fitted = fit_community(_identical_notes(labels), "c")
    share, trend = mean_share(fitted, "instrumenteel"), slope(fitted, "instrumenteel")
    assert share.high - share.low > 0.1
    assert trend.low < 0 < trend.high and trend.p_value > 0.5


def test_clustered_share_of_zero_or_one_carries_a_variance_and_differences_get_a_p_value():
    one_note = clustered_share([4], [4])
    baseline = clustered_share([0] * 6, [4] * 6)
    assert one_note.variance > 0 and baseline.variance > 0
    test = group_difference(one_note, baseline)
    assert test.low < 1 and 0 < test.p_value < 1


def test_paired_difference_on_identical_notes_is_not_zero_width():
    same = paired_difference([2, 2, 2], [0, 0, 0], [3, 3, 3])
    assert same.low < same.value < same.high
    everything = paired_difference([9, 9, 9], [0, 0, 0], [9, 9, 9])
    assert everything.value == 1 and 0 < everything.low < 1 and 0 < everything.p_value < 0.05


@pytest.mark.slow
def test_placeholder_dates_stay_off_the_axis(tmp_path):
    notes = monthly("wijk", FLAT[:4]) + [
        {"community": "wijk", "date": "0001-01-01", "sentences": 10, "leren": 5, "instrumenteel": 0},
        {"community": "wijk", "date": "9999-12-31", "sentences": 10, "leren": 5, "instrumenteel": 0},
        {"community": "wijk", "date": "1925-03-04", "sentences": 10, "leren": 5, "instrumenteel": 0}]
    summary, _, _, out = _run(tmp_path, notes, period="month")
    trends = pd.read_csv(out / "trends.csv")
    assert trends["period"].tolist() == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert summary.notes_implausible_date == 3 and summary.notes_without_date == 3
    wide, _, _, out = _run(tmp_path, notes, period="quarter", date_range="1900-01-01:2030-01-01")
    assert wide.notes_implausible_date == 2
    assert pd.read_csv(out / "trends.csv")["period"].iloc[0] == "1925-Q1"


def _notes_every(days: int, count: int, words: int = 100) -> pd.DataFrame:
    dates = pd.date_range("2025-01-06", periods=count, freq=f"{days}D")
    return pd.DataFrame({"community": "c", "note_id": [f"n{i}" for i in range(count)], "date": dates,
                         "words": words})


@pytest.mark.parametrize(("days", "expected"), [(2, "week"), (10, "month"), (35, "quarter")])
def test_period_auto_picks_the_finest_with_enough_material(days, expected):
    choice = choose_period(_notes_every(days, 40))
    assert choice.period == expected
    assert expected in choice.reason and ">= 2 notes" in choice.reason


def test_period_auto_falls_back_to_quarter_when_nothing_is_enough():
    choice = choose_period(_notes_every(120, 6))
    assert choice.period == "quarter" and "coarsest" in choice.reason


@pytest.mark.parametrize(("p", "shown"), [(1e-9, "p < 0.001"), (0.0004, "p < 0.001"), (0.0123, "p = 0.012")])
def test_evidence_never_says_p_is_zero(p, shown):
    from leersignalen.analyse.wording import evidence_sentence

    values = {"first": "2025-01", "last": "2025-01", "spike": 0.5, "sentences": 4, "baseline": 0.1,
              "baseline_high": 0.2, "p": p, "after": 0.1}  # fmt: skip
    for lang in ("nl", "en"):
        assert shown in evidence_sentence("eenmalig_evenement", values, lang=lang)


@pytest.mark.parametrize(("value", "shown"), [(0.0, "< 0.001"), (0.00049, "< 0.001"), (0.0005, "0.001"),
                                              (0.25, "0.250"), (float("nan"), ""), (None, "")])
def test_report_tables_show_p_values_without_zero(value, shown):
    from leersignalen.analyse.wording import format_p

    assert format_p(value) == shown
