"""Build the Dutch language layer: a trained pipeline when installed, else ``spacy.blank("nl")`` plus our layers."""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from ..errors import Errors, ModelError
from . import (
    lemmatizer,  # noqa: F401  (registers the factories)
    segmenter,  # noqa: F401  (registers the factories)
)
from .segmenter import glues_word_to_dot
from .tokenizer import LazyDotTokenizer

DEFAULT_TRAINED = "nl_core_news_sm"
UNUSED_TRAINED_COMPONENTS = ("ner",)


NOTES_TOKENIZER = "leersignalen.notes_tokenizer.v1"


@registry.tokenizers(NOTES_TOKENIZER)
def create_notes_tokenizer():
    """spaCy's tokenizer without the special cases that glue a word to a dot, as ``split_word_dots`` leaves it.

    Building it this way loads the special cases once instead of twice, and :class:`LazyDotTokenizer` adds the
    dotted ones only when a text contains them (adding them is the costly part of start-up).
    """

    def tokenizer_factory(nlp: Language) -> LazyDotTokenizer:
        defaults = nlp.Defaults
        return LazyDotTokenizer(
            nlp.vocab,
            rules={key: value for key, value in defaults.tokenizer_exceptions.items() if not glues_word_to_dot(key)},
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


@dataclass(frozen=True)
class PipelineInfo:
    """Which pipeline ran, for the manifest."""

    name: str
    version: str
    kind: str  # "blank" or "trained"
    components: tuple[str, ...]


def resolve_model(model: str) -> str:
    """Turn ``auto`` into ``nl_core_news_sm`` when it is installed, else ``blank``."""
    if model != "auto":
        return model
    return DEFAULT_TRAINED if spacy.util.is_package(DEFAULT_TRAINED) else "blank"


def build_language(model: str = "auto") -> tuple[Language, PipelineInfo]:
    """The language layer for ``--model auto|blank|NAME``: tokens, sentences and lemmas, no tagging yet."""
    name = resolve_model(model)
    if name == "blank":
        nlp = spacy.blank("nl", config={"nlp": {"tokenizer": {"@tokenizers": NOTES_TOKENIZER}}})
        nlp.add_pipe("leersignalen_segmenter")
        nlp.add_pipe("leersignalen_lemmatizer")
        info = PipelineInfo("spacy.blank(nl)", spacy.__version__, "blank", tuple(nlp.pipe_names))
        return nlp, info
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_TRAINED_COMPONENTS))
    except OSError as error:
        raise ModelError(Errors.E010.format(name=name)) from error
    sentence_component = next((c for c in ("parser", "senter") if c in nlp.pipe_names), None)
    if sentence_component:
        nlp.add_pipe("leersignalen_segmenter", before=sentence_component, config={"hard_breaks_only": True})
    else:
        nlp.add_pipe("leersignalen_segmenter")
    if "lemmatizer" not in nlp.pipe_names:
        nlp.add_pipe("leersignalen_lemmatizer")
    meta = nlp.meta
    info = PipelineInfo(
        f"{meta.get('lang', '?')}_{meta.get('name', name)}", meta.get("version", "?"), "trained", tuple(nlp.pipe_names)
    )
    return nlp, info
