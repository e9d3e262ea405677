"""Training the classifier: calibrated logistic regressions, cross-validation of the label rules, held-out scores.

One logistic regression per category (``class_weight="balanced"``), calibrated by Platt scaling. The label rule
(classifier alone, classifier OR lexicon, classifier AND lexicon, or the lexicon alone; with or without lexicon
features) is chosen on out-of-fold predictions of a stratified cross-validation: one rule for all categories by
macro-F1 (``rule_choice="one"``, the shipped model) or one rule per category by that category's F1
(``rule_choice="per-category"``).
"""

from __future__ import annotations

import hashlib
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from ..categories import category_ids
from ..defaults import SEED
from ..errors import ClassifierError, Errors
from .features import FEATURE_SETS, FeatureInput, FeatureSpace
from .model import SentenceClassifier
from .model_checks import check_gold_classes
from .rules import (
    COMBINATIONS,
    LEXICON_RULE,
    PER_CATEGORY,
    THRESHOLD,
    LabelRule,
    PerCategoryRules,
    candidate_rules,
    choose_rules_per_category,
    combine_labels,
    rule_scores,
    rules_for_categories,
)

DEFAULT_SEED = SEED
CALIBRATION_FOLDS = 3
RULE_CHOICES = ("one", "per-category")


@dataclass(frozen=True)
class TrainingSettings:
    """Settings of the classifier; the defaults are those of the shipped model."""

    c: float = 4.0
    min_df: int = 2
    threshold: float = THRESHOLD
    folds: int = 5
    seed: int = DEFAULT_SEED
    rule_choice: str = "one"  # "one" rule for all categories or one rule "per-category"

    def __post_init__(self):
        if self.rule_choice not in RULE_CHOICES:
            raise ValueError(f"rule_choice {self.rule_choice!r}: choose from {', '.join(RULE_CHOICES)}")


def fit_models(
    inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]], categories: Sequence[str], *,
    lexicon_features: bool, settings: TrainingSettings, text_only: frozenset[str] = frozenset(),
) -> tuple[FeatureSpace, np.ndarray, np.ndarray]:  # fmt: skip
    """Fit the feature space and one calibrated, class-weighted logistic regression per category.

    Each category's model is a logistic regression with balanced class weights (rare categories count as
    much as frequent ones while fitting), followed by Platt scaling: a one-dimensional logistic regression
    fitted on out-of-fold decision scores, so that the probabilities match the observed frequencies again.
    Platt scaling is linear in the decision score, so the calibrated model is again one linear model:
    ``coef' = a * coef`` and ``intercept' = a * intercept + b``. Returns (features, coef, intercept).
    The categories in ``text_only`` are fitted on the text blocks alone (their lexicon-block weights are 0), which
    gives the same model as a feature space without the lexicon block.
    """
    features = FeatureSpace.fit(inputs, lexicon_features=lexicon_features, min_df=settings.min_df)
    matrix = features.transform(inputs)
    text_columns = sum(len(b.vocabulary) for b in features.blocks if b.name != "lexicon")
    coef = np.zeros((len(categories), features.size))
    intercept = np.zeros(len(categories))
    for row, category in enumerate(categories):
        target = np.array([category in label for label in labels], dtype=int)
        positives = int(target.sum())
        if positives in (0, len(target)):
            intercept[row] = math.log((positives + 0.5) / (len(target) - positives + 0.5))
            continue
        columns = text_columns if category in text_only else features.size
        category_matrix = matrix if columns == features.size else matrix[:, :columns]
        model = _weighted_model(settings)
        model.fit(category_matrix, target)
        slope, offset = _platt_scaling(category_matrix, target, settings)
        coef[row, :columns] = slope * model.coef_[0]
        intercept[row] = slope * model.intercept_[0] + offset
    for block in features.blocks:
        block.idf = _as_stored(block.idf)
    return features, _as_stored(coef), _as_stored(intercept)


def _weighted_model(settings: TrainingSettings) -> LogisticRegression:
    return LogisticRegression(C=settings.c, class_weight="balanced", solver="liblinear", max_iter=1000,
                              random_state=settings.seed)  # fmt: skip


def _platt_scaling(matrix, target: np.ndarray, settings: TrainingSettings) -> tuple[float, float]:
    """Slope and offset of a sigmoid fitted on out-of-fold decision scores (identity when too few positives)."""
    positives = int(target.sum())
    folds = min(CALIBRATION_FOLDS, positives, len(target) - positives)
    if folds < 2:
        return 1.0, 0.0
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=settings.seed)
    scores = cross_val_predict(_weighted_model(settings), matrix, target, cv=splitter, method="decision_function")
    sigmoid = LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000)
    sigmoid.fit(scores.reshape(-1, 1), target)
    return float(sigmoid.coef_[0, 0]), float(sigmoid.intercept_[0])


def _as_stored(array: np.ndarray) -> np.ndarray:
    """Round to the float32 precision of weights.npz, so a loaded model scores exactly like the trained one."""
    return np.asarray(array, dtype=np.float32).astype(np.float64)


def stratification_keys(labels: Sequence[frozenset[str]], *, folds: int) -> list[str]:
    """Per sentence its rarest label (or ``neutral``); keys with fewer members than folds are pooled."""
    frequency: dict[str, int] = {}
    for label_set in labels:
        for label in label_set:
            frequency[label] = frequency.get(label, 0) + 1
    keys = [min(s, key=lambda c: (frequency[c], c)) if s else "neutral" for s in labels]
    counts = {key: keys.count(key) for key in set(keys)}
    return [key if counts[key] >= folds else "rare" for key in keys]


def splits_keeping_copies_together(
    splitter: StratifiedKFold, texts: Sequence[str], keys: Sequence[str]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The splitter's folds over the distinct texts, every copy of a sentence in its first copy's fold.

    A sentence coded twice in one file would otherwise be learnt in one fold and scored in another, which
    flatters the cross-validated figures. Without copies the folds are exactly the splitter's.
    """
    first_of: dict[str, int] = {}
    firsts = [first_of.setdefault(text, index) for index, text in enumerate(texts)]
    distinct = sorted(first_of.values())
    with warnings.catch_warnings():  # a pooled 'rare' key smaller than the folds is expected, not news
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        if len(distinct) == len(texts) or len(distinct) < splitter.n_splits:
            return list(splitter.split(np.zeros(len(keys)), keys))
        fold_of = {}
        for fold, (_, test) in enumerate(splitter.split(np.zeros(len(distinct)), [keys[i] for i in distinct])):
            fold_of.update((distinct[position], fold) for position in test)
    folds = np.array([fold_of[first] for first in firsts])
    everything = np.arange(len(texts))
    return [(everything[folds != fold], everything[folds == fold]) for fold in range(splitter.n_splits)]


@dataclass
class CrossValidation:
    """Out-of-fold labels per candidate rule and their scores."""

    folds: int
    seed: int
    predictions: dict[str, list[tuple[str, ...]]]
    scores: dict[str, dict]
    chosen: LabelRule | PerCategoryRules


def cross_validate(
    inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]], *, settings: TrainingSettings
) -> CrossValidation:
    """Stratified k-fold: every candidate label rule scored on the same out-of-fold predictions."""
    categories = category_ids()
    keys = stratification_keys(labels, folds=settings.folds)
    splitter = StratifiedKFold(n_splits=settings.folds, shuffle=True, random_state=settings.seed)
    probabilities = {f: np.zeros((len(inputs), len(categories))) for f in FEATURE_SETS}
    splits = splits_keeping_copies_together(splitter, [" ".join(item.text.split()) for item in inputs], keys)
    for train_index, test_index in splits:
        train_inputs = [inputs[i] for i in train_index]
        train_labels = [labels[i] for i in train_index]
        test_inputs = [inputs[i] for i in test_index]
        for feature_set in FEATURE_SETS:
            features, coef, intercept = fit_models(train_inputs, train_labels, categories, settings=settings,
                                                   lexicon_features=feature_set == "text+lexicon")  # fmt: skip
            model = SentenceClassifier(categories, features, coef, intercept, LEXICON_RULE)
            probabilities[feature_set][test_index] = model.scores_of(test_inputs)
    predictions, scores = {}, {}
    for rule in candidate_rules(settings.threshold):
        rows = probabilities.get(rule.features, probabilities[FEATURE_SETS[0]])
        predicted = [
            combine_labels(rule, categories, row, item.lexicon_labels) for row, item in zip(rows, inputs, strict=True)
        ]
        predictions[rule.name] = predicted
        scores[rule.name] = rule_scores(labels, predicted, categories)
    chosen = max(candidate_rules(settings.threshold), key=lambda r: scores[r.name]["macro_f1"])
    if settings.rule_choice == "per-category":
        chosen = rules_for_categories(choose_rules_per_category(scores, threshold=settings.threshold,
                                                                categories=categories), categories)  # fmt: skip
        if isinstance(chosen, PerCategoryRules):
            predictions[PER_CATEGORY] = per_category_predictions(chosen, predictions, categories)
            scores[PER_CATEGORY] = rule_scores(labels, predictions[PER_CATEGORY], categories)
    return CrossValidation(settings.folds, settings.seed, predictions, scores, chosen)


def per_category_predictions(
    rules: PerCategoryRules, predictions: dict[str, list[tuple[str, ...]]], categories: Sequence[str]
) -> list[tuple[str, ...]]:
    """Each category's labels taken from the predictions of its own rule."""
    own = {category: predictions[rules.for_category(category).name] for category in categories}
    size = len(next(iter(predictions.values())))
    return [tuple(c for c in categories if c in own[c][i]) for i in range(size)]


def training_digest(inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]]) -> str:
    """SHA-256 over the training sentences and their labels as used (text TAB sorted labels, one per line)."""
    digest = hashlib.sha256()
    for item, label_set in zip(inputs, labels, strict=True):
        digest.update(f"{' '.join(item.text.split())}\t{';'.join(sorted(label_set))}\n".encode())
    return digest.hexdigest()


def train_classifier(
    inputs: Sequence[FeatureInput],
    labels: Sequence[frozenset[str]],
    *,
    settings: TrainingSettings = TrainingSettings(),
    sources: Sequence[str | Path] = (),
    lexicon_sha256: str = "",
) -> tuple[SentenceClassifier, CrossValidation]:
    """Cross-validate the candidate rules, then fit the chosen configuration on all sentences."""
    categories = category_ids()
    if len(inputs) < settings.folds * 2:
        raise ClassifierError(Errors.E014.format(count=len(inputs), folds=settings.folds))
    check_gold_classes(labels, categories, [item.text for item in inputs])
    if FeatureSpace.fit(inputs, lexicon_features=False, min_df=settings.min_df).size == 0:
        raise ClassifierError(Errors.E098.format(where="training data", min_df=settings.min_df))
    cv = cross_validate(inputs, labels, settings=settings)
    features_used = cv.chosen.features if cv.chosen.features in FEATURE_SETS else "text+lexicon"
    text_only = frozenset(c for c in categories if cv.chosen.for_category(c).features == "text"
                          and features_used == "text+lexicon")  # fmt: skip
    features, coef, intercept = fit_models(inputs, labels, categories, settings=settings, text_only=text_only,
                                           lexicon_features=features_used == "text+lexicon")  # fmt: skip
    card = {
        "training": {
            "sha256": training_digest(inputs, labels),
            "sentences": len(inputs),
            "neutral": sum(1 for label_set in labels if not label_set),
            "per_category": {c: sum(1 for s in labels if c in s) for c in categories},
            "sources": [{"file": Path(p).name, "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()}
                        for p in sources],  # fmt: skip
            "lexicon_sha256": lexicon_sha256,
        },
        "settings": {
            "C": settings.c,
            "min_df": settings.min_df,
            "class_weight": "balanced",
            "solver": "liblinear",
            "seed": settings.seed,
            "model_features": features_used,
        },
        "cross_validation": {
            "folds": settings.folds,
            "seed": settings.seed,
            "stratified_on": "rarest label of the sentence, or neutral",
            "chosen_by": "highest macro-F1 over out-of-fold predictions",
            "rules": cv.scores,
        },
    }
    if isinstance(cv.chosen, PerCategoryRules):
        card["settings"]["rule_choice"] = "per-category"
        card["settings"]["text_only_categories"] = sorted(text_only)
        card["cross_validation"]["chosen_by"] = ("highest F1 of each category over out-of-fold predictions (ties: "
                                                 "the simpler rule); the per-category row is chosen on these same "
                                                 "predictions, so it is slightly optimistic")  # fmt: skip
    model = SentenceClassifier(categories, features, coef, intercept, cv.chosen, card)
    return model, cv


def evaluate_rules(
    model: SentenceClassifier, inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]]
) -> dict[str, dict]:
    """Scores of the lexicon, of every combination with this model's classifier and (when it has one rule per
    category) of the model's own rules on coded sentences."""
    features = model.card.get("settings", {}).get("model_features", model.rule.features)
    probabilities = model.scores_of(inputs)
    results = {}
    for rule in [LEXICON_RULE] + [LabelRule(features, c, model.rule.threshold) for c in COMBINATIONS]:
        predicted = [
            combine_labels(rule, model.categories, row, item.lexicon_labels)
            for row, item in zip(probabilities, inputs, strict=True)
        ]
        results[rule.name] = rule_scores(labels, predicted, model.categories)
    if isinstance(model.rule, PerCategoryRules):
        predicted = [model.labels(row, item.lexicon_labels) for row, item in zip(probabilities, inputs, strict=True)]
        results[PER_CATEGORY] = rule_scores(labels, predicted, model.categories)
    return results
