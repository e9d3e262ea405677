"""sentences.csv rows written on the fast path are the rows of rendering every value with render_cell."""

from __future__ import annotations

from datetime import date

from leersignalen.output.folder import sentence_columns
from leersignalen.read.ingest import Record
from leersignalen.run.tagging import SentenceResult
from leersignalen.run.writing import TAGGED_FILES, CsvSink, TaggedWriter


def test_sentence_rows_equal_cell_by_cell_rendering(tmp_path):
    record = Record("in.csv", 2, "=id", "@wijk", "", date(2025, 3, 4), "", "", "x")
    sentences = [
        SentenceResult(0, 0, 12, "=SUM(A1) zin", ("reflectie", "structuur"), (0.25, 1.0)),
        SentenceResult(1, 13, 30, "regel\rmet -1 en \"aanhalingstekens\", komma", (), (0.0, -0.5)),
    ]
    scores = ("score_a", "score_b")
    writer = TaggedWriter({name: tmp_path / f"{name}.csv" for name in TAGGED_FILES}, score_columns=scores)
    writer.write_note(record, sentences, [], 9)
    writer.close()
    reference = CsvSink(tmp_path / "reference.csv", sentence_columns() + scores)
    for sentence in sentences:
        reference.write((record.id, record.community, "2025-03-04", sentence.index, sentence.start_char,
                         sentence.end_char, sentence.text, ";".join(sentence.labels), *sentence.scores))
    reference.close()
    written = (tmp_path / "sentences.csv").read_bytes()
    assert written == (tmp_path / "reference.csv").read_bytes()
    assert b"'=id" in written and b"'=SUM" in written
