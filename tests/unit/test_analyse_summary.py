"""The summary printed at the end of a run: the same layout as pandas' to_string, without importing pandas."""

import csv

import pandas as pd
import pytest
from leersignalen.analyse.summary import format_summary, summary_rows
from leersignalen.output.folder import count_columns


def pandas_summary(path) -> str:
    notes = pd.read_csv(path, dtype=str, keep_default_na=False)
    columns = count_columns()
    notes[columns] = notes[columns].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    table = notes.groupby("community")[columns].sum()
    table.insert(0, "notes", notes.groupby("community").size())
    table.columns = [c.removesuffix("_sentences") for c in table.columns]
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        return table.to_string()


@pytest.mark.parametrize("communities", [["a"], ["wijkteam Noord", "b", "wijkteam Noord", "energiecoöperatie Zon"],
                                         ["x" * 30, "kort"]])
def test_the_summary_is_laid_out_as_pandas_did(tmp_path, communities):
    columns = count_columns()
    with (tmp_path / "notes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["note_id", "community", *columns])
        for number, community in enumerate(communities):
            writer.writerow([f"n{number}", community, *(str(number * 7 + i * 13) for i in range(len(columns)))])
    assert format_summary(*summary_rows(tmp_path)) == pandas_summary(tmp_path / "notes.csv")


def test_cells_that_are_not_counts_count_as_zero(tmp_path):
    columns = count_columns()
    (tmp_path / "notes.csv").write_text("note_id,community," + ",".join(columns) + "\n"
                                        + "n1,a," + ",".join(["x", "2.0"] + ["1"] * (len(columns) - 2)) + "\n",
                                        encoding="utf-8")  # fmt: skip
    names, totals = summary_rows(tmp_path)
    assert names[:3] == ["notes", "sentences", "words"]
    assert totals["a"][:3] == [1, 0, 2]
