"""Pair gold sentences with the machine coding (a run folder or the texts tagged now) or a second coder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..categories import category_ids
from ..errors import Errors, GoldFileError
from ..output.folder import SENTENCES, SIGNALS, check_run, read_rows
from .gold import GoldRow, normalise_text


@dataclass(frozen=True)
class Evidence:
    """One lexicon match behind a machine label."""

    rule_id: str
    matched_text: str
    negated: bool
    category: str = ""


@dataclass
class PairedSentence:
    """A sentence with the two codings that are compared."""

    where: str
    key: str
    text: str
    gold: frozenset[str]
    other: frozenset[str]
    evidence: list[Evidence] = field(default_factory=list)
    scores: dict[str, float] | None = None


@dataclass
class TaggedOutput:
    """The sentences and signals of a ``leersignalen run`` output folder."""

    folder: Path
    sentences: list[dict[str, str]]
    evidence: dict[tuple[str, int], list[Evidence]]

    def labels_of(self, index: int) -> frozenset[str]:
        """Machine labels of sentence row ``index``."""
        return frozenset(label for label in self.sentences[index]["labels"].split(";") if label)

    def key_of(self, index: int) -> tuple[str, int]:
        """(note_id, sentence_index) of sentence row ``index``."""
        row = self.sentences[index]
        return row["note_id"], int(row["sentence_index"])


def load_tagged_output(path: str | Path) -> TaggedOutput:
    """Read sentences.csv (and signals.csv when present) from an output folder or the sentences.csv itself.

    The folder must hold one complete run (E088, E089; see :func:`pipeline.output.folder.check_run`).
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    sentences_path = path if path.is_file() else folder / SENTENCES
    if not sentences_path.is_file():
        check_run(folder)
        raise GoldFileError(Errors.E012.format(path=folder))
    check_run(folder)
    columns, sentences = read_rows(sentences_path)
    missing = {"note_id", "sentence_index", "text", "labels"} - set(columns)
    if missing:
        raise GoldFileError(Errors.E041.format(
            path=sentences_path, columns=", ".join(sorted(missing)), fix="is this the output of `leersignalen run`?"))
    _check_labels(sentences_path, sentences)
    evidence: dict[tuple[str, int], list[Evidence]] = {}
    signals_path = folder / SIGNALS
    if signals_path.is_file():
        _, signals = read_rows(signals_path)
        for row in signals:
            key = (row["note_id"], int(row["sentence_index"]))
            evidence.setdefault(key, []).append(
                Evidence(row["rule_id"], row["matched_text"], row["negated"] == "true", row["category"])
            )
    return TaggedOutput(folder, sentences, evidence)


def _check_labels(path: Path, sentences: list[dict]) -> None:
    """Refuse a machine label that is no category id (a hand-edited table: 'Reflectie', 'a,b')."""
    known = category_ids()
    for number, row in enumerate(sentences, start=2):
        for label in row["labels"].split(";"):
            if label and label not in known:
                raise GoldFileError(Errors.E119.format(path=path, row=number, label=label, known=", ".join(known)))


def pair_with_output(gold: Sequence[GoldRow], output: TaggedOutput) -> list[PairedSentence]:
    """Match every gold row to a sentence of the tagged output (by index, character span or text)."""
    by_key = {output.key_of(i): i for i in range(len(output.sentences))}
    by_text: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for i, row in enumerate(output.sentences):
        by_text.setdefault(normalise_text(row["text"]), i)
        spans.setdefault(row["note_id"], []).append((int(row["start_char"] or 0), int(row["end_char"] or 0), i))
    pairs = []
    for row in gold:
        index = None
        if row.note_id is not None and row.sentence_index is not None:
            index = by_key.get((row.note_id, row.sentence_index))
            wanted = f"note_id {row.note_id!r}, sentence_index {row.sentence_index}"
        elif row.note_id is not None and row.start_char is not None:
            index = _best_span(spans.get(row.note_id, []), row.start_char, row.end_char or row.start_char)
            wanted = f"note_id {row.note_id!r}, characters {row.start_char}-{row.end_char}"
        else:
            index = by_text.get(normalise_text(row.text or ""))
            wanted = f"text {_snippet(row.text or '')!r}"
        if index is None:
            raise GoldFileError(Errors.E048.format(where=row.where, folder=output.folder, wanted=wanted))
        text = output.sentences[index]["text"]
        pairs.append(
            PairedSentence(
                where=row.where,
                key=_key_text(*output.key_of(index)),
                text=text,
                gold=row.labels,
                other=output.labels_of(index),
                evidence=output.evidence.get(output.key_of(index), []),
            )
        )
    return pairs


def _best_span(candidates: list[tuple[int, int, int]], start: int, end: int) -> int | None:
    best, best_overlap = None, 0
    for first, last, index in candidates:
        if (first, last) == (start, end):
            return index
        overlap = min(last, end) - max(first, start)
        if overlap > best_overlap and overlap * 2 > max(end - start, last - first):
            best, best_overlap = index, overlap
    return best


def _snippet(text: str, width: int = 60) -> str:
    text = normalise_text(text)
    return text if len(text) <= width else text[: width - 3] + "..."


def _key_text(note_id: str, sentence_index: int) -> str:
    return f"{note_id}#{sentence_index}"


def gold_key(row: GoldRow) -> str:
    """The key that pairs a row with the same sentence in another coder's file."""
    if row.note_id is not None and row.sentence_index is not None:
        return _key_text(row.note_id, row.sentence_index)
    if row.note_id is not None and row.start_char is not None:
        return f"{row.note_id}@{row.start_char}-{row.end_char}"
    if row.row_id:
        return f"id:{row.row_id}"
    return "text:" + normalise_text(row.text or "")


def pair_two_coders(first: Sequence[GoldRow], second: Sequence[GoldRow]) -> tuple[list[PairedSentence], int, int]:
    """Pair the sentences both coders coded; return (pairs, only in first, only in second).

    A sentence coded twice in one coder's file is refused (E099): pairing would drop one of the two codings.
    The same text twice is allowed when both rows carry the same labels (a short sentence such as "Ja.").
    """
    for rows in (first, second):
        _refuse_duplicates(rows)
    pairs = []
    for row, other in zip(*rows_coded_by_both(first, second), strict=True):
        key = gold_key(row)
        shown = "" if key.startswith("text:") else key.removeprefix("id:")
        pairs.append(PairedSentence(row.where, shown, row.text or other.text or "", row.labels, other.labels))
    if not pairs:
        raise GoldFileError(Errors.E049.format(first=first[0].source, second=second[0].source))
    return pairs, len({gold_key(r) for r in first}) - len(pairs), len({gold_key(r) for r in second}) - len(pairs)


def rows_coded_by_both(first: Sequence[GoldRow], second: Sequence[GoldRow]) -> tuple[list[GoldRow], list[GoldRow]]:
    """Each coder's rows of the sentences both coded, in the first coder's order (what the coders were compared on)."""
    seconds: dict[str, GoldRow] = {}
    for row in second:
        seconds.setdefault(gold_key(row), row)
    both_first, both_second, seen = [], [], set()
    for row in first:
        key = gold_key(row)
        if key in seconds and key not in seen:
            seen.add(key)
            both_first.append(row)
            both_second.append(seconds[key])
    return both_first, both_second


def _refuse_duplicates(rows: Sequence[GoldRow]) -> None:
    labels_by_key: dict[str, frozenset[str]] = {}
    duplicates: list[str] = []
    source = ""
    for row in rows:
        key = gold_key(row)
        if key in labels_by_key and (not key.startswith("text:") or labels_by_key[key] != row.labels):
            duplicates.append(_snippet(key.removeprefix("id:").removeprefix("text:"), 40))
            source = source or row.source
        labels_by_key.setdefault(key, row.labels)
    if duplicates:
        more = f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
        raise GoldFileError(Errors.E099.format(path=source, keys=", ".join(dict.fromkeys(duplicates[:5])) + more))


def pair_with_tagger(gold: Sequence[GoldRow], nlp, *, classifier=None) -> list[PairedSentence]:
    """Tag the gold texts now (lexicon, or the classifier's label rule) and pair them with the gold labels."""
    missing = next((row for row in gold if not (row.text or "").strip()), None)
    if missing is not None:
        raise GoldFileError(
            Errors.E046.format(where=missing.where, fix="add a text column or pass --pred OUT with the tagged notes"))
    docs = list(nlp.pipe([row.text for row in gold], batch_size=256))
    scores = None
    if classifier is not None:
        from ..learn.features import feature_inputs_from_doc

        inputs = [feature_inputs_from_doc(doc) for doc in docs]
        scores = classifier.scores_of(inputs)
    pairs = []
    for number, (row, doc) in enumerate(zip(gold, docs, strict=True)):
        signals = doc._.ls_signals or []
        lexicon = frozenset(s.category for s in signals if not s.negated)
        other, row_scores = lexicon, None
        if scores is not None:
            other = frozenset(classifier.labels(scores[number], lexicon))
            row_scores = dict(zip(classifier.categories, (float(p) for p in scores[number]), strict=True))
        pairs.append(
            PairedSentence(
                where=row.where,
                key=row.row_id or "",
                text=row.text or "",
                gold=row.labels,
                other=other,
                evidence=[Evidence(s.rule_id, s.text, s.negated, s.category) for s in signals],
                scores=row_scores,
            )
        )
    return pairs
