"""Every message a user can get, with its code, in one class; the exception types that carry them.

In the spirit of spaCy's ``errors.py``: a template is written once, as an attribute ``E0xx`` of :class:`Errors`,
and reading the attribute prefixes the code (``Errors.E001.format(...)`` gives ``"E001 ..."``). Each message names
the file, line or value at fault and says how to fix it. The command line turns every :class:`LeersignalenError`
into one line ``Error: E0xx ...`` and exit code 2 (see :mod:`leersignalen.cli.errors`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CODE = re.compile(r"E\d{3}")


class _PrefixCode(type):
    def __getattribute__(cls, name: str):
        value = super().__getattribute__(name)
        if CODE.fullmatch(name):
            return f"{name} {value}"
        return value


class Errors(metaclass=_PrefixCode):
    """Message templates by code; format them with ``.format(...)``."""

    # reading inputs
    E001 = "{path}: no text column found (columns: {columns}); name it 'text' or map it with --column text=NAME"
    E002 = "{path}: looks like a binary file, not text; export the notes as CSV, TSV, JSONL, .txt or .md"
    E003 = "{path}: cannot be decoded as {encoding}; pass the right one with --encoding (e.g. cp1252)"
    E004 = "{path}: unsupported file type '{suffix}'; use one of {suffixes} or a folder"
    E005 = "{path}: cannot be read ({reason}); check the path and its permissions"
    E006 = "--column {value!r}: expected FIELD=COLUMN with FIELD one of {fields}"
    E007 = "{path}: the file is empty; export at least a header and one note"
    E008 = "{path}: no readable notes files found in the folder; point to a folder of notes or a file"
    E009 = ("{path}: column {column!r} given with --column {field}= is not in the header (columns: {columns}); "
            "check the spelling")
    E012 = "{path}: not a leersignalen output folder (no notes.csv/manifest.json); run `leersignalen run NOTES --out {path}`"
    E013 = "{path}: cannot be read (malformed JSON at line {line}: {problem}); fix it or export JSONL"
    # the spaCy pipeline
    E010 = "model {name!r} is not installed; use --model blank, or install it (see docs/inputs.md, 'Optional model')"
    # learning: classifier models and training
    E014 = "{count} coded sentences are too few for {folds}-fold cross-validation; code more sentences or lower --folds"
    E015 = "{where}: no text; training needs the sentence text in a 'text' column"
    E016 = "--coders-only needs --gold2 (a second coder's file); add it or leave out --coders-only"
    E017 = "--classifier labels the gold texts now; leave out --pred to use it"
    E018 = "{count} problem(s) in the lexicon (listed above); fix them and run `leersignalen lexicon check` again"
    # lexicon files (categories, rules, negation, lemma exceptions)
    E020 = "{problem}{more}"
    E021 = "{path}: no classifier model here; train one with `leersignalen train` or use --classifier default"
    E022 = "{path}: corrupt model file ({problem}); retrain the model with `leersignalen train`"
    E023 = "{path}: not a leersignalen classifier (format {found!r}); point to a folder written by `leersignalen train`"
    E024 = "{path}: model format version {found!r}, this leersignalen reads version {expected}; retrain with `leersignalen train`"
    E025 = ("{path}: trained with leersignalen {found}, this is {expected}; retrain with `leersignalen train` "
            "(models are tied to major.minor versions)")
    E026 = "{path}: model categories {found} differ from the codebook ({expected}); retrain with `leersignalen train`"
    E027 = "{path}: missing; copy the whole model folder or retrain"
    E028 = "{path}: does not match the checksum in {model_file} (corrupt or edited); copy the model folder again or retrain"
    E029 = "{path}: corrupt model ({problem}); retrain with `leersignalen train`"
    # human coding: gold, mapping and prediction files
    E030 = ("{where}: {found} fields but the header has {expected} ({name}-separated); put cells that contain the "
            "delimiter in double quotes, or separate codes with the other of ';' and ','")
    E031 = "{path}:1: a mapping file needs the columns code,category (found: {found})"
    E032 = "{where}: empty code; fill in the team's code name or delete the line"
    E033 = "{where}: {category!r} is not a codebook id; use one of {known} (or 'neutral')"
    E034 = "{where}: code {code!r} is mapped twice ({first!r} and {second!r}); keep one"
    E035 = "{where}: unknown code {code!r}; known ids: {known}; {hint} to map it to one of them"
    E036 = "{where}: {column} must be a whole number, found {value!r}"
    E037 = "{path}:1: no labels column; name the column with the codes one of {columns}"
    E038 = "{path}:1: no sentence key; add a text column, or note_id with sentence_index or start_char/end_char"
    E039 = "{path}:1: --split {split} needs a 'split' column; leave --split out to use all rows"
    E046 = "{where}: no sentence text; {fix}"
    E047 = "{names}: no coded sentences{scope}; check the file"
    E048 = "{where}: no sentence in {folder}/sentences.csv matches {wanted}; check that --pred is the output of the same notes"
    E049 = "{first} and {second}: no sentence in common; both files need the same key (id, text, or note_id with sentence_index)"
    E041 = "{path}: missing column(s) {columns}; {fix}"
    # office, PDF and HTML readers
    E050 = "{path}: reading {kind} files needs the Python package {package}; pip install 'leersignalen[formats]'"
    E051 = "{path}: cannot be read as {kind} ({reason}); open it in {program} and save it again, or export CSV"
    E052 = "{path}: the PDF has no text layer (a scan?); it needs OCR first (e.g. ocrmypdf), then run again"
    E053 = "{path}: no sheet named {sheet!r} (sheets: {sheets}); check the spelling given with --sheet"
    E054 = "{path}: the file is password-protected; save a copy without a password and read that"
    E055 = "--split-on {value!r}: expected 'heading' or 'date'"
    # robustness: hostile inputs, lexicon folders, model files, degenerate gold
    E090 = "{path}: the JSON object holds no list of note objects; export the notes as a JSON list [{{...}}, ...] or as JSONL"
    E091 = "{path}: the JSON object holds several lists of objects ({keys}); export only the notes, as a JSON list or JSONL"
    E092 = "{path}: missing in the --lexicon folder; copy it from the project's lexicons/ folder (a lexicon folder needs rules/*.tsv and negation.tsv)"
    E093 = ("{path}: differs from the project's {name}; the categories and lemma exceptions are shared by the whole "
            "project, so edit lexicons/{name} itself or remove this copy from the --lexicon folder")
    E094 = "{path}: field {field} is {found}; expected {expected}. The model file was edited or damaged: retrain with `leersignalen train`"
    E095 = "{path}: corrupt model file ({problem}); retrain the model with `leersignalen train`"
    E096 = "{path}: the term {term!r} occurs twice in block {block!r}; the vocabulary was edited or damaged: retrain with `leersignalen train`"
    E097 = "{where}: no category has both coded and uncoded sentences ({detail}); a classifier cannot learn from this: code sentences with and without each category"
    E098 = "{where}: the sentences have no usable features (no word occurs in {min_df} or more sentences); code more (and longer) sentences or lower --min-df"
    E099 = "{path}: the same sentence is coded more than once ({keys}); keep one row per sentence in each coder's file"

    # room exchange (pipeline/exchange/): QDA projects and spreadsheets, E060-E069
    E060 = ("{path}: {problem}; export the project again as REFI-QDA (.qdpx) from ATLAS.ti, NVivo, MAXQDA "
            "or QualCoder")
    E061 = "{path}: refused zip member {member!r} ({reason}); the file is not a safe .qdpx, ask for a fresh export"
    E062 = "{path}: {what} would unpack to {size:,} bytes, over the limit of {limit:,}; not a normal .qdpx"
    E063 = ("{path}: none of its {sources} text source(s) has its text in this file (a .qde alone holds only "
            "the coding; its {count} code(s): {codes}); export the project as .qdpx, which includes the texts")
    E064 = ("{path}: {count} code name(s) not mapped to a category: {codes}; add them to a mapping CSV "
            "(columns code,category; category 'neutral' to ignore a code) and pass it with --mapping")
    E065 = "{path}: not a leersignalen run folder ({problem}); run `leersignalen run NOTES --out {path}` first"
    E066 = "{option}: {problem}"
    E067 = "{path}: XML refused ({problem}); DTDs, entities and external references are not allowed in a .qde"

    # analyse/ and report/ (trends, model, flags, evidence, report): E040-E045 and E080-E089
    E040 = "{path}: not found or not a file; run 'leersignalen run' first or point to its output folder"
    E042 = ("{path}:{row}: date {value!r} is not YYYY-MM-DD; fix it or leave the cell empty to leave the note "
            "out of trends")
    E043 = "{path}:{row}: {column} {value!r} is not a count; regenerate notes.csv with 'leersignalen run'"
    E045 = "{path}: not found; run 'leersignalen trends {out}' first"
    E080 = "{path}: not found; the report only renders, so run 'leersignalen trends {out}' first"
    E081 = "--date-range {value!r}: expected FROM:TO as YYYY-MM-DD:YYYY-MM-DD with FROM before TO"
    E082 = "{path}: missing column(s) {columns}; regenerate it with 'leersignalen run'"
    E083 = "--lang {value!r}: unknown language; use one of {choices}"
    # run at scale: merging partial runs, Dask
    E056 = "{path}: not an output folder of `leersignalen run` ({missing} missing); give the folders that run wrote with --out"
    E057 = "{path}: the columns of {file} differ from those of {first}; merge only runs made with the same options (e.g. all with or all without --classifier)"
    E058 = "{path}: {count} note id(s) also in {other}, e.g. {examples}; give every partition its own ids (or a prefix per partition) and run again"
    E059 = "Dask is not installed; pip install 'leersignalen[dask]' (or leave out --dask-scheduler/--dask-local)"

    # privacy (pipeline/privacy/, pipeline/cli_privacy.py)
    E070 = "{key}: the key file is inside the output folder {out}; keep it elsewhere (e.g. ~/sleutels/key.json)"
    E071 = "{key}: not a leersignalen key file ({reason}); pass the key file an earlier run wrote, or a new path"
    E072 = "{out}: the output folder is the folder of input {path}; choose another --out, the input stays as it is"
    E073 = "--also {value!r}: unknown; choose from {choices}"
    E074 = "deduce is not installed; install it with: pip install 'leersignalen[privacy]'"
    E075 = "{key}: cannot write the key file ({reason}); choose a folder you can write to"
    E076 = "{key}: the key file can be read by others (mode {mode}); restrict it with: chmod 600 {key}"

    # output folder (pipeline/output/folder.py, staging.py): E084-E089
    E084 = ("{out}: not a leersignalen output folder and not empty (it holds {examples}); choose a new or empty "
            "--out, nothing in {out} was changed")
    E085 = "{out}: the output folder {relation} input {path}; choose an --out outside the inputs, the inputs stay as they are"
    E086 = "{out}: cannot write the output folder ({reason}); choose a folder you can write to"
    E087 = ("{out}: another leersignalen run (process {pid} on {host}) is writing this folder; wait until it ends "
            "or choose another --out")
    E088 = "{path}: {problem}; the run is incomplete, rerun {command}"
    E089 = "{path}: {problem}; its files come from different runs, rerun {command}"
    E100 = ("{address}: cannot reach the Dask scheduler ({reason}); start it (dask scheduler) or check the address "
            "given to --dask-scheduler")
    E101 = "{where}: cannot be read as CSV ({problem}); save the coding file again as CSV or TSV (UTF-8)"
    E102 = "{out}: {option} would overwrite the input {path}; choose another {option}, the input stays as it is"
    E103 = ("{path}: the {field} field is given {count} times ({names}); keep one column or key for it, or rename "
            "the others, so that no text is dropped")
    E104 = ("{path}: the {kind} file would unpack to {size:,} bytes, over the limit of {limit:,} for reading it in "
            "memory (a normal file of notes unpacks to far less); export the notes as CSV, or split the file")
    E105 = ("--date-range {value!r}: the trends place dates from {first} to {last} only (the range of pandas' "
            "timestamps); choose a window inside it")
    E106 = "--column {field}= is given twice ({first!r} and {second!r}); give one column for each field"
    E107 = "{path}: not UTF-8 text (at byte {byte}); save the coding file as 'CSV UTF-8' (Excel) or UTF-8 text"
    E108 = "{path}: this part is given twice (also as {first}); give every part once"
    E109 = ("{path}: written with --csv-dialect {dialect}, {first} with {first_dialect}; merge only parts written in "
            "one dialect (rerun the odd ones with the same --csv-dialect)")
    E110 = "{path}: given as --gold and as --gold2; the second coder's file must be another coder's file"
    E111 = ("{out}: not a model folder written by `leersignalen train` and not empty (it holds {examples}); choose a "
            "new or empty --out, the folder stays as it is")
    E112 = "{path}:{row}: {column} {value!r} is not a character offset; regenerate it with `leersignalen run`"
    E113 = ("{path}: the {field} could be any of the columns {names}; say which with --column {field}=NAME (the "
            "others are not tagged), or join them into one column")
    E114 = ("{target}: the copy of {path} would be written over an input file; choose an --out outside the inputs' "
            "folders, the input stays as it is")
    E115 = ("{target}: {first} and {path} would both be copied to this file; pseudonymise them into separate --out "
            "folders")
    E116 = ("{key}: the key file would be read as notes (it is in input {path}); keep the key outside the notes and "
            "outside --out, e.g. ~/sleutels/key.json")
    E117 = "{problem} (see `{command} --help`)"
    E118 = ("{path}:{line}: byte {position} of the line ({byte}) cannot be decoded as {encoding}, given with "
            "--encoding; pass the right one (e.g. cp1252), or leave --encoding out to have such lines read as cp1252 "
            "and marked")
    E119 = ("{path}:{row}: label {label!r} is not a category of the codebook ({known}); regenerate the table with "
            "`leersignalen run`")
    E120 = "{path}:{line}: {problem}; --ud needs a folder of UTF-8 CoNLL-U files, such as the UD Dutch treebanks"
    E121 = ("{path}: its notes are {state}, those of {first} are {first_state}; a merge would put names in the clear "
            "next to pseudonyms; run every part the same way (`run --pseudonymise` with one --key)")
    E122 = "{path}: cannot write the report there ({reason}); {fix}, then run `leersignalen report {out}` again"
    E123 = ("{where}: the sentence text has {length:,} characters, more than the {limit:,} a sentence can have; "
            "this is a whole document, not a sentence: split it into sentences (`leersignalen run` does) and code those")
    E124 = "{path}: cannot write this file ({reason}); {fix}, then run the command again"
    E125 = ("{path}: tagged with another {what} than {first} ({found} against {first_found}); the two codings are not "
            "comparable in one trend: tag the notes of every part with the same {what} ({option} of `leersignalen "
            "run`), then merge")
    E126 = ("{out}: {option} would write into the {what} folder {folder}, an input of this command; choose another "
            "{option}, the folder stays as it is")


class LeersignalenError(Exception):
    """A problem with the user's input or data files; the CLI prints it on one line and exits with 2."""

    exit_code = 2


class InputFileError(LeersignalenError):
    """An input file that cannot be used at all."""


class OutputFileError(LeersignalenError):
    """A file that a command writes cannot be written: a folder stands there, no permission, a full disk."""

    @classmethod
    def of(cls, path: str | os.PathLike, error: OSError) -> OutputFileError:
        """The one-line E124 for ``error`` raised while writing ``path``."""
        blocking = next((parent for parent in Path(path).parents if parent.exists() and not parent.is_dir()), None)
        if blocking is not None:
            reason, fix = f"{blocking} is a file, not a folder", "move or rename that file"
        elif isinstance(error, IsADirectoryError) or Path(path).is_dir():
            reason, fix = "a folder stands there", "move or rename that folder"
        elif isinstance(error, PermissionError):
            reason, fix = "permission denied", "make the folder writable or write elsewhere"
        else:
            reason, fix = error.strerror or str(error), "check the disk and the path, or write elsewhere"
        return cls(Errors.E124.format(path=path, reason=reason, fix=fix))


class LexiconError(LeersignalenError, ValueError):
    """One or more problems in a lexicon file, each ``file:line: problem``; the message is one line (E020)."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        more = f" (and {len(self.problems) - 1} more; `leersignalen lexicon check` lists them)" if len(
            self.problems) > 1 else ""
        super().__init__(Errors.E020.format(problem=self.problems[0] if self.problems else "lexicon", more=more))


class TreebankError(LeersignalenError, ValueError):
    """A CoNLL-U file of --ud that cannot be read (E120)."""


class ModelError(LeersignalenError):
    """A spaCy pipeline that cannot be loaded."""


class GoldFileError(LeersignalenError):
    """A gold, mapping or prediction file that cannot be used as it is."""


class ClassifierError(LeersignalenError):
    """A classifier model folder that cannot be used, or training data that cannot train one."""


def raised_codes(source: str) -> set[str]:
    """The codes that a piece of source text raises through ``Errors.E0xx``."""
    return set(re.findall(r"Errors\.(E\d{3})", source))
