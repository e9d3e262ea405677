"""PDF (text layer, running headers, page numbers, hyphenation, scans) and HTML (visible text, blocks)."""

from __future__ import annotations

from datetime import date

import pytest
from leersignalen.errors import InputFileError
from leersignalen.read import read_html, read_pdf
from leersignalen.read.html import html_lines
from leersignalen.read.ingest import Record
from leersignalen.read.inputs import read_inputs

fpdf = pytest.importorskip("fpdf")
pytest.importorskip("pdfminer")

PAGES = [
    ["Verslag 3 maart 2025", "De samen-", "werking met de school verliep goed.", "Gasten uit Noord-",
     "Brabant vertelden over hun aanpak."],
    ["We spraken over de ver-", "deling van de taken.", "Overleg 17 april 2025", "Anna had koffie mee."],
    ["De subsidie is aan-", "gevraagd bij de gemeente."],
]  # fmt: skip


def make_pdf(path, pages=PAGES, *, text: bool = True):
    document = fpdf.FPDF(format="A4")
    document.set_font("Helvetica", size=11)
    for number, lines in enumerate(pages, start=1):
        document.add_page()
        if not text:
            document.rect(20, 20, 100, 60, style="F")
            continue
        document.text(20, 12, "Leeratelier Zorg - intern verslag")
        for index, line in enumerate(lines):
            document.text(20, 40 + index * 5, line)
        document.text(100, 287, str(number))
    document.output(str(path))
    return path


def test_pdf_text_without_running_lines_and_with_words_rejoined(tmp_path):
    [note] = list(read_pdf(make_pdf(tmp_path / "verslag.pdf")))
    assert isinstance(note, Record) and note.date == date(2025, 3, 3)
    assert "Leeratelier Zorg - intern" not in note.text
    assert "samenwerking met de school" in note.text
    assert "Noord-Brabant vertelden" in note.text
    assert "verdeling van de taken" in note.text and "aangevraagd bij" in note.text
    assert not any(line.strip().isdigit() for line in note.text.splitlines())


def test_pdf_split_on_date(tmp_path):
    notes = list(read_pdf(make_pdf(tmp_path / "verslag.pdf"), split_on="date"))
    assert [n.date for n in notes] == [date(2025, 3, 3), date(2025, 4, 17)]
    assert notes[1].text.startswith("Overleg 17 april 2025")


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", text=False)
    with pytest.raises(InputFileError, match=r"^E052 .*scan\.pdf.*OCR") as error:
        list(read_inputs([path]))
    assert "\n" not in str(error.value)


def test_corrupt_pdf_is_a_one_line_error(tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.4\n dit is afgebroken")
    with pytest.raises(InputFileError, match=r"^E051 .*kapot\.pdf") as error:
        list(read_pdf(path))
    assert "\n" not in str(error.value)


PAGE = """<!DOCTYPE html><html><head><title>Overleg 8 mei 2025</title><style>p {color: red}</style>
<script>var geheim = "niet tonen";</script></head>
<body><h1>Teams-verslag</h1><p>De buurt   kwam
langs.<br>Daarna soep.</p><div hidden>verborgen tekst</div><span style="display: none">ook verborgen</span>
<ul><li>Said belt de gemeente.</li><li>Anna &amp; Bram maken de flyer.</li></ul>
<table><tr><th>Actie</th><th>Wie</th></tr><tr><td>Flyer</td><td>Anna</td></tr></table>
<h2>Overleg 22 mei 2025</h2><p>Kort overleg.</p></body></html>"""


def test_html_visible_text_as_lines():
    lines, title = html_lines(PAGE)
    assert title == "Overleg 8 mei 2025"
    assert [line.text for line in lines] == [
        "Teams-verslag", "De buurt kwam langs.", "Daarna soep.", "- Said belt de gemeente.",
        "- Anna & Bram maken de flyer.", "Actie | Wie", "Flyer | Anna", "Overleg 22 mei 2025", "Kort overleg.",
    ]  # fmt: skip
    assert [line.heading for line in lines].count(True) == 2


def test_html_note_dated_from_title_and_split_on_heading(tmp_path):
    folder = tmp_path / "wiki" / "buurtteam"
    folder.mkdir(parents=True)
    (folder / "pagina.htm").write_text(PAGE, encoding="utf-8")
    [note] = list(read_inputs([tmp_path / "wiki"]))
    assert (note.date, note.community) == (date(2025, 5, 8), "buurtteam")
    assert "geheim" not in note.text and "verborgen" not in note.text
    sections = list(read_html(folder / "pagina.htm", split_on="heading"))
    assert [s.date for s in sections] == [date(2025, 5, 8), date(2025, 5, 22)]
    assert "section_date_from_document" in sections[0].problems


def test_binary_html_is_a_one_line_error(tmp_path):
    path = tmp_path / "kapot.html"
    path.write_bytes(b"\x00\x01\x02binary" * 50)
    with pytest.raises(InputFileError, match=r"^E051 .*kapot\.html"):
        list(read_html(path))
