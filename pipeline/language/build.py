"""Build the Dutch language layer: a trained pipeline when installed, else ``spacy.blank("nl")`` plus our layers."""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language

from ..errors import Errors, ModelError
from . import (
    lemmatizer,  # noqa: F401  (registers the factories)
    segmenter,  # noqa: F401  (registers the factories)
)

DEFAULT_TRAINED = "nl_core_news_sm"
UNUSED_TRAINED_COMPONENTS = ("ner",)


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
        nlp = spacy.blank("nl", config={"nlp": {"tokenizer": {"@tokenizers": segmenter.NOTES_TOKENIZER}}})
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
