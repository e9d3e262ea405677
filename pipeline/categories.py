"""The seven codebook categories and their families, read from ``lexicons/categories.tsv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import LexiconError
from .resources import LEXICON_DIR

FAMILIES = ("leren", "instrumenteel")
CATEGORY_COLUMNS = ("id", "family", "name_nl", "name_en", "definition")


@dataclass(frozen=True)
class Category:
    """One codebook category."""

    id: str
    family: str
    name_nl: str
    name_en: str
    definition: str


@lru_cache(maxsize=8)
def load_categories(path: Path | str | None = None) -> tuple[Category, ...]:
    """Read and validate the category table; the order of the file is the order of all outputs."""
    path = Path(path) if path else LEXICON_DIR / "categories.tsv"
    problems: list[str] = []
    categories: list[Category] = []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != CATEGORY_COLUMNS:
        raise LexiconError([f"{path}:1: header must be {' '.join(CATEGORY_COLUMNS)}"])
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CATEGORY_COLUMNS):
            problems.append(f"{path}:{line}: expected {len(CATEGORY_COLUMNS)} tab-separated fields, got {len(row)}")
            continue
        category = Category(*(cell.strip() for cell in row))
        if category.family not in FAMILIES:
            problems.append(f"{path}:{line}: unknown family {category.family!r}; use one of {', '.join(FAMILIES)}")
        if category.id in seen:
            problems.append(f"{path}:{line}: duplicate category id {category.id!r}")
        seen.add(category.id)
        categories.append(category)
    if problems:
        raise LexiconError(problems)
    return tuple(categories)


def category_ids(path: Path | str | None = None) -> tuple[str, ...]:
    """The category ids in codebook order."""
    return tuple(category.id for category in load_categories(path))


def family_of(path: Path | str | None = None) -> dict[str, str]:
    """Map each category id to its family."""
    return {category.id: category.family for category in load_categories(path)}
