"""Merge the output folders of partial runs (``leersignalen merge PART... --out DIR``) into one output folder.

Each part is a folder written by ``leersignalen run`` over one partition of the notes (another machine, another
month of exports). The merged sentences.csv, signals.csv, notes.csv and rejects.csv are the parts' rows in the
order the parts are given, under one header: the bytes a single run over all partitions in that order writes,
as long as note ids are unique across the partitions (a duplicate is an error naming it, since a single run would
have renamed it). manifest.json lists every part with its manifest and the SHA-256 of each of its files, and the
summed counts. Parts must have been coded alike: with the same lexicon, spaCy pipeline and classifier (E125);
other leersignalen versions only give a warning. Trends, trend tests and flags are then computed over the union
by the analysis stage. Each part must be one complete run (:func:`pipeline.output.folder.check_run`); the merged
folder is written aside and moved into place when complete, like a run (:mod:`pipeline.output.staging`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..errors import Errors, InputFileError
from ..output.cells import folder_dialect
from ..output.folder import MANIFEST, NOTES, TAGGED_TABLES, check_run, complete_manifest, file_sha256, iter_rows
from ..output.folder import read_manifest as read_part_manifest
from ..output.staging import check_out, staged_output

MERGED_FILES = TAGGED_TABLES
EXAMPLES = 5


class MergeError(InputFileError):
    """Output folders that cannot be merged."""


@dataclass
class MergeSummary:
    """What :func:`merge_outputs` did."""

    parts: int
    notes: int
    counts: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _check_part(part: Path) -> dict:
    missing = [name for name in (*MERGED_FILES, MANIFEST) if not (part / name).is_file()]
    if missing:
        raise MergeError(Errors.E056.format(path=part, missing=", ".join(missing)))
    return read_part_manifest(part)


def _first_line(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.readline()


def _note_ids(path: Path) -> list[str]:
    rows = iter_rows(path)
    next(rows, None)
    return [row[0] for row in rows]


def check_parts(parts: list[Path]) -> list[dict]:
    """Validate the parts (files present, same columns, unique note ids, each one complete run); return manifests."""
    manifests = [_check_part(part) for part in parts]
    seen: dict[Path, Path] = {}
    for part in parts:
        if (first := seen.setdefault(part.resolve(), part)) is not part:
            raise MergeError(Errors.E108.format(path=part, first=first))
    dialects = [folder_dialect(part) for part in parts]
    for part, dialect in zip(parts[1:], dialects[1:], strict=True):
        if dialect != dialects[0]:
            raise MergeError(Errors.E109.format(path=part, dialect=dialect, first=parts[0], first_dialect=dialects[0]))
    for name in MERGED_FILES:
        header = _first_line(parts[0] / name)
        for part in parts[1:]:
            if _first_line(part / name) != header:
                raise MergeError(Errors.E057.format(path=part, file=name, first=parts[0]))
    owner: dict[str, Path] = {}
    for part in parts:
        clashes: dict[Path, list[str]] = {}
        for note_id in _note_ids(part / NOTES):
            if note_id in owner:
                clashes.setdefault(owner[note_id], []).append(note_id)
            else:
                owner[note_id] = part
        for other, ids in clashes.items():
            examples = ", ".join(ids[:EXAMPLES]) + (", ..." if len(ids) > EXAMPLES else "")
            raise MergeError(Errors.E058.format(path=part, count=len(ids), other=other, examples=examples))
    for part in parts:
        check_run(part)
    for what, option, identity in CODING:
        found = [identity(manifest) for manifest in manifests]
        for part, value in zip(parts[1:], found[1:], strict=True):
            if value != found[0]:
                raise MergeError(Errors.E125.format(path=part, what=what, first=parts[0], found=value,
                                                    first_found=found[0], option=option))  # fmt: skip
    states = [_privacy(manifest).get("pseudonymised") is True for manifest in manifests]
    for part, state in zip(parts[1:], states[1:], strict=True):
        if state != states[0]:
            raise MergeError(Errors.E121.format(path=part, state=_STATE[state], first=parts[0],
                                                first_state=_STATE[states[0]]))  # fmt: skip
    return manifests


_STATE = {True: "pseudonymised", False: "not pseudonymised"}


def _lexicon(manifest: dict) -> str:
    return f"SHA-256 {str((manifest.get('lexicon') or {}).get('sha256', '?'))[:12]}"


def _pipeline(manifest: dict) -> str:
    model = manifest.get("model") or {}
    return f"{model.get('name', '?')} {model.get('version', '')}".strip()


def _classifier(manifest: dict) -> str:
    classifier = {key: value for key, value in (manifest.get("classifier") or {}).items() if key != "path"}
    if not classifier:
        return "none"
    trained_on = str(classifier.get("training_data_sha256"))[:12]
    return f"training data SHA-256 {trained_on}, rule {classifier.get('label_rule')}"


CODING = (("lexicon", "--lexicon", _lexicon), ("spaCy pipeline", "--model", _pipeline),
          ("classifier", "--classifier", _classifier))  # what decides a sentence's labels


def _privacy(manifest: dict) -> dict:
    return manifest.get("privacy") or {"pseudonymised": False}


def concatenate(sources: list[Path], target: Path) -> None:
    """Write the first source whole, then every other source without its header line."""
    with open(target, "wb") as out:
        for number, source in enumerate(sources):
            with open(source, "rb") as handle:
                if number:
                    handle.readline()
                while block := handle.read(1 << 20):
                    out.write(block)


def merge_outputs(parts: list[Path], out: Path, *, finish: Callable[[Path], object] | None = None) -> MergeSummary:
    """Merge the output folders ``parts`` (in this order) into ``out``; return a summary.

    Raises :class:`MergeError` (E056-E058) for a folder that is not a run's output, columns that differ, or note
    ids that occur in more than one part; E088/E089 for a part that is not one complete run; E084-E087 for an
    ``out`` that may not be written (e.g. one of the parts). ``finish(folder)`` runs on the merged folder before
    it is moved into place (e.g. the trends).
    """
    check_out(out, parts)
    manifests = check_parts(parts)
    with staged_output(out, parts) as folder:
        summary = _merge_into(folder, parts, manifests)
        if finish is not None:
            finish(folder)
    return summary


def _merge_into(out: Path, parts: list[Path], manifests: list[dict]) -> MergeSummary:
    for name in MERGED_FILES:
        concatenate([part / name for part in parts], out / name)
    counts: dict[str, int] = {}
    for manifest in manifests:
        for key, value in manifest.get("counts", {}).items():
            counts[key] = counts.get(key, 0) + value
    warnings = []
    versions = sorted({str((m.get("package") or {}).get("version", "?")) for m in manifests})
    if len(versions) > 1:
        warnings.append(f"the parts were tagged by different versions of leersignalen ({', '.join(versions)}); "
                        "its rules may code some sentences differently, see CHANGELOG.md")
    privacy = [_privacy(manifest) for manifest in manifests]
    if len({json.dumps(entry, sort_keys=True) for entry in privacy}) > 1:
        warnings.append("the parts were pseudonymised with different settings (--pseudonymise-also, --key, deduce); "
                        "one person may have different pseudonyms in different parts")
    elif privacy[0].get("pseudonymised") and not privacy[0].get("key_file") and len(parts) > 1:
        warnings.append("the parts were pseudonymised without a --key: one person has a different pseudonym in "
                        "each part")
    first = manifests[0]
    merged = {
        "package": {"name": "leersignalen", "version": __version__},
        "merged": True,
        "spacy": first.get("spacy"),
        "model": first.get("model"),
        "lexicon": first.get("lexicon"),
        "parts": [
            {"path": str(part), "sha256": {name: file_sha256(part / name) for name in (*MERGED_FILES, MANIFEST)},
             "manifest": manifest}
            for part, manifest in zip(parts, manifests, strict=True)
        ],  # fmt: skip
        "inputs": [item for manifest in manifests for item in manifest.get("inputs", [])],
        "options": first.get("options"),
        "privacy": privacy[0],
        "counts": counts,
        "warnings": warnings,
    }
    complete_manifest(out, merged)
    return MergeSummary(len(parts), counts.get("notes_out", 0), counts, warnings)
