"""Turn human coding in a REFI-QDA project into the gold format that ``validate`` and ``train`` read.

Every text source that has at least one coded selection is split into sentences with the project's own pipeline
(the same segmenter and offsets as ``leersignalen run``); a sentence gets a code when the selection covers at
least half of the sentence's non-space characters, or when the whole selection lies inside the sentence. Code
names become categories through a mapping (code name -> category id; a name that already is a category id maps
to itself); names without a mapping are all listed in one error, never guessed.

Output columns: note_id (the source's name), sentence_index, start_char, end_char, text, labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..categories import category_ids
from ..errors import Errors
from ..output.cells import neutralise, unneutralise, write_csv
from . import ExchangeError
from .qdpx_read import Project, TextSource, read_project

GOLD_COLUMNS = ("note_id", "sentence_index", "start_char", "end_char", "text", "labels")
NEUTRAL = ("", "neutral", "neutraal", "none", "geen", "-")
BOUNDARY_COMPONENTS = ("leersignalen_segmenter", "tok2vec", "parser", "senter")


@dataclass
class ImportResult:
    """The gold rows and what the import found on the way."""

    rows: list[dict]
    codes: list[str]
    sources_with_text: int
    sources_coded: int
    sources_missing: list[str] = field(default_factory=list)
    selections: int = 0
    offset_units: dict[str, str] = field(default_factory=dict)


WHITESPACE = re.compile(r"\s+")  # for str patterns the same characters as str.isspace


def non_space_counts(text: str, offsets) -> dict[int, int]:
    """For each offset, the number of non-space characters in ``text[:offset]``: only at the offsets asked for, so
    that a long source costs no more memory than its text (a list over every character took 36 bytes each)."""
    counts: dict[int, int] = {}
    total, previous = 0, 0
    for offset in sorted(set(offsets)):
        end = min(offset, len(text))
        if end > previous:
            total += end - previous - sum(run.end() - run.start() for run in WHITESPACE.finditer(text, previous, end))
            previous = end
        counts[offset] = total
    return counts


def overlap_applies(sentence: tuple[int, int], selection: tuple[int, int], non_space: list[int]) -> bool:
    """The overlap rule: the selection holds half the sentence's non-space characters, or lies inside it.

    ``non_space[i]`` is the number of non-space characters in ``text[:i]`` (for every sentence and selection
    boundary ``i``).
    """
    start, end = sentence
    first, last = selection
    if last <= first:
        return False
    if start <= first and last <= end:
        return True
    low, high = max(start, first), min(end, last)
    if high <= low:
        return False
    covered = non_space[high] - non_space[low]
    total = non_space[end] - non_space[start]
    return total > 0 and 2 * covered >= total


def resolve_mapping(mapping) -> dict[str, str]:
    """``mapping`` as {lower-case code name: category id or ''}: from a dict, a CSV path, or None.

    A leading ``'`` that a spreadsheet-safe CSV put before ``+``, ``-``, ``=`` or ``@`` is dropped again.
    """
    if mapping is None:
        return {}
    if not isinstance(mapping, dict):
        from ..agreement.gold import load_mapping

        mapping = load_mapping(mapping)
    return {unneutralise(str(key).strip()).lower(): value for key, value in mapping.items()}


def code_categories(project: Project, mapping: dict[str, str]) -> dict[str, str]:
    """Category (or '' for neutral) of every code GUID used by a selection; all unmapped names in one error."""
    known = set(category_ids())
    used = {guid for source in project.sources if source.text is not None
            for selection in source.selections for guid in selection.code_guids}
    undefined = sorted(guid for guid in used if guid not in project.codes)
    if undefined:
        problem = (f"{len(undefined)} selection code reference(s) to a code the codebook does not define "
                   f"({', '.join(undefined[:3])}{', ...' if len(undefined) > 3 else ''})")
        raise ExchangeError(Errors.E060.format(path=project.path, problem=problem))
    result, unknown = {}, set()
    for guid in used:
        name = project.codes[guid]
        lowered = name.lower()
        if lowered in mapping:
            result[guid] = mapping[lowered]
        elif lowered in known:
            result[guid] = lowered
        elif lowered in NEUTRAL:
            result[guid] = ""
        else:
            unknown.add(name)
    if unknown:
        names = sorted(unknown, key=str.lower)
        raise ExchangeError(Errors.E064.format(path=project.path, count=len(names),
                                               codes=", ".join(repr(n) for n in names)))
    return result


class SentenceSplitter:
    """The sentences of a text exactly as ``leersignalen run`` finds them (same pipeline, same offsets)."""

    def __init__(self, model: str = "auto"):
        from ..tag.pipeline import build_pipeline

        self.nlp, _ = build_pipeline(model)
        self.unused = [name for name in self.nlp.pipe_names if name not in BOUNDARY_COMPONENTS]
        self.limit = max(1000, self.nlp.max_length - 1)

    def __call__(self, text: str) -> list[tuple[int, int]]:
        """(start_char, end_char) of every sentence that has a word."""
        from ..run.tagging import doc_sentences, split_long_text

        spans = []
        with self.nlp.select_pipes(disable=self.unused):
            for offset, piece in split_long_text(text, self.limit):
                bounds, _ = doc_sentences(self.nlp(piece), offset, text)
                spans += [(start, end) for _, _, start, end in bounds]
        return spans


def _unique_names(sources: list[TextSource]) -> dict[str, str]:
    seen: dict[str, int] = {}
    names = {}
    for source in sources:
        seen[source.name] = seen.get(source.name, 0) + 1
        names[source.guid] = source.name if seen[source.name] == 1 else f"{source.name}~{seen[source.name]}"
    return names


def gold_rows(project: Project, mapping=None, *, model: str = "auto", splitter=None) -> ImportResult:
    """Sentences of every coded text source with the categories of the selections that overlap them."""
    with_text = [source for source in project.sources if source.text is not None]
    missing = [source.name for source in project.sources if source.text is None]
    if project.sources and not with_text:
        names = sorted(set(project.codes.values()), key=str.lower)
        raise ExchangeError(Errors.E063.format(path=project.path, sources=len(project.sources), count=len(names),
                                               codes=", ".join(names) or "none"))
    categories = code_categories(project, resolve_mapping(mapping))
    order = {category: index for index, category in enumerate(category_ids())}
    coded = [source for source in with_text if source.selections]
    splitter = splitter or (SentenceSplitter(model) if coded else None)
    names = _unique_names(coded)
    rows = []
    for source in coded:
        text = source.text
        sentences = splitter(text)
        non_space = non_space_counts(text, [offset for start, end in sentences for offset in (start, end)]
                                     + [offset for s in source.selections for offset in (s.start, s.end)])
        for index, (start, end) in enumerate(sentences):
            labels = {categories[guid] for selection in source.selections
                      if overlap_applies((start, end), (selection.start, selection.end), non_space)
                      for guid in selection.code_guids if categories.get(guid)}
            rows.append({"note_id": names[source.guid], "sentence_index": index, "start_char": start,
                         "end_char": end, "text": text[start:end],
                         "labels": ";".join(sorted(labels, key=order.__getitem__))})
    return ImportResult(rows, sorted(set(project.codes.values()), key=str.lower), len(with_text), len(coded),
                        missing, sum(len(source.selections) for source in with_text),
                        {names[s.guid]: s.offset_unit for s in coded})


def import_qdpx(path: str | Path, out_csv: str | Path, *, mapping=None, model: str = "auto") -> ImportResult:
    """Read the REFI-QDA project ``path`` (.qdpx or .qde) and write its coding as a gold CSV to ``out_csv``."""
    result = gold_rows(read_project(path), mapping, model=model)
    write_csv(out_csv, result.rows, GOLD_COLUMNS)
    return result


def gold_table(path: str | Path, *, mapping=None, model: str = "auto") -> tuple[list[str], list[tuple[int, dict]]]:
    """The project's gold rows in the shape of :func:`leersignalen.agreement.gold.read_table`."""
    result = gold_rows(read_project(path), mapping, model=model)
    rows = [(line, {key: neutralise(str(value)) for key, value in row.items()})
            for line, row in enumerate(result.rows, start=2)]
    return list(GOLD_COLUMNS), rows


def mapping_template(path: str | Path, out_csv: str | Path) -> int:
    """Write ``code,category`` with every code name of the project and an empty category to fill in."""
    names = sorted(set(read_project(path).codes.values()), key=str.lower)
    known = set(category_ids())
    return write_csv(out_csv, [(name, name.lower() if name.lower() in known else "") for name in names],
                     ("code", "category"))


GOLD_TABLES = {".qdpx": gold_table, ".qde": gold_table}
"""Table readers for :func:`leersignalen.agreement.gold.read_gold`: QDA projects as gold files."""
