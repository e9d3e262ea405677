"""Click commands ``validate``, ``train`` and ``suggest``: agreement with human coders and a trainable classifier.

They are attached to the ``leersignalen`` group in :mod:`leersignalen.cli.main`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from ..errors import ClassifierError, Errors, GoldFileError
from .errors import InputPath
from .files import read_folders, read_once, writing_into
from .options import (
    classifier_option,
    deprecated_alias,
    lexicon_option,
    model_option,
    resamples_option,
    seed_option,
    take_alias,
)

SPLITS = ("dev", "heldout", "all")
RULE_CHOICES = ("per-category", "one")


def _pipeline(model: str, lexicon_dir: Path | None):
    from ..tag.pipeline import build_pipeline

    nlp, _ = build_pipeline(model, lexicon_dir=str(lexicon_dir) if lexicon_dir else None)
    return nlp


def gold_tables():
    """Readers for gold files that are QDA projects (.qdpx, .qde)."""
    from ..exchange.qdpx_import import GOLD_TABLES

    return GOLD_TABLES


def _mapping(path: Path | None):
    from ..agreement.gold import load_mapping

    return load_mapping(path) if path else None


def warn_if_lexicon_changed(classifier, lexicon_dir: Path | None) -> None:
    """Warn on stderr when the lexicon differs from the one the classifier was trained with."""
    from ..run.batch import lexicon_files
    from ..tag.lexicon import lexicon_hash

    trained = classifier.card.get("training", {}).get("lexicon_sha256")
    if trained and trained != lexicon_hash(lexicon_files(lexicon_dir)):
        click.echo("warning: the lexicon changed since this classifier was trained; retrain it for lexicon "
                   "features that match", err=True)  # fmt: skip


GOLD_HELP = ("Human-coded CSV/TSV: a text column (or note_id with sentence_index or start_char/end_char) and a "
             "labels/codes/categories column of ';'- or ','-separated codes; empty = neutral. Repeatable.")  # fmt: skip
MAPPING_HELP = "CSV with columns code,category that maps a team's own code names to codebook ids."
SPLIT_HELP = "Use only the gold rows of this split (needs a 'split' column); default: all rows."


@click.command(help="Agreement between human coding (--gold) and the machine (--pred, or the gold texts tagged now) "
                    "or a second coder (--gold2): P/R/F1, Cohen's kappa and Krippendorff's alpha with bootstrap "
                    "intervals; writes validation.csv, disagreements.csv and validation_methods.txt.")  # fmt: skip
@click.option("--gold", "gold_paths", required=True, multiple=True,
              type=InputPath(dir_okay=False), help=GOLD_HELP)
@click.option("--pred", type=InputPath(), default=None,
              help="Output folder of `leersignalen run` (or its sentences.csv) to compare with; without it the "
                   "gold texts are tagged now.")
@click.option("--gold2", "gold2_paths", multiple=True, type=InputPath(dir_okay=False),
              help="A second coder's file in the same format: agreement between two human codings, shown next to "
                   "the machine's agreement with each coder on the same sentences. Repeatable.")
@click.option("--coders-only", is_flag=True, default=False,
              help="With --gold2: compare the two coders only, without the machine.")
@click.option("--mapping", type=InputPath(dir_okay=False), default=None,
              help=MAPPING_HELP)
@model_option(purpose="used to tag the gold texts when --pred is not given")
@classifier_option(purpose="to label the gold texts with instead of the lexicon alone")
@lexicon_option
@click.option("--split", type=click.Choice(SPLITS), default=None, help=SPLIT_HELP)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the CSV outputs (default: the --pred folder, else ./validation).")
@seed_option("the bootstrap resampling")
@resamples_option
def validate(gold_paths, pred, gold2_paths, coders_only, mapping, model, classifier_path, lexicon_dir, split, out,
             seed, resamples) -> None:  # fmt: skip
    """Compare human coding with the machine or a second coder and write the agreement files."""
    from ..agreement.gold import read_gold_files
    from ..agreement.pairing import pair_two_coders, rows_coded_by_both
    from ..agreement.validate import (
        SIDE_BY_SIDE_FILES,
        format_side_by_side,
        format_table,
        methods_sentence,
        side_by_side,
        validate_pairs,
        write_side_by_side,
        write_validation,
    )

    gold_paths, gold2_paths = read_once(gold_paths, "--gold"), read_once(gold2_paths, "--gold2")
    from ..read.inputs import file_identity

    second = {file_identity(path) for path in gold2_paths}
    both = [path for path in gold_paths if file_identity(path) in second]
    if both:
        raise GoldFileError(Errors.E110.format(path=both[0]))
    if classifier_path and pred:
        raise GoldFileError(Errors.E017)
    if coders_only and not gold2_paths:
        raise GoldFileError(Errors.E016)
    from ..output.folder import VALIDATION_FILES
    from ..output.guard import refuse_overwriting_inputs

    folder = out or ((pred if pred.is_dir() else pred.parent) if pred else Path("validation"))
    refuse_overwriting_inputs(
        [("--out", folder / name) for name in (*VALIDATION_FILES, *SIDE_BY_SIDE_FILES)],
        [*gold_paths, *gold2_paths, pred, mapping], folders=read_folders(classifier_path, lexicon_dir),
    )  # fmt: skip
    code_map = _mapping(mapping)
    gold = read_gold_files(gold_paths, mapping=code_map, split=split, tables=gold_tables())
    if not gold2_paths:
        pairs, comparison = _machine_pairs(gold, pred, model, classifier_path, lexicon_dir)
        result = validate_pairs(pairs, comparison=comparison, resamples=resamples, seed=seed)
        with writing_into(folder):
            written = write_validation(result, folder)
        click.echo(format_table(result))
        click.echo("")
        click.echo(methods_sentence(result))
        click.echo("wrote " + ", ".join(str(path) for path in written))
        return
    second = read_gold_files(gold2_paths, mapping=code_map, split=split, tables=gold_tables())
    pairs, only_first, only_second = pair_two_coders(gold, second)
    click.echo(f"{len(pairs)} sentences coded by both coders ({only_first} only in --gold, "
               f"{only_second} only in --gold2)")  # fmt: skip
    coders = validate_pairs(pairs, comparison="coders", resamples=resamples, seed=seed)
    click.echo(format_table(coders))
    sentences, written = [methods_sentence(coders)], []
    if not coders_only:
        first_rows, second_rows = rows_coded_by_both(gold, second)
        against_first, comparison = _machine_pairs(first_rows, pred, model, classifier_path, lexicon_dir)
        against_second = [replace(pair, where=row.where, gold=row.labels)
                          for pair, row in zip(against_first, second_rows, strict=True)]  # fmt: skip
        machine = [validate_pairs(p, comparison=comparison, resamples=resamples, seed=seed)
                   for p in (against_first, against_second)]  # fmt: skip
        table = side_by_side(coders, *machine)
        with writing_into(folder):
            written += write_side_by_side(table, folder)
        click.echo("")
        click.echo(format_side_by_side(table))
        sentences.append(methods_sentence(machine[0]))
    with writing_into(folder):
        written = write_validation(coders, folder, methods=" ".join(sentences)) + written
    click.echo("")
    click.echo(" ".join(sentences))
    click.echo("wrote " + ", ".join(str(path) for path in written))


def _machine_pairs(gold, pred: Path | None, model: str, classifier_path, lexicon_dir: Path | None):
    """The gold rows paired with the machine's coding (a tagged output, or the texts tagged now); and its name."""
    from ..agreement.pairing import load_tagged_output, pair_with_output, pair_with_tagger

    if pred:
        output = load_tagged_output(pred)
        return pair_with_output(gold, output), f"leersignalen output {output.folder.name}"
    nlp = _pipeline(model, lexicon_dir)
    if not classifier_path:
        return pair_with_tagger(gold, nlp), f"leersignalen lexicon, pipeline {model}"
    from ..learn.model import load_classifier

    classifier = load_classifier(classifier_path)
    warn_if_lexicon_changed(classifier, lexicon_dir)
    return pair_with_tagger(gold, nlp, classifier=classifier), f"leersignalen classifier, rule {classifier.rule.name}"


@click.command(help="Train a multi-label sentence classifier on human-coded sentences, cross-validate it "
                    "against the lexicon and save it (JSON + numeric .npz, no code runs on load) with a model card.")
@click.option("--gold", "gold_paths", required=True, multiple=True,
              type=InputPath(dir_okay=False), help=GOLD_HELP + " Needs a text column.")
@click.option("--mapping", type=InputPath(dir_okay=False), default=None,
              help=MAPPING_HELP)
@click.option("--split", type=click.Choice(SPLITS), default=None, help=SPLIT_HELP)
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Model folder to write, e.g. models/NAME.")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2), help="Cross-validation folds.")
@click.option("--rules", "rule_choice", type=click.Choice(RULE_CHOICES), default="per-category", show_default=True,
              help="How the label rule is chosen on the cross-validation: one rule per category (the best F1 of "
                   "each category) or one rule for all categories (the best macro-F1).")
@seed_option("the folds and the solver")
@model_option(purpose="for lemmas and lexicon features")
@lexicon_option
def train(gold_paths, mapping, split, out, folds, rule_choice, seed, model, lexicon_dir) -> None:
    """Train, cross-validate and save a sentence classifier."""
    from ..learn.blas import pin_kernel

    pin_kernel()  # the same weights on any x86-64 processor with AVX2 (before numpy loads; see learn/blas.py)
    from ..agreement.gold import read_gold_files
    from ..learn.card import format_rule_table
    from ..learn.features import feature_inputs_from_doc
    from ..learn.modelfile import MODEL_FILES, check_model_out, round_floats
    from ..learn.training import TrainingSettings, train_classifier
    from ..output.guard import refuse_overwriting_inputs
    from ..run.batch import lexicon_files
    from ..tag.lexicon import lexicon_hash

    gold_paths = read_once(gold_paths, "--gold")
    refuse_overwriting_inputs([("--out", out / name) for name in MODEL_FILES], [*gold_paths, mapping],
                              folders=read_folders(None, lexicon_dir))  # fmt: skip
    check_model_out(out)
    gold = read_gold_files(gold_paths, mapping=_mapping(mapping), split=split, tables=gold_tables())
    missing = next((row for row in gold if not (row.text or "").strip()), None)
    if missing is not None:
        raise ClassifierError(Errors.E015.format(where=missing.where))
    lexicon_sha256 = lexicon_hash(lexicon_files(lexicon_dir))
    nlp = _pipeline(model, lexicon_dir)
    inputs = [feature_inputs_from_doc(doc) for doc in nlp.pipe([row.text for row in gold], batch_size=256)]
    labels = [row.labels for row in gold]
    classifier, cv = train_classifier(
        inputs, labels, settings=TrainingSettings(folds=folds, seed=seed, rule_choice=rule_choice), sources=gold_paths,
        lexicon_sha256=lexicon_sha256,
    )  # fmt: skip
    if split:
        classifier.card["training"]["split"] = split
    classifier.save(out)
    click.echo(f"Cross-validation on {len(gold)} sentences ({folds} folds), F1 per category; * = chosen rule:")
    click.echo(format_rule_table(round_floats(cv.scores), classifier.categories, chosen=cv.chosen.table_name))
    click.echo(f"label rule: {cv.chosen.name}")
    click.echo(f"wrote {out} (model.json, vocabulary.json, weights.npz, card.md)")


@click.command(help="Suggest the sentences of a tagged output whose coding would teach the classifier most "
                    "(probability closest to 0.5, spread over the categories), leaving out sentences already coded. "
                    "Writes two files: the one for the coders holds no machine labels or scores (blind coding; "
                    "gold format, empty labels column); the machine's scores go to a separate file.")  # fmt: skip
@click.option("--pool", required=True, type=InputPath(),
              help="Output folder of `leersignalen run` (or its sentences.csv) to choose from.")
@click.option("--classifier", "classifier_path", default="default", show_default=True, metavar="MODEL",
              help="Classifier whose uncertainty chooses the sentences: 'default' (the shipped model) or a folder "
                   "written by `leersignalen train`.")
@click.option("--n", "count", default=50, show_default=True, type=click.IntRange(1),
              help="How many sentences to suggest.")
@click.option("--out", default="suggestions.csv", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="CSV for the coders (note_id, sentence_index, start_char, end_char, community, date, "
                   "previous_sentence, text, next_sentence, labels), in the order of the notes; a name ending in "
                   ".tsv is written tab-separated.")
@click.option("--machine-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="CSV for the machine's side of the same sentences (target category, probabilities, machine and "
                   "lexicon labels); default: OUT with _machine before .csv. Do not give it to the coders.")
@click.option("--exclude", multiple=True, type=InputPath(dir_okay=False),
              help="Gold file(s) already coded: their sentences (by text, id, note_id with sentence_index or "
                   "note_id with start_char/end_char) are not suggested again. Repeatable.")
@click.option("--model", default="blank", show_default=True, callback=take_alias,
              help="spaCy pipeline for lemmas and lexicon features: 'blank', 'auto' or a package name or path. "
                   "(Until 0.2 a classifier given here is still taken as --classifier, with a warning.)")
@deprecated_alias("--spacy-model", "--model", "model")
@lexicon_option
def suggest(pool, classifier_path, count, out, machine_out, exclude, model, lexicon_dir) -> None:
    """Write the sentences most worth coding next: a blind file for the coders and the machine's file."""
    if model == "default" or (Path(model) / "model.json").is_file():
        click.echo("Warning: --model now names the spaCy pipeline; the classifier goes in --classifier", err=True)
        classifier_path, model = model, "blank"
    machine_out = machine_out or out.with_name(f"{out.stem}_machine{out.suffix or '.csv'}")
    if machine_out.resolve() == out.resolve():
        raise click.BadParameter("must differ from --out: the coders' file holds no machine labels",
                                 param_hint="--machine-out")  # fmt: skip
    from ..output.guard import refuse_overwriting_inputs

    refuse_overwriting_inputs([("--out", out), ("--machine-out", machine_out)], [pool, *exclude],
                              folders=read_folders(classifier_path, lexicon_dir))  # fmt: skip
    from ..agreement.gold import read_gold_files
    from ..agreement.pairing import load_tagged_output
    from ..learn.model import load_classifier
    from ..learn.suggest import SUGGESTION_COLUMNS, CodedKeys, suggest_for_coding
    from ..output.cells import dialect_for, write_csv

    classifier = load_classifier(classifier_path)
    warn_if_lexicon_changed(classifier, lexicon_dir)
    output = load_tagged_output(pool)
    coded = CodedKeys.of(read_gold_files(exclude, tables=gold_tables()) if exclude else [])
    nlp = _pipeline(model, lexicon_dir)
    chosen = suggest_for_coding(output.sentences, classifier, nlp, n=count, exclude=coded)
    write_csv(out, chosen.for_coders, SUGGESTION_COLUMNS, dialect=dialect_for(out))
    write_csv(machine_out, chosen.for_machine, chosen.machine_columns, dialect=dialect_for(machine_out))
    spread = {}
    for row in chosen.for_machine:
        spread[row["target_category"]] = spread.get(row["target_category"], 0) + 1
    click.echo(f"wrote {len(chosen.for_coders)} sentences for the coders to {out} (no machine labels or scores)")
    click.echo(f"wrote the machine's scores to {machine_out} ("
               + (", ".join(f"{k} {v}" for k, v in spread.items()) or "none") + ")")  # fmt: skip
    click.echo(f"reminder: give the coders only {out.name}; keep {machine_out.name} away from them (blind coding)")
    if not chosen.for_coders:
        click.echo("note: nothing to suggest: every sentence of the pool is coded in the --exclude files"
                   if exclude else "note: the pool has no sentence to suggest")  # fmt: skip
    elif len(chosen.for_coders) < count:
        click.echo(f"note: the pool has only {len(chosen.for_coders)} distinct uncoded sentences")
