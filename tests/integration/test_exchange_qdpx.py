"""export qdpx / import qdpx: schema-valid projects, exact selections, the real vendor samples, safety, round trip."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.agreement.gold import read_gold
from leersignalen.agreement.pairing import load_tagged_output, pair_with_output
from leersignalen.cli.main import cli
from leersignalen.exchange import ExchangeError
from leersignalen.exchange.qdpx_export import code_guid, export_qdpx
from leersignalen.exchange.qdpx_import import GOLD_TABLES, gold_rows, import_qdpx
from leersignalen.exchange.qdpx_read import read_project
from leersignalen.output.cells import read_csv_rows, write_csv
from leersignalen.run.batch import RunOptions, run_pipeline
from leersignalen.tag.pipeline import build_pipeline

REPO = Path(__file__).resolve().parents[2]
REFI = REPO.parent / "shared" / "refi-qda"
XSD = REFI / "Project-mrt2019.xsd"
NVIVO = REFI / "samples" / "nvivo-12.6_oltas0517.qdpx"
ATLAS = REFI / "samples" / "atlasti-8.4_standard-project.qde"

NOTES = [
    ("n1", "wijkteam", "2025-01-08", "Anouk", "coordinator",
     "Koffie stond klaar.\nDe agenda en de notulen zijn rondgestuurd.\n\n- Actie: Piet maakt het eindrapport."),
    ("n2", "wijkteam", "2025-02-03", "Bram", "bewoner",
     "We waren het oneens over de aanpak. Achteraf gezien had ik eerst moeten luisteren. 😀 Mooi!"),
    ("n3", "energie", "2025-03-04", "Cem", "",
     "Er was geen ruimte voor reflectie.\nDe deadline is uiterlijk 1 maart.\nWij pakken dit zelf op."),
    ("n4", "energie", "2025-03-18", "", "",
     "Vanuit bewoners gezien is het plan te snel gegaan. Het thema was eenzaamheid."),
]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exchange_run")
    notes = folder / "notes_in.csv"
    with open(notes, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "community", "date", "author", "role", "text"])
        writer.writerows(NOTES)
    out = folder / "out"
    run_pipeline(RunOptions(inputs=[notes], out=out, model="blank"), nlp_and_info=build_pipeline("blank"))
    return out


@pytest.fixture(scope="module")
def project(run_dir, tmp_path_factory) -> Path:
    return export_qdpx(run_dir, tmp_path_factory.mktemp("exchange_qdpx") / "run.qdpx").path


def sentence_rows(run_dir: Path) -> list[dict[str, str]]:
    return read_csv_rows(run_dir / "sentences.csv")[1]


def test_export_validates_against_the_refi_qda_schema(project):
    if not XSD.is_file():
        pytest.skip(f"REFI-QDA schema not found at {XSD}")
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(zipfile.ZipFile(project).read("project.qde"))
    assert schema.validate(document), schema.error_log


def test_pyrefiqda_reads_every_selection_as_its_sentence(project, run_dir, tmp_path):
    refi = pytest.importorskip("pyrefiqda")
    loaded = refi.RefiProject.load(project, extract_dir=str(tmp_path / "unpacked"))
    coded = {(row["note_id"], row["text"], label) for row in sentence_rows(run_dir)
             for label in row["labels"].split(";") if label}
    names = {code_guid(label): label for _, _, label in coded}
    found = set()
    for source in loaded.sources.text_source:
        path = refi.RefiProject.resolve_source_path(source.plain_text_path, tmp_path / "unpacked")
        text = Path(path).read_text(encoding="utf-8")
        for selection in source.plain_text_selection:
            piece = text[selection.start_position : selection.end_position]
            found.add((source.name, piece, names[selection.coding[0].code_ref.target_guid]))
    assert coded and found == coded


def test_export_is_deterministic_and_subsets(run_dir, tmp_path):
    first = export_qdpx(run_dir, tmp_path / "a.qdpx")
    second = export_qdpx(run_dir, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    assert first.sources == 4
    assert export_qdpx(run_dir, tmp_path / "c.qdpx", community="energie").sources == 2
    assert export_qdpx(run_dir, tmp_path / "d.qdpx", sample=3).sources == 3 == second.sources - 1
    with pytest.raises(ExchangeError, match="E066"):
        export_qdpx(run_dir, tmp_path / "e.qdpx", community="nergens")


def test_negated_matches_are_notes_not_codings(project, run_dir):
    read = read_project(project)
    source = next(s for s in read.sources if s.name == "n3")
    coded_texts = {source.text[s.start : s.end] for s in source.selections}
    assert "Er was geen ruimte voor reflectie." not in coded_texts
    assert "ontkend" in zipfile.ZipFile(project).read("project.qde").decode("utf-8")


@pytest.mark.slow
def test_round_trip_gives_perfect_agreement(project, run_dir, tmp_path):
    gold = read_gold(project, tables=GOLD_TABLES)
    pairs = pair_with_output(gold, load_tagged_output(run_dir))
    assert len(pairs) == len(sentence_rows(run_dir))
    assert all(pair.gold == pair.other for pair in pairs)
    assert any(pair.gold for pair in pairs)
    result = CliRunner().invoke(cli, ["validate", "--gold", str(project), "--pred", str(run_dir),
                                      "--out", str(tmp_path / "v"), "--resamples", "10"])
    assert result.exit_code == 0, result.output
    assert "macro F1" in result.output and "1.000" in result.output


@pytest.mark.slow
def test_nvivo_sample_imports_with_utf16_offsets(tmp_path):
    if not NVIVO.is_file():
        pytest.skip(f"NVivo sample not found at {NVIVO}")
    read = read_project(NVIVO)
    coded = [s for s in read.sources if s.selections]
    assert [s.offset_unit for s in coded] == ["UTF-16 units"]
    text = coded[0].text
    assert "\r" not in text and not text.startswith("\ufeff")
    clean = sum(1 for s in coded[0].selections if not text[s.start].isspace() and not text[s.end - 1].isspace())
    assert clean == 299
    with pytest.raises(ExchangeError, match=r"E064 .*76 code name\(s\)") as error:
        gold_rows(read, splitter=lambda text: [])
    assert "\n" not in str(error.value)
    used = sorted({g for s in coded for sel in s.selections for g in sel.code_guids})
    mapping = {read.codes[guid]: ("schuring" if i % 2 else "neutral") for i, guid in enumerate(used)}
    assert any(name.startswith("+") for name in mapping)
    mapping_csv = tmp_path / "map.csv"
    template_run = CliRunner().invoke(cli, ["import", "qdpx", str(NVIVO), "--mapping-template", str(mapping_csv)])
    assert template_run.exit_code == 0, template_run.output
    template = read_csv_rows(mapping_csv)[1]
    assert len(template) == 152
    write_csv(mapping_csv, [(row["code"], mapping.get(row["code"], "neutral")) for row in template],
              ("code", "category"))
    result = CliRunner().invoke(cli, ["import", "qdpx", str(NVIVO), "--out", str(tmp_path / "g.csv"),
                                      "--mapping", str(mapping_csv), "--model", "blank"])
    assert result.exit_code == 0, result.output
    rows = read_csv_rows(tmp_path / "g.csv")[1]
    assert {row["labels"] for row in rows} == {"", "schuring"}
    assert all(row["note_id"] == "videos_10_selected" for row in rows)


def test_atlas_qde_without_sources_names_its_codes():
    if not ATLAS.is_file():
        pytest.skip(f"ATLAS.ti sample not found at {ATLAS}")
    result = CliRunner().invoke(cli, ["import", "qdpx", str(ATLAS), "--out", "unused.csv"])
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith("Error: E063") and "\n" not in line
    assert "14 code(s)" in line and "Coke::diet Coke" in line


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


MINIMAL = (b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
           b'<TextSource guid="11111111-1111-1111-1111-111111111111" name="s" plainTextPath="internal://s.txt"/>'
           b"</Sources></Project>")


@pytest.mark.parametrize(("members", "code"), [
    ({"project.qde": MINIMAL, "../evil.txt": b"x"}, "E061"),
    ({"project.qde": MINIMAL, "/etc/evil.txt": b"x"}, "E061"),
    ({"notes.txt": b"no project"}, "E060"),
    ({"project.qde": b"<Project>"}, "E060"),
    ({"project.qde": b'<?xml version="1.0"?><html/>'}, "E060"),
    ({"project.qde": b'<!DOCTYPE p [<!ENTITY a "aaaa">]><Project xmlns="urn:QDA-XML:project:1.0">&a;</Project>'},
     "E067"),
])  # fmt: skip
def test_unsafe_or_foreign_archives_give_one_line_errors(tmp_path, members, code):
    with pytest.raises(ExchangeError, match=code) as error:
        read_project(_zip(tmp_path / "p.qdpx", members))
    assert "\n" not in str(error.value)


def test_zip_bomb_limit(tmp_path, monkeypatch):
    import leersignalen.exchange.qdpx_read as qdpx_read

    monkeypatch.setattr(qdpx_read, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(ExchangeError, match="E062"):
        read_project(_zip(tmp_path / "p.qdpx", {"project.qde": MINIMAL, "s.txt": b"a" * 5000}))


@pytest.mark.slow
def test_crlf_bom_and_overlap_rule(tmp_path):
    text = "\ufeffEerste zin hier.\r\nTweede zin.\r\nDerde zin is wat langer."
    plain = text[1:]
    start = plain.index("Tweede")
    qde = MINIMAL.replace(b"/>", b"><PlainTextSelection guid='22222222-2222-2222-2222-222222222222' "
                          b"startPosition='%d' endPosition='%d'><Coding guid='33333333-3333-3333-3333-333333333333'>"
                          b"<CodeRef targetGUID='44444444-4444-4444-4444-444444444444'/></Coding>"
                          b"</PlainTextSelection></TextSource>" % (start + 3, start + 8), 1)
    qde = qde.replace(b"<Sources>", b"<CodeBook><Codes><Code guid='44444444-4444-4444-4444-444444444444' "
                      b"name='Tijdsdruk' isCodable='true'/></Codes></CodeBook><Sources>")
    path = _zip(tmp_path / "p.qdpx", {"project.qde": qde, "Sources/s.txt": text.encode("utf-8")})
    result = import_qdpx(path, tmp_path / "g.csv", mapping={"Tijdsdruk": "deadlines"}, model="blank")
    assert [(row["text"], row["labels"]) for row in result.rows] == [
        ("Eerste zin hier.", ""), ("Tweede zin.", "deadlines"), ("Derde zin is wat langer.", "")]


def _selected(start: str, end: str) -> bytes:
    return MINIMAL.replace(b"/>", b"><PlainTextSelection guid='22222222-2222-2222-2222-222222222222' "
                           b"startPosition='%s' endPosition='%s'/></TextSource>" % (start.encode(), end.encode()), 1)


@pytest.mark.parametrize(("start", "end", "problem"), [
    ("-5", "3", "-5-3 in source 's': positions are 0 or more, the end not before the start"),
    ("8", "2", "8-2 in source 's': positions are 0 or more, the end not before the start"),
    ("0", "99999999999", "0-99999999999 in source 's': past the end of its text (11 characters)"),
])  # fmt: skip
def test_a_selection_outside_its_text_is_one_line_e060(tmp_path, start, end, problem):
    path = _zip(tmp_path / "p.qdpx", {"project.qde": _selected(start, end), "sources/s.txt": b"Eerste zin."})
    with pytest.raises(ExchangeError) as error:
        read_project(path)
    assert str(error.value) == (f"E060 {path}: a selection has a bad position ({problem}); export the project again "
                                "as REFI-QDA (.qdpx) from ATLAS.ti, NVivo, MAXQDA or QualCoder")  # fmt: skip


def test_two_sources_whose_names_differ_only_in_case_are_refused(tmp_path):
    path = _zip(tmp_path / "p.qdpx", {"project.qde": MINIMAL, "sources/s.txt": b"Een.", "sources/S.txt": b"Twee."})
    with pytest.raises(ExchangeError, match=r"^E060 .*members 'sources/s.txt' and 'sources/S.txt' have the same name"):
        read_project(path)


def test_a_binary_source_is_one_line_e060_not_a_sentence_of_nul_bytes(tmp_path):
    path = _zip(tmp_path / "p.qdpx", {"project.qde": _selected("0", "3"), "sources/s.txt": b"\x00\xff" * 300})
    with pytest.raises(ExchangeError) as error:
        read_project(path)
    assert str(error.value) == (f"E060 {path}: source 's' (internal://s.txt) holds binary bytes, not plain text; "
                                "export the project again as REFI-QDA (.qdpx) from ATLAS.ti, NVivo, MAXQDA or "
                                "QualCoder")  # fmt: skip
    utf16 = _zip(tmp_path / "u.qdpx", {"project.qde": _selected("0", "3"),
                                       "sources/s.txt": "Eerste zin.".encode("utf-16")})  # NUL bytes, but text
    assert read_project(utf16).sources[0].text == "Eerste zin."
    pdf = _zip(tmp_path / "pdf.qdpx", {"project.qde": _selected("0", "3"), "sources/s.txt": b"%PDF-1.7\nstream"})
    with pytest.raises(ExchangeError, match=r"^E060 .*holds binary bytes"):  # as `run` refuses it (E002)
        read_project(pdf)


def test_non_space_counts_at_the_offsets_asked_for_match_a_count_over_every_character():
    from leersignalen.exchange.qdpx_import import non_space_counts

    text = "Een zin\u00a0met\tspaties,\u2003ook\nvreemde.  \r\n Einde\u3000x"
    every = [sum(1 for character in text[:offset] if not character.isspace()) for offset in range(len(text) + 1)]
    offsets = [0, 3, 3, 17, 9, len(text), len(text) + 5]
    counts = non_space_counts(text, offsets)
    assert counts == {offset: every[min(offset, len(text))] for offset in offsets}


def test_a_selection_coded_with_a_code_the_codebook_lacks_is_named_as_such(tmp_path):
    qde = MINIMAL.replace(b"/>", b"><PlainTextSelection guid='22222222-2222-2222-2222-222222222222' "
                          b"startPosition='0' endPosition='6'><Coding guid='33333333-3333-3333-3333-333333333333'>"
                          b"<CodeRef targetGUID='{99999999-9999-9999-9999-999999999999}'/></Coding>"
                          b"</PlainTextSelection></TextSource>", 1)  # fmt: skip
    path = _zip(tmp_path / "p.qdpx", {"project.qde": qde, "sources/s.txt": b"Eerste zin."})
    with pytest.raises(ExchangeError) as error:
        import_qdpx(path, tmp_path / "g.csv", model="blank")
    assert str(error.value) == (f"E060 {path}: 1 selection code reference(s) to a code the codebook does not define "
                                "(99999999-9999-9999-9999-999999999999); export the project again as REFI-QDA (.qdpx) "
                                "from ATLAS.ti, NVivo, MAXQDA or QualCoder")  # fmt: skip


def test_note_ids_a_spreadsheet_reads_as_formulas_survive_the_round_trip_through_a_gold_csv(tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("id,community,date,text\n"
                     "=a1,wijk,2026-01-05,Ik heb geleerd dat ik beter moet luisteren.\n"
                     "+b2,wijk,2026-01-12,We moeten de planning voor vrijdag afronden.\n"
                     "-c3,wijk,2026-02-02,De deadline voor het verslag is vrijdag.\n"
                     "@d4,wijk,2026-02-09,Achteraf had ik eerder moeten vragen.\n", encoding="utf-8")
    out = tmp_path / "out"
    run_pipeline(RunOptions(inputs=[notes], out=out, model="blank"), nlp_and_info=build_pipeline("blank"))
    project = export_qdpx(out, tmp_path / "run.qdpx").path
    gold_csv = tmp_path / "gold.csv"
    import_qdpx(project, gold_csv)
    gold = read_gold(gold_csv)
    assert {row.note_id for row in gold} == {"=a1", "+b2", "-c3", "@d4"}
    pairs = pair_with_output(gold, load_tagged_output(out))
    assert len(pairs) == 4 and all(pair.gold == pair.other for pair in pairs)
