"""The ``run`` stage: read notes, tag them sentence by sentence, stream the CSV outputs and the manifest.

Outputs in the output folder: sentences.csv, signals.csv, notes.csv, rejects.csv, manifest.json (and the
trends written by :mod:`pipeline.analyse.trends`); names and columns are those of :mod:`pipeline.output.folder`.
The run is written aside and moved into place when complete (:mod:`pipeline.output.staging`). Rows are written
as notes are processed, so memory does not grow with the corpus; two runs on the same input give byte-identical
files.

Longer than 300 lines because the note tagger, the row writer and the run itself share their record types and
column lists; workers and Dask live in :mod:`pipeline.run.parallel` and :mod:`pipeline.run.cluster`.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import spacy

from .. import __version__
from ..categories import LEXICON_DIR, category_ids
from ..language.build import PipelineInfo
from ..output.folder import REJECT_COLUMNS, REJECTS, complete_manifest
from ..output.staging import staged_output
from ..read.ingest import Record, Reject, without_surrogates
from ..read.inputs import folder_entries, read_inputs
from ..read.plausible import DateWindow, default_window, implausible_date
from ..tag.lexicon import SECTIONS_FILE, lexicon_hash, rule_files
from ..tag.pipeline import build_pipeline
from .options import RunOptions
from .tagging import NoteTagger
from .writing import TAGGED_FILES, CsvSink, RunCounts, TaggedWriter


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, or of all files in a folder (sorted by relative path)."""
    digest = hashlib.sha256()
    files = [file for file, problem in folder_entries(path) if problem is None] if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(os.fsencode(file.relative_to(path)) + b"\0")  # the name's bytes, UTF-8 or not
        with open(file, "rb") as handle:
            for block in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def lexicon_files(lexicon_dir: Path | None) -> list[Path]:
    """All data files that shape the tagging: categories, rules, negation, section prompts, lemma exceptions."""
    directory = lexicon_dir or LEXICON_DIR
    files = [LEXICON_DIR / "categories.tsv", *rule_files(directory / "rules"), directory / "negation.tsv",
             directory / SECTIONS_FILE]
    exceptions = LEXICON_DIR / "lemma_exceptions.tsv"
    return [f for f in [*files, exceptions] if f.exists()]


def run_pipeline(
    options: RunOptions,
    *,
    progress: Callable[[int], None] | None = None,
    nlp_and_info: tuple[spacy.language.Language, PipelineInfo] | None = None,
    finish: Callable[[Path], object] | None = None,
) -> RunCounts:
    """Tag every input record and write the outputs; return the counts.

    The outputs are written into a partial folder next to ``options.out`` that replaces it only when complete;
    ``finish(folder)`` runs on that folder after the manifest (e.g. the trends), so it is part of the same run.
    --out is checked before anything is read or written (E084-E087, see :mod:`pipeline.output.staging`).
    With ``processes > 1`` or a Dask option the notes are tagged in chunks by workers that write part files,
    which are appended in input order (see :mod:`pipeline.run.parallel`): the same bytes as one process.
    """
    with staged_output(options.out, options.inputs) as folder:
        counts = _run_into(folder, options, progress=progress, nlp_and_info=nlp_and_info)
        if finish is not None:
            finish(folder)
    return counts


def _run_into(folder: Path, options: RunOptions, *, progress, nlp_and_info) -> RunCounts:
    distributed = bool(options.dask_scheduler or options.dask_local)
    nlp, info = nlp_and_info or build_pipeline(
        options.model, lexicon_dir=str(options.lexicon_dir) if options.lexicon_dir else None
    )
    classifier = None
    if options.classifier:
        from ..learn.model import load_classifier

        classifier = load_classifier(options.classifier)
    out = folder
    def read(quiet: bool = False):
        return read_inputs(options.inputs, encoding=options.encoding, overrides=options.column_overrides,
                           sheet=options.sheet, split_on=options.split_on, quiet=quiet)  # fmt: skip

    reader = read()
    pseudonymiser = pseudonymiser_for(options)
    score_columns = tuple(f"score_{category}" for category in category_ids()) if classifier else ()
    counts = RunCounts()
    per_input: dict[str, int] = {}
    given_ids: set[str] = set()
    input_ids: set[str] = set()

    def unused_id(note_id: str) -> str:
        """The first of note_id~2, ~3, ... that no note of the input has and no renamed note was given.

        The inputs are read once more, without the tagger, at the first repeated id only: a later note whose own
        id is ``x~2`` keeps it.
        """
        if not input_ids:
            input_ids.update(item.id for item in read(quiet=True) if not isinstance(item, Reject))
        number = 2
        while f"{note_id}~{number}" in given_ids or f"{note_id}~{number}" in input_ids:
            number += 1
        return f"{note_id}~{number}"
    rejects = CsvSink(out / REJECTS, REJECT_COLUMNS, options.csv_dialect)
    writer = TaggedWriter({name: out / f"{name}.csv" for name in TAGGED_FILES}, score_columns=score_columns,
                          dialect=options.csv_dialect)

    input_names = [without_surrogates(str(input_path)) for input_path in options.inputs]  # as records name them

    def source_of(path: str) -> str:
        for name in input_names:
            if path == name or path.startswith(name.rstrip("/") + "/"):
                return name
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
            if item.id in given_ids:
                item.id = unused_id(item.id)
                item.problems.append(f"duplicate_id: renamed to {item.id}")
            given_ids.add(item.id)
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
    write_manifest(out, options, info, counts, per_input, classifier=classifier, window=window,
                   skipped=[skip.to_json() for skip in getattr(reader, "skipped", [])],
                   privacy=pseudonymiser.manifest_entry() if pseudonymiser else {"pseudonymised": False})
    return counts


def pseudonymiser_for(options: RunOptions):
    """The pseudonymiser of ``--pseudonymise``, after a first pass that learns the names of authors and speakers."""
    if not options.pseudonymise:
        return None
    from ..privacy import Pseudonymiser, check_key_location

    if options.key is not None:
        check_key_location(options.key, options.out, options.inputs)
    pseudonymiser = Pseudonymiser(options.key, also=options.pseudonymise_also)
    for item in read_inputs(options.inputs, encoding=options.encoding, overrides=options.column_overrides,
                            sheet=options.sheet, split_on=options.split_on, quiet=True):  # fmt: skip
        if not isinstance(item, Reject):
            pseudonymiser.learn(item.text, authors=[item.author])
    return pseudonymiser


def write_manifest(
    folder: Path, options: RunOptions, info: PipelineInfo, counts: RunCounts, per_input: dict[str, int], *,
    classifier=None, window: DateWindow | None = None, skipped: list[dict] | None = None, privacy: dict | None = None,
) -> None:
    """Write manifest.json into ``folder``: versions, lexicon hash, input hashes, options, counts (no timestamps).

    :func:`pipeline.output.folder.complete_manifest` adds the status, the SHA-256 of the tables and the run id.
    """
    files = lexicon_files(options.lexicon_dir)
    manifest = {
        "package": {"name": "leersignalen", "version": __version__},
        "spacy": spacy.__version__,
        "model": {"name": info.name, "version": info.version, "kind": info.kind, "components": list(info.components)},
        "lexicon": {"files": [str(f.relative_to(f.parent.parent)) for f in files], "sha256": lexicon_hash(files)},
        "inputs": [
            {"path": without_surrogates(str(path)), "sha256": file_sha256(path),
             "records": per_input.get(without_surrogates(str(path)), 0)}
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
    complete_manifest(folder, manifest)
