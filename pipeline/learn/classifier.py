"""A trainable multi-label sentence classifier next to the lexicon, saved in a format that runs no code on load.

Features per sentence: word 1-2 grams over forms and over lemmas, character 2-5 grams (``char_wb``) and,
optionally, the lexicon layer as tokens (``rule=ID``, ``cat=CATEGORY``, ``neg:rule=ID``, ``neg:cat=CATEGORY``).
Each block is binary, idf-weighted and L2-normalised. One logistic regression per category
(``class_weight="balanced"``) gives a probability. The *label rule* (classifier alone, classifier OR lexicon,
classifier AND lexicon, or the lexicon alone; with or without lexicon features) is chosen by macro-F1 on
out-of-fold predictions of a stratified cross-validation and stored in the model card.

A model folder holds ``model.json`` (card, settings, file hashes), ``vocabulary.json``, ``weights.npz``
(numeric arrays only, read with ``allow_pickle=False``) and ``card.md``.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
import spacy
from scipy.special import expit
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from .. import __version__
from ..categories import category_ids
from ..defaults import SEED
from ..errors import ClassifierError, Errors
from ..metrics import macro_f1, micro_f1, score_labels, zero_if_undefined
from ..resources import MODELS_DIR
from .model_checks import check_array_headers, check_gold_classes, check_model_fields, check_vocabulary, read_model_json

FORMAT = "leersignalen-sentence-classifier"
FORMAT_VERSION = 1
MODEL_FILE = "model.json"
VOCABULARY_FILE = "vocabulary.json"
WEIGHTS_FILE = "weights.npz"
CARD_FILE = "card.md"
DEFAULT_SEED = SEED
THRESHOLD = 0.5
DIGITS = 4
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

WORD_CACHE_LIMIT = 500_000
FEATURE_SETS = ("text", "text+lexicon")
COMBINATIONS = ("classifier", "or", "and")


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

    def to_json(self) -> dict:
        """The rule as a JSON object."""
        return {"name": self.name, "features": self.features, "combine": self.combine, "threshold": self.threshold}


LEXICON_RULE = LabelRule("none", "lexicon")
CANDIDATE_RULES = (LEXICON_RULE,) + tuple(LabelRule(f, c) for f in reversed(FEATURE_SETS) for c in COMBINATIONS)


@dataclass(frozen=True)
class FeatureInput:
    """What the classifier reads of one sentence."""

    text: str
    lemma_text: str
    signals: list = field(default_factory=list)

    @property
    def lexicon_labels(self) -> frozenset[str]:
        """Categories of the non-negated lexicon matches."""
        return frozenset(signal.category for signal in self.signals if not signal.negated)


def feature_inputs_from_doc(span_or_doc) -> FeatureInput:
    """Text, lemma text (lower-cased lemmas of the words) and lexicon signals of a tagged Doc or sentence Span."""
    doc = getattr(span_or_doc, "doc", span_or_doc)
    start = getattr(span_or_doc, "start", 0)
    end = getattr(span_or_doc, "end", len(doc))
    lemmas = [(token.lemma_ or token.lower_).lower() for token in span_or_doc if not (token.is_punct or token.is_space)]
    signals = [s for s in (doc._.ls_signals or ()) if start <= s.start < end]
    return FeatureInput(span_or_doc.text, " ".join(lemmas), signals)


def lexicon_tokens(signals: Sequence) -> str:
    """The lexicon layer as feature tokens, e.g. ``rule=refl.achteraf cat=reflectie neg:cat=schuring``."""
    tokens = set()
    for signal in signals:
        prefix = "neg:" if signal.negated else ""
        tokens.add(f"{prefix}rule={signal.rule_id}")
        tokens.add(f"{prefix}cat={signal.category}")
    return " ".join(sorted(tokens))


# --------------------------------------------------------------------------------------------- features

BLOCKS = ("form", "lemma", "char", "lexicon")


def _vectorizer(block: str, *, min_df: int = 1, vocabulary: dict[str, int] | None = None) -> CountVectorizer:
    common = {"binary": True, "dtype": np.float64, "vocabulary": vocabulary,
              "min_df": min_df if vocabulary is None else 1}
    if block in ("form", "lemma"):
        return CountVectorizer(lowercase=True, token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), **common)
    if block == "char":
        return CountVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(2, 5), **common)
    return CountVectorizer(lowercase=False, tokenizer=str.split, token_pattern=None, **common)


@dataclass
class FeatureBlock:
    """One feature block: its vocabulary (term order = column order) and idf weights."""

    name: str
    vocabulary: list[str]
    idf: np.ndarray
    vectorizer: CountVectorizer = field(repr=False, default=None)
    _word_columns: dict | None = field(repr=False, default=None, compare=False)
    _analyse: object = field(repr=False, default=None, compare=False)

    def __post_init__(self):
        if self.vectorizer is None:
            self.vectorizer = _vectorizer(self.name, vocabulary={t: i for i, t in enumerate(self.vocabulary)})
        if self.vocabulary and not hasattr(self.vectorizer, "vocabulary_"):
            self.vectorizer._validate_vocabulary()

    def transform(self, documents: Sequence[str]) -> sp.csr_matrix:
        """Binary counts times idf, each row L2-normalised."""
        if not self.vocabulary:
            return sp.csr_matrix((len(documents), 0))
        counts = self._char_counts(documents) if self.name == "char" else self.vectorizer.transform(documents)
        matrix = counts.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


    def _char_counts(self, documents: Sequence[str]) -> sp.csr_matrix:
        """The vectorizer's binary char_wb counts, built from a cache of each word's n-gram columns.

        char_wb takes the n-grams of every whitespace-separated word on its own, so a row is the union of its
        words' columns: the same matrix (sorted indices, data 1.0) as ``vectorizer.transform``, much faster.
        """
        if self._word_columns is None or len(self._word_columns) > WORD_CACHE_LIMIT:
            self._word_columns = {}
            self._analyse = self.vectorizer.build_analyzer()
        cache, analyse, vocabulary = self._word_columns, self._analyse, self.vectorizer.vocabulary_
        indptr, indices = [0], []
        for document in documents:
            columns: set[int] = set()
            for word in document.split():
                found = cache.get(word)
                if found is None:
                    found = cache[word] = frozenset(vocabulary[g] for g in analyse(word) if g in vocabulary)
                columns |= found
            indices.extend(sorted(columns))
            indptr.append(len(indices))
        return sp.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                             shape=(len(documents), len(self.vocabulary)))  # fmt: skip


def fit_block(name: str, documents: Sequence[str], *, min_df: int) -> FeatureBlock:
    """Learn the vocabulary and smoothed idf of one block from training documents."""
    vectorizer = _vectorizer(name, min_df=min_df)
    try:
        counts = vectorizer.fit_transform(documents)
    except ValueError:  # empty vocabulary: no document has a term that occurs often enough
        return FeatureBlock(name, [], np.zeros(0))
    vocabulary = [term for term, _ in sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])]
    document_frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log((1 + len(documents)) / (1 + document_frequency)) + 1
    return FeatureBlock(name, vocabulary, idf)


def block_documents(block: str, inputs: Sequence[FeatureInput]) -> list[str]:
    """The strings a block reads from each sentence."""
    if block == "form":
        return [i.text for i in inputs]
    if block == "lemma":
        return [i.lemma_text for i in inputs]
    if block == "char":
        return [" ".join(i.text.lower().split()) for i in inputs]
    return [lexicon_tokens(i.signals) for i in inputs]


@dataclass
class FeatureSpace:
    """The feature blocks of a model, stacked in a fixed order."""

    blocks: list[FeatureBlock]

    @classmethod
    def fit(cls, inputs: Sequence[FeatureInput], *, lexicon_features: bool, min_df: int) -> FeatureSpace:
        """Learn vocabularies and idf from training sentences."""
        names = BLOCKS if lexicon_features else BLOCKS[:-1]
        return cls([fit_block(n, block_documents(n, inputs), min_df=1 if n == "lexicon" else min_df) for n in names])

    def transform(self, inputs: Sequence[FeatureInput]) -> sp.csr_matrix:
        """The feature matrix (sentences x features)."""
        return sp.hstack([b.transform(block_documents(b.name, inputs)) for b in self.blocks], format="csr")

    @property
    def size(self) -> int:
        """Number of features."""
        return sum(len(b.vocabulary) for b in self.blocks)


# --------------------------------------------------------------------------------------------- model


@dataclass
class SentenceClassifier:
    """Per-category probabilities for sentences, and labels by the model's label rule."""

    categories: tuple[str, ...]
    features: FeatureSpace
    coef: np.ndarray  # categories x features
    intercept: np.ndarray  # categories
    rule: LabelRule
    card: dict = field(default_factory=dict)

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
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"coef": self.coef.astype(np.float32), "intercept": self.intercept.astype(np.float32)}
        for block in self.features.blocks:
            arrays[f"idf_{block.name}"] = block.idf.astype(np.float32)
        weights = _npz_bytes(arrays)
        vocabulary = _json_bytes({"format": FORMAT, "blocks": [
            {"name": b.name, "terms": b.vocabulary} for b in self.features.blocks
        ]})  # fmt: skip
        (folder / WEIGHTS_FILE).write_bytes(weights)
        (folder / VOCABULARY_FILE).write_bytes(vocabulary)
        model = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "leersignalen_version": __version__,
            "versions": {"leersignalen": __version__, "scikit-learn": sklearn.__version__, "spacy": spacy.__version__,
                         "numpy": np.__version__},  # fmt: skip
            "categories": list(self.categories),
            "label_rule": self.rule.to_json(),
            "files": {
                VOCABULARY_FILE: hashlib.sha256(vocabulary).hexdigest(),
                WEIGHTS_FILE: hashlib.sha256(weights).hexdigest(),
            },
            "features": {"blocks": [b.name for b in self.features.blocks], "size": self.features.size},
        }
        model.update({key: value for key, value in self.card.items() if key not in model})
        (folder / MODEL_FILE).write_bytes(_json_bytes(_round_floats(model)))
        (folder / CARD_FILE).write_text(card_markdown(model), encoding="utf-8")
        return folder


def combine_labels(rule: LabelRule, categories: Sequence[str], scores_row, lexicon: frozenset[str]) -> tuple[str, ...]:
    """Apply a label rule to one sentence's probabilities and lexicon labels."""
    if rule.combine == "lexicon":
        return tuple(c for c in categories if c in lexicon)
    chosen = []
    for category, probability in zip(categories, scores_row, strict=True):
        predicted = probability >= rule.threshold
        if rule.combine == "or":
            predicted = predicted or category in lexicon
        elif rule.combine == "and":
            predicted = predicted and category in lexicon
        if predicted:
            chosen.append(category)
    return tuple(chosen)


def _json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _round_floats(value):
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, DIGITS) + 0.0
    if isinstance(value, dict):
        return {k: _round_floats(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_round_floats(v) for v in value]
    return value


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def resolve_model_path(name: str | Path) -> Path:
    """``default`` (or another bare name found in models/) to its folder under models/, else the path itself."""
    path = Path(name)
    if not path.exists() and len(path.parts) == 1 and (MODELS_DIR / path).is_dir():
        return MODELS_DIR / path
    return path


def load_classifier(path: str | Path) -> SentenceClassifier:
    """Load a model folder; a missing, corrupt, foreign or other-version model raises ClassifierError."""
    folder = resolve_model_path(path)
    model_path = folder / MODEL_FILE
    if not model_path.is_file():
        raise ClassifierError(Errors.E021.format(path=model_path))
    model = read_model_json(model_path)
    if not isinstance(model, dict) or model.get("format") != FORMAT:
        raise ClassifierError(Errors.E023.format(path=model_path, found=_get(model, "format")))
    if model.get("format_version") != FORMAT_VERSION:
        raise ClassifierError(
            Errors.E024.format(path=model_path, found=model.get("format_version"), expected=FORMAT_VERSION))
    trained_with = str(model.get("leersignalen_version", "?"))
    if _major_minor(trained_with) != _major_minor(__version__):
        raise ClassifierError(Errors.E025.format(path=model_path, found=trained_with, expected=__version__))
    categories = tuple(model.get("categories") or ())
    if categories != category_ids():
        raise ClassifierError(
            Errors.E026.format(path=model_path, found=", ".join(categories), expected=", ".join(category_ids())))
    check_model_fields(model_path, model, (VOCABULARY_FILE, WEIGHTS_FILE))
    files = model["files"]
    contents = {}
    for name in (VOCABULARY_FILE, WEIGHTS_FILE):
        try:
            contents[name] = (folder / name).read_bytes()
        except OSError:
            raise ClassifierError(Errors.E027.format(path=folder / name)) from None
        if hashlib.sha256(contents[name]).hexdigest() != files.get(name):
            raise ClassifierError(Errors.E028.format(path=folder / name, model_file=MODEL_FILE))
    try:
        vocabulary = json.loads(contents[VOCABULARY_FILE].decode("utf-8"))
        terms = check_vocabulary(folder / VOCABULARY_FILE, vocabulary)
        check_array_headers(folder / WEIGHTS_FILE, contents[WEIGHTS_FILE],
                            max_elements=max(len(categories), 1) * (terms + 1))  # fmt: skip
        with np.load(io.BytesIO(contents[WEIGHTS_FILE]), allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
        blocks = [FeatureBlock(b["name"], list(b["terms"]), arrays[f"idf_{b['name']}"].astype(np.float64))
                  for b in vocabulary["blocks"]]  # fmt: skip
        rule_data = model["label_rule"]
        rule = LabelRule(rule_data["features"], rule_data["combine"], float(rule_data["threshold"]))
        classifier = SentenceClassifier(categories, FeatureSpace(blocks), arrays["coef"].astype(np.float64),
                                        arrays["intercept"].astype(np.float64), rule, model)  # fmt: skip
    except (KeyError, TypeError, ValueError, zipfile.BadZipFile, OSError, RecursionError, MemoryError) as error:
        raise ClassifierError(
            Errors.E029.format(path=folder, problem=f"{error.__class__.__name__}: {_first_line(error)}")) from None
    expected = (len(categories), classifier.features.size)
    if classifier.coef.shape != expected or classifier.intercept.shape != (len(categories),) or any(
        b.idf.shape != (len(b.vocabulary),) for b in blocks
    ):
        raise ClassifierError(
            Errors.E029.format(path=folder / WEIGHTS_FILE, problem="array shapes do not fit the vocabulary"))
    return classifier


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _get(data, key):
    return data.get(key) if isinstance(data, dict) else None


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


# --------------------------------------------------------------------------------------------- training


CALIBRATION_FOLDS = 3


@dataclass(frozen=True)
class TrainingSettings:
    """Settings of the classifier; the defaults are those of the shipped model."""

    c: float = 4.0
    min_df: int = 2
    threshold: float = THRESHOLD
    folds: int = 5
    seed: int = DEFAULT_SEED


def fit_models(
    inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]], categories: Sequence[str], *,
    lexicon_features: bool, settings: TrainingSettings,
) -> tuple[FeatureSpace, np.ndarray, np.ndarray]:  # fmt: skip
    """Fit the feature space and one calibrated, class-weighted logistic regression per category.

    Each category's model is a logistic regression with balanced class weights (rare categories count as
    much as frequent ones while fitting), followed by Platt scaling: a one-dimensional logistic regression
    fitted on out-of-fold decision scores, so that the probabilities match the observed frequencies again.
    Platt scaling is linear in the decision score, so the calibrated model is again one linear model:
    ``coef' = a * coef`` and ``intercept' = a * intercept + b``. Returns (features, coef, intercept).
    """
    features = FeatureSpace.fit(inputs, lexicon_features=lexicon_features, min_df=settings.min_df)
    matrix = features.transform(inputs)
    coef = np.zeros((len(categories), features.size))
    intercept = np.zeros(len(categories))
    for row, category in enumerate(categories):
        target = np.array([category in label for label in labels], dtype=int)
        positives = int(target.sum())
        if positives in (0, len(target)):
            intercept[row] = math.log((positives + 0.5) / (len(target) - positives + 0.5))
            continue
        model = _weighted_model(settings)
        model.fit(matrix, target)
        slope, offset = _platt_scaling(matrix, target, settings)
        coef[row] = slope * model.coef_[0]
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


@dataclass
class CrossValidation:
    """Out-of-fold labels per candidate rule and their scores."""

    folds: int
    seed: int
    predictions: dict[str, list[tuple[str, ...]]]
    scores: dict[str, dict]
    chosen: LabelRule


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


def cross_validate(
    inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]], *, settings: TrainingSettings
) -> CrossValidation:
    """Stratified k-fold: every candidate label rule scored on the same out-of-fold predictions."""
    categories = category_ids()
    keys = stratification_keys(labels, folds=settings.folds)
    splitter = StratifiedKFold(n_splits=settings.folds, shuffle=True, random_state=settings.seed)
    probabilities = {f: np.zeros((len(inputs), len(categories))) for f in FEATURE_SETS}
    for train_index, test_index in splitter.split(np.zeros(len(keys)), keys):
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
    return CrossValidation(settings.folds, settings.seed, predictions, scores, chosen)


def candidate_rules(threshold: float) -> list[LabelRule]:
    """The label rules compared in cross-validation; on ties the earlier (simpler) one wins."""
    return [LabelRule(r.features, r.combine, threshold) for r in CANDIDATE_RULES]


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
    features, coef, intercept = fit_models(inputs, labels, categories, settings=settings,
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
    rule = cv.chosen
    model = SentenceClassifier(categories, features, coef, intercept, rule, card)
    return model, cv


def evaluate_rules(
    model: SentenceClassifier, inputs: Sequence[FeatureInput], labels: Sequence[frozenset[str]]
) -> dict[str, dict]:
    """Scores of the lexicon and of every combination with this model's classifier on coded sentences."""
    features = model.card.get("settings", {}).get("model_features", model.rule.features)
    probabilities = model.scores_of(inputs)
    results = {}
    for rule in [LEXICON_RULE] + [LabelRule(features, c, model.rule.threshold) for c in COMBINATIONS]:
        predicted = [
            combine_labels(rule, model.categories, row, item.lexicon_labels)
            for row, item in zip(probabilities, inputs, strict=True)
        ]
        results[rule.name] = rule_scores(labels, predicted, model.categories)
    return results


# --------------------------------------------------------------------------------------------- reporting


def format_rule_table(scores: dict[str, dict], categories: Sequence[str], *, chosen: str = "") -> str:
    """F1 per category (columns) for every rule (rows), with macro- and micro-F1."""
    short = [c[:7] for c in categories]
    width = max(len(name) for name in scores) + 2
    lines = [f"{'rule':<{width}}" + "".join(f"{s:>9}" for s in short) + f"{'macro':>8}{'micro':>8}"]
    for name, score in scores.items():
        marker = " *" if name == chosen else ""
        lines.append(
            f"{name:<{width}}" + "".join(f"{score['per_category'][c]['f1']:>9.3f}" for c in categories)
            + f"{score['macro_f1']:>8.3f}{score['micro_f1']:>8.3f}{marker}"
        )
    return "\n".join(lines)


def card_markdown(model: dict) -> str:
    """A human-readable model card."""
    categories = model["categories"]
    training = model.get("training", {})
    cv = model.get("cross_validation", {})
    rule = model["label_rule"]
    lines = [
        "# leersignalen sentence classifier",
        "",
        f"- format: {model['format']} v{model['format_version']}; leersignalen {model['leersignalen_version']}",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in model.get("versions", {}).items()),
        f"- label rule: **{rule['name']}** (threshold {rule['threshold']})",
        f"- features: {', '.join(model['features']['blocks'])} ({model['features']['size']} features)",
        f"- training data: {training.get('sentences', '?')} sentences (split {training.get('split', 'all')}, "
        f"{training.get('neutral', '?')} neutral), "
        f"sha256 {training.get('sha256', '?')}",
        "- sources: " + (", ".join(s["file"] for s in training.get("sources", [])) or "-"),
        "- positives per category: " + ", ".join(f"{c} {n}" for c, n in training.get("per_category", {}).items()),
        f"- lexicon sha256 at training time: {training.get('lexicon_sha256') or '-'}",
        "",
    ]
    if cv:
        lines += [
            f"## Cross-validation ({cv['folds']} folds, seed {cv['seed']}, stratified on the {cv['stratified_on']})",
            "",
            f"F1 per category on out-of-fold predictions; the rule was chosen by {cv['chosen_by']}.",
            "",
            "```",
            format_rule_table(cv["rules"], categories, chosen=rule["name"]),
            "```",
            "",
        ]
    heldout = model.get("heldout")
    if heldout:
        lines += [
            f"## Held-out evaluation ({heldout['sentences']} sentences, split '{heldout['split']}', not used for "
            "training or for choosing the rule)",
            "",
            "```",
            format_rule_table(heldout["rules"], categories, chosen=rule["name"]),
            "```",
            "",
        ]
    lines += [
        "## Use",
        "",
        "Load with `pipeline.classifier.load_classifier(folder)`; the folder holds JSON and a numeric-only .npz",
        "(read with allow_pickle=False), so loading runs no code. A label the classifier gives without a lexicon",
        "match has no rule behind it: signals.csv still lists the lexicon evidence, so such labels can be told apart.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------- active learning

SUGGESTION_COLUMNS = (
    "note_id", "sentence_index", "community", "date", "text", "labels", "target_category", "probability",
    "machine_labels",
)  # fmt: skip


def uncertainty_round_robin(scores: np.ndarray, *, n: int) -> list[tuple[int, int]]:
    """Pick up to ``n`` distinct rows as (row, category column): per category the probability closest to 0.5,
    taking categories in turn so that the picks are spread over categories."""
    rows, columns = scores.shape
    orders = [sorted(range(rows), key=lambda r, c=c: (abs(float(scores[r, c]) - 0.5), r)) for c in range(columns)]
    positions = [0] * columns
    chosen: list[tuple[int, int]] = []
    taken: set[int] = set()
    while len(chosen) < min(n, rows):
        progressed = False
        for column in range(columns):
            order = orders[column]
            while positions[column] < rows and order[positions[column]] in taken:
                positions[column] += 1
            if positions[column] == rows or len(chosen) >= n:
                continue
            row = order[positions[column]]
            taken.add(row)
            chosen.append((row, column))
            progressed = True
        if not progressed:
            break
    return chosen


def suggest_for_coding(
    sentences: Sequence[dict[str, str]], classifier: SentenceClassifier, nlp, *, n: int, exclude: set[str] = frozenset()
) -> list[dict[str, object]]:
    """Rows of a tagged output worth coding next, in the gold format with an empty ``labels`` column."""
    seen = set(exclude)
    pool = []
    for row in sentences:
        key = " ".join(row["text"].split())
        if key and key not in seen:
            seen.add(key)
            pool.append(row)
    inputs = [feature_inputs_from_doc(doc) for doc in nlp.pipe([row["text"] for row in pool], batch_size=256)]
    scores = classifier.scores_of(inputs)
    suggestions = []
    for row_index, column in uncertainty_round_robin(scores, n=n):
        row = pool[row_index]
        suggestions.append({
            "note_id": row.get("note_id", ""), "sentence_index": row.get("sentence_index", ""),
            "community": row.get("community", ""), "date": row.get("date", ""), "text": row["text"], "labels": "",
            "target_category": classifier.categories[column],
            "probability": round(float(scores[row_index, column]), 3),
            "machine_labels": ";".join(classifier.labels(scores[row_index], inputs[row_index].lexicon_labels)),
        })  # fmt: skip
    return suggestions
