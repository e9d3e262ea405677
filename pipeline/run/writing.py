"""Writing tagged notes: rows of sentences.csv, signals.csv and notes.csv (whole or part files), with counts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..categories import category_ids, family_of
from ..output.cells import CSV_DIALECTS, RowWriter, neutralise, render_cell
from ..output.folder import SIGNAL_COLUMNS, sentence_columns
from ..output.folder import note_columns as folder_note_columns
from ..read.ingest import Record

SENTENCE_COLUMNS = sentence_columns()

if TYPE_CHECKING:
    from .tagging import SentenceResult


def note_columns() -> tuple[str, ...]:
    """The columns of notes.csv (see :func:`pipeline.output.folder.note_columns`)."""
    return folder_note_columns()


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

    def write_rendered(self, cells: list[str]) -> None:
        """Write one row of cells already passed through :func:`pipeline.output.cells.render_cell`."""
        self.writer.writerow(cells)
        self.rows += 1

    def close(self) -> None:
        """Flush and close the file."""
        self.handle.close()


TAGGED_FILES = ("sentences", "signals", "notes")  # the stems of the tables a worker writes part files of


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
        note_cells = [render_cell(record.id), render_cell(record.community), render_cell(date)]
        write_sentence = sinks["sentences"].write_rendered
        for sentence in sentences:
            write_sentence(
                [*note_cells, str(sentence.index), str(sentence.start_char), str(sentence.end_char),
                 neutralise(sentence.text), neutralise(";".join(sentence.labels)),
                 *[render_cell(score) for score in sentence.scores]]
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
