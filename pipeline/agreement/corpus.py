"""The real corpus (data/real): sentences of notes that nobody in this project wrote, double-coded and adjudicated.

``data/real/sentences.tsv`` holds every sentence's source, document, offsets, text hash, the two coders' labels,
the adjudicated labels and, where the licence allows it, the text. ``make real-corpus`` writes the complete corpus,
with the texts rebuilt from local clones, to ``data/real/local/sentences.tsv``; that file is used when present.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..categories import category_ids
from ..errors import Errors, GoldFileError
from ..resources import REAL_DIR

SENTENCE_COLUMNS = ("id", "source", "kind", "doc", "start", "end", "sha256", "text", "coder_a", "coder_b",
                    "adjudicated", "gold")  # fmt: skip


@dataclass(frozen=True)
class RealSentence:
    """One coded sentence of the real corpus; ``text`` is empty where it may not be shared and was not rebuilt."""

    id: str
    source: str
    kind: str
    text: str
    coder_a: frozenset[str]
    coder_b: frozenset[str]
    gold: frozenset[str]
    document: str = ""  # the source's document the sentence comes from, in order (a heading's section spans them)


def real_corpus_file(folder: Path | None = None, *, local: bool = True) -> Path:
    """The complete rebuilt corpus when it exists (and ``local``), else the committed one."""
    folder = Path(folder or REAL_DIR or "data/real")
    rebuilt = folder / "local" / "sentences.tsv"
    return rebuilt if local and rebuilt.is_file() else folder / "sentences.tsv"


def _labels(cell: str, where: str) -> frozenset[str]:
    labels = frozenset(label for label in (cell or "").split(",") if label)
    unknown = labels - set(category_ids())
    if unknown:
        raise GoldFileError(Errors.E035.format(where=where, code=", ".join(sorted(unknown)),
                                               known=", ".join(category_ids()), hint="fix the label"))
    return labels


def held_back_sources(folder: Path | None = None) -> frozenset[str]:
    """Sources marked ``held back`` in sources.tsv: nobody writing lexicon rules has read their errors."""
    path = Path(folder or REAL_DIR or "data/real") / "sources.tsv"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["id"] for row in csv.DictReader(handle, delimiter="\t")
                         if row.get("rule_writing", "").strip() == "held back")  # fmt: skip


def load_real(path: Path | None = None, *, with_text_only: bool = True) -> list[RealSentence]:
    """Read the real corpus; by default only the sentences whose text is present."""
    path = Path(path or real_corpus_file())
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        missing = set(SENTENCE_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise GoldFileError(Errors.E041.format(path=path, columns=", ".join(sorted(missing)),
                                                   fix="rebuild it with `make real-corpus`"))
        rows = []
        for line, row in enumerate(reader, start=2):
            if with_text_only and not row["text"]:
                continue
            where = f"{path}:{line}"
            rows.append(RealSentence(row["id"], row["source"], row["kind"], row["text"], _labels(row["coder_a"], where),
                                     _labels(row["coder_b"], where), _labels(row["gold"], where),
                                     f"{row['source']}/{row['doc']}"))
    return rows
