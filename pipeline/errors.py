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

    # analyse/ and report/ (trends, model, flags, evidence, report): E040-E045 and E080-E089
    E040 = "E040 {path}: not found; run 'leersignalen run' first or point to its output folder"
    E041 = "E041 {path}: missing column(s) {columns}; regenerate it with 'leersignalen run' using the same lexicon"
    E042 = ("E042 {path}:{row}: date {value!r} is not YYYY-MM-DD; fix it or leave the cell empty to leave the note "
            "out of trends")
    E043 = "E043 {path}:{row}: {column} {value!r} is not a count; regenerate notes.csv with 'leersignalen run'"
    E045 = "E045 {path}: not found; run 'leersignalen trends {out}' first"
    E080 = "E080 {path}: not found; the report only renders, so run 'leersignalen trends {out}' first"
    E081 = "E081 --date-range {value!r}: expected FROM:TO as YYYY-MM-DD:YYYY-MM-DD with FROM before TO"
    E082 = "E082 {path}: missing column(s) {columns}; regenerate it with 'leersignalen run'"
    E083 = "E083 --lang {value!r}: unknown language; use one of {choices}"
