"""The ``run`` stage: read notes, tag them sentence by sentence, stream the CSV outputs and the manifest.

Outputs in the output folder: sentences.csv, signals.csv, notes.csv, rejects.csv, manifest.json (and the
trends written by :mod:`pipeline.trends`). Rows are written as notes are processed, so memory does not grow
with the corpus; two runs on the same input give byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.tokens import Doc

from .. import __version__
from ..categories import LEXICON_DIR, category_ids, family_of
from ..language.build import PipelineInfo
from ..output.cells import CSV_DIALECTS, render_cell
from ..read.ingest import Record, Reject, read_inputs
from ..read.plausible import DateWindow, default_window, implausible_date
from ..tag.lexicon import lexicon_hash, rule_files
from ..tag.pipeline import build_pipeline
from ..tag.tagger import sentence_bounds

SENTENCE_COLUMNS = ("note_id", "community", "date", "sentence_index", "start_char", "end_char", "text", "labels")
SIGNAL_COLUMNS = (
    "note_id", "sentence_index", "category", "family", "rule_id", "matched_text", "start_char", "end_char", "negated",
)  # fmt: skip
REJECT_COLUMNS = ("source_file", "source_line", "id", "reason")
BATCH_SIZE = 64


def note_columns() -> tuple[str, ...]:
    """The columns of notes.csv, with one count column per category and family."""
    categories = category_ids()
    return (
        ("note_id", "community", "date", "author", "role", "source_file", "source_line", "sentences", "words")
        + tuple(f"{category}_sentences" for category in categories)
        + ("leren_sentences", "instrumenteel_sentences", "problems")
    )


@dataclass
class RunOptions:
    """Everything ``leersignalen run`` needs to know."""

    inputs: list[Path]
    out: Path
    model: str = "auto"
    encoding: str | None = None
    column_overrides: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    split_on: str | None = None
    lexicon_dir: Path | None = None
    period: str = "month"
    classifier: str | None = None
    processes: int = 1
    csv_dialect: str = "plain"
    date_window: DateWindow | None = None


@dataclass
class RunCounts:
    """Counts for the manifest and the summary; records_in == notes_out + rejects."""

    records_in: int = 0
    notes_out: int = 0
    rejects: int = 0
    notes_without_date: int = 0
    sentences: int = 0
    signals: int = 0
    negated_signals: int = 0


@dataclass
class SentenceResult:
    """One sentence of a note with its offsets in the note's text and its labels."""

    index: int
    start_char: int
    end_char: int
    text: str
    labels: tuple[str, ...]
    scores: tuple[float, ...] = ()


class CsvSink:
    """A CSV file written row by row, spreadsheet-safe (see :func:`pipeline.csvsafe.neutralise`) and deterministic."""

    def __init__(self, path: Path, columns: tuple[str, ...], dialect: str = "plain"):
        encoding, delimiter = CSV_DIALECTS[dialect]
        self.handle = open(path, "w", encoding=encoding, newline="")  # noqa: SIM115 (closed by close())
        self.writer = csv.writer(self.handle, delimiter=delimiter, lineterminator="\n")
        self.writer.writerow(columns)
        self.rows = 0

    def write(self, values) -> None:
        """Write one row of values in column order."""
        self.writer.writerow([render_cell(value) for value in values])
        self.rows += 1

    def close(self) -> None:
        """Flush and close the file."""
        self.handle.close()


def split_long_text(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut a text longer than ``limit`` characters into (offset, piece) at paragraph, line or sentence ends."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    while len(text) - offset > limit:
        window = text[offset : offset + limit]
        cut = limit
        for separator in ("\n\n", "\n", ". ", " "):
            position = window.rfind(separator)
            if position > limit // 2:
                cut = position + len(separator)
                break
        pieces.append((offset, text[offset : offset + cut]))
        offset += cut
    pieces.append((offset, text[offset:]))
    return pieces


def doc_sentences(doc: Doc, offset: int, note_text: str) -> tuple[list[tuple[int, int, int, int]], int]:
    """Sentences with a word as (first token, token end, start_char, end_char) in the note's text, and words.

    Words are tokens that are neither punctuation nor white space; the count is over the whole doc.
    """
    rows = doc.to_array([IS_PUNCT, IS_SPACE, IDX, LENGTH]).tolist()
    is_word = [not punct and not space for punct, space, _, _ in rows]
    result = []
    for start, end in sentence_bounds(doc):
        if not any(is_word[start:end]):
            continue
        first = start
        while rows[first][1]:
            first += 1
        last = end - 1
        while rows[last][1]:
            last -= 1
        start_char = rows[first][2] + offset
        end_char = rows[last][2] + rows[last][3] + offset
        while end_char > start_char and note_text[end_char - 1].isspace():
            end_char -= 1
        result.append((start, end, start_char, end_char))
    return result, sum(is_word)


class NoteTagger:
    """Tag whole notes with a pipeline, long notes in pieces, and return sentences, signals and words."""

    def __init__(self, nlp: spacy.language.Language, categories: tuple[str, ...], *, classifier=None):
        self.nlp = nlp
        self.categories = categories
        self.classifier = classifier
        self.order = {category: index for index, category in enumerate(categories)}
        self.limit = max(1000, nlp.max_length - 1)

    def tag(self, records: Iterator[Record]) -> Iterator[tuple[Record, list[SentenceResult], list, int]]:
        """Yield (record, sentences, signals with note offsets, words) in input order."""

        def pieces():
            for record in records:
                parts = split_long_text(record.text, self.limit)
                for number, (offset, piece) in enumerate(parts):
                    yield piece, (record, offset, number == len(parts) - 1)

        sentences: list[SentenceResult] = []
        signals: list = []
        words = 0
        for doc, (record, offset, last) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=BATCH_SIZE):
            by_start: dict[int, list] = {}
            for signal in doc._.ls_signals or ():
                by_start.setdefault(signal.sentence_start, []).append(signal)
            bounds, doc_words = doc_sentences(doc, offset, record.text)
            words += doc_words
            scores = self._classifier_scores(doc, bounds)
            for number, (start, _end, start_char, end_char) in enumerate(bounds):
                index = len(sentences)
                found = by_start.get(start, [])
                lexicon_labels = {s.category for s in found if not s.negated}
                if scores is None:
                    labels, sentence_scores = sorted(lexicon_labels, key=self.order.__getitem__), ()
                else:
                    labels = self.classifier.labels(scores[number], lexicon_labels)
                    sentence_scores = tuple(round(float(value), 4) for value in scores[number])
                sentences.append(
                    SentenceResult(
                        index, start_char, end_char, record.text[start_char:end_char], tuple(labels), sentence_scores
                    )
                )
                signals.extend((index, signal, offset) for signal in found)
            if last:
                yield record, sentences, signals, words
                sentences, signals, words = [], [], 0


    def _classifier_scores(self, doc: Doc, bounds):
        if self.classifier is None or not bounds:
            return None
        from ..learn.classifier import feature_inputs_from_doc

        return self.classifier.scores_of([feature_inputs_from_doc(doc[start:end]) for start, end, _, _ in bounds])


CHUNK_NOTES = 32
CHUNKS_IN_FLIGHT = 8
_worker_tagger: NoteTagger | None = None


def _tag_chunk(chunk: list[Record]) -> list:
    return list(_worker_tagger.tag(iter(chunk)))


def tag_in_processes(tagger: NoteTagger, records: Iterator[Record], processes: int) -> Iterator:
    """``tagger.tag(records)``, spread over worker processes when ``processes > 1`` (same output, same order).

    Workers are forked with the pipeline already built; notes travel to them in chunks and the results come
    back in input order. At most ``CHUNKS_IN_FLIGHT`` chunks are out at a time, so memory stays bounded.
    """
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from tagger.tag(records)
        return
    global _worker_tagger
    _worker_tagger = tagger
    slots = threading.Semaphore(CHUNKS_IN_FLIGHT)

    def chunks() -> Iterator[list[Record]]:
        chunk: list[Record] = []
        for record in records:
            chunk.append(record)
            if len(chunk) == CHUNK_NOTES:
                slots.acquire()
                yield chunk
                chunk = []
        if chunk:
            slots.acquire()
            yield chunk

    with multiprocessing.get_context("fork").Pool(processes) as pool:
        try:
            for results in pool.imap(_tag_chunk, chunks()):
                slots.release()
                yield from results
        finally:
            for _ in range(CHUNKS_IN_FLIGHT):
                slots.release()  # let a feeder that waits for a slot see that the pool is closing


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, or of all files in a folder (sorted by relative path)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode("utf-8") + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def lexicon_files(lexicon_dir: Path | None) -> list[Path]:
    """All data files that shape the tagging: categories, rules, negation, lemma exceptions."""
    directory = lexicon_dir or LEXICON_DIR
    files = [LEXICON_DIR / "categories.tsv", *rule_files(directory / "rules"), directory / "negation.tsv"]
    exceptions = LEXICON_DIR / "lemma_exceptions.tsv"
    return [f for f in [*files, exceptions] if f.exists()]


def run_pipeline(
    options: RunOptions,
    *,
    progress: Callable[[int], None] | None = None,
    nlp_and_info: tuple[spacy.language.Language, PipelineInfo] | None = None,
) -> RunCounts:
    """Tag every input record and write the outputs; return the counts."""
    categories = category_ids()
    families = family_of()
    nlp, info = nlp_and_info or build_pipeline(
        options.model, lexicon_dir=str(options.lexicon_dir) if options.lexicon_dir else None
    )
    classifier = None
    if options.classifier:
        from ..learn.classifier import load_classifier

        classifier = load_classifier(options.classifier)
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    score_columns = tuple(f"score_{category}" for category in categories) if classifier else ()
    counts = RunCounts()
    per_input: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    dialect = options.csv_dialect
    sinks = {
        "sentences": CsvSink(out / "sentences.csv", SENTENCE_COLUMNS + score_columns, dialect),
        "signals": CsvSink(out / "signals.csv", SIGNAL_COLUMNS, dialect),
        "notes": CsvSink(out / "notes.csv", note_columns(), dialect),
        "rejects": CsvSink(out / "rejects.csv", REJECT_COLUMNS, dialect),
    }

    def source_of(path: str) -> str:
        for input_path in options.inputs:
            if path == str(input_path) or path.startswith(str(input_path).rstrip("/") + "/"):
                return str(input_path)
        return path

    window = options.date_window or default_window()

    def records() -> Iterator[Record]:
        for item in read_inputs(options.inputs, encoding=options.encoding, overrides=options.column_overrides,
                                sheet=options.sheet, split_on=options.split_on):  # fmt: skip
            counts.records_in += 1
            key = source_of(item.source_file)
            per_input[key] = per_input.get(key, 0) + 1
            if isinstance(item, Reject):
                counts.rejects += 1
                sinks["rejects"].write((item.source_file, item.source_line, item.id, item.reason))
                continue
            if item.id in seen_ids:
                seen_ids[item.id] += 1
                item.problems.append(f"duplicate_id: renamed to {item.id}~{seen_ids[item.id]}")
                item.id = f"{item.id}~{seen_ids[item.id]}"
            seen_ids.setdefault(item.id, 1)
            if problem := implausible_date(item.date, window):
                item.problems.append(problem)
                item.date = None
            yield item

    try:
        tagger = NoteTagger(nlp, categories, classifier=classifier)
        for record, sentences, signals, words in tag_in_processes(tagger, records(), options.processes):
            date = record.date.isoformat() if record.date else ""
            counts.notes_out += 1
            counts.notes_without_date += 0 if record.date else 1
            counts.sentences += len(sentences)
            per_category = dict.fromkeys(categories, 0)
            per_family = dict.fromkeys(("leren", "instrumenteel"), 0)
            for sentence in sentences:
                sinks["sentences"].write(
                    (record.id, record.community, date, sentence.index, sentence.start_char, sentence.end_char,
                     sentence.text, ";".join(sentence.labels), *sentence.scores)
                )  # fmt: skip
                for label in sentence.labels:
                    per_category[label] += 1
                for family in {families[label] for label in sentence.labels}:
                    per_family[family] += 1
            for index, signal, offset in signals:
                counts.signals += 1
                counts.negated_signals += signal.negated
                sinks["signals"].write(
                    (record.id, index, signal.category, signal.family, signal.rule_id, signal.text,
                     signal.start_char + offset, signal.end_char + offset, signal.negated)
                )  # fmt: skip
            sinks["notes"].write(
                (record.id, record.community, date, record.author, record.role, record.source_file,
                 record.source_line, len(sentences), words, *per_category.values(), *per_family.values(),
                 ";".join(record.problems))
            )  # fmt: skip
            if progress:
                progress(len(record.text))
    finally:
        for sink in sinks.values():
            sink.close()
    write_manifest(options, info, counts, per_input, classifier=classifier, window=window)
    return counts


def write_manifest(
    options: RunOptions, info: PipelineInfo, counts: RunCounts, per_input: dict[str, int], *, classifier=None,
    window: DateWindow | None = None,
) -> None:
    """Write manifest.json: versions, lexicon hash, input hashes, options and counts (no timestamps)."""
    files = lexicon_files(options.lexicon_dir)
    manifest = {
        "package": {"name": "leersignalen", "version": __version__},
        "spacy": spacy.__version__,
        "model": {"name": info.name, "version": info.version, "kind": info.kind, "components": list(info.components)},
        "lexicon": {"files": [str(f.relative_to(f.parent.parent)) for f in files], "sha256": lexicon_hash(files)},
        "inputs": [
            {"path": str(path), "sha256": file_sha256(path), "records": per_input.get(str(path), 0)}
            for path in options.inputs
        ],
        "options": {
            "model": options.model,
            "encoding": options.encoding,
            "columns": options.column_overrides,
            "sheet": options.sheet,
            "split_on": options.split_on,
            "lexicon_dir": str(options.lexicon_dir) if options.lexicon_dir else None,
            "period": options.period,
            "processes": options.processes,
            "date_range": str(window or default_window()),
        },
        "counts": counts.__dict__,
    }
    if classifier is not None:
        card = classifier.card
        manifest["classifier"] = {
            "path": options.classifier,
            "label_rule": classifier.rule.name,
            "training_data_sha256": card.get("training", {}).get("sha256"),
            "format_version": card.get("format_version"),
        }
    with open(options.out / "manifest.json", "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2, sort_keys=False)
        handle.write("\n")
