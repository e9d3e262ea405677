"""Tagging on a Dask cluster (optional extra ``[dask]``): ``run --dask-scheduler ADDRESS`` or ``--dask-local N``.

The reading process (the Dask client) reads the notes and hands out chunks of them as tasks. Each worker
process builds the pipeline once (cached per settings for the life of the worker), tags its chunks and writes
their rows as part files into the output folder, which therefore has to be shared storage that every worker
sees under the same path. The client appends the parts in input order, as with ``--processes`` (see
:mod:`pipeline.run.parallel`), so the outputs are the bytes of a one-process run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, LeersignalenError
from ..read.ingest import Record
from .options import RunOptions
from .parallel import ChunkResult, run_chunks, tag_chunk_to_parts
from .tagging import NoteTagger
from .writing import TaggedWriter

SCHEDULER_TIMEOUT = 10  # seconds to wait for --dask-scheduler to answer


class DaskMissingError(LeersignalenError):
    """Dask was asked for but is not installed."""


class DaskUnreachableError(LeersignalenError):
    """The scheduler given to --dask-scheduler does not answer."""


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs to build the same pipeline as the client (paths must be valid on the workers)."""

    model: str
    lexicon_dir: str | None
    classifier: str | None


_built: dict[WorkerSettings, tuple[NoteTagger, tuple[str, ...]]] = {}


def _tagger_for(settings: WorkerSettings) -> tuple[NoteTagger, tuple[str, ...]]:
    if settings not in _built:
        from ..categories import category_ids
        from ..tag.pipeline import build_pipeline

        nlp, _ = build_pipeline(settings.model, lexicon_dir=settings.lexicon_dir)
        classifier = None
        if settings.classifier:
            from ..learn.model import load_classifier

            classifier = load_classifier(settings.classifier)
        categories = category_ids()
        score_columns = tuple(f"score_{c}" for c in categories) if classifier else ()
        _built[settings] = (NoteTagger(nlp, categories, classifier=classifier), score_columns)
    return _built[settings]


def tag_chunk_on_worker(settings: WorkerSettings, records: list[Record], paths: dict[str, Path]) -> ChunkResult:
    """The task run on a Dask worker: tag one chunk and write its part files."""
    tagger, score_columns = _tagger_for(settings)
    return tag_chunk_to_parts(tagger, records, paths, score_columns)


def connect(options: RunOptions):
    """A Dask client for ``--dask-scheduler`` or a local cluster of ``--dask-local`` worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DaskMissingError(Errors.E059) from None
    if options.dask_scheduler:
        try:
            return Client(options.dask_scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, ValueError, TypeError) as error:  # refused, timed out, or not an address
            reason = " ".join(str(error).split()) or type(error).__name__
            raise DaskUnreachableError(Errors.E100.format(address=options.dask_scheduler, reason=reason)) from None
    cluster = LocalCluster(n_workers=options.dask_local, processes=True, threads_per_worker=1,
                           dashboard_address=None, host="127.0.0.1")  # fmt: skip
    return Client(cluster)


def tag_on_dask(options: RunOptions, records: Iterable[Record], writer: TaggedWriter, *,
                progress: Callable[[int], None] | None = None) -> None:  # fmt: skip
    """Tag ``records`` on the Dask workers and append their part files to ``writer``'s files in order."""
    settings = WorkerSettings(options.model, str(options.lexicon_dir.resolve()) if options.lexicon_dir else None,
                              options.classifier)  # fmt: skip
    client = connect(options)
    cluster = client.cluster if options.dask_local else None
    try:
        workers = max(1, sum(client.nthreads().values()))
        run_chunks(
            records, writer,
            lambda _n, chunk, paths: client.submit(tag_chunk_on_worker, settings, chunk, paths, pure=False),
            lambda future: future.result(), folder=writer.folder.resolve(), workers=workers, progress=progress,
        )  # fmt: skip
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
