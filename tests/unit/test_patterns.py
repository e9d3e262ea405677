"""The flag rules on hand-made note groups: each fires on its own shape, its thresholds are options."""

import pandas as pd
from leersignalen.analyse.flags import find_eenmalig_evenement, find_lege_huls


def _groups(months):
    """One frame of notes per period from ``months[m] = [(sentences, leren, instrumenteel), ...]``."""
    return [pd.DataFrame([{"sentences": s, "leren_sentences": lr, "instrumenteel_sentences": i} for s, lr, i in notes])
            for notes in months]


LABELS = [f"2024-{m:02d}" for m in range(1, 13)]
SHELL = [[(10, 0, 5), (10, 1, 5)]] * 6
ONE_OFF = [[(10, 1, 2), (10, 1, 2)]] * 3 + [[(10, 6, 1), (10, 5, 1)]] + [[(10, 1, 2), (10, 1, 2)]] * 3


def test_lege_huls_covers_the_whole_span_with_its_numbers():
    [flag] = find_lege_huls(LABELS[:6], _groups(SHELL))
    assert flag["periods"] == ";".join(LABELS[:6])
    assert flag["estimate"] == 0.45 and flag["low"] > 0.3 and flag["reference"] == 0.05
    assert "50%" in flag["evidence"] and "5%" in flag["evidence"]


def test_lege_huls_needs_little_learning_and_a_clear_difference():
    assert find_lege_huls(LABELS[:6], _groups(SHELL), leren_max=0.01) == []
    assert find_lege_huls(LABELS[:6], _groups(SHELL), margin=0.5) == []
    balanced = [[(10, 3, 4), (10, 4, 3)]] * 6
    assert find_lege_huls(LABELS[:6], _groups(balanced)) == []


def test_lege_huls_window_is_at_least_half_the_span():
    months = [[(10, 5, 1), (10, 5, 1)]] * 4 + SHELL[:3]
    assert find_lege_huls(LABELS[:7], _groups(months)) == []
    months = [[(10, 5, 1), (10, 5, 1)]] * 2 + SHELL[:5]
    [flag] = find_lege_huls(LABELS[:7], _groups(months))
    assert flag["periods"].split(";") == LABELS[2:7]


def test_one_off_event_names_its_period_and_baseline():
    [flag] = find_eenmalig_evenement(LABELS[:7], _groups(ONE_OFF))
    assert flag["periods"] == "2024-04" and flag["sentences"] == 11
    assert flag["estimate"] == 0.55 and flag["reference"] == 0.1


def test_event_needs_enough_learning_sentences():
    months = [[(10, 0, 2), (10, 0, 2)]] * 4 + [[(10, 1, 2), (10, 0, 2)]] + [[(10, 0, 2), (10, 0, 2)]] * 2
    assert find_eenmalig_evenement(LABELS[:7], _groups(months)) == []
    assert find_eenmalig_evenement(LABELS[:7], _groups(ONE_OFF), min_sentences=12) == []


def test_spike_that_stays_up_is_not_one_off():
    months = ONE_OFF[:4] + [[(10, 6, 1), (10, 5, 1)]] * 3
    assert find_eenmalig_evenement(LABELS[:7], _groups(months)) == []
