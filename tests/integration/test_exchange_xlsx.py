"""export xlsx (typed string cells, frozen header, autofilter, streaming), run --csv-dialect, spaCy to_disk."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli
from leersignalen.exchange import ExchangeError
from leersignalen.exchange.xlsx_export import export_xlsx
from leersignalen.output.cells import CSV_DIALECTS, read_csv_rows

openpyxl = pytest.importorskip("openpyxl")

SENTENCE_HEADER = ["note_id", "community", "date", "sentence_index", "start_char", "end_char", "text", "labels"]


def fake_run(folder: Path, sentences: int) -> Path:
    """A run folder with ``sentences`` sentence rows, written as `run` writes them (neutralised cells)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "notes.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([["note_id", "community", "words"], ["007", "wt", "12"]])
    with open(folder / "sentences.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SENTENCE_HEADER)
        writer.writerow(["007", "wt", "2025-01-02", "0", "0", "8", "'=SUM(A1)", "structuur"])
        writer.writerow(["007", "wt", "2025-01-02", "1", "9", "20", "'- Actie: Piet", ""])
        for index in range(2, sentences):
            writer.writerow(["007", "wt", "2025-01-02", str(index), "0", "5", f"zin {index}", ""])
    with open(folder / "signals.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(["note_id", "sentence_index", "rule_id", "negated"])
    return folder


def test_workbook_has_typed_strings_frozen_header_and_filter(tmp_path):
    counts = export_xlsx(fake_run(tmp_path / "run", 50), tmp_path / "out.xlsx")
    assert counts == {"notes": 1, "sentences": 50, "signals": 0, "trends": 0, "flags": 0}
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["notes", "sentences", "signals", "trends", "flags"]
    sheet = book["sentences"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H51"
    assert sheet.column_dimensions["G"].width >= 10
    formula, bullet = sheet["G2"], sheet["G3"]
    assert (formula.value, formula.data_type) == ("=SUM(A1)", "s")
    assert bullet.value == "- Actie: Piet"
    assert sheet["D3"].value == 1 and sheet["A2"].value == "007"
    assert book["notes"]["A2"].value == "007" and book["notes"]["C2"].value == 12
    assert "not found" in book["trends"]["A1"].value


def test_missing_run_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(ExchangeError, match="E065"):
        export_xlsx(tmp_path, tmp_path / "x.xlsx")


@pytest.mark.slow
def test_200000_rows_stream_with_little_memory(tmp_path):
    import subprocess
    import sys

    run = fake_run(tmp_path / "run", 200_000)
    target = tmp_path / "big.xlsx"
    # VmHWM is the peak of this process's own memory since exec; ru_maxrss would carry the parent's peak over.
    code = ("from leersignalen.exchange.xlsx_export import export_xlsx; "
            f"export_xlsx({str(run)!r}, {str(target)!r}); "
            "print([line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')][0])")
    finished = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    peak_mib = int(finished.stdout.split()[-1]) / 1024
    assert peak_mib < 250
    sheet = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True)["sentences"]
    last = list(sheet.iter_rows(min_row=200_001, max_row=200_001, values_only=True))[0]
    assert last[3] == 199_999 and last[6] == "zin 199999"


@pytest.mark.slow
def test_run_excel_nl_dialect_is_read_back(tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("id,community,date,text\na1,wt,2025-01-02,\"De agenda is rondgestuurd; we lopen achter.\"\n"
                     "a2,wt,2025-02-03,- Actie: Piet maakt het eindrapport.\n", encoding="utf-8")
    runner = CliRunner()
    outs = {}
    for dialect in CSV_DIALECTS:
        out = tmp_path / dialect
        result = runner.invoke(cli, ["run", str(notes), "--out", str(out), "--model", "blank", "-q",
                                     "--csv-dialect", dialect, "--min-notes", "1"])
        assert result.exit_code == 0, result.output
        outs[dialect] = out
    raw = (outs["excel-nl"] / "sentences.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfnote_id;community;")
    assert (outs["excel-nl"] / "trends.csv").read_bytes().startswith(b"\xef\xbb\xbfcommunity;")
    assert (outs["plain"] / "sentences.csv").read_bytes().startswith(b"note_id,community,")
    for name in ("sentences.csv", "signals.csv", "notes.csv", "trends.csv"):
        assert read_csv_rows(outs["plain"] / name) == read_csv_rows(outs["excel-nl"] / name)
    assert runner.invoke(cli, ["summary", str(outs["excel-nl"])]).exit_code == 0
    export_xlsx(outs["excel-nl"], tmp_path / "nl.xlsx")
    assert openpyxl.load_workbook(tmp_path / "nl.xlsx")["sentences"]["G2"].value.startswith("De agenda")


@pytest.mark.slow
def test_spacy_round_trip_without_the_lexicon_folder(tmp_path):
    import spacy
    from leersignalen.categories import LEXICON_DIR
    from leersignalen.tag.pipeline import build_pipeline

    shutil.copytree(LEXICON_DIR, tmp_path / "lexicon")
    nlp, _ = build_pipeline("blank", lexicon_dir=str(tmp_path / "lexicon"))
    texts = ["We waren het oneens over de aanpak.", "Er was geen ruimte voor reflectie.",
             "De deadline is vrijdag en de agenda volgt."]
    before = [[(s.rule_id, s.negated) for s in doc._.ls_signals] for doc in nlp.pipe(texts)]
    nlp.to_disk(tmp_path / "saved")
    shutil.rmtree(tmp_path / "lexicon")
    loaded = spacy.load(tmp_path / "saved")
    after = [[(s.rule_id, s.negated) for s in doc._.ls_signals] for doc in loaded.pipe(texts)]
    assert after == before and all(before)
    assert (tmp_path / "saved" / "leersignalen" / "negation.tsv").is_file()
