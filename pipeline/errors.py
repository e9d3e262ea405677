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
    E004 = (
        "E004 {path}: unsupported file type '{suffix}'; use .csv, .tsv, .jsonl, .json, .txt, .md, "
        ".xlsx, .xls, .ods, .docx, .odt, .pdf, .html or a folder"
    )
    E005 = "E005 {path}: cannot be read ({reason})"
    E006 = "E006 --column {value!r}: expected FIELD=COLUMN with FIELD one of {fields}"
    E007 = "E007 {path}: the file is empty; export at least a header and one note"
    E008 = (
        "E008 {path}: no note files (.txt, .md, .docx, .xlsx, ...) found in the folder; point to a folder of "
        "notes or a file"
    )
    E010 = "E010 model {name!r} is not installed; use --model blank, or install it (see README, 'Optional model')"
    E011 = "E011 model {name!r} has language {lang!r}; leersignalen needs a Dutch ('nl') pipeline"
    E020 = "{path}:{line}: {problem}"

    # read/ (office, PDF and HTML readers)
    E050 = "E050 {path}: reading {kind} files needs the Python package {package}; pip install 'leersignalen[formats]'"
    E051 = "E051 {path}: cannot be read as {kind} ({reason}); open it in {program} and save it again, or export CSV"
    E052 = "E052 {path}: the PDF has no text layer (a scan?); it needs OCR first (e.g. ocrmypdf), then run again"
    E053 = "E053 {path}: no sheet named {sheet!r} (sheets: {sheets}); check the spelling given with --sheet"
    E054 = "E054 {path}: the file is password-protected; save a copy without a password and read that"
    E055 = "E055 --split-on {value!r}: expected 'heading' or 'date'"
