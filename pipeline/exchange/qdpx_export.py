"""Write a run's machine coding as one REFI-QDA 1.0 project (``.qdpx``) for ATLAS.ti, NVivo, MAXQDA or QualCoder.

The archive holds ``project.qde`` and ``sources/<GUID>.txt``: one plain-text source per note, the two families as
parent codes with the seven categories under them, one case per community, the variables community, date, author
and role on every source, and one ``PlainTextSelection`` per coded sentence and category whose character offsets
(Unicode code points, end exclusive, REFI-QDA §10.2) cut exactly the sentence out of the source text. The matched
rules (or the classifier's score) are the selection's description; negated matches are not codings but are listed
in one project note per source. Every GUID is a uuid5 of a stable name, so the same run gives the same file.

A run folder does not keep the full note text, only its sentences with their offsets: the source text is rebuilt
by placing every sentence at its offsets and filling what lies between (white space, bullets, lines without a
word) with line breaks and spaces, so that every offset of the run stays valid in the exported text.
"""

from __future__ import annotations

import random
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd

from .. import __version__
from ..categories import FAMILIES, load_categories
from ..errors import Errors
from . import ExchangeError
from .runfolder import RunFolder, read_run_folder

NAMESPACE = "urn:QDA-XML:project:1.0"
GUID_NAMESPACE = uuid.UUID("6f1d6c3e-52a4-4b8e-9d0f-1e5a7c2b9d41")
FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
DEFAULT_SEED = 20251
VARIABLES = (("community", "Text"), ("date", "Date"), ("author", "Text"), ("role", "Text"))
FAMILY_COLOURS = {"leren": "#2E7D32", "instrumenteel": "#1565C0"}
CATEGORY_COLOURS = {
    "perspectiefname": "#66BB6A", "schuring": "#EF5350", "eigenaarschap": "#AB47BC", "reflectie": "#FFCA28",
    "structuur": "#42A5F5", "output": "#26C6DA", "deadlines": "#FF7043",
}  # fmt: skip
FALLBACK_COLOUR = "#9E9E9E"
NAME_LENGTH = 60


def stable_guid(kind: str, *parts: str) -> str:
    """A uuid5 for ``kind`` and ``parts``: the same object gets the same GUID in every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, "\x1f".join((kind, *parts))))


def code_guid(name: str) -> str:
    """The GUID of the code for a category id or family name."""
    return stable_guid("code", name)


@dataclass(frozen=True)
class ExportCounts:
    """What an export wrote."""

    sources: int
    selections: int
    negated_notes: int
    path: Path


def rebuild_text(sentences: pd.DataFrame) -> str:
    """The note text with every sentence at its ``start_char``; gaps become a line break plus spaces."""
    pieces: list[str] = []
    position = 0
    for start, end, text in sorted(zip(sentences["start_char"].astype(int), sentences["end_char"].astype(int),
                                       sentences["text"], strict=True)):
        gap = start - position
        if gap > 0:
            pieces.append("\n" + " " * (gap - 1) if position else " " * gap)
        pieces.append(text[: end - max(start, position)] if start < position else text)
        position = max(position, end)
    return "".join(pieces)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: value for key, value in attributes.items() if value is not None})
    if text is not None:
        element.text = text
    return element


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NAME_LENGTH else flat[: NAME_LENGTH - 3] + "..."


def _codebook(project: ET.Element) -> None:
    codes = _sub(_sub(project, "CodeBook"), "Codes")
    categories = load_categories()
    for family in FAMILIES:
        parent = _sub(codes, "Code", guid=code_guid(family), name=family, isCodable="false",
                      color=FAMILY_COLOURS.get(family, FALLBACK_COLOUR))
        _sub(parent, "Description", "Familie van categorieën in het codeboek van leersignalen.")
        for category in (c for c in categories if c.family == family):
            child = _sub(parent, "Code", guid=code_guid(category.id), name=category.id, isCodable="true",
                         color=CATEGORY_COLOURS.get(category.id, FALLBACK_COLOUR))
            _sub(child, "Description", f"{category.name_nl} ({category.name_en}): {category.definition}")


def _variables(project: ET.Element) -> None:
    variables = _sub(project, "Variables")
    for name, kind in VARIABLES:
        _sub(variables, "Variable", guid=stable_guid("variable", name), name=name, typeOfVariable=kind)


def _variable_value(parent: ET.Element, name: str, value: str) -> None:
    if not value:
        return
    kind = dict(VARIABLES)[name]
    holder = _sub(parent, "VariableValue")
    _sub(holder, "VariableRef", targetGUID=stable_guid("variable", name))
    _sub(holder, "DateValue" if kind == "Date" else "TextValue", value)


def select_notes(run: RunFolder, *, sample: int | None, community: str | None, seed: int) -> pd.DataFrame:
    """The notes to export: those of ``community`` (when given), then ``sample`` of them drawn with ``seed``."""
    notes = run.notes
    if community is not None:
        notes = notes[notes["community"] == community]
        if notes.empty:
            known = ", ".join(sorted(set(run.notes["community"]))) or "none"
            raise ExchangeError(Errors.E066.format(option=f"--community {community!r}",
                                                   problem=f"no notes of that community (communities: {known})"))
    if sample is not None:
        if sample < 1:
            raise ExchangeError(Errors.E066.format(option=f"--sample {sample}", problem="give a number of notes >= 1"))
        if sample < len(notes):
            chosen = sorted(random.Random(seed).sample(range(len(notes)), sample))
            notes = notes.iloc[chosen]
    return notes


def _evidence(signals: pd.DataFrame) -> tuple[dict, dict]:
    """Rule evidence per (note, sentence, category), and negated matches per (note, sentence)."""
    matched: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    negated: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in signals.itertuples(index=False):
        item = f"{row.rule_id} ({row.matched_text!r})"
        if row.negated == "true":
            negated[(row.note_id, row.sentence_index)].append(f"{row.category}: {item}")
        else:
            matched[(row.note_id, row.sentence_index, row.category)].append(item)
    return matched, negated


def _selection_description(sentence, category: str, rules: list[str]) -> str:
    parts = [f"leersignalen {category}"]
    if rules:
        parts.append("regels: " + "; ".join(rules))
    score = getattr(sentence, f"score_{category}", "")
    if score:
        parts.append(f"classifier-score {score}")
    return ". ".join(parts)


def build_project(run: RunFolder, notes: pd.DataFrame) -> tuple[bytes, dict[str, str], int, int]:
    """The ``project.qde`` bytes, the source texts by GUID, and the counts of selections and negation notes."""
    project = ET.Element("Project", {"xmlns": NAMESPACE, "name": f"leersignalen {run.path.name}",
                                     "origin": f"leersignalen {__version__}",
                                     "creatingUserGUID": stable_guid("user", "leersignalen")})
    _sub(_sub(project, "Users"), "User", guid=stable_guid("user", "leersignalen"), name="leersignalen")
    _codebook(project)
    _variables(project)
    cases = _sub(project, "Cases")
    sources = _sub(project, "Sources")
    project_notes: list[ET.Element] = []
    wanted = set(notes["note_id"])
    sentences_by_note = {key: group for key, group in run.sentences.groupby("note_id", sort=False) if key in wanted}
    matched, negated = _evidence(run.signals[run.signals["note_id"].isin(wanted)])
    texts: dict[str, str] = {}
    by_community: dict[str, list[str]] = defaultdict(list)
    selections = 0
    for note in notes.itertuples(index=False):
        source_guid = stable_guid("source", note.note_id)
        by_community[note.community].append(source_guid)
        sentences = sentences_by_note.get(note.note_id, run.sentences.iloc[0:0])
        text = rebuild_text(sentences)
        texts[source_guid] = text
        source = _sub(sources, "TextSource", guid=source_guid, name=note.note_id,
                      plainTextPath=f"internal://{source_guid}.txt")
        _sub(source, "Description", f"community {note.community}, datum {note.date or 'onbekend'}")
        negated_lines = []
        for sentence in sentences.itertuples(index=False):
            start, end = int(sentence.start_char), int(sentence.end_char)
            for category in filter(None, sentence.labels.split(";")):
                found = matched.get((note.note_id, sentence.sentence_index, category), [])
                selection = _sub(source, "PlainTextSelection",
                                 guid=stable_guid("selection", note.note_id, sentence.sentence_index, category),
                                 name=_short(sentence.text), startPosition=str(start), endPosition=str(end))
                _sub(selection, "Description", _selection_description(sentence, category, found))
                coding = _sub(selection, "Coding",
                              guid=stable_guid("coding", note.note_id, sentence.sentence_index, category))
                _sub(coding, "CodeRef", targetGUID=code_guid(category))
                selections += 1
            negated_lines += [f"zin {sentence.sentence_index}, ontkend {item} in {sentence.text!r}"
                              for item in negated.get((note.note_id, sentence.sentence_index), [])]
        if negated_lines:
            note_guid = stable_guid("note", note.note_id)
            memo = ET.Element("Note", {"guid": note_guid, "name": f"ontkende signalen in {note.note_id}"})
            _sub(memo, "PlainTextContent", "\n".join(negated_lines))
            project_notes.append(memo)
            _sub(source, "NoteRef", targetGUID=note_guid)
        for name, _kind in VARIABLES:
            _variable_value(source, name, getattr(note, name, "") or "")
    for community, guids in by_community.items():
        case = _sub(cases, "Case", guid=stable_guid("case", community), name=community)
        for guid in guids:
            _sub(case, "SourceRef", targetGUID=guid)
    if not len(cases):
        project.remove(cases)
    if not len(sources):
        project.remove(sources)
    if project_notes:
        _sub(project, "Notes").extend(project_notes)
    ET.indent(project, space="  ")
    xml = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(project, encoding="utf-8", xml_declaration=False)
    return xml, texts, selections, len(project_notes)


def write_member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """Add ``name`` to ``archive``, deflated, with a fixed time, so that the same content gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def export_qdpx(run_dir: str | Path, target: str | Path, *, sample: int | None = None,
                community: str | None = None, seed: int = DEFAULT_SEED) -> ExportCounts:
    """Write the run in ``run_dir`` (or a subset: ``community``, then ``sample`` notes) to ``target`` (.qdpx)."""
    run = read_run_folder(run_dir)
    notes = select_notes(run, sample=sample, community=community, seed=seed)
    xml, texts, selections, negated_notes = build_project(run, notes)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            write_member(archive, "project.qde", xml)
            for guid, text in texts.items():
                write_member(archive, f"sources/{guid}.txt", text.encode("utf-8"))
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportCounts(len(texts), selections, negated_notes, target)
