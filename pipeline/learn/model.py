"""The sentence classifier: per-category probabilities and labels by its label rule(s); loading a model folder.

One logistic regression per category gives a probability (its weights are stored already calibrated, see
:mod:`.training`). The label rule, one for all categories or one per category, turns probabilities and the
lexicon's matches into labels (:mod:`.rules`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.special import expit

from ..errors import ClassifierError, Errors
from .features import FeatureBlock, FeatureInput, FeatureSpace
from .modelfile import WEIGHTS_FILE, corrupt_model, read_model_folder, write_model_folder
from .rules import LabelRule, PerCategoryRules, combine_labels, rules_from_model


@dataclass
class SentenceClassifier:
    """Per-category probabilities for sentences, and labels by the model's label rule."""

    categories: tuple[str, ...]
    features: FeatureSpace
    coef: np.ndarray  # categories x features
    intercept: np.ndarray  # categories
    rule: LabelRule | PerCategoryRules
    card: dict = field(default_factory=dict)

    @property
    def rules(self) -> dict[str, LabelRule]:
        """Category -> the rule that labels it."""
        return {category: self.rule.for_category(category) for category in self.categories}

    def scores(self, texts: list[str], lemma_texts: list[str], signals: list[list]) -> np.ndarray:
        """Probabilities, shape (len(texts), len(categories))."""
        inputs = [FeatureInput(t, lt, list(s)) for t, lt, s in zip(texts, lemma_texts, signals, strict=True)]
        return self.scores_of(inputs)

    def scores_of(self, inputs: Sequence[FeatureInput]) -> np.ndarray:
        """Probabilities for FeatureInput objects."""
        if not inputs:
            return np.zeros((0, len(self.categories)))
        logits = self.features.transform(inputs) @ self.coef.T + self.intercept
        return expit(np.asarray(logits))

    def labels(self, scores_row: Sequence[float], lexicon_labels) -> tuple[str, ...]:
        """Labels of one sentence by the label rule, in category order."""
        return combine_labels(self.rule, self.categories, scores_row, frozenset(lexicon_labels))

    def label_inputs(self, inputs: Sequence[FeatureInput]) -> list[tuple[str, ...]]:
        """Labels for many sentences."""
        scores = self.scores_of(inputs)
        return [self.labels(row, i.lexicon_labels) for row, i in zip(scores, inputs, strict=True)]

    def save(self, folder: str | Path) -> Path:
        """Write model.json, vocabulary.json, weights.npz and card.md (byte-identical for the same model)."""
        return write_model_folder(self, folder)


def load_classifier(path: str | Path) -> SentenceClassifier:
    """Load a model folder; a missing, corrupt, foreign or other-version model raises ClassifierError."""
    parts = read_model_folder(path)
    categories = tuple(parts.model["categories"])
    try:
        blocks = [FeatureBlock(b["name"], list(b["terms"]), parts.arrays[f"idf_{b['name']}"].astype(np.float64))
                  for b in parts.vocabulary["blocks"]]  # fmt: skip
        rule = rules_from_model(parts.model, categories)
        classifier = SentenceClassifier(categories, FeatureSpace(blocks), parts.arrays["coef"].astype(np.float64),
                                        parts.arrays["intercept"].astype(np.float64), rule, parts.model)  # fmt: skip
    except (KeyError, TypeError, ValueError, OSError, RecursionError, MemoryError) as error:
        raise corrupt_model(parts.folder, error) from None
    expected = (len(categories), classifier.features.size)
    if classifier.coef.shape != expected or classifier.intercept.shape != (len(categories),) or any(
        b.idf.shape != (len(b.vocabulary),) for b in blocks
    ):
        raise ClassifierError(
            Errors.E029.format(path=parts.folder / WEIGHTS_FILE, problem="array shapes do not fit the vocabulary"))
    return classifier
