"""Trends per community and period, the CSV safety helpers and the ``trends`` command."""

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from leersignalen.analyse.trends import (
    AnalysisInputError,
    compute_trends,
    count_columns,
    load_notes,
    period_label,
    read_trends,
    write_trends,
)
from leersignalen.categories import load_categories
from leersignalen.cli.main import cli
from leersignalen.output.cells import dialect_for, neutralise, read_csv_rows, unneutralise, write_csv

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "tagged_small"
CATEGORIES = load_categories()


@pytest.fixture
def out_dir(tmp_path):
    target = tmp_path / "out"
    shutil.copytree(FIXTURE, target)
    return target


def _note(note_id, date, *, community="wijk", words=100, sentences=10, leren=0, instrumenteel=0, **coded):
    row = {"note_id": note_id, "community": community, "date": pd.Timestamp(date) if date else pd.NaT,
           "sentences": sentences, "words": words, "leren_sentences": leren,
           "instrumenteel_sentences": instrumenteel}
    row.update({f"{c.id}_sentences": coded.get(c.id, 0) for c in CATEGORIES})
    return row


def _frame(rows):
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("day", "period", "label"), [
    ("2024-12-30", "week", "2025-W01"),
    ("2021-01-03", "week", "2020-W53"),
    ("2025-04-02", "week", "2025-W14"),
    ("2025-03-31", "month", "2025-03"),
    ("2025-03-31", "quarter", "2025-Q1"),
    ("2025-10-01", "quarter", "2025-Q4"),
])
def test_period_labels(day, period, label):
    assert period_label(day, period) == label


def test_rates_shares_and_balance_are_ratios_of_sums():
    notes = _frame([
        _note("a", "2025-03-03", words=300, sentences=20, reflectie=3, structuur=2, leren=4, instrumenteel=2),
        _note("b", "2025-03-20", words=100, sentences=5, reflectie=1, leren=1, instrumenteel=3, structuur=3),
    ])
    row = compute_trends(notes, categories=CATEGORIES, min_notes=1, min_words=1, n_boot=200).iloc[0]
    assert (row["notes"], row["sentences"], row["words"]) == (2, 25, 400)
    assert row["reflectie_per_1000w"] == pytest.approx(1000 * 4 / 400)
    assert row["structuur_share"] == pytest.approx(5 / 25)
    assert row["leren_share"] == pytest.approx(5 / 25)
    assert row["balance"] == pytest.approx((5 - 5) / 10)
    assert row["reflectie_per_1000w_low"] <= row["reflectie_per_1000w"] <= row["reflectie_per_1000w_high"]
    assert row["warning"] == ""


def test_empty_periods_are_rows_with_warning_and_small_periods_are_flagged():
    notes = _frame([_note(f"j{i}", "2025-01-10", words=200) for i in range(5)]
                   + [_note("m1", "2025-03-05", words=50)])
    table = compute_trends(notes, categories=CATEGORIES, n_boot=50)
    assert table["period"].tolist() == ["2025-01", "2025-02", "2025-03"]
    assert table["warning"].tolist() == ["", "no_notes", "few_notes;few_words"]
    gap = table.iloc[1]
    assert gap["notes"] == 0 and gap["balance"] is None and gap["reflectie_per_1000w"] is None


def test_balance_is_empty_without_labels_and_undated_notes_are_left_out():
    notes = _frame([_note("a", "2025-05-01"), _note("b", None, leren=5, reflectie=5)])
    table = compute_trends(notes, categories=CATEGORIES, min_notes=1, min_words=1, n_boot=20)
    assert len(table) == 1 and table.iloc[0]["notes"] == 1
    assert table.iloc[0]["balance"] is None


def test_bootstrap_depends_on_seed_but_not_on_other_communities():
    rows = [_note(f"n{i}", f"2025-02-{i + 1:02d}", words=100 + 37 * i, reflectie=i % 3, leren=i % 4)
            for i in range(12)]
    other = [_note("x", "2025-02-01", community="ander", reflectie=2, leren=2)]
    base = compute_trends(_frame(rows), categories=CATEGORIES, seed=1, n_boot=300)
    same = compute_trends(_frame(rows + other), categories=CATEGORIES, seed=1, n_boot=300)
    reseeded = compute_trends(_frame(rows), categories=CATEGORIES, seed=2, n_boot=300)
    columns = ["reflectie_per_1000w_low", "reflectie_per_1000w_high", "leren_share_low", "balance_high"]
    assert base[columns].iloc[0].tolist() == same[same["community"] == "wijk"][columns].iloc[0].tolist()
    assert base[columns].iloc[0].tolist() != reseeded[columns].iloc[0].tolist()
    assert base["reflectie_per_1000w"].tolist() == reseeded["reflectie_per_1000w"].tolist()


def test_write_trends_files_are_byte_identical_on_rerun(out_dir):
    summary = write_trends(out_dir, min_notes=1, min_words=1, n_boot=200)
    first = {name: (out_dir / name).read_bytes() for name in summary.files}
    write_trends(out_dir, min_notes=1, min_words=1, n_boot=200)
    assert {name: (out_dir / name).read_bytes() for name in summary.files} == first
    assert summary.notes_without_date == 1 and summary.notes_in == 13
    assert "trends_by_role.csv" in summary.files and "trends_by_author.csv" in summary.files
    assert first["trends.csv"].endswith(b"\n") and b"\r" not in first["trends.csv"]


def test_columns_follow_the_categories_file(out_dir):
    write_trends(out_dir, min_notes=1, min_words=1, n_boot=20)
    columns = read_trends(out_dir).columns.tolist()
    assert columns[:6] == ["community", "period", "period_start", "notes", "sentences", "words"]
    for category in CATEGORIES:
        block = [f"{category.id}_{suffix}" for suffix in ("sentences", "per_1000w", "per_1000w_low",
                                                          "per_1000w_high", "share", "share_low", "share_high")]
        start = columns.index(block[0])
        assert columns[start:start + 7] == block
    model = columns.index("leren_share_ci_low")
    assert columns[model - 3:model] == ["balance", "balance_low", "balance_high"]
    assert columns[-4:] == ["difference_model", "difference_model_low", "difference_model_high", "warning"]


def test_trend_tests_skip_periods_with_a_warning(out_dir):
    write_trends(out_dir, min_notes=1, min_words=1, n_boot=20)
    tests = pd.read_csv(out_dir / "trend_tests.csv", keep_default_na=False)
    noord = tests[(tests["community"] == "wijkteam-noord") & (tests["measure"] == "balance")].iloc[0]
    trends = read_trends(out_dir)
    usable = trends[(trends["community"] == "wijkteam-noord") & (trends["warning"] == "")]
    assert int(noord["periods"]) == len(usable) == 5
    zuid = tests[(tests["community"] == "leeratelier-zuid") & (tests["measure"] != "difference")]
    assert set(zuid["test"]) == {""} and zuid["note"].str.contains("too few").all()
    expected = {f"{c.id}_per_1000w" for c in CATEGORIES} | {"leren_share", "instrumenteel_share", "balance",
                                                          "difference"}
    assert set(tests["measure"]) == expected


def test_recompute_with_another_period(out_dir):
    write_trends(out_dir, period="month", n_boot=20)
    months = len(read_trends(out_dir))
    write_trends(out_dir, period="week", n_boot=20)
    weeks = read_trends(out_dir)
    assert len(weeks) > months and weeks["period"].str.match(r"^\d{4}-W\d{2}$").all()


def test_missing_notes_file_is_reported(tmp_path):
    with pytest.raises(AnalysisInputError, match=r"E040 .*notes\.csv"):
        write_trends(tmp_path)


def test_bad_date_names_file_and_line(out_dir):
    text = (out_dir / "notes.csv").read_text(encoding="utf-8").replace("2025-02-05", "5 februari", 1)
    (out_dir / "notes.csv").write_text(text, encoding="utf-8")
    with pytest.raises(AnalysisInputError, match=r"notes\.csv:4: date '5 februari'"):
        load_notes(out_dir, categories=CATEGORIES)


def test_missing_count_column_is_reported(out_dir):
    notes = pd.read_csv(out_dir / "notes.csv", dtype=str, keep_default_na=False).drop(columns=["schuring_sentences"])
    notes.to_csv(out_dir / "notes.csv", index=False)
    with pytest.raises(AnalysisInputError, match="schuring_sentences"):
        load_notes(out_dir, categories=CATEGORIES)


def test_count_columns_order():
    columns = count_columns(CATEGORIES)
    assert columns[:2] == ["sentences", "words"] and columns[-2:] == ["leren_sentences", "instrumenteel_sentences"]


@pytest.mark.parametrize("value", ["=SUM(A1)", "+31 6 123", "-- kopje", "@team", "\tx", "'=already", "''-x"])
def test_neutralise_guards_formulas_and_round_trips(value):
    guarded = neutralise(value)
    assert guarded.startswith("'")
    assert unneutralise(guarded) == value


@pytest.mark.parametrize("value", ["-0.25", "+3", "1e-4", "gewoon tekst", "'quote", ""])
def test_neutralise_leaves_numbers_and_text_alone(value):
    assert neutralise(value) == value
    assert unneutralise(value) == value


def test_write_csv_is_deterministic_and_neutralised(tmp_path):
    rows = [{"text": "=1+1", "value": -0.0, "flag": True, "missing": None}, ("x", 0.125, False, float("nan"))]
    path = tmp_path / "t.csv"
    write_csv(path, rows, ["text", "value", "flag", "missing"])
    assert path.read_bytes() == b"text,value,flag,missing\n'=1+1,0.0,true,\nx,0.125,false,\n"
    assert read_csv_rows(path)[1][0]["text"] == "=1+1"


def test_write_csv_tsv_has_no_quotes_and_no_breaks_inside_a_cell(tmp_path):
    path = tmp_path / "t.TSV"
    write_csv(path, [{"text": 'zei "ja",\tdan\nnee', "n": 1}], ["text", "n"], dialect=dialect_for(path))
    assert path.read_bytes() == b'text\tn\nzei "ja", dan nee\t1\n'
    assert dialect_for(tmp_path / "t.csv") == "plain"


def test_trends_writes_files(out_dir):
    result = CliRunner().invoke(cli, ["trends", str(out_dir), "--period", "quarter", "--min-notes", "1",
                                                 "--resamples", "50"])
    assert result.exit_code == 0, result.output
    assert "without" in result.output or "no date" in result.output
    assert read_trends(out_dir)["period"].str.contains("-Q").all()
    assert (out_dir / "patterns.csv").is_file()


def test_trends_quiet_and_missing_notes(tmp_path, out_dir):
    quiet = CliRunner().invoke(cli, ["trends", str(out_dir), "-q", "--resamples", "10"])
    assert quiet.exit_code == 0 and quiet.output == ""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["trends", str(empty)])
    assert result.exit_code == 2
    assert "notes.csv" in result.output and len(result.output.strip().splitlines()) == 1
