"""Word and OpenDocument text: one note per file or per dated section, body only, tracked changes accepted."""

from __future__ import annotations

import copy
from datetime import date, datetime

import pytest
from leersignalen.errors import InputFileError
from leersignalen.read import read_docx, read_odt
from leersignalen.read.ingest import Record, Reject
from leersignalen.read.inputs import read_inputs

docx = pytest.importorskip("docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tracked_paragraph(document, kept: str, inserted: str, deleted: str):
    """A paragraph whose XML holds a tracked insertion (w:ins) and a tracked deletion (w:del)."""
    paragraph = document.add_paragraph(kept)
    run = paragraph.runs[0]._r
    insertion = paragraph._p.makeelement(W + "ins", {W + "id": "1", W + "author": "Ilse"})
    inserted_run = copy.deepcopy(run)
    inserted_run.find(W + "t").text = inserted
    insertion.append(inserted_run)
    deletion = paragraph._p.makeelement(W + "del", {W + "id": "2", W + "author": "Ilse"})
    deleted_run = copy.deepcopy(run)
    text = deleted_run.find(W + "t")
    text.tag = W + "delText"
    text.text = deleted
    deletion.append(deleted_run)
    paragraph._p.append(deletion)
    paragraph._p.append(insertion)
    return paragraph


def make_minutes(path, *, sections: bool = False, title: str = "Verslag werkgroep 12 maart 2025"):
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "KOPTEKST Buurtmoestuin vertrouwelijk"
    section.footer.paragraphs[0].text = "Voettekst pagina 1"
    document.add_heading(title, level=1)
    document.add_paragraph("Aanwezig: Gerda, Said en Anna.")
    document.add_paragraph("De kas is opgeruimd.", style="List Bullet")
    _tracked_paragraph(document, "We spraken af ", "dat we zelf de planning maken.", "dat de gemeente beslist.")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (("Actie", "Wie", "Wanneer"), ("Zaden bestellen", "Said", "vrijdag")),
                          strict=True):  # fmt: skip
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    if sections:
        document.add_heading("Overleg 3-4-2025", level=1)
        document.add_paragraph("Het regende, we zaten binnen.")
        document.add_paragraph("Overleg 17 april 2025")
        document.add_paragraph("Anna vertelde hoe de buren de tuin ervaren.")
    document.core_properties.created = datetime(2024, 1, 2, 9, 0)
    document.save(path)
    return path


def test_one_note_per_document_body_only_with_tracked_changes_accepted(tmp_path):
    folder = tmp_path / "notulen" / "buurtmoestuin-west"
    folder.mkdir(parents=True)
    path = make_minutes(folder / "verslag.docx")
    [note] = list(read_inputs([tmp_path / "notulen"]))
    assert isinstance(note, Record)
    assert (note.id, note.community, note.date) == ("verslag", "buurtmoestuin-west", date(2025, 3, 12))
    lines = note.text.splitlines()
    assert lines[:3] == ["Verslag werkgroep 12 maart 2025", "Aanwezig: Gerda, Said en Anna.", "- De kas is opgeruimd."]
    assert "We spraken af dat we zelf de planning maken." in lines
    assert "gemeente" not in note.text
    assert lines[-2:] == ["Actie | Wie | Wanneer", "Zaden bestellen | Said | vrijdag"]
    assert "KOPTEKST" not in note.text and "Voettekst" not in note.text
    assert note.source_file == str(path) and note.problems == []


def test_date_falls_back_to_file_name_then_core_properties(tmp_path):
    named = make_minutes(tmp_path / "2025-05-06-overleg.docx", title="Overleg werkgroep")
    [from_name] = list(read_docx(named))
    assert from_name.date == date(2025, 5, 6) and from_name.community == tmp_path.name
    plain = make_minutes(tmp_path / "overleg.docx", title="Overleg werkgroep")
    [from_properties] = list(read_docx(plain))
    assert from_properties.date == date(2024, 1, 2)
    assert "date_from_document_properties" in from_properties.problems


def test_split_on_date_gives_one_note_per_dated_section(tmp_path):
    path = make_minutes(tmp_path / "notulen.docx", sections=True)
    notes = list(read_docx(path, split_on="date"))
    assert [(n.id, n.date) for n in notes] == [
        ("notulen:1", date(2025, 3, 12)), ("notulen:2", date(2025, 4, 3)), ("notulen:3", date(2025, 4, 17)),
    ]  # fmt: skip
    assert notes[2].text == "Overleg 17 april 2025\nAnna vertelde hoe de buren de tuin ervaren."
    assert notes[1].source_line > notes[0].source_line


def test_split_on_heading_ignores_dated_paragraphs(tmp_path):
    path = make_minutes(tmp_path / "notulen.docx", sections=True)
    notes = list(read_docx(path, split_on="heading"))
    assert [n.date for n in notes] == [date(2025, 3, 12), date(2025, 4, 3)]
    assert "Overleg 17 april 2025" in notes[1].text


def test_split_without_sections_keeps_one_note_and_says_so(tmp_path):
    document = docx.Document()
    document.add_paragraph("Alleen een losse alinea zonder kopjes.")
    document.save(tmp_path / "los.docx")
    [note] = list(read_docx(tmp_path / "los.docx", split_on="heading"))
    assert "split_on_heading_found_no_sections" in note.problems


def test_empty_document_is_a_reject(tmp_path):
    docx.Document().save(tmp_path / "leeg.docx")
    [item] = list(read_docx(tmp_path / "leeg.docx"))
    assert isinstance(item, Reject) and "empty text" in item.reason


@pytest.mark.parametrize("suffix, reader", [(".docx", read_docx), (".odt", read_odt)])
def test_corrupt_document_is_a_one_line_error(tmp_path, suffix, reader):
    path = tmp_path / f"kapot{suffix}"
    path.write_bytes(b"PK\x03\x04 dit is geen echt document")
    with pytest.raises(InputFileError, match=r"^E051 .*kapot") as error:
        list(reader(path))
    assert "\n" not in str(error.value)


def test_password_protected_docx_is_e054(tmp_path):
    path = tmp_path / "geheim.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputFileError, match="^E054"):
        list(read_docx(path))


def test_odt_paragraphs_lists_tables_headings_and_tracked_changes(tmp_path):
    pytest.importorskip("odf")
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import ChangedRegion, Deletion, H, List, ListItem, P, TrackedChanges

    document = OpenDocumentText()
    changes, region, deletion = TrackedChanges(), ChangedRegion(check_grammar=False), Deletion()
    deletion.addElement(P(text="verwijderde zin die niet mag meetellen"))
    region.addElement(deletion)
    changes.addElement(region)
    document.text.addElement(changes)
    document.text.addElement(H(outlinelevel=1, text="Overleg 3-4-2025"))
    paragraph = P(text="We bespraken de tuin.")
    note = Annotation()
    note.addElement(P(text="opmerking van de redactie"))
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    bullets = List()
    item = ListItem()
    item.addElement(P(text="Said bestelt zaden."))
    bullets.addElement(item)
    document.text.addElement(bullets)
    table = Table()
    row = TableRow()
    for value in ("Actie", "Wie"):
        cell = TableCell()
        cell.addElement(P(text=value))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    document.text.addElement(H(outlinelevel=1, text="Overleg 17 april 2025"))
    document.text.addElement(P(text="Anna sprak met de buren."))
    document.save(str(tmp_path / "tuin.odt"))
    notes = list(read_odt(tmp_path / "tuin.odt", split_on="heading"))
    assert [n.date for n in notes] == [date(2025, 4, 3), date(2025, 4, 17)]
    assert notes[0].text.splitlines() == ["Overleg 3-4-2025", "We bespraken de tuin.", "- Said bestelt zaden.",
                                          "Actie | Wie"]  # fmt: skip


@pytest.mark.parametrize("module, suffix", [("docx", ".docx"), ("openpyxl", ".xlsx"), ("pdfminer.high_level", ".pdf")])
def test_missing_optional_library_names_the_extra(tmp_path, monkeypatch, module, suffix):
    monkeypatch.setitem(__import__("sys").modules, module, None)
    path = tmp_path / f"notitie{suffix}"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputFileError, match=r"^E050 .*pip install 'leersignalen\[formats\]'"):
        list(read_inputs([path]))


def test_unknown_split_mode_is_refused(tmp_path):
    with pytest.raises(InputFileError, match="^E055"):
        list(read_inputs([tmp_path], split_on="alinea"))


def test_split_document_with_one_section_keeps_the_file_stem_as_id(tmp_path):
    [note] = list(read_docx(make_minutes(tmp_path / "verslag.docx"), split_on="date"))
    assert (note.id, note.date) == ("verslag", date(2025, 3, 12))
