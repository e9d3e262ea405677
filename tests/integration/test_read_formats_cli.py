"""`leersignalen run` on a Word document and a workbook: --split-on and --sheet reach the readers and the manifest."""

from __future__ import annotations

import csv
import json
from datetime import datetime

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")


def test_run_splits_documents_and_reads_one_sheet(tmp_path):
    document = docx.Document()
    for day in ("Overleg 3 maart 2025", "Overleg 7 april 2025"):
        document.add_paragraph(day)
        document.add_paragraph("We hebben zelf de planning gemaakt.")
    document.save(tmp_path / "notulen.docx")
    workbook = openpyxl.Workbook()
    workbook.active.title = "Leeg"
    workbook.create_sheet("Log").append(["datum", "tekst"])
    workbook["Log"].append([datetime(2025, 5, 1), "Achteraf gezien ging het goed."])
    workbook.save(tmp_path / "log.xlsx")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "notulen.docx"), str(tmp_path / "log.xlsx"), "--out",
                                      str(out), "--model", "blank", "--split-on", "date", "--sheet", "Log",
                                      "--quiet", "--no-trends"])  # fmt: skip
    assert result.exit_code == 0, result.output
    with open(out / "notes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["note_id"], row["date"]) for row in rows] == [
        ("notulen:1", "2025-03-03"), ("notulen:2", "2025-04-07"), ("log:2", "2025-05-01"),
    ]  # fmt: skip
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["options"]["split_on"], manifest["options"]["sheet"]) == ("date", "Log")
    assert manifest["counts"]["records_in"] == 3


def test_run_on_a_scanned_pdf_exits_2_with_one_line(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    document = fpdf.FPDF()
    document.add_page()
    document.output(str(tmp_path / "scan.pdf"))
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "scan.pdf"), "--out", str(tmp_path / "out"),
                                      "--model", "blank", "--quiet"])  # fmt: skip
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: E052") and len(result.output.strip().splitlines()) == 1
