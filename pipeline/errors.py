"""Error codes and exception types for problems a user can fix.

Every message has a code (``E0xx``) and names the offending file, line or value, so that a
researcher can search for it in the README and fix the input.
"""

from __future__ import annotations


class LeersignalenError(Exception):
    """A problem with the user's input or data files; the CLI prints it on one line and exits with 2."""

    exit_code = 2


class InputFileError(LeersignalenError):
    """An input file that cannot be used at all."""


class LexiconError(LeersignalenError, ValueError):
    """One or more problems in a lexicon file, each reported as ``file:line: problem``."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class ModelError(LeersignalenError):
    """A spaCy pipeline that cannot be loaded."""


class Errors:
    """Message templates; format them with ``.format(...)``."""

    E001 = "E001 {path}: no text column found (columns: {columns}); name it 'text' or map it with --column text=NAME"
    E002 = "E002 {path}: looks like a binary file, not text; export the notes as CSV, TSV, JSONL, .txt or .md"
    E003 = "E003 {path}: cannot be decoded as {encoding}; pass the right one with --encoding (e.g. cp1252)"
    E004 = "E004 {path}: unsupported file type '{suffix}'; use .csv, .tsv, .jsonl, .json, .txt, .md or a folder"
    E005 = "E005 {path}: cannot be read ({reason})"
    E006 = "E006 --column {value!r}: expected FIELD=COLUMN with FIELD one of {fields}"
    E007 = "E007 {path}: the file is empty; export at least a header and one note"
    E008 = "E008 {path}: no .txt or .md files found in the folder; point to a folder of notes or a file"
    E010 = "E010 model {name!r} is not installed; use --model blank, or install it (see README, 'Optional model')"
    E011 = "E011 model {name!r} has language {lang!r}; leersignalen needs a Dutch ('nl') pipeline"
    E020 = "{path}:{line}: {problem}"

    # room exchange (pipeline/exchange/): QDA projects and spreadsheets, E060-E069
    E060 = ("E060 {path}: {problem}; export the project again as REFI-QDA (.qdpx) from ATLAS.ti, NVivo, MAXQDA "
            "or QualCoder")
    E061 = "E061 {path}: refused zip member {member!r} ({reason}); the file is not a safe .qdpx, ask for a fresh export"
    E062 = "E062 {path}: {what} would unpack to {size:,} bytes, over the limit of {limit:,}; not a normal .qdpx"
    E063 = ("E063 {path}: none of its {sources} text source(s) has its text in this file (a .qde alone holds only "
            "the coding; its {count} code(s): {codes}); export the project as .qdpx, which includes the texts")
    E064 = ("E064 {path}: {count} code name(s) not mapped to a category: {codes}; add them to a mapping CSV "
            "(columns code,category; category 'neutral' to ignore a code) and pass it with --mapping")
    E065 = "E065 {path}: not a leersignalen run folder ({problem}); run `leersignalen run NOTES --out {path}` first"
    E066 = "E066 {option}: {problem}"
    E067 = "E067 {path}: XML refused ({problem}); DTDs, entities and external references are not allowed in a .qde"
