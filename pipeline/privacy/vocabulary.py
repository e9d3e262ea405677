"""Word knowledge for name detection: deduce's name and place lists, and a Dutch vocabulary from spaCy's lookups."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib.resources import files

from .deduce_loader import lookup_words


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(first names, surnames, common words, place names, Dutch vocabulary), read once."""
    first_names = lookup_words("first_name")
    surnames = lookup_words("surname")
    common = frozenset(word.lower() for word in lookup_words("common_word") | lookup_words("stop_word"))
    places = lookup_words("placename")
    data = files("spacy_lookups_data") / "data"
    with gzip.open(data / "nl_lemma_index.json.gz", "rt", encoding="utf-8") as handle:
        index = json.load(handle)
    with gzip.open(data / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
        forms = json.load(handle)
    vocabulary = frozenset(word for words in index.values() for word in words) | frozenset(forms) | common
    return first_names, surnames, common, places, vocabulary


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English word forms (WordNet's lemma index and inflected forms, from spaCy's lookups), lower case."""
    data = files("spacy_lookups_data") / "data"
    with gzip.open(data / "en_lemma_index.json.gz", "rt", encoding="utf-8") as handle:
        index = json.load(handle)
    with gzip.open(data / "en_lemma_lookup.json.gz", "rt", encoding="utf-8") as handle:
        forms = json.load(handle)
    return frozenset(word for words in index.values() for word in words if word.isalpha()) | frozenset(forms)


def is_english_word(lower: str) -> bool:
    """Whether ``lower`` is an English word ('safety', 'insights', 'react'): method and tool names in notes."""
    return lower in english_words()


def is_first_name(word: str) -> bool:
    """Whether deduce lists ``word`` (as written) as a first name."""
    return word in lexicon()[0]


def is_surname(word: str) -> bool:
    """Whether deduce lists ``word`` (as written) as a surname."""
    return word in lexicon()[1]


def is_place(word: str) -> bool:
    """Whether deduce lists ``word`` as a Dutch place, municipality, province or region."""
    return word in lexicon()[3]


def is_dutch_word(lower: str) -> bool:
    """Whether the lower-case ``lower`` is a Dutch word form (spaCy's lemma tables, deduce's common words)."""
    return lower in lexicon()[4]


def looks_like_first_name(word: str) -> bool:
    """A first name, or a word that is neither Dutch nor a Dutch compound ('Kasia', not 'Hittestress')."""
    return is_first_name(word) or not (is_dutch_word(word.lower()) or is_compound(word))


def is_compound(word: str) -> bool:
    """'Casusverdeling', 'Suikerfeestontbijt': Dutch words of 3+ letters (with a linking s or e), not a surname."""
    return not is_surname(word) and _splits(word.lower(), parts=3)


def _splits(lower: str, parts: int) -> bool:
    """Whether ``lower`` is a Dutch word followed by a word or compound of at most ``parts - 1`` words."""
    for cut in range(3, len(lower) - 2):
        head, tail = lower[:cut], lower[cut:]
        if not (is_dutch_word(head) or head[-1] in "se" and is_dutch_word(head[:-1])):
            continue
        if is_dutch_word(tail) or (parts > 2 and len(tail) >= 6 and _splits(tail, parts - 1)):
            return True
    return False


def is_common_word(lower: str) -> bool:
    """Whether ``lower`` is one of deduce's ~1,100 most common Dutch words and stop words."""
    return lower in lexicon()[2]
