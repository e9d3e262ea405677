"""Leave-one-source-out (LOSO) scores on the real corpus: the project's headline quality figures.

For every source of the real corpus, the classifier is fitted on the project's labelled corpus plus all other
real sources and scores the held-out source; the lexicon is fixed, so its LOSO score is its score on each source.
Predictions of all held-out sources are pooled into one table per method, next to the agreement of the two human
coders on the same sentences. Choosing one label rule per category on these figures (``per-category``) uses the
LOSO results themselves, so that row is slightly optimistic; the other rows are not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..categories import category_ids
from ..learn.features import FeatureInput, feature_inputs_from_doc
from ..learn.model import SentenceClassifier
from ..learn.rules import COMBINATIONS, LEXICON_RULE, LabelRule, combine_labels
from ..learn.training import TrainingSettings, fit_models
from ..metrics import (
    CategoryScore,
    format_score,
    macro_f1,
    neutral_false_positive_rate,
    score_labels,
    zero_if_undefined,
)
from .corpus import RealSentence
from .pairing import PairedSentence
from .statistics import Agreement, agreement_rows

FEATURES = "text+lexicon"
NEGATION = re.compile(r"\b(niet|geen|nooit|niemand|niets|ontbrak|ontbreekt)\b", re.I)


@dataclass(frozen=True)
class MethodScores:
    """One coding method's pooled LOSO predictions and scores."""

    method: str
    predictions: list[frozenset[str]]
    scores: list[CategoryScore]
    neutral_false_positive_rate: float
    per_source: dict[str, float]
    alpha: dict[str, float]  # category -> Krippendorff's alpha of this method against the adjudicated gold

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.scores)


def method_scores(method: str, sentences: Sequence[RealSentence], predictions: list[frozenset[str]]) -> MethodScores:
    categories = category_ids()
    gold = [s.gold for s in sentences]
    per_source = {}
    for source in sorted({s.source for s in sentences}):
        index = [i for i, s in enumerate(sentences) if s.source == source]
        per_source[source] = macro_f1(score_labels([gold[i] for i in index], [predictions[i] for i in index],
                                                   categories))
    pairs = [PairedSentence(s.id, s.id, s.text, s.gold, p) for s, p in zip(sentences, predictions, strict=True)]
    alpha = {row.category: row.alpha for row in agreement_rows(pairs, resamples=0) if row.category in categories}
    return MethodScores(method, predictions, score_labels(gold, predictions, categories),
                        neutral_false_positive_rate(gold, predictions), per_source, alpha)


def feature_inputs(nlp, texts: Sequence[str], documents: Sequence[str] | None = None) -> list[FeatureInput]:
    """What the classifier reads of each sentence; with ``documents`` (each sentence's document, sentences in
    order) a section opened by a heading carries on to the sentences under it, as in a run over the document."""
    if documents is None:
        return [feature_inputs_from_doc(doc) for doc in nlp.pipe(list(texts), batch_size=256)]
    inputs, section, previous = [], None, None
    for text, document in zip(texts, documents, strict=True):
        doc = nlp.make_doc(text)
        doc._.ls_section_before = section if document == previous else None
        doc = nlp(doc)
        section, previous = doc._.ls_section_after, document
        inputs.append(feature_inputs_from_doc(doc))
    return inputs


_FOLD_DATA: tuple = ()


def _held_out_scores(source: str):
    """Fit on the labelled corpus and every real source but ``source``; score ``source`` (runs in a worker)."""
    real_inputs, sentences, base_inputs, base_labels, settings = _FOLD_DATA
    categories = category_ids()
    held = [i for i, s in enumerate(sentences) if s.source == source]
    kept = [i for i, s in enumerate(sentences) if s.source != source]
    inputs = [*base_inputs, *(real_inputs[i] for i in kept)]
    labels = [*base_labels, *(sentences[i].gold for i in kept)]
    features, coef, intercept = fit_models(inputs, labels, categories, lexicon_features=FEATURES == "text+lexicon",
                                           settings=settings)
    model = SentenceClassifier(tuple(categories), features, coef, intercept, LEXICON_RULE)
    return held, model.scores_of([real_inputs[i] for i in held])


def loso_probabilities(
    real_inputs: Sequence[FeatureInput], sentences: Sequence[RealSentence], base_inputs: Sequence[FeatureInput],
    base_labels: Sequence[frozenset[str]], *, settings: TrainingSettings | None = None, processes: int = 2,
):  # fmt: skip
    """Per sentence, the classifier's probabilities when its source was held out of the training data.

    The folds are independent, so they run in ``processes`` forked workers where the platform can fork; the
    result does not depend on how many.
    """
    import multiprocessing

    import numpy as np

    global _FOLD_DATA
    _FOLD_DATA = (list(real_inputs), list(sentences), list(base_inputs), list(base_labels),
                  settings or TrainingSettings())
    sources = sorted({s.source for s in sentences})
    probabilities = np.zeros((len(sentences), len(category_ids())))
    try:
        if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                results = pool.map(_held_out_scores, sources, chunksize=1)
        else:
            results = [_held_out_scores(source) for source in sources]
    finally:
        _FOLD_DATA = ()
    for held, scores in results:
        probabilities[held] = scores
    return probabilities


def rule_predictions(rule: LabelRule, probabilities, inputs: Sequence[FeatureInput]) -> list[frozenset[str]]:
    categories = category_ids()
    return [frozenset(combine_labels(rule, categories, row, item.lexicon_labels))
            for row, item in zip(probabilities, inputs, strict=True)]


def per_category_choice(results: Sequence[MethodScores]) -> tuple[dict[str, str], list[frozenset[str]]]:
    """For each category the method with the highest pooled F1; the predictions that choice gives."""
    categories = category_ids()
    chosen = {}
    for index, category in enumerate(categories):
        chosen[category] = max(results, key=lambda r: zero_if_undefined(r.scores[index].f1)).method
    by_name = {r.method: r for r in results}
    size = len(results[0].predictions)
    predictions = [frozenset(c for c in categories if c in by_name[chosen[c]].predictions[i]) for i in range(size)]
    return chosen, predictions


def evaluate_loso(
    sentences: Sequence[RealSentence], nlp, *, base_inputs: Sequence[FeatureInput] = (),
    base_labels: Sequence[frozenset[str]] = (), classifier: bool = True, settings: TrainingSettings | None = None,
) -> tuple[list[MethodScores], dict[str, str]]:  # fmt: skip
    """LOSO scores of the lexicon and, with ``classifier``, of the classifier and its combinations."""
    settings = settings or TrainingSettings()
    inputs = feature_inputs(nlp, [s.text for s in sentences], [s.document for s in sentences])
    no_scores = [[0.0] * len(category_ids())] * len(inputs)
    results = [method_scores("lexicon", sentences, rule_predictions(LEXICON_RULE, no_scores, inputs))]
    chosen: dict[str, str] = {}
    if classifier:
        probabilities = loso_probabilities(inputs, sentences, base_inputs, base_labels, settings=settings)
        for combine in COMBINATIONS:
            rule = LabelRule(FEATURES, combine, settings.threshold)
            results.append(method_scores(rule.name, sentences, rule_predictions(rule, probabilities, inputs)))
        chosen, predictions = per_category_choice(results)
        results.append(method_scores("per-category choice", sentences, predictions))
    return results, chosen


def coder_agreement(sentences: Sequence[RealSentence], *, resamples: int = 1000, seed: int = 20251) -> list[Agreement]:
    """Agreement of the two independent coders per category, with bootstrap intervals of kappa and alpha."""
    pairs = [PairedSentence(s.id, s.id, s.text, s.coder_a, s.coder_b) for s in sentences]
    return agreement_rows(pairs, resamples=resamples, seed=seed)


def shape_of(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("#") or stripped.endswith(":"):
        return "heading or label"
    if stripped[:1] in "-*•" or re.match(r"^\d+[.)]\s", stripped):
        return "list item"
    if NEGATION.search(stripped):
        return "with negation"
    return "long sentence" if len(stripped.split()) > 25 else "sentence"


def error_kinds(sentences: Sequence[RealSentence], predictions: Sequence[frozenset[str]], *, top: int = 20,
                shareable: set[str] | None = None):  # fmt: skip
    """The most common kinds of error: (missed|false) category, in which kind of text, of which shape.

    Examples are taken only from the sentences in ``shareable`` (ids whose text may be shown) when it is given.
    """
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    for sentence, predicted in zip(sentences, predictions, strict=True):
        for category in category_ids():
            wrong = ("missed" if category in sentence.gold and category not in predicted
                     else "false" if category in predicted and category not in sentence.gold else None)
            if wrong:
                kind = f"{wrong} {category} ({sentence.kind}, {shape_of(sentence.text)})"
                counts[kind] += 1
                if shareable is None or sentence.id in shareable:
                    examples.setdefault(kind, sentence.text)
    return [(kind, count, examples.get(kind, "(no example whose text is committed)"))
            for kind, count in counts.most_common(top)]


def format_loso(results: Sequence[MethodScores], agreement: Sequence[Agreement], sentences) -> str:
    """Per-category F1 of every method next to the coders' alpha, then macro-F1 and the neutral FP rate."""
    categories = category_ids()
    names = [r.method for r in results]
    width = max(12, *(len(n) for n in names))
    by_category = {row.category: row for row in agreement}
    header = f"{'category':<16}{'support':>8}  {'coders α [95% CI]':<22}" + "".join(f"{n:>{width + 2}}" for n in names)
    lines = [f"LOSO over {len({s.source for s in sentences})} sources, {len(sentences)} sentences "
             f"({sum(1 for s in sentences if not s.gold)} neutral); F1 per category (P/R in docs/quality.md)", header]
    for index, category in enumerate(categories):
        row = by_category[category]
        alpha = f"{format_score(row.alpha, 2)} [{format_score(row.alpha_low, 2)}, {format_score(row.alpha_high, 2)}]"
        cells = "".join(f"{format_score(r.scores[index].f1):>{width + 2}}" for r in results)
        lines.append(f"{category:<16}{results[0].scores[index].support:>8}  {alpha:<22}{cells}")
    lines.append(f"{'macro F1':<16}{'':>8}  {'':<22}" + "".join(f"{format_score(r.macro_f1):>{width + 2}}"
                                                              for r in results))
    lines.append(f"{'neutral FP rate':<16}{'':>8}  {'':<22}" + "".join(
        f"{format_score(r.neutral_false_positive_rate):>{width + 2}}" for r in results))
    lines.append("")
    lines.append("Krippendorff's alpha of each method against the adjudicated gold, next to the coders' alpha")
    for category in categories:
        alpha = format_score(by_category[category].alpha, 2)
        cells = "".join(f"{format_score(r.alpha[category], 2):>{width + 2}}" for r in results)
        lines.append(f"{category:<16}{'':>8}  {alpha:<22}{cells}")
    return "\n".join(lines)


def held_back_scores(results: Sequence[MethodScores], sentences: Sequence[RealSentence],
                     held_back: frozenset[str]) -> list[MethodScores]:  # fmt: skip
    """Each method's pooled scores on the sentences of the held-back sources only (empty when none is present)."""
    index = [i for i, s in enumerate(sentences) if s.source in held_back]
    if not index:
        return []
    subset = [sentences[i] for i in index]
    return [method_scores(r.method, subset, [r.predictions[i] for i in index]) for r in results]


def format_held_back(results: Sequence[MethodScores], sentences: Sequence[RealSentence],
                     held_back: frozenset[str]) -> str:  # fmt: skip
    """F1 per category and macro-F1 of every method on the held-back sources: the lexicon's honest figure."""
    scores = held_back_scores(results, sentences, held_back)
    if not scores:
        return "no source held back from rule writing is present"
    present = sorted({s.source for s in sentences if s.source in held_back})
    width = max(12, *(len(r.method) for r in scores))
    lines = [f"On the {len(present)} sources held back from rule writing ({', '.join(present)}; "
             f"{len(scores[0].predictions)} sentences), F1:",
             f"{'category':<16}" + "".join(f"{r.method:>{width + 2}}" for r in scores)]
    for index, category in enumerate(category_ids()):
        lines.append(f"{category:<16}" + "".join(f"{format_score(r.scores[index].f1):>{width + 2}}" for r in scores))
    lines.append(f"{'macro F1':<16}" + "".join(f"{format_score(r.macro_f1):>{width + 2}}" for r in scores))
    lines.append(f"{'neutral FP rate':<16}" + "".join(
        f"{format_score(r.neutral_false_positive_rate):>{width + 2}}" for r in scores))
    return "\n".join(lines)


def format_precision_recall(result: MethodScores) -> str:
    lines = [f"{result.method}: {'category':<16}{'P':>7}{'R':>7}{'F1':>7}"]
    for score in result.scores:
        lines.append(f"{'':<{len(result.method) + 2}}{score.category:<16}{format_score(score.precision):>7}"
                     f"{format_score(score.recall):>7}{format_score(score.f1):>7}")
    return "\n".join(lines)
