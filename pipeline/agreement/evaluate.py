"""``make evaluate``: scores of the lexicon tagger on the labelled set, and of the language layer on UD Dutch."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from ..categories import category_ids
from ..defaults import LONGEST_PIECE
from ..errors import Errors, GoldFileError
from ..metrics import (
    CategoryScore,
    format_score,
    macro_f1,
    micro_f1,
    neutral_false_positive_rate,
    score_labels,
)
from ..output.cells import allow_long_cells
from ..resources import LABELLED_DIR
from ..tag.pipeline import build_pipeline
from .gold import decode_utf8

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
    allow_long_cells()
    rows: list[LabelledSentence] = []
    for path in paths or labelled_files():
        with io.StringIO(decode_utf8(Path(path), encoding="utf-8"), newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            try:
                rows.extend(_labelled_rows(path, reader, split))
            except csv.Error as error:
                raise GoldFileError(Errors.E101.format(where=f"{path}:{reader.line_num}", problem=error)) from None
    return rows


def _labelled_rows(path: Path, reader: csv.DictReader, split: str) -> Iterable[LabelledSentence]:
    known = set(category_ids())
    missing = {"id", "text", "labels"} - set(reader.fieldnames or ())
    if missing:
        raise GoldFileError(Errors.E041.format(path=path, columns=", ".join(sorted(missing)),
                                               fix="a labelled file needs id, text and labels"))
    for line, row in enumerate(reader, start=2):
        labels = frozenset(label.strip() for label in (row["labels"] or "").split(";") if label.strip())
        unknown = labels - known
        if unknown:
            raise GoldFileError(Errors.E035.format(where=f"{path}:{line}", code=", ".join(sorted(unknown)),
                                                   known=", ".join(category_ids()), hint="fix the label"))
        if len(row["text"] or "") > LONGEST_PIECE:
            raise GoldFileError(Errors.E123.format(where=f"{path}:{line}", length=len(row["text"]),
                                                   limit=LONGEST_PIECE))
        row_split = row.get("split") or "dev"
        if split == "all" or row_split == split:
            yield LabelledSentence(row["id"], row_split, row.get("setting", ""), row.get("kind", ""),
                                   row["text"], labels)


def predict_labels(nlp, texts: Sequence[str]) -> list[frozenset[str]]:
    """Labels the tagger gives each text (the union over its sentences; negated matches do not count)."""
    return [
        frozenset(signal.category for signal in doc._.ls_signals if not signal.negated)
        for doc in nlp.pipe(texts, batch_size=256)
    ]


def format_scores(scores: Sequence[CategoryScore], gold, predicted) -> str:
    """A plain-text table of the scores."""
    lines = [f"{'category':<16}{'support':>8}{'precision':>11}{'recall':>8}{'F1':>7}"]
    for s in scores:
        lines.append(f"{s.category:<16}{s.support:>8}{format_score(s.precision):>11}{format_score(s.recall):>8}"
                     f"{format_score(s.f1):>7}")
    lines.append(f"{'macro F1':<16}{'':>8}{'':>11}{'':>8}{format_score(macro_f1(scores)):>7}")
    lines.append(f"{'micro F1':<16}{'':>8}{'':>11}{'':>8}{format_score(micro_f1(scores)):>7}")
    rate = format_score(neutral_false_positive_rate(gold, predicted))
    lines.append(f"false positives on neutral sentences: {rate}")
    return "\n".join(lines)


def evaluate_lexicon(paths: Sequence[Path] = (), *, split: str = "dev", model: str = "blank", nlp=None):
    """Tag the labelled sentences; return (rows, gold, predicted, scores)."""
    rows = load_labelled(paths or None, split=split)
    if nlp is None:
        nlp, _ = build_pipeline(model)
    gold = [row.labels for row in rows]
    predicted = predict_labels(nlp, [row.text for row in rows])
    return rows, gold, predicted, score_labels(gold, predicted, category_ids())


def print_real_corpus(nlp, *, classifier: bool, real_dir: Path | None = None) -> None:
    """LOSO tables on the real corpus: on every sentence present, and on the committed part alone when they differ."""
    from .corpus import held_back_sources, load_real, real_corpus_file
    from .loso import (
        coder_agreement,
        error_kinds,
        evaluate_loso,
        feature_inputs,
        format_held_back,
        format_loso,
        format_precision_recall,
    )

    everything = real_corpus_file(real_dir)
    committed = real_corpus_file(real_dir, local=False)
    base = load_labelled(split="all")
    base_inputs = feature_inputs(nlp, [row.text for row in base]) if classifier else []
    shareable = {s.id for s in load_real(committed)}
    for label, path in (("everything present", everything), ("committed part only", committed)):
        if label == "committed part only" and path == everything:
            continue
        every_row = load_real(path, with_text_only=False)
        sentences = [s for s in every_row if s.text]
        absent = len(every_row) - len(sentences)
        click.echo(f"\nReal corpus, {label} ({path}): {len(sentences)} sentences"
                   + (f"; {absent} without text (run `make real-corpus CLONES=...`)" if absent else ""))
        results, chosen = evaluate_loso(sentences, nlp, base_inputs=base_inputs,
                                        base_labels=[row.labels for row in base], classifier=classifier)
        click.echo(format_loso(results, coder_agreement(sentences), sentences))
        click.echo(format_held_back(results, sentences, held_back_sources(real_dir)))
        for result in results:
            click.echo(format_precision_recall(result))
        if chosen:
            click.echo("per-category choice: " + ", ".join(f"{c}: {rule}" for c, rule in chosen.items()))
        click.echo("per source, macro-F1 of " + results[-1].method + ": " + ", ".join(
            f"{source} {format_score(value, 2)}" for source, value in results[-1].per_source.items()))
        click.echo("most common kinds of error (" + results[-1].method + "):")
        for kind, count, example in error_kinds(sentences, results[-1].predictions, shareable=shareable):
            click.echo(f"  {count:>4}  {kind}: {' '.join(example.split())[:90]}")


def print_names() -> None:
    """Name recall and precision of the pseudonymiser on the annotated name set (dev and test parts)."""
    from ..privacy.evaluate import INDEPENDENT, load_names, parse_marked, score_names

    click.echo("\nNames (data/names), default pseudonymisation (persons and contact details):")
    sets = [(split, load_names(split=split)) for split in ("dev", "test")]
    if INDEPENDENT.is_file():
        sets.append(("independent", parse_marked(INDEPENDENT)))
    for split, records in sets:
        scores = score_names(records, also=())
        click.echo(f"  {split}: recall {scores.recall():.3f}, precision {scores.precision:.3f} "
                   f"({sum(scores.found.values())}/{sum(scores.gold.values())} mentions found)")


def print_evaluation(paths: Sequence[Path], *, split: str, ud_dir: Path | None, model: str, loso: bool = False,
                     classifier: bool = True, names: bool = False) -> None:
    """Print the real-corpus LOSO tables, the labelled-set table, name scores and the UD Dutch scores."""
    if loso:
        nlp, _ = build_pipeline(model)
        print_real_corpus(nlp, classifier=classifier)
        click.echo("")
    rows, gold, predicted, scores = evaluate_lexicon(paths, split=split, model=model)
    click.echo(f"Labelled set ({split} split): {len(rows)} sentences, {sum(1 for g in gold if not g)} neutral")
    click.echo(format_scores(scores, gold, predicted))
    from ..language.ud_eval import default_ud_dir, print_ud_scores

    if names:
        print_names()
    folder = Path(ud_dir) if ud_dir else default_ud_dir()
    if not folder.is_dir():
        click.echo(f"UD Dutch: {folder} not found, lemma and sentence scores skipped")
        return
    click.echo("")
    print_ud_scores(folder, model=model)
