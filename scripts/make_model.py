"""Build the shipped classifier ``models/default``: train on the dev split, score on the heldout split.

Usage: ``python scripts/make_model.py [--out models/default] [--folds 5] [--seed 20251] [--rules one]``.
The labelled corpus is ``data/labelled/*.tsv``; only rows with ``split == dev`` are used for training,
cross-validation and the choice of the label rule; rows with ``split == heldout`` are scored once at the end and
the scores are written to the model card.
Rebuilding with the same data, lexicon and versions gives byte-identical files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from leersignalen.agreement.evaluate import labelled_files, load_labelled  # noqa: E402
from leersignalen.learn.card import format_rule_table  # noqa: E402
from leersignalen.learn.features import feature_inputs_from_doc  # noqa: E402
from leersignalen.learn.training import TrainingSettings, evaluate_rules, train_classifier  # noqa: E402
from leersignalen.run.batch import lexicon_files  # noqa: E402
from leersignalen.tag.lexicon import lexicon_hash  # noqa: E402
from leersignalen.tag.pipeline import build_pipeline  # noqa: E402


@click.command()
@click.option("--out", default=str(REPO / "models" / "default"), show_default=True, help="Model folder to write.")
@click.option("--folds", default=5, show_default=True, type=int, help="Cross-validation folds on the dev split.")
@click.option("--seed", default=20251, show_default=True, type=int, help="Seed for folds and solvers.")
@click.option("--rules", "rule_choice", default="one", show_default=True, type=click.Choice(["one", "per-category"]),
              help="One label rule for all categories (the shipped model) or one rule per category.")
@click.option("--lexicon", "lexicon_dir", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Lexicon folder (default: the project's lexicons/).")
def main(out: str, folds: int, seed: int, rule_choice: str, lexicon_dir: Path | None) -> None:
    """Train the default model on the dev split and report held-out scores next to the lexicon."""
    lexicon_sha256 = lexicon_hash(lexicon_files(lexicon_dir))
    nlp, _ = build_pipeline("blank", lexicon_dir=str(lexicon_dir) if lexicon_dir else None)
    dev = load_labelled(split="dev")
    heldout = load_labelled(split="heldout")
    dev_inputs = [feature_inputs_from_doc(doc) for doc in nlp.pipe([row.text for row in dev], batch_size=256)]
    held_inputs = [feature_inputs_from_doc(doc) for doc in nlp.pipe([row.text for row in heldout], batch_size=256)]
    settings = TrainingSettings(folds=folds, seed=seed, rule_choice=rule_choice)
    model, cv = train_classifier(
        dev_inputs, [row.labels for row in dev], settings=settings, sources=labelled_files(),
        lexicon_sha256=lexicon_sha256,
    )  # fmt: skip
    model.card["training"]["split"] = "dev"
    held_scores = evaluate_rules(model, held_inputs, [row.labels for row in heldout])
    model.card["heldout"] = {"split": "heldout", "sentences": len(heldout), "rules": held_scores}
    model.save(out)
    click.echo(f"Cross-validation on {len(dev)} dev sentences ({folds} folds), F1; * = chosen rule:")
    click.echo(format_rule_table(cv.scores, model.categories, chosen=cv.chosen.table_name))
    click.echo(f"\nHeld-out split, {len(heldout)} sentences, F1:")
    click.echo(format_rule_table(held_scores, model.categories, chosen=cv.chosen.table_name))
    click.echo(f"\nwrote {out} (label rule: {cv.chosen.name})")


if __name__ == "__main__":
    main()
