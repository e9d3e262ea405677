"""Dutch lemmas for ``spacy.blank("nl")`` without a tagger.

A lemma is found in this order: the researcher-editable exceptions in ``lexicons/lemma_exceptions.tsv``
(irregular verbs, UD Dutch conventions for pronouns and determiners), the spacy-lookups-data Dutch lookup
table, then rules for regular inflection (participles, separable-verb participles, past tenses, adjective
endings, comparatives, superlatives, plurals, diminutives, compound heads) whose result must be a known
lemma of the matching word class in the spacy-lookups-data lemma index. A form that is itself in that index
is kept, except where the index is known to hold inflected forms (``grote``, ``gemaakt``, ``werkte``), so
participles, past tenses and ``-e`` adjectives are tried first.
The component works on hash arrays (``LOWER`` in, ``LEMMA`` out) with a cache that lives as long as the
component, so it costs little on top of tokenisation.

Longer than 300 lines because the lemma layer is one ordered set of rules (exceptions, lookup, inflection, separable
verbs) whose order matters and is easiest to review in one place.
"""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import LexiconError
from ..resources import LEXICON_DIR
from .cache import cached_bytes, inputs_hash

EXCEPTIONS_PATH = LEXICON_DIR / "lemma_exceptions.tsv"
EXCEPTIONS_HEADER = ["form", "lemma", "note"]

VOWELS = frozenset("aeiouyëéèêïöüáó")
SEPARABLE_PARTICLES = (
    "aan", "achter", "af", "bij", "binnen", "buiten", "door", "in", "los", "mee", "na", "neer", "om",
    "onder", "op", "over", "rond", "samen", "tegen", "terug", "thuis", "toe", "uit", "vast", "voor",
    "voorbij", "vooruit", "weg", "langs", "klaar", "stil", "vrij", "open", "dicht", "kapot", "goed",
    "bekend", "teleur", "tot", "plaats",
)


def load_exceptions(path: Path | str = EXCEPTIONS_PATH) -> dict[str, str]:
    """Read a ``form<TAB>lemma<TAB>note`` file; a bad line raises ``ValueError("NAME:LINE: problem")``."""
    path = Path(path)
    exceptions: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line_number, raw_line in enumerate(handle, start=1):
            line = raw_line.rstrip("\r\n")
            where = f"{path.name}:{line_number}"
            if line_number == 1:
                if line.split("\t") != EXCEPTIONS_HEADER:
                    raise LexiconError([f"{where}: the header must be 'form<TAB>lemma<TAB>note', found {line!r}"])
                continue
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3:
                raise LexiconError(
                    f"{where}: expected 3 tab-separated columns (form, lemma, note), found {len(fields)}"
                )
            form, lemma, _note = (field.strip() for field in fields)
            if not form or not lemma:
                raise LexiconError([f"{where}: form and lemma must both be filled in"])
            if any(char.isspace() for char in form):
                raise LexiconError([f"{where}: the form {form!r} contains whitespace; use one token per line"])
            if form != form.lower() or lemma != lemma.lower():
                raise LexiconError([f"{where}: write form and lemma in lowercase ({form!r} -> {lemma!r})"])
            if form in exceptions and exceptions[form] != lemma:
                raise LexiconError(
                    f"{where}: {form!r} is listed twice with different lemmas "
                    f"({exceptions[form]!r} and {lemma!r}); keep one"
                )
            exceptions[form] = lemma
    return exceptions


LOOKUP_TABLES = ("lemma_lookup", "lemma_index")
TABLE_SEPARATOR, WORD_SEPARATOR = "\0", "\n"


def _lookups_path(table: str) -> Path:
    return Path(str(files("spacy_lookups_data") / "data" / f"nl_{table}.json.gz"))


def _read_lookups_json(table: str):
    with gzip.open(_lookups_path(table), "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _tables_as_bytes() -> bytes:
    """The lookup table and the word-class lists of spacy-lookups-data as words joined by separators."""
    lookup = _read_lookups_json("lemma_lookup")
    index = _read_lookups_json("lemma_index")
    verbs = [word for word in index["verb"] if word.endswith("n")]
    tables = (list(lookup), list(lookup.values()), verbs, index["adj"], index["noun"], index["adp"] + index["det"])
    words = [word for table in tables for word in table]
    if any(TABLE_SEPARATOR in word or WORD_SEPARATOR in word for word in words):
        raise ValueError("a lemma table holds a separator character")
    return TABLE_SEPARATOR.join(WORD_SEPARATOR.join(table) for table in tables).encode("utf-8")


def _tables_from_bytes(data: bytes) -> tuple[dict[str, str], frozenset, frozenset, frozenset, frozenset]:
    """The tables of :func:`_tables_as_bytes`: lookup dict, verbs, adjectives, nouns, closed-class words."""
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of strings, no cycles: collecting meanwhile only costs time
    try:
        forms, lemmas, verbs, adjectives, nouns, closed = (
            table.split(WORD_SEPARATOR) if table else [] for table in data.decode("utf-8").split(TABLE_SEPARATOR)
        )
        if len(forms) != len(lemmas):
            raise ValueError("the lemma lookup table is damaged")
        lookup = dict(zip(forms, lemmas, strict=True))
        return lookup, frozenset(verbs), frozenset(adjectives), frozenset(nouns), frozenset(closed)
    finally:
        if enabled:
            gc.enable()


def lookup_tables() -> tuple[dict[str, str], frozenset, frozenset, frozenset, frozenset]:
    """The spacy-lookups-data tables, from the start-up cache (:mod:`pipeline.language.cache`) when it is fresh."""
    key = inputs_hash([_lookups_path(table) for table in LOOKUP_TABLES], "lemma-tables")
    return cached_bytes("nl-lemma-tables", key, _tables_as_bytes, _tables_from_bytes)


class DutchLemmaData:
    """The tables behind :func:`lemma_of`: exceptions, lookup table and lemma index sets per word class."""

    def __init__(self, *, exceptions_path: Path | str = EXCEPTIONS_PATH):
        self.exceptions = load_exceptions(exceptions_path)
        self.lookup, self.verbs, self.adjectives, self.nouns, self.closed_class = lookup_tables()
        self._known: dict[str, str] = {}

    def lemma(self, form: str) -> str:
        """The lowercase lemma of one token text.

        Words longer than MAX_INFLECTED_LENGTH (a URL, base64, Chinese without spaces) are only looked up,
        not run through the inflection and compound rules; every lemma found is remembered, so that the
        compound search looks at each tail of a word once.
        """
        word = form.lower()
        if len(word) > MAX_INFLECTED_LENGTH:
            return self.exceptions.get(word) or self.lookup.get(word, word)
        known = self._known.get(word)
        if known is None:
            if len(self._known) >= MAX_REMEMBERED:
                self._known.clear()
            known = self._known[word] = self._lemma_by_rules(word)
        return known

    def _lemma_by_rules(self, word: str) -> str:
        if word in self.exceptions:
            return self.exceptions[word]
        if not word.isalpha():
            return self._non_alphabetic(word)
        looked_up = self.lookup.get(word)
        if looked_up:
            return looked_up
        if word in self.closed_class:
            return word
        if _looks_like_participle(word) and not (word in self.nouns and word not in self.adjectives):
            for candidate in self._participle_candidates(word):
                return candidate
        separable = self._separable_participle(word)
        if separable:
            return separable
        if word.endswith(("de", "te")) and word not in self.nouns and word[:-1] not in self.adjectives:
            for candidate in self._verb_candidates(word):
                return candidate
        if word.endswith("e"):
            for candidate in self._adjective_candidates(word):
                return candidate
        if word in self.verbs or word in self.nouns or word in self.adjectives:
            return word
        for candidate in self._rule_candidates(word):
            return candidate
        return word

    def _separable_participle(self, word: str) -> str | None:
        if not word.endswith(("d", "t", "en")):
            return None
        for particle in SEPARABLE_PARTICLES:
            rest = word[len(particle):]
            if word.startswith(particle) and rest.startswith("ge") and len(rest) > 4:
                rest_lemma = self.lemma(rest)
                if rest_lemma != rest and (particle + rest_lemma in self.verbs or rest_lemma in self.verbs):
                    return particle + rest_lemma
        return None

    def _non_alphabetic(self, word: str) -> str:
        if word.endswith("'s") and word[:-2].isalpha():
            return word[:-2]
        if "-" in word and word.replace("-", "").isalpha():
            head_start = word.rfind("-") + 1
            if word[head_start:]:
                return word[:head_start] + self.lemma(word[head_start:])
        return self.lookup.get(word, word)

    def _rule_candidates(self, word: str) -> Iterator[str]:
        if word.endswith(("en", "ën", "s")):
            yield from self._noun_candidates(word)
            yield from self._verb_candidates(word)
            yield from self._adjective_candidates(word)
        else:
            yield from self._verb_candidates(word)
            yield from self._adjective_candidates(word)
            yield from self._noun_candidates(word)
        yield from self._compound_candidates(word)

    def _adjective_candidates(self, word: str) -> Iterator[str]:
        if word.endswith("ende") and word[:-1] not in self.adjectives and word[:-2] in self.verbs:
            yield word[:-2]
        bases = []
        if word.endswith("e"):
            bases.append(word[:-1])
        if word.endswith("en") and len(word) > 4:
            bases.append(word[:-2])
        for base in [*bases, word]:
            if base.endswith("st") and len(base) > 5:
                bases.append(base[:-2])
            if base.endswith("er") and len(base) > 4:
                bases.append(base[:-2])
                if base.endswith("der") and base[-4] == "r":
                    bases.append(base[:-3])
        for base in bases:
            for stem in _stem_spellings(base):
                if stem in self.adjectives:
                    yield stem

    def _participle_candidates(self, word: str) -> Iterator[str]:
        if word.endswith("en") and word[2:] in self.verbs:
            yield word[2:]
        if word.endswith(("d", "t")):
            for stem in (word[2:-1], word[2:], word[:-1]):
                for infinitive in _infinitives(stem):
                    if infinitive in self.verbs:
                        yield infinitive

    def _verb_candidates(self, word: str) -> Iterator[str]:
        for stem in _verb_stems(word):
            for infinitive in _infinitives(stem):
                if infinitive in self.verbs:
                    yield infinitive

    def _noun_candidates(self, word: str) -> Iterator[str]:
        bases: list[str] = []
        if word.endswith("heden"):
            yield word[:-5] + "heid"
        if word.endswith("eren") and len(word) > 5:
            bases.append(word[:-4])
        if word.endswith(("en", "ën")) and len(word) > 4:
            bases.append(word[:-2])
        if word.endswith("en") and len(word) > 4:
            bases.append(word[:-1])
        if word.endswith("s") and len(word) > 3:
            bases.append(word[:-1])
        for diminutive in ("etjes", "etje", "tjes", "tje", "pjes", "pje", "jes", "je"):
            if word.endswith(diminutive) and len(word) - len(diminutive) > 1:
                base = word[: -len(diminutive)]
                bases.append(base)
                if base.endswith("ink"):
                    bases.append(base[:-3] + "ing")
                break
        for base in bases:
            for stem in _stem_spellings(base):
                if stem in self.nouns:
                    yield stem

    def _compound_candidates(self, word: str) -> Iterator[str]:
        for start in range(3, len(word) - 3):
            head = word[start:]
            if head in self.nouns or head in self.verbs or head in self.adjectives:
                return
            head_lemma = self.lemma(head)
            if head_lemma != head and (head_lemma in self.nouns or head_lemma in self.adjectives):
                yield word[:start] + head_lemma
                return


MAX_INFLECTED_LENGTH = 60
MAX_REMEMBERED = 200_000


def _looks_like_participle(word: str) -> bool:
    return len(word) > 5 and word.startswith("ge") and word.endswith(("d", "t", "en"))


def _verb_stems(word: str) -> Iterator[str]:
    """Verb stems that an inflected form can come from (werkte -> werk, werkt -> werk, vindt -> vind)."""
    if word.endswith(("te", "de")) and len(word) > 4:
        yield word[:-2]
    if word.endswith(("ten", "den")) and len(word) > 5:
        yield word[:-3]
    if word.endswith("t") and len(word) > 3:
        yield word[:-1]


def _stem_spellings(base: str) -> list[str]:
    """Spellings of a stem as the dictionary writes it (grot -> groot, witt -> wit, intensiev -> intensief).

    An open syllable before the ending means a long vowel, written double in the base form, so the doubled
    spelling comes first for one-syllable stems and for stems not ending in an unstressed -el/-er/-en/-em.
    """
    variants = []
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in VOWELS:
        variants.append(base[:-1])
    elif _ends_in_short_vowel_and_consonant(base):
        doubled = base[:-1] + base[-2] + base[-1]
        unstressed = base[-2] == "e" and base[-1] in "lrnm" and _vowel_groups(base) > 1
        variants += [base, doubled] if unstressed else [doubled, base]
    if base not in variants:
        variants.append(base)
    for variant in list(variants):
        if variant.endswith("v"):
            variants.append(variant[:-1] + "f")
        elif variant.endswith("z"):
            variants.append(variant[:-1] + "s")
    return variants


def _vowel_groups(word: str) -> int:
    groups, previous_vowel = 0, False
    for char in word:
        is_vowel = char in VOWELS
        groups += is_vowel and not previous_vowel
        previous_vowel = is_vowel
    return groups


def _ends_in_short_vowel_and_consonant(stem: str) -> bool:
    return (
        len(stem) >= 2
        and stem[-1] not in VOWELS
        and stem[-2] in "aeou"
        and (len(stem) == 2 or stem[-3] not in VOWELS)
    )


def _infinitives(stem: str) -> list[str]:
    """Possible infinitives of a verb stem (maak -> maken, zet -> zetten, blijf -> blijven, doe -> doen)."""
    if len(stem) < 2:
        return []
    if stem[-1] in VOWELS:
        return [stem + "n", stem + "en"]
    if len(stem) >= 4 and stem[-2] == stem[-3] and stem[-2] in "aeou" and stem[-4] not in VOWELS:
        stem = stem[:-2] + stem[-1]
    candidates = [stem + "en", stem + stem[-1] + "en"]
    voiced = {"f": "v", "s": "z"}.get(stem[-1])
    if voiced:
        candidates.append(stem[:-1] + voiced + "en")
    return candidates


@lru_cache(maxsize=1)
def lemma_data() -> DutchLemmaData:
    """The shared tables, loaded once per process."""
    return DutchLemmaData()


@lru_cache(maxsize=200_000)
def lemma_of(form: str) -> str:
    """The lowercase lemma of ``form`` with the same logic as the spaCy component (cached)."""
    return lemma_data().lemma(form)


class DutchLemmatizer:
    """Sets ``token.lemma_`` for every token from a cache of lowercase hash -> lemma hash."""

    def __init__(self, nlp: Language, name: str, *, overwrite: bool):
        self.name = name
        self.overwrite = overwrite
        self.lemma_hash_of_lower: dict[int, int] = {}
        lemma_data()  # load and validate the tables now, not halfway through a corpus

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        lowers = doc.to_array(LOWER).tolist()
        lemma_hashes = list(map(self.lemma_hash_of_lower.get, lowers))
        if None in lemma_hashes:
            strings = doc.vocab.strings
            lemma_hashes = [
                lemma_hash if lemma_hash is not None else self._learn(lower, strings)
                for lower, lemma_hash in zip(lowers, lemma_hashes, strict=True)
            ]
        new_lemmas = np.array(lemma_hashes, dtype=np.uint64)
        if not self.overwrite:
            existing = doc.to_array(LEMMA)
            new_lemmas = np.where(existing != 0, existing, new_lemmas)
        doc.from_array([LEMMA], new_lemmas.reshape(-1, 1))
        return doc

    def _learn(self, lower_hash: int, strings) -> int:
        lemma_hash = strings.add(lemma_of(strings[lower_hash]))
        self.lemma_hash_of_lower[lower_hash] = lemma_hash
        return lemma_hash


@Language.factory("leersignalen_lemmatizer", default_config={"overwrite": False})
def make_lemmatizer(nlp: Language, name: str, *, overwrite: bool) -> DutchLemmatizer:
    """Create the Dutch lookup-and-rules lemmatizer component."""
    return DutchLemmatizer(nlp, name, overwrite=overwrite)
