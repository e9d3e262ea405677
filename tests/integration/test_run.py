"""`leersignalen run` end to end on small inputs: counts, offsets, determinism, spreadsheet safety."""

import csv
import json
from pathlib import Path

import pytest
from leersignalen.run.batch import RunOptions, run_pipeline
from leersignalen.run.tagging import split_long_text
from leersignalen.tag.pipeline import build_pipeline

DATA = Path(__file__).resolve().parent.parent / "data"
MESSY = [DATA / "inputs" / "messy_notes.csv", DATA / "inputs" / "messy_notes.jsonl"]


@pytest.fixture(scope="module")
def blank():
    return build_pipeline("blank")


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run(blank, inputs, out) -> dict:
    run_pipeline(RunOptions(inputs=inputs, out=out, model="blank"), nlp_and_info=blank)
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_records_in_equal_notes_out_plus_rejects(blank, tmp_path):
    manifest = run(blank, MESSY, tmp_path)
    notes = read_rows(tmp_path / "notes.csv")
    rejects = read_rows(tmp_path / "rejects.csv")
    counts = manifest["counts"]
    assert counts["records_in"] == 17
    assert counts["records_in"] == len(notes) + len(rejects)
    assert (counts["notes_out"], counts["rejects"]) == (len(notes), len(rejects))
    assert [i["records"] for i in manifest["inputs"]] == [12, 5]
    assert counts["notes_without_date"] == sum(1 for n in notes if not n["date"])
    assert all(r["source_file"] and r["source_line"] and r["reason"] for r in rejects)


def test_problems_are_listed_and_duplicate_ids_made_unique(blank, tmp_path):
    run(blank, MESSY, tmp_path)
    notes = {n["note_id"]: n for n in read_rows(tmp_path / "notes.csv")}
    assert "duplicate_id: renamed to m2~2" in notes["m2~2"]["problems"]
    assert notes["m4"]["date"] == "" and "unparseable_date" in notes["m4"]["problems"]
    assert "messy_notes:10" in notes


def test_a_renamed_duplicate_never_takes_the_id_of_a_later_note(blank, tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("id,community,date,text\n"
                     "x,wijk,2026-01-05,Eerste notitie.\n"
                     "x,wijk,2026-01-12,Tweede notitie met hetzelfde id.\n"
                     "x~2,wijk,2026-01-19,Een eigen notitie met een id dat op een hernoemd id lijkt.\n"
                     "x,wijk,2026-01-26,Derde notitie met id x.\n", encoding="utf-8")
    run(blank, [notes], tmp_path / "out")
    rows = read_rows(tmp_path / "out" / "notes.csv")
    assert [row["note_id"] for row in rows] == ["x", "x~3", "x~2", "x~4"]
    assert [row["problems"] for row in rows] == ["", "duplicate_id: renamed to x~3", "", "duplicate_id: renamed to x~4"]


def test_sentence_offsets_index_the_original_text(blank, tmp_path):
    run(blank, [MESSY[0]], tmp_path)
    with open(MESSY[0], encoding="utf-8", newline="") as handle:
        texts = {row["id"]: row["text"] for row in csv.DictReader(handle) if row.get("id")}
    sentences = read_rows(tmp_path / "sentences.csv")
    for sentence in sentences:
        if sentence["note_id"] in ("m1", "m10"):
            text = texts[sentence["note_id"]]
            assert text[int(sentence["start_char"]) : int(sentence["end_char"])] == sentence["text"].lstrip("'")
    signals = [s for s in read_rows(tmp_path / "signals.csv") if s["note_id"] == "m1"]
    assert signals
    for signal in signals:
        assert texts["m1"][int(signal["start_char"]) : int(signal["end_char"])] == signal["matched_text"]


def test_sentences_and_labels_of_a_note(blank, tmp_path):
    run(blank, [MESSY[0]], tmp_path)
    m10 = [s for s in read_rows(tmp_path / "sentences.csv") if s["note_id"] == "m10"]
    assert [s["text"] for s in m10] == ["'- Actie: Piet belt de gemeente.", "'- Niemand nam verantwoordelijkheid."]
    assert [int(s["sentence_index"]) for s in m10] == [0, 1]
    negated = [s for s in read_rows(tmp_path / "signals.csv") if s["note_id"] == "m10" and s["negated"] == "true"]
    assert m10[1]["labels"] == "" or negated == []


def test_cells_that_spreadsheets_would_run_are_neutralised(blank, tmp_path):
    run(blank, [MESSY[0]], tmp_path)
    [sentence] = [s for s in read_rows(tmp_path / "sentences.csv") if s["note_id"] == "m7"]
    assert sentence["text"].startswith("'=SOM(A1:A3)")


def test_two_runs_give_byte_identical_outputs(blank, tmp_path):
    run(blank, MESSY, tmp_path / "a")
    run(blank, MESSY, tmp_path / "b")
    for name in ("sentences.csv", "signals.csv", "notes.csv", "rejects.csv", "manifest.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_manifest_records_pipeline_lexicon_and_inputs(blank, tmp_path):
    manifest = run(blank, MESSY, tmp_path)
    assert manifest["model"]["kind"] == "blank"
    assert manifest["model"]["components"][-1] == "leersignalen"
    assert len(manifest["lexicon"]["sha256"]) == 64
    assert "lexicons/categories.tsv" in manifest["lexicon"]["files"]
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])


def test_split_long_text_keeps_every_character():
    text = ("Eerste alinea met woorden. " * 40 + "\n\n") * 30
    pieces = split_long_text(text, 500)
    assert len(pieces) > 10
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= 500 for _, piece in pieces)


def test_note_longer_than_max_length_is_processed_in_pieces(tmp_path):
    nlp, info = build_pipeline("blank")
    nlp.max_length = 2000
    text = "We waren het oneens over de planning. " * 200
    path = tmp_path / "long.csv"
    path.write_text(f'id,community,date,text\nlong,a,2025-01-01,"{text}"\n', encoding="utf-8")
    run_pipeline(RunOptions(inputs=[path], out=tmp_path / "out", model="blank"), nlp_and_info=(nlp, info))
    [note] = read_rows(tmp_path / "out" / "notes.csv")
    sentences = read_rows(tmp_path / "out" / "sentences.csv")
    assert int(note["sentences"]) == 200 == len(sentences)
    assert int(note["words"]) == 200 * 7
    assert all(text[int(s["start_char"]) : int(s["end_char"])] == s["text"] for s in sentences)


def test_two_processes_give_the_same_outputs_in_the_same_order(blank, tmp_path):
    many = tmp_path / "many.csv"
    text = "We waren het oneens over de agenda."
    rows = [f'{i},groep-{i % 3},2025-0{1 + i % 9}-01,"Notitie {i}. {text}"' for i in range(150)]
    many.write_text("id,community,date,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    inputs = [many, *MESSY]
    run_pipeline(RunOptions(inputs=inputs, out=tmp_path / "one", model="blank"), nlp_and_info=blank)
    run_pipeline(RunOptions(inputs=inputs, out=tmp_path / "two", model="blank", processes=2), nlp_and_info=blank)
    for name in ("sentences.csv", "signals.csv", "notes.csv", "rejects.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_a_bad_file_among_many_stops_two_processes_cleanly(blank, tmp_path):
    from leersignalen.errors import InputFileError

    many = tmp_path / "many.csv"
    many.write_text("id,text\n" + "\n".join(f"{i},Tekst {i}." for i in range(500)) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date\n1,2025-01-01\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="E001"):
        run_pipeline(RunOptions(inputs=[many, bad], out=tmp_path / "o", processes=2), nlp_and_info=blank)
