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

    # privacy (pipeline/privacy/, pipeline/cli_privacy.py)
    E070 = "E070 {key}: the key file is inside the output folder {out}; keep it elsewhere (e.g. ~/sleutels/key.json)"
    E071 = "E071 {key}: not a leersignalen key file ({reason}); pass the key file an earlier run wrote, or a new path"
    E072 = "E072 {out}: the output folder is the folder of input {path}; choose another --out, the input stays as it is"
    E073 = "E073 --also {value!r}: unknown; choose from {choices}"
    E074 = "E074 deduce is not installed; install it with: pip install 'leersignalen[privacy]'"
    E075 = "E075 {key}: cannot write the key file ({reason}); choose a folder you can write to"
    E076 = "E076 {key}: the key file can be read by others (mode {mode}); restrict it with: chmod 600 {key}"
