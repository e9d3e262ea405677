"""Tagging in chunks by workers that write part files, appended in input order to the whole files.

The reading process cuts the notes into chunks of ``CHUNK_NOTES`` and hands each to a worker (a forked process
here, while it tags chunks itself when the workers are busy; a Dask worker in :mod:`pipeline.run.cluster`).
The worker tags its chunk and writes the rows, without header, to ``<parts>/<chunk>.sentences.csv``,
``.signals.csv`` and ``.notes.csv``; only its counts travel back. The reading process appends the part files in
chunk order, so the outputs are the bytes of one process. At most ``CHUNKS_IN_FLIGHT`` chunks per worker are out
at a time, so memory stays bounded.
"""

from __future__ import annotations

import csv
import multiprocessing
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..output.cells import allow_long_cells
from ..read.ingest import Record
from .tagging import NoteTagger
from .writing import TAGGED_FILES, RunCounts, TaggedWriter

CHUNK_NOTES = 128
CHUNKS_IN_FLIGHT = 4
QUEUED_PER_WORKER = 2


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk: its counts and the characters of text it tagged."""

    counts: RunCounts
    characters: int


def part_paths(parts: Path, number: int) -> dict[str, Path]:
    """The part files of chunk ``number`` in the folder ``parts``."""
    return {name: parts / f"{number:09d}.{name}.csv" for name in TAGGED_FILES}


def tag_chunk_to_parts(tagger: NoteTagger, records: list[Record], paths: dict[str, Path],
                       score_columns: tuple[str, ...]) -> ChunkResult:  # fmt: skip
    """Tag one chunk of notes and write its rows to the part files ``paths``."""
    writer = TaggedWriter(paths, score_columns=score_columns, with_headers=False)
    characters = 0
    try:
        for record, sentences, signals, words in tagger.tag(records):
            writer.write_note(record, sentences, signals, words)
            characters += len(record.text)
    finally:
        writer.close()
    return ChunkResult(writer.counts, characters)


def chunks_of(records: Iterable[Record], size: int | None = None) -> Iterator[list[Record]]:
    """Consecutive lists of ``size`` (default ``CHUNK_NOTES``) records, the last one shorter."""
    size = size or CHUNK_NOTES
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def append_parts(writer: TaggedWriter, paths: dict[str, Path]) -> None:
    """Append a chunk's part files to the whole files of ``writer`` and delete them."""
    for name in TAGGED_FILES:
        sink = writer.sinks[name]
        if sink.delimiter == ",":
            sink.handle.flush()
            with open(paths[name], "rb") as part:
                shutil.copyfileobj(part, sink.handle.buffer, 1 << 20)
        else:
            allow_long_cells()
            with open(paths[name], encoding="utf-8", newline="") as part:
                sink.writer.writerows(csv.reader(part))
        paths[name].unlink()


def run_chunks(records: Iterable[Record], writer: TaggedWriter, submit: Callable, wait: Callable, *, folder: Path,
               workers: int, progress: Callable[[int], None] | None = None) -> None:  # fmt: skip
    """Hand out chunks with ``submit(number, chunk, paths)``, collect them in order with ``wait(handle)``.

    ``wait`` returns the :class:`ChunkResult`; its part files are then appended to ``writer``'s files. The part
    files live in a temporary folder inside ``folder`` (the output folder, which workers must be able to write).
    """
    parts = Path(tempfile.mkdtemp(prefix=".parts-", dir=folder))
    pending: deque = deque()

    def collect_oldest() -> None:
        number, handle = pending.popleft()
        result: ChunkResult = wait(handle)
        append_parts(writer, part_paths(parts, number))
        writer.counts.add(result.counts)
        if progress:
            progress(result.characters)

    try:
        for number, chunk in enumerate(chunks_of(records)):
            pending.append((number, submit(number, chunk, part_paths(parts, number))))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT:
                collect_oldest()
        while pending:
            collect_oldest()
    finally:
        shutil.rmtree(parts, ignore_errors=True)


_worker: tuple[NoteTagger, tuple[str, ...]] | None = None


def _tag_in_worker(records: list[Record], paths: dict[str, Path]) -> ChunkResult:
    tagger, score_columns = _worker
    return tag_chunk_to_parts(tagger, records, paths, score_columns)


def tag_in_processes(tagger: NoteTagger, records: Iterable[Record], writer: TaggedWriter, processes: int, *,
                     progress: Callable[[int], None] | None = None) -> None:  # fmt: skip
    """Tag ``records`` in ``processes`` processes and append their parts in order.

    The reading process is one of them: it hands chunks to ``processes - 1`` forked workers (built pipeline
    inherited) until each has ``QUEUED_PER_WORKER`` waiting, and tags the next chunk itself while they are busy, so
    that ``processes`` processes share the cores rather than ``processes`` workers and a reading process. Which
    process tags a chunk depends on timing; the outputs do not. Written into the folder of ``writer``'s files.
    """
    global _worker
    score_columns = tuple(f"score_{c}" for c in tagger.categories) if tagger.classifier else ()
    _worker = (tagger, score_columns)

    outstanding: list = []

    def submit(pool, chunk: list[Record], paths: dict[str, Path]):
        outstanding[:] = [handle for handle in outstanding if not handle.ready()]
        if len(outstanding) >= (processes - 1) * QUEUED_PER_WORKER:
            return _Done(tag_chunk_to_parts(tagger, chunk, paths, score_columns))
        outstanding.append(pool.apply_async(_tag_in_worker, (chunk, paths)))
        return outstanding[-1]

    try:
        with multiprocessing.get_context("fork").Pool(processes - 1) as pool:
            run_chunks(records, writer, lambda _number, chunk, paths: submit(pool, chunk, paths),
                       lambda handle: handle.get(), folder=writer.folder, workers=processes,
                       progress=progress)  # fmt: skip
    finally:
        _worker = None


@dataclass
class _Done:
    """A chunk the reading process tagged itself, with the interface of a pool's pending result."""

    result: ChunkResult

    def get(self) -> ChunkResult:
        return self.result
