"""The ``run`` stage: read notes, tag them sentence by sentence, stream the CSV outputs and the manifest.

Outputs in the output folder: sentences.csv, signals.csv, notes.csv, rejects.csv, manifest.json (and the
trends written by :mod:`pipeline.trends`). Rows are written as notes are processed, so memory does not grow
with the corpus; two runs on the same input give byte-identical files.

Above 300 lines because the note tagger, the row writer and the run itself share their record types and
column lists; workers and Dask live in :mod:`pipeline.run.parallel` and :mod:`pipeline.run.cluster`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc

from .. import __version__
from ..categories import LEXICON_DIR, category_ids, family_of
from ..language.build import PipelineInfo
from ..output.cells import CSV_DIALECTS, RowWriter, render_cell
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
SCORE_BATCH = 4096


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
    dask_scheduler: str | None = None
    dask_local: int = 0
    pseudonymise: bool = False
    key: Path | None = None
    pseudonymise_also: tuple[str, ...] = ()


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

    def add(self, other: RunCounts) -> None:
        """Add the counts of a part (written by a worker) to these."""
        for name, value in other.__dict__.items():
            setattr(self, name, getattr(self, name) + value)


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
    """A CSV file written row by row, spreadsheet-safe (see :func:`pipeline.csvsafe.neutralise`) and deterministic.

    Without ``columns`` no header is written (a part file, appended to a whole file later); part files are
    plain UTF-8 so that only the whole file carries the dialect's byte order mark.
    """

    def __init__(self, path: Path, columns: tuple[str, ...] | None, dialect: str = "plain"):
        encoding, delimiter = CSV_DIALECTS[dialect]
        self.handle = open(path, "w", encoding=encoding if columns is not None else "utf-8",  # noqa: SIM115
                           newline="")
        self.writer = RowWriter(self.handle, delimiter)
        self.delimiter = delimiter
        if columns is not None:
            self.writer.writerow(columns)
        self.rows = 0

    def write(self, values) -> None:
        """Write one row of values in column order."""
        self.writer.writerow([render_cell(value) for value in values])
        self.rows += 1

    def close(self) -> None:
        """Flush and close the file."""
        self.handle.close()


TAGGED_FILES = ("sentences", "signals", "notes")


class TaggedWriter:
    """Writes tagged notes as rows of sentences.csv, signals.csv and notes.csv, and counts what it wrote.

    ``paths`` maps each of :data:`TAGGED_FILES` to its file; ``with_headers=False`` writes part files.
    """

    def __init__(self, paths: dict[str, Path], *, score_columns: tuple[str, ...], with_headers: bool = True,
                 dialect: str = "plain"):  # fmt: skip
        self.categories = category_ids()
        self.families = family_of()
        columns = {"sentences": SENTENCE_COLUMNS + score_columns, "signals": SIGNAL_COLUMNS, "notes": note_columns()}
        self.sinks = {name: CsvSink(paths[name], columns[name] if with_headers else None, dialect)
                      for name in TAGGED_FILES}  # fmt: skip
        self.folder = paths["notes"].parent
        self.counts = RunCounts()

    def write_note(self, record: Record, sentences: list[SentenceResult], signals: list, words: int) -> None:
        """Write the rows of one tagged note."""
        counts, sinks, families = self.counts, self.sinks, self.families
        date = record.date.isoformat() if record.date else ""
        counts.notes_out += 1
        counts.notes_without_date += 0 if record.date else 1
        counts.sentences += len(sentences)
        per_category = dict.fromkeys(self.categories, 0)
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

    def close(self) -> None:
        """Close every file."""
        for sink in self.sinks.values():
            sink.close()


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
    array = doc.to_array([IS_PUNCT, IS_SPACE, IDX, LENGTH])
    if not len(array):
        return [], 0
    words_before = numpy.concatenate(([0], numpy.cumsum((array[:, 0] == 0) & (array[:, 1] == 0)))).tolist()
    space = array[:, 1].tolist()
    idx = array[:, 2].tolist()
    length = array[:, 3].tolist()
    result = []
    for start, end in sentence_bounds(doc):
        if words_before[end] == words_before[start]:
            continue
        first = start
        while space[first]:
            first += 1
        last = end - 1
        while space[last]:
            last -= 1
        start_char = idx[first] + offset
        end_char = idx[last] + length[last] + offset
        while end_char > start_char and note_text[end_char - 1].isspace():
            end_char -= 1
        result.append((start, end, start_char, end_char))
    return result, words_before[-1]


class NoteTagger:
    """Tag whole notes with a pipeline, long notes in pieces, and return sentences, signals and words.

    With a classifier, the sentences of many notes are scored in one batch of at least ``SCORE_BATCH``
    sentences (one call per sentence batch, not per note).
    """

    def __init__(self, nlp: spacy.language.Language, categories: tuple[str, ...], *, classifier=None):
        self.nlp = nlp
        self.categories = categories
        self.classifier = classifier
        self.order = {category: index for index, category in enumerate(categories)}
        self.limit = max(1000, nlp.max_length - 1)

    def tag(self, records: Iterable[Record]) -> Iterator[tuple[Record, list[SentenceResult], list, int]]:
        """Yield (record, sentences, signals with note offsets, words) in input order."""
        if self.classifier is None:
            for note in self._notes(records):
                yield self._finish(note, None)
            return
        pending: list[_Note] = []
        waiting = 0
        for note in self._notes(records):
            pending.append(note)
            waiting += len(note.sentences)
            if waiting >= SCORE_BATCH:
                yield from self._score_and_finish(pending)
                pending, waiting = [], 0
        yield from self._score_and_finish(pending)

    def _notes(self, records: Iterable[Record]) -> Iterator[_Note]:
        def pieces():
            for record in records:
                parts = split_long_text(record.text, self.limit)
                for number, (offset, piece) in enumerate(parts):
                    yield piece, (record, offset, number == len(parts) - 1)

        note: _Note | None = None
        features = self.classifier is not None
        for doc, (record, offset, last) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=BATCH_SIZE):
            if note is None:
                note = _Note(record)
            by_start: dict[int, list] = {}
            for signal in doc._.ls_signals or ():
                by_start.setdefault(signal.sentence_start, []).append(signal)
            bounds, doc_words = doc_sentences(doc, offset, record.text)
            note.words += doc_words
            if features and bounds:
                note.inputs.extend(feature_inputs(doc, bounds, by_start))
            for start, _end, start_char, end_char in bounds:
                found = by_start.get(start, [])
                note.signals.extend((len(note.sentences), signal, offset) for signal in found)
                note.sentences.append((start_char, end_char, found))
            if last:
                yield note
                note = None

    def _score_and_finish(self, notes: list[_Note]) -> Iterator[tuple[Record, list[SentenceResult], list, int]]:
        inputs = [item for note in notes for item in note.inputs]
        scores = self.classifier.scores_of(inputs) if inputs else None
        position = 0
        for note in notes:
            yield self._finish(note, None if scores is None else scores[position : position + len(note.sentences)])
            position += len(note.sentences)

    def _finish(self, note: _Note, scores) -> tuple[Record, list[SentenceResult], list, int]:
        text = note.record.text
        sentences = []
        for index, (start_char, end_char, found) in enumerate(note.sentences):
            lexicon_labels = {s.category for s in found if not s.negated}
            if scores is None:
                labels, sentence_scores = sorted(lexicon_labels, key=self.order.__getitem__), ()
            else:
                labels = self.classifier.labels(scores[index], lexicon_labels)
                sentence_scores = tuple(round(float(value), 4) for value in scores[index])
            sentences.append(
                SentenceResult(index, start_char, end_char, text[start_char:end_char], tuple(labels), sentence_scores)
            )
        return note.record, sentences, note.signals, note.words


@dataclass
class _Note:
    record: Record
    sentences: list = field(default_factory=list)  # (start_char, end_char, signals found)
    signals: list = field(default_factory=list)  # (sentence index, signal, offset of the piece)
    inputs: list = field(default_factory=list)  # classifier inputs, one per sentence
    words: int = 0


def feature_inputs(doc: Doc, bounds, by_start: dict[int, list]) -> list:
    """What the classifier reads of each sentence, from the doc's arrays; the same as ``feature_inputs_from_doc``."""
    from ..learn.features import FeatureInput

    strings = doc.vocab.strings
    rows = doc.to_array([LEMMA, LOWER, IS_PUNCT, IS_SPACE, IDX, LENGTH]).tolist()
    lemma_of_hash: dict[tuple[int, int], str] = {}
    text = doc.text
    inputs = []
    for start, end, _, _ in bounds:
        lemmas = []
        for lemma, lower, punct, space, _, _ in rows[start:end]:
            if punct or space:
                continue
            key = (lemma, lower)
            word = lemma_of_hash.get(key)
            if word is None:
                word = lemma_of_hash[key] = (strings[lemma] if lemma else strings[lower]).lower()
            lemmas.append(word)
        last = rows[end - 1]
        sentence_text = text[rows[start][4] : last[4] + last[5]]
        inputs.append(FeatureInput(sentence_text, " ".join(lemmas), by_start.get(start, [])))
    return inputs


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
    """Tag every input record and write the outputs; return the counts.

    With ``processes > 1`` or a Dask option the notes are tagged in chunks by workers that write part files,
    which are appended in input order (see :mod:`pipeline.run.parallel`): the same bytes as one process.
    """
    distributed = bool(options.dask_scheduler or options.dask_local)
    nlp, info = nlp_and_info or build_pipeline(
        options.model, lexicon_dir=str(options.lexicon_dir) if options.lexicon_dir else None
    )
    classifier = None
    if options.classifier:
        from ..learn.model import load_classifier

        classifier = load_classifier(options.classifier)
    out = options.out
    reader = read_inputs(options.inputs, encoding=options.encoding, overrides=options.column_overrides,
                         sheet=options.sheet, split_on=options.split_on)  # fmt: skip
    pseudonymiser = pseudonymiser_for(options)
    out.mkdir(parents=True, exist_ok=True)
    score_columns = tuple(f"score_{category}" for category in category_ids()) if classifier else ()
    counts = RunCounts()
    per_input: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    rejects = CsvSink(out / "rejects.csv", REJECT_COLUMNS, options.csv_dialect)
    writer = TaggedWriter({name: out / f"{name}.csv" for name in TAGGED_FILES}, score_columns=score_columns,
                          dialect=options.csv_dialect)

    def source_of(path: str) -> str:
        for input_path in options.inputs:
            if path == str(input_path) or path.startswith(str(input_path).rstrip("/") + "/"):
                return str(input_path)
        return path

    window = options.date_window or default_window()

    def records() -> Iterator[Record]:
        for item in reader:
            counts.records_in += 1
            key = source_of(item.source_file)
            per_input[key] = per_input.get(key, 0) + 1
            if isinstance(item, Reject):
                counts.rejects += 1
                rejects.write((item.source_file, item.source_line, item.id, item.reason))
                continue
            if item.id in seen_ids:
                seen_ids[item.id] += 1
                item.problems.append(f"duplicate_id: renamed to {item.id}~{seen_ids[item.id]}")
                item.id = f"{item.id}~{seen_ids[item.id]}"
            seen_ids.setdefault(item.id, 1)
            if problem := implausible_date(item.date, window):
                item.problems.append(problem)
                item.date = None
            if pseudonymiser is not None:
                item.text = pseudonymiser.pseudonymise(item.text, authors=[item.author])
                item.author = pseudonymiser.pseudonymise_author(item.author)
            yield item

    try:
        if distributed:
            from .cluster import tag_on_dask

            tag_on_dask(options, records(), writer, progress=progress)
        elif options.processes > 1 and "fork" in multiprocessing.get_all_start_methods():
            from .parallel import tag_in_processes

            tagger = NoteTagger(nlp, category_ids(), classifier=classifier)
            tag_in_processes(tagger, records(), writer, options.processes, progress=progress)
        else:
            tagger = NoteTagger(nlp, category_ids(), classifier=classifier)
            for record, sentences, signals, words in tagger.tag(records()):
                writer.write_note(record, sentences, signals, words)
                if progress:
                    progress(len(record.text))
    finally:
        writer.close()
        rejects.close()
    counts.add(writer.counts)
    if pseudonymiser is not None:
        pseudonymiser.save()
    write_manifest(options, info, counts, per_input, classifier=classifier, window=window,
                   skipped=[skip.to_json() for skip in getattr(reader, "skipped", [])],
                   privacy=pseudonymiser.manifest_entry() if pseudonymiser else {"pseudonymised": False})
    return counts


def pseudonymiser_for(options: RunOptions):
    """The pseudonymiser of ``--pseudonymise``, after a first pass that learns the names of authors and speakers."""
    if not options.pseudonymise:
        return None
    from ..privacy import Pseudonymiser, check_key_location

    if options.key is not None:
        check_key_location(options.key, options.out)
    pseudonymiser = Pseudonymiser(options.key, also=options.pseudonymise_also)
    for item in read_inputs(options.inputs, encoding=options.encoding, overrides=options.column_overrides,
                            sheet=options.sheet, split_on=options.split_on, quiet=True):  # fmt: skip
        if not isinstance(item, Reject):
            pseudonymiser.learn(item.text, authors=[item.author])
    return pseudonymiser


def write_manifest(
    options: RunOptions, info: PipelineInfo, counts: RunCounts, per_input: dict[str, int], *, classifier=None,
    window: DateWindow | None = None, skipped: list[dict] | None = None, privacy: dict | None = None,
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
            "date_range": str(options.date_window) if options.date_window else "default",
            **({"dask_scheduler": options.dask_scheduler} if options.dask_scheduler else {}),
            **({"dask_local": options.dask_local} if options.dask_local else {}),
        },
        "counts": counts.__dict__,
        "skipped": skipped or [],
        "privacy": privacy or {"pseudonymised": False},
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
