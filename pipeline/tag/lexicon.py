"""Lexicon files: reading, validating and compiling the rule patterns.

A rule file is a UTF-8 TSV with the header ``id category pattern unless note example``, one rule a line.
The pattern language (see README, "Lexicon format"):

- ``woord``: matches a token whose lowercase form or lemma is ``woord``;
- ``begrijp*``, ``*overleg``, ``*schuur*``: prefix, suffix and infix wildcards on form or lemma;
- ``a|b|c``: alternatives for one token;
- ``...``: a gap of 0 to 4 tokens;
- ``op+pakken``: a separable verb; matches ``oppakken``, ``opgepakt``, ``pakt ... op``, ``op te pakken`` and
  ``op pakten`` (written apart, as in "omdat we het samen op pakten");
- ``deel1 & deel2``: every part must occur in the same sentence; the first part is the anchor;
- ``@naam ...`` as a rule's first word: the match must follow a subject that names people (see names.py).

``unless`` holds a pattern in the same language; a match is dropped when it occurs in the same sentence
(a cue word used in another sense, technical trouble, ...).

``sections.tsv`` (optional) holds section prompts in the same columns: see tagger.py.

Longer than 300 lines because the pattern compiler and the readers of the rule and negation files share one
validation that reports every problem as file:line, and splitting them would spread that over two modules.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..categories import LEXICON_DIR, category_ids
from ..errors import Errors, LeersignalenError, LexiconError
from ..output.cells import allow_long_cells

RULE_COLUMNS = ("id", "category", "pattern", "unless", "note", "example")
SCOPE_COLUMNS = ("id", "kind", "pattern", "note", "example")
SCOPE_KINDS = ("cue", "postcue", "pseudo", "boundary", "frame")
GAP_TOKENS = 4
SEPARABLE_GAP_TOKENS = 6
MAX_SEQUENCES = 256  # token sequences one pattern part may compile to (separable verbs multiply them)
LARGE_RULE_SEQUENCES = 64  # `lexicon check` reports rules above this size
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
WORD = re.compile(r"^\*?[^\s|&*+]+\*?$")
SHARED_FILES = ("categories.tsv", "lemma_exceptions.tsv")
SECTIONS_FILE = "sections.tsv"
NAMES_MARKER = "@naam"  # first word of a pattern: the match must follow a subject that names people


class LexiconFolderError(LeersignalenError):
    """A --lexicon folder that lacks a file, or holds a shared file that differs from the project's."""


class PatternSyntaxError(ValueError):
    """A pattern that does not follow the pattern language."""


@dataclass(frozen=True)
class Element:
    """A test on one token: ``kind`` is exact, prefix, suffix, infix or joined (separable verb as one word)."""

    kind: str
    value: str
    verb: str = ""


@dataclass(frozen=True)
class Gap:
    """Zero to ``size`` arbitrary tokens."""

    size: int


Step = Element | Gap | tuple  # a tuple of Elements is an alternative set for one token


@dataclass
class Part:
    """One ``&``-separated part of a pattern: alternative token sequences."""

    sequences: list[list[Step]]


@dataclass
class Rule:
    """One compiled lexicon entry."""

    id: str
    category: str
    pattern: str
    unless: str
    note: str
    example: str
    source: str
    line: int
    parts: list[Part] = field(default_factory=list)
    unless_parts: list[Part] = field(default_factory=list)
    after_names: bool = False  # the pattern starts with @naam


@dataclass
class ScopeEntry:
    """A negation cue, a clause-final denial (postcue), a pseudo-negation, a clause boundary or a frame."""

    id: str
    kind: str
    pattern: str
    note: str
    example: str
    source: str
    line: int
    parts: list[Part] = field(default_factory=list)


def parse_word(word: str) -> list[list[Step]]:
    """Compile one pattern word (possibly with ``|`` alternatives) to alternative step sequences."""
    alternatives = word.split("|")
    if any(not alternative for alternative in alternatives):
        raise PatternSyntaxError(f"empty alternative in {word!r}")
    simple: list[Element] = []
    sequences: list[list[Step]] = []
    for alternative in alternatives:
        if "+" in alternative:
            particle, _, verb = alternative.partition("+")
            if not particle or not verb or "+" in verb or "*" in alternative:
                raise PatternSyntaxError(f"separable verb must be written particle+verb, got {alternative!r}")
            verb_element = Element("exact", verb)
            particle_element = Element("exact", particle)
            sequences.append([Element("joined", particle, verb)])
            sequences.append([verb_element, Gap(SEPARABLE_GAP_TOKENS), particle_element])
            sequences.append([particle_element, Element("exact", "te"), verb_element])
            sequences.append([particle_element, verb_element])  # written apart in a subordinate clause
            continue
        if not WORD.match(alternative) or alternative.strip("*") == "":
            raise PatternSyntaxError(f"invalid word {alternative!r}")
        starts, ends = alternative.startswith("*"), alternative.endswith("*") and len(alternative) > 1
        core = alternative.strip("*")
        kind = "infix" if starts and ends else "suffix" if starts else "prefix" if ends else "exact"
        if kind != "exact" and not any(char.isalnum() for char in core):
            raise PatternSyntaxError(f"wildcard {alternative!r} has no letter or digit: it would match every "
                                     "punctuation mark")
        simple.append(Element(kind, core))
    if simple:
        sequences.append([simple[0] if len(simple) == 1 else tuple(simple)])
    return sequences


def parse_part(text: str) -> Part:
    """Compile one ``&``-part: a sequence of words and gaps."""
    words = text.split()
    if not words:
        raise PatternSyntaxError("empty pattern part")
    if words[0] == "..." or words[-1] == "...":
        raise PatternSyntaxError("a gap '...' cannot start or end a pattern")
    sequences: list[list[Step]] = [[]]
    for word in words:
        if word == "...":
            sequences = [sequence + [Gap(GAP_TOKENS)] for sequence in sequences]
            continue
        if "..." in word:
            raise PatternSyntaxError(f"write a gap as a separate '...', got {word!r}")
        if NAMES_MARKER in word.lower():
            raise PatternSyntaxError(f"{NAMES_MARKER!r} can only be the first word of a rule's pattern, alone")
        options = parse_word(word.lower())
        if len(sequences) * len(options) > MAX_SEQUENCES:
            raise PatternSyntaxError(
                f"the pattern expands to more than {MAX_SEQUENCES} token sequences at {word!r} (each separable "
                "verb a+b counts 3, and the alternatives of every word multiply); split it into several rules")
        sequences = [sequence + option for sequence in sequences for option in options]
    return Part(sequences)


def parse_pattern(text: str) -> list[Part]:
    """Compile a whole pattern; raises PatternSyntaxError with the reason."""
    if not text.strip():
        raise PatternSyntaxError("empty pattern")
    if "\u2026" in text:
        raise PatternSyntaxError("write a gap as three dots '...', not the ellipsis character")
    return [parse_part(part) for part in text.split("&")]


def split_names_marker(text: str) -> tuple[bool, str]:
    """Whether a rule's pattern starts with ``@naam``, and the pattern without it."""
    first, _, rest = text.strip().partition(" ")
    if first.lower() == NAMES_MARKER:
        return True, rest.strip()
    return False, text


def _compile(text: str, column: str, where: str, problems: list[str]) -> list[Part]:
    """Compile a pattern; on a syntax error record ``where: column 'text': reason`` and return no parts."""
    try:
        return parse_pattern(text)
    except PatternSyntaxError as error:
        problems.append(f"{where}: {column} {text!r}: {error}")
        return []


def _read_tsv(path: Path, columns: tuple[str, ...], problems: list[str]) -> Iterable[tuple[int, dict[str, str]]]:
    allow_long_cells()
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:  # a BOM (Excel, Notepad) is dropped
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except csv.Error as error:
        problems.append(f"{path}: cannot be read as tab-separated text ({error})")
        return
    except UnicodeDecodeError:
        problems.append(f"{path}:1: not UTF-8; save the file as UTF-8 text")
        return
    except OSError as error:
        problems.append(f"{path}:1: cannot be read ({error.strerror or error})")
        return
    if not rows or tuple(cell.strip() for cell in rows[0]) != columns:
        problems.append(f"{path}:1: header must be the tab-separated columns {' '.join(columns)}")
        return
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row) or row[0].startswith("#"):
            continue
        if len(row) != len(columns):
            problems.append(f"{path}:{line}: expected {len(columns)} tab-separated fields, got {len(row)}")
            continue
        yield line, {column: cell.strip() for column, cell in zip(columns, row, strict=True)}


def _normalised_bytes(path: Path) -> bytes:
    return path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")


def check_lexicon_folder(directory: Path, *, needs_negation: bool = True) -> None:
    """Refuse a --lexicon folder without negation.tsv, or whose categories.tsv or lemma_exceptions.tsv differ.

    The rules and negation entries of a --lexicon folder replace the project's; the categories and lemma
    exceptions are shared by every part of the project (codebook order, classifier, lemmatizer), so a copy in
    the folder is accepted only when it is the same as the project's file (BOM and CRLF line ends aside).
    """
    negation = directory / "negation.tsv"
    if needs_negation and not negation.is_file():
        raise LexiconFolderError(Errors.E092.format(path=negation))
    for name in SHARED_FILES:
        copy, project = directory / name, LEXICON_DIR / name
        differs = copy.is_file() and project.is_file() and copy.resolve() != project.resolve()
        if differs and _normalised_bytes(copy) != _normalised_bytes(project):
            raise LexiconFolderError(Errors.E093.format(path=copy, name=name))


def rule_files(directory: Path | str | None = None) -> list[Path]:
    """The rule files of a lexicon folder, sorted by name."""
    directory = Path(directory) if directory else LEXICON_DIR / "rules"
    return sorted(directory.glob("*.tsv"))


def load_rules(paths: Iterable[Path | str] | None = None) -> list[Rule]:
    """Read and statically validate rule files; raise LexiconError listing every problem as file:line: problem."""
    paths = [Path(path) for path in (paths if paths is not None else rule_files())]
    known = set(category_ids())
    problems: list[str] = []
    rules: list[Rule] = []
    first_seen: dict[str, str] = {}
    patterns_seen: dict[tuple[str, str, str], str] = {}
    if not paths:
        raise LexiconError(["lexicon: no rule files found; expected lexicons/rules/*.tsv"])
    for path in paths:
        for line, row in _read_tsv(path, RULE_COLUMNS, problems):
            where = f"{path}:{line}"
            rule = Rule(**row, source=str(path), line=line)
            if not RULE_ID.match(rule.id):
                problems.append(f"{where}: id {rule.id!r} must be lowercase letters, digits, '_', '.' or '-'")
            elif rule.id in first_seen:
                problems.append(f"{where}: duplicate id {rule.id!r} (first at {first_seen[rule.id]})")
            else:
                first_seen[rule.id] = where
            if rule.category not in known:
                problems.append(f"{where}: unknown category {rule.category!r}; use one of {', '.join(sorted(known))}")
            key = (rule.category, " ".join(rule.pattern.lower().split()), rule.unless.lower())
            if key in patterns_seen:
                problems.append(f"{where}: duplicate pattern {rule.pattern!r} (first at {patterns_seen[key]})")
            else:
                patterns_seen[key] = where
            if not rule.example:
                problems.append(f"{where}: rule {rule.id!r} has no example sentence")
            rule.after_names, pattern = split_names_marker(rule.pattern)
            if rule.after_names and not pattern:
                problems.append(f"{where}: pattern {rule.pattern!r}: {NAMES_MARKER} must be followed by a pattern")
            else:
                rule.parts = _compile(pattern, "pattern", where, problems)
            if rule.unless:
                rule.unless_parts = _compile(rule.unless, "unless", where, problems)
            rules.append(rule)
    if problems:
        raise LexiconError(problems)
    return rules


def load_scope(path: Path | str | None = None) -> list[ScopeEntry]:
    """Read the negation cues, pseudo-negations and clause boundaries."""
    path = Path(path) if path else LEXICON_DIR / "negation.tsv"
    problems: list[str] = []
    entries: list[ScopeEntry] = []
    for line, row in _read_tsv(path, SCOPE_COLUMNS, problems):
        entry = ScopeEntry(**row, source=str(path), line=line)
        if entry.kind not in SCOPE_KINDS:
            problems.append(f"{path}:{line}: unknown kind {entry.kind!r}; use one of {', '.join(SCOPE_KINDS)}")
        entry.parts = _compile(entry.pattern, "pattern", f"{path}:{line}", problems)
        entries.append(entry)
    if problems:
        raise LexiconError(problems)
    return entries


def rule_size(rule: Rule) -> int:
    """The number of token sequences a rule compiles to (its pattern and unless parts together)."""
    return sum(len(part.sequences) for part in rule.parts + rule.unless_parts)


def lexicon_hash(paths: Iterable[Path | str]) -> str:
    """SHA-256 over the names and bytes of the given lexicon files, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
