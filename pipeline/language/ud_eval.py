"""Measure the Dutch language layer against Universal Dependencies Dutch treebanks (CoNLL-U).

Lemma accuracy uses the gold tokenisation; sentence boundaries are measured on raw text built from the gold
sentences. The treebanks are only read from outside the project (``<repo>/../shared/ud-dutch`` by default,
or ``$LEERSIGNALEN_UD_DIR``) and never copied into it.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, TreebankError
from ..resources import UD_DIR

DEFAULT_UD_DIR = UD_DIR
SENTENCES_PER_DOCUMENT = 20


@dataclass
class UDToken:
    """One word line of a CoNLL-U file (multiword-token ranges and empty nodes are skipped)."""

    form: str
    lemma: str
    upos: str
    space_after: bool


@dataclass
class UDSentence:
    """A gold sentence with its ``# text`` and the document/paragraph breaks that precede it."""

    text: str
    tokens: list[UDToken] = field(default_factory=list)
    new_document: bool = False
    new_paragraph: bool = False


def default_ud_dir() -> Path:
    """The folder with the UD Dutch ``.conllu`` files (``$LEERSIGNALEN_UD_DIR`` overrides the default)."""
    return Path(os.environ.get("LEERSIGNALEN_UD_DIR") or DEFAULT_UD_DIR or "ud-dutch")


def read_conllu(path: Path | str) -> list[UDSentence]:
    """Read the sentences of a CoNLL-U file; a malformed line or a file that is no UTF-8 text raises
    :class:`TreebankError` (a ``ValueError``, one line ``E120 FILE:LINE: ...``).

    Multiword-token ranges and empty nodes are skipped.
    """
    path = Path(path)
    try:
        return _read_conllu(path)
    except UnicodeDecodeError:
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
            line = 0
        except UnicodeDecodeError as exact:
            line = raw[: exact.start].count(b"\n") + 1
        raise TreebankError(Errors.E120.format(path=path.name, line=line, problem="not UTF-8 text")) from None
    except IsADirectoryError:
        raise TreebankError(Errors.E120.format(path=path.name, line=0, problem="a folder, not a file")) from None


def _read_conllu(path: Path) -> list[UDSentence]:
    sentences: list[UDSentence] = []
    current: UDSentence | None = None
    with path.open(encoding="utf-8") as handle:
        for line_number, raw_line in enumerate(handle, start=1):
            line = raw_line.rstrip("\n")
            if not line.strip():
                if current is not None:
                    sentences.append(current)
                current = None
                continue
            if current is None:
                current = UDSentence(text="")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "text":
                    current.text = value.strip()
                elif key.startswith("newdoc"):
                    current.new_document = True
                elif key.startswith("newpar"):
                    current.new_paragraph = True
                continue
            columns = line.split("\t")
            if len(columns) != 10:
                raise TreebankError(Errors.E120.format(path=path.name, line=line_number,
                                                       problem="expected 10 tab-separated CoNLL-U columns"))
            if not columns[0].isdigit():
                continue
            misc = columns[9].split("|")
            space_after = "SpaceAfter=No" not in misc
            current.tokens.append(UDToken(columns[1], columns[2], columns[3], space_after=space_after))
    if current is not None:
        sentences.append(current)
    return sentences


def run_components(nlp: Language, doc: Doc) -> Doc:
    """Run every pipeline component on an already tokenised doc."""
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc


def evaluate_lemmas(nlp: Language, path: Path | str) -> dict:
    """Lemma accuracy over non-punctuation tokens with gold tokenisation, plus the plain lookup baseline.

    ``accuracy`` compares case-insensitively; ``accuracy_no_compound_marks`` also ignores the ``_`` that UD
    Dutch puts between compound parts and separable particles (``basis_niveau``); ``baseline_*`` are the same
    for the bare spacy-lookups-data table (``lookup.get(lower, lower)``); ``baseline_case_sensitive`` is the
    way the README's 73.1% figure was computed (lowercase lookup output against the gold lemma as written).
    """
    from .lemmatizer import lemma_data

    lookup = lemma_data().lookup
    counts = dict.fromkeys(
        ["tokens", "correct", "correct_no_marks", "baseline", "baseline_no_marks", "baseline_case_sensitive"],
        0,
    )
    for sentence in read_conllu(path):
        words = [token.form for token in sentence.tokens]
        spaces = [token.space_after for token in sentence.tokens]
        doc = run_components(nlp, Doc(nlp.vocab, words=words, spaces=spaces))
        for token, gold in zip(doc, sentence.tokens, strict=True):
            if gold.upos == "PUNCT":
                continue
            gold_lemma = gold.lemma.lower()
            gold_unmarked = gold_lemma.replace("_", "")
            predicted = token.lemma_.lower()
            baseline = lookup.get(token.lower_, token.lower_)
            counts["tokens"] += 1
            counts["correct"] += predicted == gold_lemma
            counts["correct_no_marks"] += predicted == gold_unmarked
            counts["baseline"] += baseline == gold_lemma
            counts["baseline_no_marks"] += baseline == gold_unmarked
            counts["baseline_case_sensitive"] += baseline == gold.lemma
    total = max(counts["tokens"], 1)
    return {
        "tokens": counts["tokens"],
        "accuracy": counts["correct"] / total,
        "accuracy_no_compound_marks": counts["correct_no_marks"] / total,
        "baseline_accuracy": counts["baseline"] / total,
        "baseline_no_compound_marks": counts["baseline_no_marks"] / total,
        "baseline_case_sensitive": counts["baseline_case_sensitive"] / total,
    }


def _documents(sentences: list[UDSentence]) -> list[list[UDSentence]]:
    documents: list[list[UDSentence]] = []
    has_breaks = any(sentence.new_document or sentence.new_paragraph for sentence in sentences)
    for sentence in sentences:
        starts_new = (
            sentence.new_document or sentence.new_paragraph
            if has_breaks
            else not documents or len(documents[-1]) >= SENTENCES_PER_DOCUMENT
        )
        if starts_new or not documents:
            documents.append([])
        documents[-1].append(sentence)
    return documents


def evaluate_sentences(nlp: Language, path: Path | str) -> dict:
    """Sentence-boundary precision, recall and F1 on raw text joined from the gold sentences.

    Consecutive gold sentences are joined with a space into documents (per ``# newdoc``/``# newpar`` when
    present, else 20 sentences each); the boundaries compared are sentence start character offsets, not
    counting the trivial start at offset 0 of each document.
    """
    true_positives = predicted_total = gold_total = 0
    for document in _documents(read_conllu(path)):
        texts = [sentence.text for sentence in document if sentence.text]
        gold_starts, offset = set(), 0
        for text in texts:
            gold_starts.add(offset)
            offset += len(text) + 1
        doc = nlp(" ".join(texts))
        predicted_starts = {sent[0].idx for sent in doc.sents}
        gold_starts.discard(0)
        predicted_starts.discard(0)
        true_positives += len(gold_starts & predicted_starts)
        predicted_total += len(predicted_starts)
        gold_total += len(gold_starts)
    precision = true_positives / predicted_total if predicted_total else 0.0
    recall = true_positives / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"boundaries": gold_total, "precision": precision, "recall": recall, "f1": f1}


def build_blank_dutch() -> Language:
    """The blank Dutch pipeline with the project's segmenter and lemmatizer."""
    from . import (
        lemmatizer,  # noqa: F401
        segmenter,  # noqa: F401
    )

    nlp = spacy.blank("nl")
    nlp.add_pipe("leersignalen_segmenter")
    nlp.add_pipe("leersignalen_lemmatizer")
    return nlp


def pipeline_for(model: str = "blank") -> Language:
    """The pipeline to measure: the blank Dutch layer, or ``auto``/a trained model without the tagger."""
    from .build import build_language, resolve_model

    if resolve_model(model) == "blank":
        return build_blank_dutch()
    nlp, _info = build_language(model)
    return nlp


def print_ud_scores(folder: Path | str, *, model: str = "blank", nlp: Language | None = None) -> bool:
    """Print lemma and sentence-boundary scores for each ``.conllu`` in ``folder``; False if there is none."""
    folder = Path(folder)
    paths = sorted(folder.glob("*.conllu"))
    if not paths:
        print(f"{folder}: no .conllu files found; pass a folder of UD treebanks or set LEERSIGNALEN_UD_DIR")
        return False
    nlp = nlp or pipeline_for(model)
    print(f"UD Dutch ({', '.join(nlp.pipe_names)})")
    print(f"{'treebank':<32} {'tokens':>7} {'lemma':>7} {'no _':>7} {'lookup':>7} {'lk cs':>7} "
          f"{'sent P':>7} {'sent R':>7} {'sent F1':>7}")
    for path in paths:
        lemmas = evaluate_lemmas(nlp, path)
        sentences = evaluate_sentences(nlp, path)
        print(
            f"{path.name:<32} {lemmas['tokens']:>7} {lemmas['accuracy']:>7.1%} "
            f"{lemmas['accuracy_no_compound_marks']:>7.1%} {lemmas['baseline_accuracy']:>7.1%} "
            f"{lemmas['baseline_case_sensitive']:>7.1%} {sentences['precision']:>7.1%} "
            f"{sentences['recall']:>7.1%} {sentences['f1']:>7.1%}"
        )
    print(
        "lemma: case-insensitive accuracy over non-punctuation tokens (gold tokenisation);"
        " no _: also ignoring UD's compound marks;\nlookup: spacy-lookups-data table alone;"
        " lk cs: same, case-sensitive (how the README's 73.1% was computed)"
    )
    return True


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m pipeline.ud_eval [FOLDER] [--model blank|auto|NAME]``."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.ud_eval", description=main.__doc__)
    parser.add_argument("folder", nargs="?", type=Path, help="folder with UD Dutch .conllu files")
    parser.add_argument("--model", default="blank", help="blank (default), auto or an installed spaCy model")
    arguments = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return 0 if print_ud_scores(arguments.folder or default_ud_dir(), model=arguments.model) else 2


if __name__ == "__main__":
    raise SystemExit(main())
