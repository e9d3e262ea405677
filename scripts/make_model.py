"""Build the shipped classifier ``models/default`` from the labelled corpus and the committed part of the real corpus.

Usage: ``python scripts/make_model.py [--out models/default] [--rules loso|cv|one] [--rules-from MODEL_FOLDER]``.

The training data are every sentence of ``data/labelled/*.tsv`` and the sentences of ``data/real/sentences.tsv``
whose text is committed, so that every clone rebuilds the same model. With ``--rules loso`` (the default) the label
rule of each category (lexicon, classifier, or the two combined) is the one with the best leave-one-source-out F1
on the real corpus: each real source scored by a classifier fitted on the labelled corpus and the other sources.
``--rules-from`` reuses the rules of an existing model instead (what the rebuild test does: the fit is the same,
without the leave-one-source-out fits). Rebuilding with the same data, lexicon and versions gives identical bytes;
the BLAS kernel is pinned before numpy loads (``leersignalen.learn.blas``), so that the processor does not matter.
"""

from __future__ import annotations

import sys
from pathlib import Path

from leersignalen.learn.blas import pin_kernel

pin_kernel()

import click  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from leersignalen.agreement.corpus import load_real, real_corpus_file  # noqa: E402
from leersignalen.agreement.evaluate import labelled_files, load_labelled  # noqa: E402
from leersignalen.agreement.loso import evaluate_loso, feature_inputs  # noqa: E402
from leersignalen.categories import category_ids  # noqa: E402
from leersignalen.defaults import SEED  # noqa: E402
from leersignalen.learn.card import format_rule_table  # noqa: E402
from leersignalen.learn.model import SentenceClassifier, load_classifier  # noqa: E402
from leersignalen.learn.rules import (  # noqa: E402
    PerCategoryRules,
    choose_rules_per_category,
    rule_scores,
    rules_for_categories,
)
from leersignalen.learn.training import TrainingSettings, fit_models, train_classifier, training_digest  # noqa: E402
from leersignalen.run.batch import lexicon_files  # noqa: E402
from leersignalen.tag.lexicon import lexicon_hash  # noqa: E402
from leersignalen.tag.pipeline import build_pipeline  # noqa: E402

LOSO_CHOICE = ("the highest F1 of each category over the leave-one-source-out predictions (ties: the simpler "
               "rule); the per-category row is chosen on these same predictions, so it is slightly optimistic")


def loso_rules(real, nlp, base_inputs, base_labels, settings):
    """Rules per category from leave-one-source-out scores; and the scores, for the model card."""
    results, _ = evaluate_loso(real, nlp, base_inputs=base_inputs, base_labels=base_labels, settings=settings)
    methods = [r for r in results if r.method != "per-category choice"]
    chosen = choose_rules_per_category({r.method: r.scores for r in methods}, threshold=settings.threshold)
    gold = [s.gold for s in real]
    table = {r.method: rule_scores(gold, r.predictions, category_ids()) for r in results}
    return chosen, {"sentences": len(real), "sources": len({s.source for s in real}), "chosen_by": LOSO_CHOICE,
                    "rules": table}


def fit_with_rules(inputs, labels, rule, settings, *, sources, lexicon_sha256, loso):
    categories = category_ids()
    per_category = rule.by_category if isinstance(rule, PerCategoryRules) else dict.fromkeys(categories, rule)
    lexicon_features = any(r.features == "text+lexicon" for r in per_category.values())
    text_only = frozenset(c for c, r in per_category.items() if r.features == "text" and lexicon_features)
    features, coef, intercept = fit_models(inputs, labels, categories, lexicon_features=lexicon_features,
                                           settings=settings, text_only=text_only)  # fmt: skip
    card = {
        "training": {
            "sha256": training_digest(inputs, labels), "sentences": len(inputs), "split": "all",
            "neutral": sum(1 for label_set in labels if not label_set),
            "per_category": {c: sum(1 for s in labels if c in s) for c in categories},
            "sources": [{"file": str(Path(p).relative_to(REPO))} for p in sources],
            "lexicon_sha256": lexicon_sha256,
        },
        "settings": {"C": settings.c, "min_df": settings.min_df, "class_weight": "balanced", "solver": "liblinear",
                     "seed": settings.seed, "model_features": "text+lexicon" if lexicon_features else "text",
                     "rule_choice": "leave-one-source-out", "text_only_categories": sorted(text_only)},
        "loso": loso,
    }
    return SentenceClassifier(tuple(categories), features, coef, intercept, rule, card)


@click.command()
@click.option("--out", default=str(REPO / "models" / "default"), show_default=True, help="Model folder to write.")
@click.option("--rules", "rule_choice", default="loso", show_default=True, type=click.Choice(["loso", "cv", "one"]),
              help="loso: a rule per category by leave-one-source-out on the real corpus; cv: a rule per category "
                   "by cross-validation; one: one rule for all categories by cross-validation.")
@click.option("--rules-from", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Reuse the label rules (and leave-one-source-out table) of this model folder.")
@click.option("--seed", default=SEED, show_default=True, type=int, help="Seed for folds and solvers.")
@click.option("--lexicon", "lexicon_dir", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Lexicon folder (default: the project's lexicons/).")
def main(out: str, rule_choice: str, rules_from: Path | None, seed: int, lexicon_dir: Path | None) -> None:
    """Train the default model on the labelled corpus and the committed real corpus."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # the same bytes whatever thread count BLAS would pick (OMP_NUM_THREADS ...)
        build(out, rule_choice, rules_from, seed, lexicon_dir)


def build(out: str, rule_choice: str, rules_from: Path | None, seed: int, lexicon_dir: Path | None) -> None:
    lexicon_sha256 = lexicon_hash(lexicon_files(lexicon_dir))
    nlp, _ = build_pipeline("blank", lexicon_dir=str(lexicon_dir) if lexicon_dir else None)
    labelled = load_labelled(split="all")
    real_file = real_corpus_file(local=False)
    real = load_real(real_file)
    base_inputs = feature_inputs(nlp, [row.text for row in labelled])
    real_inputs = feature_inputs(nlp, [s.text for s in real], [s.document for s in real])
    inputs, labels = [*base_inputs, *real_inputs], [*(row.labels for row in labelled), *(s.gold for s in real)]
    sources = [*labelled_files(), real_file]
    settings = TrainingSettings(seed=seed)
    if rule_choice in ("cv", "one") and rules_from is None:
        settings = TrainingSettings(seed=seed, rule_choice="per-category" if rule_choice == "cv" else "one")
        model, cv = train_classifier(inputs, labels, settings=settings, sources=sources,
                                     lexicon_sha256=lexicon_sha256)  # fmt: skip
        model.save(out)
        click.echo(format_rule_table(cv.scores, model.categories, chosen=cv.chosen.table_name))
        click.echo(f"wrote {out} (label rule: {cv.chosen.name})")
        return
    if rules_from is not None:
        previous = load_classifier(rules_from)
        rule, loso = previous.rule, previous.card.get("loso")
    else:
        chosen, loso = loso_rules(real, nlp, base_inputs, [row.labels for row in labelled], settings)
        rule = rules_for_categories(chosen, category_ids())
    model = fit_with_rules(inputs, labels, rule, settings, sources=sources, lexicon_sha256=lexicon_sha256, loso=loso)
    model.save(out)
    if loso:
        click.echo(f"Leave-one-source-out on {loso['sentences']} real sentences ({loso['sources']} sources), F1:")
        click.echo(format_rule_table(loso["rules"], model.categories))
    click.echo(f"\nwrote {out} (label rule: {rule.name})")


if __name__ == "__main__":
    main()
