"""Active learning: choose the uncoded sentences worth coding next, for coders who must not see the machine's view.

Uncertainty sampling: per category the sentence whose probability is closest to 0.5, taking the categories in
turn. Sentences already coded (any key of a gold file: text, id, note_id with sentence_index, or note_id with a
character span) are never suggested. The rows for the coders carry no machine labels, scores or chosen
category, and come in the order of the notes (blind coding); the machine's side goes to a separate table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .features import feature_inputs_from_doc

SUGGESTION_COLUMNS = (
    "note_id", "sentence_index", "start_char", "end_char", "community", "date", "previous_sentence", "text",
    "next_sentence", "labels",
)  # fmt: skip
MACHINE_KEY_COLUMNS = ("note_id", "sentence_index", "text", "pick", "target_category", "probability",
                       "machine_labels", "lexicon_labels")  # fmt: skip


def machine_columns(categories: Sequence[str]) -> tuple[str, ...]:
    """Columns of the machine's table: the pick, its labels and one probability column per category."""
    return MACHINE_KEY_COLUMNS + tuple(f"p_{category}" for category in categories)


def text_key(text: str) -> str:
    """A sentence text as compared with coded texts: white space collapsed, case folded."""
    return " ".join(text.split()).casefold()


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class CodedKeys:
    """Every key by which a gold file names the sentences it has coded."""

    texts: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    indices: set[tuple[str, int]] = field(default_factory=set)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable) -> CodedKeys:
        """The keys of gold rows (objects with text, row_id, note_id, sentence_index, start_char, end_char)."""
        keys = cls()
        for row in rows:
            if (row.text or "").strip():
                keys.texts.add(text_key(row.text))
            if row.row_id:
                keys.ids.add(row.row_id)
            if row.note_id is not None and row.sentence_index is not None:
                keys.indices.add((row.note_id, row.sentence_index))
            if row.note_id is not None and row.start_char is not None:
                end = row.end_char if row.end_char is not None else row.start_char + 1
                keys.spans.setdefault(row.note_id, []).append((row.start_char, max(end, row.start_char + 1)))
        return keys

    def covers(self, sentence: Mapping[str, str]) -> bool:
        """Whether a sentence row of a tagged output is among the coded sentences by any key."""
        note_id = sentence.get("note_id", "")
        index = _int_or_none(sentence.get("sentence_index"))
        if text_key(sentence.get("text", "")) in self.texts or (note_id, index) in self.indices:
            return True
        if sentence.get("id") in self.ids or f"{note_id}#{index}" in self.ids:
            return True
        start, end = _int_or_none(sentence.get("start_char")), _int_or_none(sentence.get("end_char"))
        if start is None or end is None:
            return False
        return any(first < max(end, start + 1) and start < last for first, last in self.spans.get(note_id, ()))


@dataclass
class Suggestions:
    """The chosen sentences: rows for the coders (blind) and the machine's rows for the same sentences."""

    for_coders: list[dict[str, object]]
    for_machine: list[dict[str, object]]
    machine_columns: tuple[str, ...]


def uncertainty_round_robin(scores: np.ndarray, *, n: int) -> list[tuple[int, int]]:
    """Pick up to ``n`` distinct rows as (row, category column): per category the probability closest to 0.5,
    taking categories in turn so that the picks are spread over categories."""
    rows, columns = scores.shape
    orders = [sorted(range(rows), key=lambda r, c=c: (abs(float(scores[r, c]) - 0.5), r)) for c in range(columns)]
    positions = [0] * columns
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    while len(chosen) < min(n, rows):
        progressed = False
        for column in range(columns):
            order = orders[column]
            while positions[column] < rows and order[positions[column]] in taken:
                positions[column] += 1
            if positions[column] == rows or len(chosen) >= n:
                continue
            row = order[positions[column]]
            taken.add(row)
            chosen.append((row, column))
            progressed = True
        if not progressed:
            break
    return chosen


def _neighbour_text(sentences: Sequence[Mapping[str, str]], position: int, note_id: str) -> str:
    """The text of the sentence at ``position`` when it belongs to the same note, else empty."""
    if 0 <= position < len(sentences) and sentences[position].get("note_id", "") == note_id:
        return sentences[position].get("text", "")
    return ""


def suggest_for_coding(
    sentences: Sequence[Mapping[str, str]], classifier, nlp, *, n: int,
    exclude: CodedKeys | Iterable[str] = frozenset(),
) -> Suggestions:  # fmt: skip
    """The sentences of a tagged output worth coding next that no gold file has coded yet.

    ``exclude`` is a :class:`CodedKeys` (from the gold rows) or, as before, a set of coded texts.
    """
    coded = exclude if isinstance(exclude, CodedKeys) else CodedKeys(texts={text_key(t) for t in exclude})
    seen: set[str] = set()
    pool: list[int] = []
    for position, row in enumerate(sentences):
        key = text_key(row["text"])
        if key and key not in seen and not coded.covers(row):
            seen.add(key)
            pool.append(position)
    docs = nlp.pipe([sentences[position]["text"] for position in pool], batch_size=256)
    inputs = [feature_inputs_from_doc(doc) for doc in docs]
    scores = classifier.scores_of(inputs)
    picks = uncertainty_round_robin(scores, n=n)
    for_machine = []
    for pick, (row_index, column) in enumerate(picks, start=1):
        row, item = sentences[pool[row_index]], inputs[row_index]
        for_machine.append({
            "note_id": row.get("note_id", ""), "sentence_index": row.get("sentence_index", ""), "text": row["text"],
            "pick": pick, "target_category": classifier.categories[column],
            "probability": round(float(scores[row_index, column]), 3),
            "machine_labels": ";".join(classifier.labels(scores[row_index], item.lexicon_labels)),
            "lexicon_labels": ";".join(c for c in classifier.categories if c in item.lexicon_labels),
            **{f"p_{c}": round(float(p), 3) for c, p in zip(classifier.categories, scores[row_index], strict=True)},
        })  # fmt: skip
    for_coders = []
    for row_index in sorted(row_index for row_index, _ in picks):
        position = pool[row_index]
        row = sentences[position]
        note_id = row.get("note_id", "")
        for_coders.append({
            **{column: row.get(column, "") for column in ("note_id", "sentence_index", "start_char", "end_char",
                                                         "community", "date", "text")},
            "previous_sentence": _neighbour_text(sentences, position - 1, note_id),
            "next_sentence": _neighbour_text(sentences, position + 1, note_id),
            "labels": "",
        })  # fmt: skip
    return Suggestions(for_coders, for_machine, machine_columns(classifier.categories))
