"""Score the lexicon tagger on a gold TSV of real sentences (columns id, source, text, labels).

Each row's text is tagged in isolation with ``build_pipeline("blank")``; its predicted labels are the union
over its sentences of the non-negated matches (headings code nothing). Labels in the file are separated by
``,`` or ``;``. Prints per-category precision, recall and F1, macro-F1 and the false-positive rate on
neutral rows; ``--by-source`` adds macro-F1 per source, ``--errors CATEGORY`` lists misses and false
alarms of one category (or ``neutral`` for labelled neutral rows) with the rules that fired.

    .venv/bin/python scripts/score_gold.py /work/staging/coding/tuning_gold.tsv [--by-source] [--errors reflectie]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from leersignalen.agreement.evaluate import format_scores, macro_f1, neutral_false_positive_rate, score_labels
from leersignalen.categories import category_ids
from leersignalen.tag.pipeline import build_pipeline

csv.field_size_limit(sys.maxsize)


def read_gold(path: Path) -> list[dict]:
    """Rows with id, source, text and a frozenset of labels; unknown labels stop the script."""
    known = set(category_ids())
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            labels = frozenset(label.strip() for label in row["labels"].replace(";", ",").split(",") if label.strip())
            if labels - known:
                raise SystemExit(f"{path}: row {row['id']}: unknown label(s) {sorted(labels - known)}")
            rows.append({"id": row["id"], "source": row.get("source", ""), "text": row["text"], "labels": labels})
    return rows


def tag(rows: list[dict]) -> tuple[list[frozenset[str]], list[list[str]]]:
    """Predicted labels and fired rule ids (negated ones marked ``~``) per row."""
    nlp, _ = build_pipeline("blank")
    predicted, fired = [], []
    for doc in nlp.pipe((row["text"] for row in rows), batch_size=128):
        signals = doc._.ls_signals or []
        predicted.append(frozenset(s.category for s in signals if not s.negated))
        fired.append([("~" if s.negated else "") + s.rule_id for s in signals])
    return predicted, fired


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--by-source", action="store_true")
    parser.add_argument("--errors", metavar="CATEGORY", help="list misses and false alarms of CATEGORY")
    args = parser.parse_args(argv)
    rows = read_gold(args.gold)
    gold = [row["labels"] for row in rows]
    predicted, fired = tag(rows)
    print(f"{args.gold}: {len(rows)} rows, {sum(1 for g in gold if not g)} neutral")
    print(format_scores(score_labels(gold, predicted, category_ids()), gold, predicted))
    if args.by_source:
        for source in sorted({row["source"] for row in rows}):
            index = [i for i, row in enumerate(rows) if row["source"] == source]
            g, p = [gold[i] for i in index], [predicted[i] for i in index]
            print(f"{source:<32}{len(index):>5}  macro F1 {macro_f1(score_labels(g, p, category_ids())):.3f}"
                  f"  neutral FP {neutral_false_positive_rate(g, p):.3f}")
    if args.errors:
        category = args.errors
        for i, row in enumerate(rows):
            text = " ".join(row["text"].split())[:220]
            if category == "neutral":
                if not gold[i] and predicted[i]:
                    print(f"FP {sorted(predicted[i])} {fired[i]} | {text}")
            elif category in gold[i] and category not in predicted[i]:
                print(f"FN {sorted(gold[i])} {fired[i]} | {text}")
            elif category in predicted[i] and category not in gold[i]:
                print(f"FP {sorted(gold[i])} {fired[i]} | {text}")


if __name__ == "__main__":
    main()
