"""Property: hostile records written as CSV, TSV or JSONL in several encodings are conserved and kept exact.

records in = notes + rejects, and every sentence in sentences.csv is the note's text between its offsets,
where the note's text is the written text with NUL bytes removed and other control characters made spaces.
"""

from __future__ import annotations

import csv
import json
import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from leersignalen.output.cells import unneutralise  # noqa: E402
from leersignalen.run.batch import RunOptions, run_pipeline  # noqa: E402
from leersignalen.tag.pipeline import build_pipeline  # noqa: E402

PLAIN = list("abcdeéñßЖ中 ") * 4 + list("ABC.123")
HOSTILE = ['"', ",", ";", "\t", "\n", "\r", "\x1b", "\x0b", "\x0c", "\u2028", "\u2029", "\x85", "😀",
           "\u200f", "\u202e", "\ufeff", "'", "="]  # fmt: skip
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

texts = st.lists(st.one_of(st.text(st.sampled_from(PLAIN + HOSTILE), max_size=25), st.just("w" * 260)),
                 min_size=1, max_size=4).map("".join)  # fmt: skip
records = st.lists(st.tuples(texts, st.text(st.sampled_from(PLAIN + HOSTILE), max_size=8)), min_size=1, max_size=5)


def expected_text(text: str, kind: str) -> str:
    """NUL bytes in a CSV are removed while decoding; JSON writes NUL as \\u0000, a character made a space."""
    return CONTROL.sub(" ", text if kind == "jsonl" else text.replace("\x00", ""))


def write(path, kind: str, encoding: str, rows: list[tuple[str, str]]) -> None:
    with open(path, "w", encoding=encoding, newline="") as handle:
        if kind == "jsonl":
            for number, (text, author) in enumerate(rows):
                handle.write(json.dumps({"id": f"r{number}", "text": text, "author": author}, ensure_ascii=False))
                handle.write("\n")
            return
        writer = csv.writer(handle, delimiter="\t" if kind == "tsv" else ",", lineterminator="\r\n")
        writer.writerow(["id", "author", "text"])
        for number, (text, author) in enumerate(rows):
            writer.writerow([f"r{number}", author, text])


NLP = {}


def pipeline():
    if not NLP:
        NLP["blank"] = build_pipeline("blank")
    return NLP["blank"]


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=records, kind=st.sampled_from(["csv", "tsv", "jsonl"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]), nul=st.booleans())  # fmt: skip
def test_hostile_records_are_conserved_and_exact(tmp_path_factory, rows, kind, encoding, nul):
    if nul:
        rows = [(rows[0][0][:3] + "\x00" + rows[0][0][3:], rows[0][1])] + rows[1:]
    if encoding == "cp1252":
        try:
            "".join(text + author for text, author in rows).encode("cp1252")
        except UnicodeEncodeError:
            encoding = "utf-8"
    folder = tmp_path_factory.mktemp("prop")
    path = folder / f"notes.{kind}"
    write(path, kind, encoding, rows)
    before = path.read_bytes()
    counts = run_pipeline(RunOptions(inputs=[path], out=folder / "out", model="blank"), nlp_and_info=pipeline())
    assert path.read_bytes() == before
    assert counts.records_in == len(rows) == counts.notes_out + counts.rejects
    wanted = {f"r{number}": expected_text(text, kind) for number, (text, _) in enumerate(rows)}
    kept = {key for key, text in wanted.items() if text.strip()}
    with open(folder / "out" / "notes.csv", encoding="utf-8", newline="") as handle:
        assert {row["note_id"] for row in csv.DictReader(handle)} == kept
    with open(folder / "out" / "sentences.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            start, end = int(row["start_char"]), int(row["end_char"])
            assert unneutralise(row["text"]) == wanted[row["note_id"]][start:end]


def test_a_lone_carriage_return_survives_in_sentences_csv(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b'id,text\r\nr0,"een\rtwee"\r\n')
    run_pipeline(RunOptions(inputs=[path], out=tmp_path / "out", model="blank"), nlp_and_info=pipeline())
    with open(tmp_path / "out" / "sentences.csv", encoding="utf-8", newline="") as handle:
        assert [row["text"] for row in csv.DictReader(handle)] == ["een\rtwee"]
