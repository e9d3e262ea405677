"""Sentence features of the classifier: what it reads of a sentence and the vocabularies that turn it into numbers.

Word 1-2 grams over forms and over lemmas, character 2-5 grams (``char_wb``) and, optionally, the lexicon layer
as tokens (``rule=ID``, ``cat=CATEGORY``, ``neg:rule=ID``, ``neg:cat=CATEGORY``). Each block is binary,
idf-weighted and L2-normalised; the blocks are stacked in a fixed order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise, repeat

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

WORD_CACHE_LIMIT = 500_000
FEATURE_SETS = ("text", "text+lexicon")
BLOCKS = ("form", "lemma", "char", "lexicon")
WORD_PATTERN = re.compile(r"(?u)\b\w+\b")


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


def _vectorizer(block: str, *, min_df: int = 1, vocabulary: dict[str, int] | None = None) -> CountVectorizer:
    common = {"binary": True, "dtype": np.float64, "vocabulary": vocabulary,
              "min_df": min_df if vocabulary is None else 1}
    if block in ("form", "lemma"):
        return CountVectorizer(lowercase=True, token_pattern=WORD_PATTERN.pattern, ngram_range=(1, 2), **common)
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
    _pair_keys: tuple | bool | None = field(repr=False, default=None, compare=False)

    def __post_init__(self):
        if self.vectorizer is None:
            self.vectorizer = _vectorizer(self.name, vocabulary={t: i for i, t in enumerate(self.vocabulary)})
        if self.vocabulary and not hasattr(self.vectorizer, "vocabulary_"):
            self.vectorizer._validate_vocabulary()

    def transform(self, documents: Sequence[str]) -> sp.csr_matrix:
        """Binary counts times idf, each row L2-normalised."""
        if not self.vocabulary:
            return sp.csr_matrix((len(documents), 0))
        if self.name == "char":
            counts = self._char_counts(documents)
        elif self.name in ("form", "lemma"):
            counts = self._word_counts(documents)
        else:
            counts = self.vectorizer.transform(documents)
        counts = counts.tocsr()
        weights = self.idf[counts.indices] * counts.data
        squares = sp.csr_matrix((weights * weights, counts.indices, counts.indptr), shape=counts.shape)
        norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        weighted = sp.csr_matrix((weights, counts.indices, counts.indptr), shape=counts.shape)
        # the product's column order within a row is what trained models/default; keep it (make model is byte-exact)
        return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)

    def _word_counts(self, documents: Sequence[str]) -> sp.csr_matrix:
        """The vectorizer's binary word 1-2 gram counts, without its per-term bookkeeping.

        The same analysis as ``vectorizer.transform`` (lower-case, ``WORD_PATTERN`` tokens, each token and each
        pair of neighbouring tokens joined by a space) and the same matrix (sorted indices, data 1.0), faster: the
        tokens are looked up once, and a pair by the columns of its two words (a pair that is a term is made of
        two terms, since it cannot occur in more sentences than either of its words).
        """
        vocabulary = self.vectorizer.vocabulary_
        if self._pair_keys is None:
            self._pair_keys = _pair_index(self.vocabulary, vocabulary)
        if self._pair_keys is False:
            return self._word_counts_by_string(documents)
        pair_keys, pair_columns = self._pair_keys
        find, get = WORD_PATTERN.findall, vocabulary.get
        found: list[int] = []
        lengths = []
        for document in documents:
            before = len(found)
            found.extend(map(get, find(document.lower()), repeat(-1)))
            lengths.append(len(found) - before)
        shape = (len(documents), len(self.vocabulary))
        ids = np.asarray(found, dtype=np.int64)
        sentence = np.repeat(np.arange(len(documents)), lengths)
        known = ids >= 0
        both = known[:-1] & known[1:] & (sentence[:-1] == sentence[1:])
        keys = ids[:-1][both] * len(self.vocabulary) + ids[1:][both]
        position = np.searchsorted(pair_keys, keys)
        position[position == len(pair_keys)] = 0
        is_term = pair_keys[position] == keys if len(pair_keys) else np.zeros(len(keys), dtype=bool)
        rows = np.concatenate((sentence[known], sentence[:-1][both][is_term]))
        columns = np.concatenate((ids[known], pair_columns[position[is_term]]))
        counts = sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape)
        counts.sum_duplicates()
        counts.sort_indices()
        counts.data[:] = 1.0
        return counts

    def _word_counts_by_string(self, documents: Sequence[str]) -> sp.csr_matrix:
        """The same counts, each pair joined into its string (for a vocabulary with a pair of unknown words)."""
        vocabulary = self.vectorizer.vocabulary_
        find = WORD_PATTERN.findall
        indptr, indices = [0], []
        for document in documents:
            tokens = find(document.lower())
            columns = {vocabulary[t] for t in tokens if t in vocabulary}
            columns.update(vocabulary[g] for g in map(" ".join, pairwise(tokens)) if g in vocabulary)
            indices.extend(sorted(columns))
            indptr.append(len(indices))
        return sp.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                             shape=(len(documents), len(self.vocabulary)))  # fmt: skip

    def _char_counts(self, documents: Sequence[str]) -> sp.csr_matrix:
        """The vectorizer's binary char_wb counts, built from a cache of each word's n-gram columns.

        char_wb takes the n-grams of every whitespace-separated word on its own, so a row is the union of its
        words' columns: the product of a sentence-by-word incidence matrix and a word-by-column matrix of the
        batch's distinct words, made binary. The same matrix (sorted indices, data 1.0) as
        ``vectorizer.transform``, much faster.
        """
        if self._word_columns is None or len(self._word_columns) > WORD_CACHE_LIMIT:
            self._word_columns = {}
            self._analyse = self.vectorizer.build_analyzer()
        cache, analyse, vocabulary = self._word_columns, self._analyse, self.vectorizer.vocabulary_
        local: dict[str, int] = {}
        word_columns: list[np.ndarray] = []
        incidence, indptr = [], [0]
        for document in documents:
            for word in document.split():
                index = local.get(word)
                if index is None:
                    index = local[word] = len(word_columns)
                    found = cache.get(word)
                    if found is None:
                        columns = sorted({vocabulary[g] for g in analyse(word) if g in vocabulary})
                        found = cache[word] = np.array(columns, dtype=np.int32)
                    word_columns.append(found)
                incidence.append(index)
            indptr.append(len(incidence))
        shape = (len(documents), len(self.vocabulary))
        if not word_columns:
            return sp.csr_matrix(shape)
        lengths = np.fromiter(map(len, word_columns), dtype=np.int64, count=len(word_columns))
        words = sp.csr_matrix((np.ones(int(lengths.sum())), np.concatenate(word_columns),
                               np.concatenate(([0], np.cumsum(lengths)))), shape=(len(word_columns), shape[1]))
        rows = sp.csr_matrix((np.ones(len(incidence)), np.asarray(incidence, dtype=np.int32), np.asarray(indptr)),
                             shape=(len(documents), len(word_columns)))  # fmt: skip
        counts = (rows @ words).tocsr()
        counts.sort_indices()
        counts.data[:] = 1.0
        return counts


def _pair_index(terms: list[str], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray] | bool:
    """Word pairs of a vocabulary as sorted keys ``first column * size + second column``, with their columns.

    False when some pair holds a word that is not a term itself (then pairs are looked up by their string).
    """
    keys, columns = [], []
    for term in terms:
        first, space, second = term.partition(" ")
        if not space:
            continue
        if first not in vocabulary or second not in vocabulary or " " in second:
            return False
        keys.append(vocabulary[first] * len(terms) + vocabulary[second])
        columns.append(vocabulary[term])
    order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
    return np.asarray(keys, dtype=np.int64)[order], np.asarray(columns, dtype=np.int64)[order]


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

