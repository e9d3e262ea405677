"""``make evaluate``: scores of the lexicon tagger on the labelled set, and of the language layer on UD Dutch."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from ..categories import category_ids
from ..errors import LeersignalenError
from ..language.build import build_pipeline
from ..resources import LABELLED_DIR

LABELLED_COLUMNS = ("id", "split", "setting", "register", "voice", "text", "labels", "kind", "comment")


@dataclass(frozen=True)
class LabelledSentence:
    """One hand-labelled sentence."""

    id: str
    split: str
    setting: str
    kind: str
    text: str
    labels: frozenset[str]


def labelled_files() -> list[Path]:
    """The labelled corpus files shipped in tests/data/labelled."""
    return sorted(LABELLED_DIR.glob("*.tsv"))


def load_labelled(paths: Iterable[Path] | None = None, *, split: str = "dev") -> list[LabelledSentence]:
    """Read labelled TSV files, keeping rows of ``split`` ('dev', 'heldout' or 'all'); unknown labels are errors."""
    known = set(category_ids())
    rows: list[LabelledSentence] = []
    for path in paths or labelled_files():
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = {"id", "text", "labels"} - set(reader.fieldnames or ())
            if missing:
                raise LeersignalenError(f"{path}:1: missing column(s) {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                labels = frozenset(label.strip() for label in (row["labels"] or "").split(";") if label.strip())
                unknown = labels - known
                if unknown:
                    raise LeersignalenError(f"{path}:{line}: unknown category {', '.join(sorted(unknown))}")
                row_split = row.get("split") or "dev"
                if split != "all" and row_split != split:
                    continue
                rows.append(
                    LabelledSentence(row["id"], row_split, row.get("setting", ""), row.get("kind", ""),
                                     row["text"], labels)
                )  # fmt: skip
    return rows


def predict_labels(nlp, texts: Sequence[str]) -> list[frozenset[str]]:
    """Labels the tagger gives each text (the union over its sentences; negated matches do not count)."""
    return [
        frozenset(signal.category for signal in doc._.ls_signals if not signal.negated)
        for doc in nlp.pipe(texts, batch_size=256)
    ]


@dataclass(frozen=True)
class CategoryScore:
    """Counts and scores for one category."""

    category: str
    support: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no support."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_labels(
    gold: Sequence[frozenset[str]], predicted: Sequence[Iterable[str]], categories: Sequence[str] | None = None
) -> list[CategoryScore]:
    """Per-category counts of true positives, false positives and false negatives (all categories by default)."""
    scores = []
    for category in categories or category_ids():
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if category in g and category in p)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if category not in g and category in p)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if category in g and category not in p)
        scores.append(CategoryScore(category, tp + fn, tp, fp, fn))
    return scores


def macro_f1(scores: Sequence[CategoryScore]) -> float:
    """Unweighted mean F1 over the categories."""
    return sum(score.f1 for score in scores) / len(scores)


def micro_f1(scores: Sequence[CategoryScore]) -> float:
    """F1 over all category decisions pooled."""
    tp = sum(s.tp for s in scores)
    fp = sum(s.fp for s in scores)
    fn = sum(s.fn for s in scores)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def neutral_false_positive_rate(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]) -> float:
    """Share of sentences without any gold label that received a label."""
    neutral = [p for g, p in zip(gold, predicted, strict=True) if not g]
    return sum(1 for p in neutral if p) / len(neutral) if neutral else 0.0


def format_scores(scores: Sequence[CategoryScore], gold, predicted) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'category':<16}{'support':>8}{'precision':>11}{'recall':>8}{'F1':>7}"]
    for s in scores:
        lines.append(f"{s.category:<16}{s.support:>8}{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}")
    lines.append(f"{'macro F1':<16}{'':>8}{'':>11}{'':>8}{macro_f1(scores):>7.3f}")
    lines.append(f"{'micro F1':<16}{'':>8}{'':>11}{'':>8}{micro_f1(scores):>7.3f}")
    lines.append(f"false positives on neutral sentences: {neutral_false_positive_rate(gold, predicted):.3f}")
    return "\n".join(lines)


def evaluate_lexicon(paths: Sequence[Path] = (), *, split: str = "dev", model: str = "blank", nlp=None):
    """Tag the labelled sentences; return (rows, gold, predicted, scores)."""
    rows = load_labelled(paths or None, split=split)
    if nlp is None:
        nlp, _ = build_pipeline(model)
    gold = [row.labels for row in rows]
    predicted = predict_labels(nlp, [row.text for row in rows])
    return rows, gold, predicted, score_labels(gold, predicted)


def print_evaluation(paths: Sequence[Path], *, split: str, ud_dir: Path | None, model: str) -> None:
    """Print the labelled-set table and, when the treebanks are there, the UD Dutch scores."""
    rows, gold, predicted, scores = evaluate_lexicon(paths, split=split, model=model)
    click.echo(f"Labelled set ({split} split): {len(rows)} sentences, {sum(1 for g in gold if not g)} neutral")
    click.echo(format_scores(scores, gold, predicted))
    from ..language.ud_eval import default_ud_dir, print_ud_scores

    folder = Path(ud_dir) if ud_dir else default_ud_dir()
    if not folder.is_dir():
        click.echo(f"UD Dutch: {folder} not found, lemma and sentence scores skipped")
        return
    click.echo("")
    print_ud_scores(folder, model=model)
