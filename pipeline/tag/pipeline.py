"""The whole tagging pipeline: the language layer with the leersignalen tagger at the end."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from ..language.build import PipelineInfo, build_language
from . import tagger  # noqa: F401  (registers the factory)


def build_pipeline(model: str = "auto", *, lexicon_dir: str | None = None) -> tuple[Language, PipelineInfo]:
    """Create the pipeline for ``--model auto|blank|NAME`` with the leersignalen tagger at the end."""
    nlp, info = build_language(model)
    nlp.add_pipe("leersignalen", config={"lexicon_dir": lexicon_dir})
    return nlp, replace(info, components=tuple(nlp.pipe_names))
