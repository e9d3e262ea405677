"""Label rules: how the classifier's probabilities and the lexicon's matches become a sentence's labels.

A rule names the features of the classifier and how it meets the lexicon: the classifier alone, classifier OR
lexicon, classifier AND lexicon, or the lexicon alone. A model holds one rule for all categories or one rule per
category (:class:`PerCategoryRules`); :func:`choose_rules_per_category` picks the per-category rules from scores.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..categories import category_ids
from ..metrics import macro_f1, micro_f1, score_labels, zero_if_undefined
from .features import FEATURE_SETS
from .model_checks import PER_CATEGORY_VERSION

THRESHOLD = 0.5
COMBINATIONS = ("classifier", "or", "and")
PER_CATEGORY = "per category"
RULE_NAME = re.compile(r"classifier\[(text|text\+lexicon)\](?: (OR|AND) lexicon)?")


@dataclass(frozen=True)
class LabelRule:
    """How a sentence gets its labels: which features the classifier uses and how it meets the lexicon."""

    features: str  # "text", "text+lexicon" or "none" (lexicon alone)
    combine: str  # "classifier", "or", "and" or "lexicon"
    threshold: float = THRESHOLD

    @property
    def name(self) -> str:
        """A short readable name, e.g. ``classifier[text+lexicon] OR lexicon``."""
        if self.combine == "lexicon":
            return "lexicon"
        base = f"classifier[{self.features}]"
        return base if self.combine == "classifier" else f"{base} {self.combine.upper()} lexicon"

    @property
    def table_name(self) -> str:
        """The row of this rule in a table of rule scores."""
        return self.name

    def for_category(self, category: str) -> LabelRule:
        """The rule that labels ``category``: this one, for every category."""
        return self

    def to_json(self) -> dict:
        """The rule as a JSON object."""
        return {"name": self.name, "features": self.features, "combine": self.combine, "threshold": self.threshold}


LEXICON_RULE = LabelRule("none", "lexicon")
CANDIDATE_RULES = (LEXICON_RULE,) + tuple(LabelRule(f, c) for f in reversed(FEATURE_SETS) for c in COMBINATIONS)


@dataclass(frozen=True)
class PerCategoryRules:
    """One label rule per category, in category order."""

    pairs: tuple[tuple[str, LabelRule], ...]

    @property
    def by_category(self) -> dict[str, LabelRule]:
        """Category -> its rule."""
        return dict(self.pairs)

    @property
    def name(self) -> str:
        """E.g. ``per category: reflectie=lexicon, schuring=classifier[text] OR lexicon, ...``."""
        return f"{PER_CATEGORY}: " + ", ".join(f"{category}={rule.name}" for category, rule in self.pairs)

    @property
    def table_name(self) -> str:
        """The row of these rules in a table of rule scores."""
        return PER_CATEGORY

    @property
    def features(self) -> str:
        """The richest feature set any category's classifier needs (``none`` when all use the lexicon alone)."""
        used = {rule.features for _, rule in self.pairs}
        return next((f for f in reversed(FEATURE_SETS) if f in used), "none")

    @property
    def threshold(self) -> float:
        """The threshold of the first category whose rule uses the classifier."""
        return next((rule.threshold for _, rule in self.pairs if rule.combine != "lexicon"), THRESHOLD)

    def for_category(self, category: str) -> LabelRule:
        """The rule that labels ``category``."""
        return self.by_category[category]

    def to_json(self) -> dict:
        """Category -> rule as JSON objects."""
        return {category: rule.to_json() for category, rule in self.pairs}


def rules_for_categories(rules: Mapping[str, LabelRule], categories: Sequence[str]) -> LabelRule | PerCategoryRules:
    """The single rule when every category has the same one, else the rules per category."""
    chosen = [rules[category] for category in categories]
    if len(set(chosen)) == 1:
        return chosen[0]
    return PerCategoryRules(tuple(zip(categories, chosen, strict=True)))


def rule_from_json(data: Mapping) -> LabelRule:
    """A rule from its JSON object (fields checked before by ``model_checks``)."""
    return LabelRule(data["features"], data["combine"], float(data["threshold"]))


def rules_from_model(model: Mapping, categories: Sequence[str]) -> LabelRule | PerCategoryRules:
    """The label rule(s) of a checked model.json: ``label_rules`` (one per category, format version 2) or the
    single ``label_rule`` of version 1."""
    if model.get("format_version") == PER_CATEGORY_VERSION:
        per_category = model["label_rules"]
        return PerCategoryRules(tuple((category, rule_from_json(per_category[category])) for category in categories))
    return rule_from_json(model["label_rule"])


def rule_from_name(name: str, threshold: float = THRESHOLD) -> LabelRule | None:
    """The rule a name like ``classifier[text] OR lexicon`` stands for; None for names of no rule."""
    if name == "lexicon":
        return LEXICON_RULE
    match = RULE_NAME.fullmatch(name)
    if not match:
        return None
    return LabelRule(match.group(1), (match.group(2) or "classifier").lower(), threshold)


def candidate_rules(threshold: float) -> list[LabelRule]:
    """The label rules compared in cross-validation; on ties the earlier (simpler) one wins."""
    return [LabelRule(r.features, r.combine, threshold) for r in CANDIDATE_RULES]


def combine_labels(
    rule: LabelRule | PerCategoryRules, categories: Sequence[str], scores_row, lexicon: frozenset[str]
) -> tuple[str, ...]:
    """Apply a label rule (one for all categories, or :class:`PerCategoryRules`) to one sentence."""
    if isinstance(rule, LabelRule) and rule.combine == "lexicon":
        return tuple(c for c in categories if c in lexicon)
    chosen = []
    for category, probability in zip(categories, scores_row, strict=True):
        own = rule.for_category(category)
        if own.combine == "lexicon":
            predicted = category in lexicon
        else:
            predicted = probability >= own.threshold
            if own.combine == "or":
                predicted = predicted or category in lexicon
            elif own.combine == "and":
                predicted = predicted and category in lexicon
        if predicted:
            chosen.append(category)
    return tuple(chosen)


def rule_scores(gold: Sequence[frozenset[str]], predicted: Sequence[Sequence[str]], categories) -> dict:
    """Per-category precision/recall/F1 and micro/macro F1 of one set of predictions (undefined written as 0)."""
    scores = score_labels(gold, predicted, categories)
    return {
        "macro_f1": zero_if_undefined(macro_f1(scores)),
        "micro_f1": zero_if_undefined(micro_f1(scores)),
        "per_category": {
            s.category: {"support": s.support, "precision": zero_if_undefined(s.precision),
                         "recall": zero_if_undefined(s.recall), "f1": zero_if_undefined(s.f1)}
            for s in scores
        },
    }


def category_f1(scores, category: str) -> float:
    """F1 of ``category`` in a :func:`rule_scores` dict, a ``{category: F1}`` mapping or a list of CategoryScore."""
    if isinstance(scores, Mapping):
        value = scores.get("per_category", scores).get(category, 0.0)
    else:
        value = next((s for s in scores if s.category == category), 0.0)
    value = value.get("f1", 0.0) if isinstance(value, Mapping) else getattr(value, "f1", value)
    value = float(value)
    return 0.0 if value != value else value


def choose_rules_per_category(
    scores_by_rule: Mapping[str, object], *, threshold: float = THRESHOLD, categories: Sequence[str] | None = None
) -> dict[str, LabelRule]:
    """For each category the rule with the highest F1 for that category.

    ``scores_by_rule`` maps rule names (``lexicon``, ``classifier[text+lexicon] OR lexicon``, ...) to their scores:
    a :func:`rule_scores` dict, a ``{category: F1}`` mapping or a list of ``CategoryScore``. Names that are no
    rule (e.g. ``per-category choice``) are skipped. On ties the simpler rule wins: the earlier one in
    ``CANDIDATE_RULES`` (lexicon first), then the earlier one in ``scores_by_rule``.
    """
    categories = tuple(categories or category_ids())
    rank = {rule.name: position for position, rule in enumerate(CANDIDATE_RULES)}
    named = [(name, rule_from_name(name, threshold)) for name in scores_by_rule]
    named = sorted(((n, r) for n, r in named if r is not None), key=lambda item: rank.get(item[0], len(rank)))
    if not named:
        raise ValueError(f"no label rule among {list(scores_by_rule)}")
    chosen = {}
    for category in categories:
        best_name, best_rule = named[0]
        best = category_f1(scores_by_rule[best_name], category)
        for name, rule in named[1:]:
            f1 = category_f1(scores_by_rule[name], category)
            if f1 > best:
                best, best_rule = f1, rule
        chosen[category] = best_rule
    return chosen
