"""Build the spaCy pipeline: a trained Dutch pipeline when installed, else ``spacy.blank("nl")`` plus our layers."""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language

from ..errors import Errors, ModelError
from ..tag import tagger  # noqa: F401  (registers the factories)
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


def build_pipeline(model: str = "auto", *, lexicon_dir: str | None = None) -> tuple[Language, PipelineInfo]:
    """Create the pipeline for ``--model auto|blank|NAME`` with the leersignalen tagger at the end."""
    name = resolve_model(model)
    tagger_config = {"lexicon_dir": lexicon_dir}
    if name == "blank":
        nlp = spacy.blank("nl")
        nlp.add_pipe("leersignalen_segmenter")
        nlp.add_pipe("leersignalen_lemmatizer")
        nlp.add_pipe("leersignalen", config=tagger_config)
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
    nlp.add_pipe("leersignalen", config=tagger_config)
    meta = nlp.meta
    info = PipelineInfo(
        f"{meta.get('lang', '?')}_{meta.get('name', name)}", meta.get("version", "?"), "trained", tuple(nlp.pipe_names)
    )
    return nlp, info
