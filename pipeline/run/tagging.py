"""Tagging notes: long texts cut in pieces, sentences with their offsets, lexicon signals and classifier scores."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc

from ..read.ingest import Record
from ..tag.tagger import sentence_bounds

BATCH_SIZE = 64


SCORE_BATCH = 4096


@dataclass
class SentenceResult:
    """One sentence of a note with its offsets in the note's text and its labels."""

    index: int
    start_char: int
    end_char: int
    text: str
    labels: tuple[str, ...]
    scores: tuple[float, ...] = ()


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
                    yield piece, (record, offset, number == len(parts) - 1, piece)

        note: _Note | None = None
        features = self.classifier is not None
        for doc, (record, offset, last, piece) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=BATCH_SIZE):
            if note is None:
                note = _Note(record)
            by_start: dict[int, list] = {}
            for signal in doc._.ls_signals or ():
                by_start.setdefault(signal.sentence_start, []).append(signal)
            bounds, doc_words = doc_sentences(doc, offset, record.text)
            note.words += doc_words
            if features and bounds:
                note.inputs.extend(feature_inputs(doc, bounds, by_start, piece))
            for start, _end, start_char, end_char in bounds:
                found = by_start.get(start, [])
                note.signals.extend((len(note.sentences), signal, offset) for signal in found)
                note.sentences.append((start_char, end_char, found))
            if last:
                yield note
                note = None

    def _score_and_finish(self, notes: list[_Note]) -> Iterator[tuple[Record, list[SentenceResult], list, int]]:
        inputs = [item for note in notes for item in note.inputs]
        scores = self.classifier.scores_of(inputs).tolist() if inputs else None
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
                sentence_scores = tuple(round(value, 4) for value in scores[index])
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


def feature_inputs(doc: Doc, bounds, by_start: dict[int, list], text: str) -> list:
    """What the classifier reads of each sentence, from the doc's arrays; the same as ``feature_inputs_from_doc``.

    ``text`` is the text the doc was made from (``doc.text`` builds it again from a Token object per token).
    """
    from ..learn.features import FeatureInput

    strings = doc.vocab.strings
    rows = doc.to_array([LEMMA, LOWER, IS_PUNCT, IS_SPACE, IDX, LENGTH]).tolist()
    lemma_of_hash: dict[tuple[int, int], str] = {}
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
