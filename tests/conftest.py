"""Shared fixtures: one blank Dutch pipeline per session, paths to test data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    """The default blank Dutch pipeline with the project's lexicon."""
    from leersignalen.tag.pipeline import build_pipeline

    pipeline, _ = build_pipeline("blank")
    return pipeline


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """tests/data."""
    return DATA


def signals_of(nlp, text: str) -> list[tuple[str, str, bool]]:
    """(rule category, matched text, negated) for every match in ``text``."""
    return [(s.category, s.text, s.negated) for s in nlp(text)._.ls_signals]


def labels_of(nlp, text: str) -> set[str]:
    """The categories that label ``text`` (non-negated matches)."""
    return {s.category for s in nlp(text)._.ls_signals if not s.negated}
