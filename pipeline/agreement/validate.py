"""Agreement between human coding and the machine (or a second coder), per category, with evidence.

``leersignalen validate`` reads a gold file (CSV/TSV with a text or note_id/sentence key and a labels column),
pairs every gold sentence with the machine coding (a tagged output folder, or the gold texts tagged now) or
with a second coder, and writes ``validation.csv`` (precision, recall, F1, Cohen's kappa and Krippendorff's
alpha with seeded bootstrap intervals), ``disagreements.csv`` (every sentence where the codings differ, with the
lexicon evidence) and ``validation_methods.txt`` (a sentence for the methods section).
"""

from __future__ import annotations

import csv
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from ..categories import category_ids
from ..defaults import SEED
from ..errors import Errors, GoldFileError
from ..output.cells import read_csv_rows, unneutralise, write_csv

LABEL_COLUMNS = ("labels", "codes", "categories", "code", "category")
NEUTRAL_CODES = frozenset({"", "neutral", "neutraal", "-", "none", "geen"})
LABEL_SEPARATORS = re.compile(r"[;,|]")
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = SEED
CONFIDENCE = 0.95
DIGITS = 4

VALIDATION_COLUMNS = (
    "category", "support", "predicted", "tp", "fp", "fn", "tn", "precision", "recall", "f1",
    "false_positive_rate", "kappa", "kappa_low", "kappa_high", "alpha", "alpha_low", "alpha_high", "note",
)  # fmt: skip


@dataclass(frozen=True)
class GoldRow:
    """One coded sentence of a gold file, with whatever keys the file provides."""

    source: str
    line: int
    labels: frozenset[str]
    text: str | None = None
    note_id: str | None = None
    sentence_index: int | None = None
    start_char: int | None = None
    end_char: int | None = None
    row_id: str | None = None
    split: str | None = None

    @property
    def where(self) -> str:
        """``file:line`` for messages."""
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class Evidence:
    """One lexicon match behind a machine label."""

    rule_id: str
    matched_text: str
    negated: bool
    category: str = ""


@dataclass
class PairedSentence:
    """A sentence with the two codings that are compared."""

    where: str
    key: str
    text: str
    gold: frozenset[str]
    other: frozenset[str]
    evidence: list[Evidence] = field(default_factory=list)
    scores: dict[str, float] | None = None


@dataclass(frozen=True)
class Agreement:
    """Scores for one category (or for the pooled rows ``micro``, ``macro`` and ``neutral``)."""

    category: str
    support: int
    predicted: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float
    recall: float
    f1: float
    false_positive_rate: float
    kappa: float = math.nan
    kappa_low: float = math.nan
    kappa_high: float = math.nan
    alpha: float = math.nan
    alpha_low: float = math.nan
    alpha_high: float = math.nan
    note: str = ""


@dataclass
class ValidationResult:
    """Everything ``validate`` reports."""

    pairs: list[PairedSentence]
    rows: list[Agreement]
    comparison: str
    resamples: int
    seed: int

    def category_rows(self) -> list[Agreement]:
        """The per-category rows, without the pooled ones."""
        categories = set(category_ids())
        return [row for row in self.rows if row.category in categories]

    def row(self, name: str) -> Agreement:
        """The row called ``name`` (a category, ``micro``, ``macro`` or ``neutral``)."""
        return next(row for row in self.rows if row.category == name)


# --------------------------------------------------------------------------------------------- reading


def _decode(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        encoding = f"UTF-8 (byte {error.start}; save it as 'CSV UTF-8')"
        raise GoldFileError(Errors.E003.format(path=path, encoding=encoding)) from None
    except OSError as error:
        raise GoldFileError(Errors.E005.format(path=path, reason=error.strerror)) from None


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in ("\t", ";", ",")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def read_table(path: str | Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV/TSV file (UTF-8 with or without BOM, delimiter sniffed) into (columns, [(line, row)])."""
    path = Path(path)
    text = _decode(path)
    if not text.strip():
        raise GoldFileError(Errors.E007.format(path=path))
    delimiter = _delimiter(path, text)
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, quoting=quoting)
    header = [name.strip().lower() for name in next(reader)]
    rows: list[tuple[int, dict[str, str]]] = []
    line = 1
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if any(cell.strip() for cell in record[len(header):]):
            name = {"\t": "tab", ";": "semicolon", ",": "comma"}[delimiter]
            raise GoldFileError(
                Errors.E030.format(where=f"{path}:{line}", found=len(record), expected=len(header), name=name))
        rows.append((line, dict(zip(header, record, strict=False))))
    return header, rows


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a ``code,category`` mapping file; an empty category or ``neutral`` maps a code to no category."""
    path = Path(path)
    known = category_ids()
    header, rows = read_table(path)
    if "code" not in header or "category" not in header:
        raise GoldFileError(Errors.E031.format(path=path, found=", ".join(header)))
    mapping: dict[str, str] = {}
    for line, row in rows:
        code = (row.get("code") or "").strip()
        category = (row.get("category") or "").strip().lower()
        if not code:
            raise GoldFileError(Errors.E032.format(where=f"{path}:{line}"))
        if category in NEUTRAL_CODES:
            category = ""
        elif category not in known:
            raise GoldFileError(Errors.E033.format(where=f"{path}:{line}", category=category, known=", ".join(known)))
        previous = mapping.get(code.lower())
        if previous is not None and previous != category:
            raise GoldFileError(Errors.E034.format(where=f"{path}:{line}", code=code, first=previous, second=category))
        mapping[code.lower()] = category
    return mapping


def parse_labels(cell: str, *, where: str, mapping: dict[str, str] | None = None) -> frozenset[str]:
    """Turn a ``;``/``,``-separated cell of codes into codebook ids, through ``mapping`` when given."""
    known = category_ids()
    labels: set[str] = set()
    for raw in LABEL_SEPARATORS.split(cell or ""):
        code = raw.strip()
        if not code:
            continue
        lowered = code.lower()
        if mapping is not None and lowered in mapping:
            category = mapping[lowered]
        elif lowered in known:
            category = lowered
        elif lowered in NEUTRAL_CODES:
            category = ""
        else:
            hint = "add it to the --mapping file" if mapping is not None else "pass --mapping FILE (CSV code,category)"
            raise GoldFileError(Errors.E035.format(where=where, code=code, known=", ".join(known), hint=hint))
        if category:
            labels.add(category)
    return frozenset(labels)


def _int_cell(row: dict[str, str], column: str, where: str) -> int:
    value = (row.get(column) or "").strip()
    try:
        return int(value)
    except ValueError:
        raise GoldFileError(Errors.E036.format(where=where, column=column, value=value)) from None


def read_gold(
    path: str | Path, *, mapping: dict[str, str] | None = None, split: str | None = None
) -> list[GoldRow]:
    """Read one gold file; keep rows of ``split`` when given (needs a ``split`` column)."""
    path = Path(path)
    header, rows = read_table(path)
    label_column = next((name for name in LABEL_COLUMNS if name in header), None)
    if label_column is None:
        raise GoldFileError(Errors.E037.format(path=path, columns=", ".join(LABEL_COLUMNS)))
    has_text = "text" in header
    has_index = "note_id" in header and "sentence_index" in header
    has_span = "note_id" in header and "start_char" in header and "end_char" in header
    if not (has_text or has_index or has_span):
        raise GoldFileError(Errors.E038.format(path=path))
    if split and "split" not in header:
        raise GoldFileError(Errors.E039.format(path=path, split=split))
    gold: list[GoldRow] = []
    for line, row in rows:
        where = f"{path}:{line}"
        row_split = (row.get("split") or "").strip() or None
        if split and split != "all" and row_split != split:
            continue
        labels = parse_labels(row.get(label_column) or "", where=where, mapping=mapping)
        text = unneutralise(row.get("text") or "") if has_text else None
        if has_text and not has_index and not has_span and not (text or "").strip():
            raise GoldFileError(Errors.E046.format(where=where, fix="fill it in or delete the line"))
        gold.append(
            GoldRow(
                source=str(path),
                line=line,
                labels=labels,
                text=text,
                note_id=(row.get("note_id") or "").strip() or None,
                sentence_index=_int_cell(row, "sentence_index", where) if has_index else None,
                start_char=_int_cell(row, "start_char", where) if has_span and not has_index else None,
                end_char=_int_cell(row, "end_char", where) if has_span and not has_index else None,
                row_id=(row.get("id") or "").strip() or None,
                split=row_split,
            )
        )
    return gold


def read_gold_files(
    paths: Sequence[str | Path], *, mapping: dict[str, str] | None = None, split: str | None = None
) -> list[GoldRow]:
    """Read and concatenate gold files; at least one coded sentence must remain."""
    rows = [row for path in paths for row in read_gold(path, mapping=mapping, split=split)]
    if not rows:
        names = ", ".join(str(p) for p in paths)
        raise GoldFileError(Errors.E047.format(names=names, scope=f" in split {split!r}" if split else ""))
    return rows


def normalise_text(text: str) -> str:
    """Collapse white space so that texts match across exports."""
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------- pairing


@dataclass
class TaggedOutput:
    """The sentences and signals of a ``leersignalen run`` output folder."""

    folder: Path
    sentences: list[dict[str, str]]
    evidence: dict[tuple[str, int], list[Evidence]]

    def labels_of(self, index: int) -> frozenset[str]:
        """Machine labels of sentence row ``index``."""
        return frozenset(label for label in self.sentences[index]["labels"].split(";") if label)

    def key_of(self, index: int) -> tuple[str, int]:
        """(note_id, sentence_index) of sentence row ``index``."""
        row = self.sentences[index]
        return row["note_id"], int(row["sentence_index"])


def load_tagged_output(path: str | Path) -> TaggedOutput:
    """Read sentences.csv (and signals.csv when present) from an output folder or the sentences.csv itself."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    sentences_path = path if path.is_file() else folder / "sentences.csv"
    if not sentences_path.is_file():
        raise GoldFileError(Errors.E012.format(path=folder))
    columns, sentences = read_csv_rows(sentences_path)
    missing = {"note_id", "sentence_index", "text", "labels"} - set(columns)
    if missing:
        raise GoldFileError(Errors.E041.format(
            path=sentences_path, columns=", ".join(sorted(missing)), fix="is this the output of `leersignalen run`?"))
    evidence: dict[tuple[str, int], list[Evidence]] = {}
    signals_path = folder / "signals.csv"
    if signals_path.is_file():
        _, signals = read_csv_rows(signals_path)
        for row in signals:
            key = (row["note_id"], int(row["sentence_index"]))
            evidence.setdefault(key, []).append(
                Evidence(row["rule_id"], row["matched_text"], row["negated"] == "true", row["category"])
            )
    return TaggedOutput(folder, sentences, evidence)


def pair_with_output(gold: Sequence[GoldRow], output: TaggedOutput) -> list[PairedSentence]:
    """Match every gold row to a sentence of the tagged output (by index, character span or text)."""
    by_key = {output.key_of(i): i for i in range(len(output.sentences))}
    by_text: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for i, row in enumerate(output.sentences):
        by_text.setdefault(normalise_text(row["text"]), i)
        spans.setdefault(row["note_id"], []).append((int(row["start_char"] or 0), int(row["end_char"] or 0), i))
    pairs = []
    for row in gold:
        index = None
        if row.note_id is not None and row.sentence_index is not None:
            index = by_key.get((row.note_id, row.sentence_index))
            wanted = f"note_id {row.note_id!r}, sentence_index {row.sentence_index}"
        elif row.note_id is not None and row.start_char is not None:
            index = _best_span(spans.get(row.note_id, []), row.start_char, row.end_char or row.start_char)
            wanted = f"note_id {row.note_id!r}, characters {row.start_char}-{row.end_char}"
        else:
            index = by_text.get(normalise_text(row.text or ""))
            wanted = f"text {_snippet(row.text or '')!r}"
        if index is None:
            raise GoldFileError(Errors.E048.format(where=row.where, folder=output.folder, wanted=wanted))
        text = output.sentences[index]["text"]
        pairs.append(
            PairedSentence(
                where=row.where,
                key=_key_text(*output.key_of(index)),
                text=text,
                gold=row.labels,
                other=output.labels_of(index),
                evidence=output.evidence.get(output.key_of(index), []),
            )
        )
    return pairs


def _best_span(candidates: list[tuple[int, int, int]], start: int, end: int) -> int | None:
    best, best_overlap = None, 0
    for first, last, index in candidates:
        if (first, last) == (start, end):
            return index
        overlap = min(last, end) - max(first, start)
        if overlap > best_overlap and overlap * 2 > max(end - start, last - first):
            best, best_overlap = index, overlap
    return best


def _snippet(text: str, width: int = 60) -> str:
    text = normalise_text(text)
    return text if len(text) <= width else text[: width - 3] + "..."


def _key_text(note_id: str, sentence_index: int) -> str:
    return f"{note_id}#{sentence_index}"


def gold_key(row: GoldRow) -> str:
    """The key that pairs a row with the same sentence in another coder's file."""
    if row.note_id is not None and row.sentence_index is not None:
        return _key_text(row.note_id, row.sentence_index)
    if row.note_id is not None and row.start_char is not None:
        return f"{row.note_id}@{row.start_char}-{row.end_char}"
    if row.row_id:
        return f"id:{row.row_id}"
    return "text:" + normalise_text(row.text or "")


def pair_two_coders(first: Sequence[GoldRow], second: Sequence[GoldRow]) -> tuple[list[PairedSentence], int, int]:
    """Pair the sentences both coders coded; return (pairs, only in first, only in second).

    A sentence coded twice in one coder's file is refused (E099): pairing would drop one of the two codings.
    The same text twice is allowed when both rows carry the same labels (a short sentence such as "Ja.").
    """
    for rows in (first, second):
        _refuse_duplicates(rows)
    seconds: dict[str, GoldRow] = {}
    for row in second:
        seconds.setdefault(gold_key(row), row)
    pairs, seen = [], set()
    for row in first:
        key = gold_key(row)
        other = seconds.get(key)
        if other is None or key in seen:
            continue
        seen.add(key)
        shown = "" if key.startswith("text:") else key.removeprefix("id:")
        pairs.append(PairedSentence(row.where, shown, row.text or other.text or "", row.labels, other.labels))
    if not pairs:
        raise GoldFileError(Errors.E049.format(first=first[0].source, second=second[0].source))
    return pairs, len({gold_key(r) for r in first}) - len(pairs), len(seconds) - len(pairs)


def _refuse_duplicates(rows: Sequence[GoldRow]) -> None:
    labels_by_key: dict[str, frozenset[str]] = {}
    duplicates: list[str] = []
    source = ""
    for row in rows:
        key = gold_key(row)
        if key in labels_by_key and (not key.startswith("text:") or labels_by_key[key] != row.labels):
            duplicates.append(_snippet(key.removeprefix("id:").removeprefix("text:"), 40))
            source = source or row.source
        labels_by_key.setdefault(key, row.labels)
    if duplicates:
        shown = ", ".join(dict.fromkeys(duplicates[:5])) + (f" and {len(duplicates) - 5} more" if len(duplicates) > 5
                                                              else "")  # fmt: skip
        raise GoldFileError(Errors.E099.format(path=source, keys=shown))


def pair_with_tagger(gold: Sequence[GoldRow], nlp, *, classifier=None) -> list[PairedSentence]:
    """Tag the gold texts now (lexicon, or the classifier's label rule) and pair them with the gold labels."""
    missing = next((row for row in gold if not (row.text or "").strip()), None)
    if missing is not None:
        raise GoldFileError(
            Errors.E046.format(where=missing.where, fix="add a text column or pass --pred OUT with the tagged notes"))
    docs = list(nlp.pipe([row.text for row in gold], batch_size=256))
    scores = None
    if classifier is not None:
        from ..learn.classifier import feature_inputs_from_doc

        inputs = [feature_inputs_from_doc(doc) for doc in docs]
        scores = classifier.scores_of(inputs)
    pairs = []
    for number, (row, doc) in enumerate(zip(gold, docs, strict=True)):
        signals = doc._.ls_signals or []
        lexicon = frozenset(s.category for s in signals if not s.negated)
        other, row_scores = lexicon, None
        if scores is not None:
            other = frozenset(classifier.labels(scores[number], lexicon))
            row_scores = dict(zip(classifier.categories, (float(p) for p in scores[number]), strict=True))
        pairs.append(
            PairedSentence(
                where=row.where,
                key=row.row_id or "",
                text=row.text or "",
                gold=row.labels,
                other=other,
                evidence=[Evidence(s.rule_id, s.text, s.negated, s.category) for s in signals],
                scores=row_scores,
            )
        )
    return pairs


# --------------------------------------------------------------------------------------------- statistics


def cohen_kappa(first: Sequence[int], second: Sequence[int]) -> float:
    """Cohen's kappa of two binary codings (scikit-learn); NaN when both codings are constant and equal."""
    first, second = np.asarray(first), np.asarray(second)
    if len(first) == 0 or (len(set(first.tolist())) == 1 and set(first.tolist()) == set(second.tolist())):
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(first, second))


def krippendorff_alpha(first: Sequence[int], second: Sequence[int]) -> float:
    """Krippendorff's alpha (nominal) of two complete codings; NaN when only one value occurs at all."""
    data = np.asarray([first, second], dtype=float)
    if data.size == 0 or len(np.unique(data)) < 2:
        return math.nan
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def kappa_alpha_from_counts(tp, fp, fn, tn) -> tuple[np.ndarray, np.ndarray]:
    """Kappa and nominal alpha of binary 2x2 tables given as arrays of counts (NaN where undefined).

    With two coders and no missing values, alpha = 1 - (2N - 1) * d / (n0 * n1), where d is the number of
    disagreements and n0, n1 count the 0 and 1 values over both coders.
    """
    tp, fp, fn, tn = (np.asarray(x, dtype=float) for x in (tp, fp, fn, tn))
    total = tp + fp + fn + tn
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = (tp + tn) / total
        expected = ((tp + fn) * (tp + fp) + (tn + fp) * (tn + fn)) / total**2
        kappa = np.where(expected < 1, (observed - expected) / (1 - expected), np.nan)
        ones = 2 * tp + fp + fn
        zeros = 2 * tn + fp + fn
        alpha = np.where(ones * zeros > 0, 1 - (2 * total - 1) * (fp + fn) / (ones * zeros), np.nan)
    return kappa, alpha


def bootstrap_intervals(
    gold: np.ndarray, other: np.ndarray, *, resamples: int, seed: int, confidence: float = CONFIDENCE
) -> np.ndarray:
    """Percentile intervals over sentences for kappa and alpha per column: array (columns, 4) = kl, kh, al, ah."""
    count, columns = gold.shape
    result = np.full((columns, 4), np.nan)
    if count == 0 or resamples <= 0:
        return result
    draws = np.random.default_rng(seed).integers(0, count, size=(resamples, count))
    tail = (1 - confidence) / 2 * 100
    for column in range(columns):
        cells = (2 * gold[:, column] + other[:, column])[draws]
        tn, fp, fn, tp = ((cells == value).sum(axis=1) for value in range(4))
        for offset, values in enumerate(kappa_alpha_from_counts(tp, fp, fn, tn)):
            finite = values[~np.isnan(values)]
            if len(finite):
                result[column, 2 * offset : 2 * offset + 2] = np.percentile(finite, [tail, 100 - tail])
    return result


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan


def agreement_rows(
    pairs: Sequence[PairedSentence], *, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> list[Agreement]:
    """Per-category agreement, then the pooled rows ``micro``, ``macro`` and ``neutral``."""
    categories = category_ids()
    gold = np.array([[c in p.gold for c in categories] for p in pairs], dtype=np.int64).reshape(-1, len(categories))
    other = np.array([[c in p.other for c in categories] for p in pairs], dtype=np.int64).reshape(-1, len(categories))
    intervals = bootstrap_intervals(gold, other, resamples=resamples, seed=seed)
    rows: list[Agreement] = []
    for column, category in enumerate(categories):
        g, o = gold[:, column].astype(bool), other[:, column].astype(bool)
        tp, fp, fn, tn = (int(cell.sum()) for cell in (g & o, ~g & o, g & ~o, ~g & ~o))
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        note = ""
        if tp + fp + fn == 0:
            note = "no positives in either coding: kappa, alpha and F1 undefined"
        elif tp + fn == 0:
            note = "no positives in the gold coding: recall undefined"
        elif tp + fp == 0:
            note = "nothing coded by the compared coding: precision undefined"
        kl, kh, al, ah = intervals[column]
        rows.append(
            Agreement(category, tp + fn, tp + fp, tp, fp, fn, tn, precision, recall, _f1(tp, fp, fn),
                      _ratio(fp, fp + tn), cohen_kappa(gold[:, column], other[:, column]), kl, kh,
                      krippendorff_alpha(gold[:, column], other[:, column]), al, ah, note)
        )  # fmt: skip
    tp, fp, fn, tn = (sum(getattr(r, name) for r in rows) for name in ("tp", "fp", "fn", "tn"))
    micro_p, micro_r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    rows.append(Agreement("micro", tp + fn, tp + fp, tp, fp, fn, tn, micro_p, micro_r, _f1(tp, fp, fn),
                          _ratio(fp, fp + tn), note="all category decisions pooled"))  # fmt: skip
    defined = [r for r in rows[: len(categories)] if r.tp + r.fp + r.fn > 0]
    left_out = [r.category for r in rows[: len(categories)] if r.tp + r.fp + r.fn == 0]

    def mean(name: str) -> float:
        values = [0.0 if math.isnan(getattr(r, name)) else getattr(r, name) for r in defined]
        return sum(values) / len(values) if values else math.nan

    macro_note = "unweighted mean over categories"
    if left_out:
        macro_note += f"; left out (no positives in either coding): {', '.join(left_out)}"
    rows.append(Agreement("macro", tp + fn, tp + fp, tp, fp, fn, tn, mean("precision"), mean("recall"), mean("f1"),
                          math.nan, note=macro_note))  # fmt: skip
    neutral = [p for p in pairs if not p.gold]
    labelled = sum(1 for p in neutral if p.other)
    rows.append(Agreement("neutral", len(neutral), labelled, 0, labelled, 0, len(neutral) - labelled, math.nan,
                          math.nan, math.nan, _ratio(labelled, len(neutral)),
                          note="sentences without gold labels that the compared coding labelled"))  # fmt: skip
    return rows


def validate_pairs(pairs: list[PairedSentence], *, comparison: str, resamples: int, seed: int) -> ValidationResult:
    """Compute the agreement table for paired sentences."""
    if not pairs:
        raise GoldFileError(Errors.E047.format(names="the gold files", scope=""))
    return ValidationResult(pairs, agreement_rows(pairs, resamples=resamples, seed=seed), comparison, resamples, seed)


# --------------------------------------------------------------------------------------------- output


def _rounded(value: float) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), DIGITS) + 0.0


def write_validation(result: ValidationResult, out: Path) -> list[Path]:
    """Write validation.csv, disagreements.csv and validation_methods.txt into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    table = [
        [row.category, row.support, row.predicted, row.tp, row.fp, row.fn, row.tn]
        + [_rounded(getattr(row, name)) for name in VALIDATION_COLUMNS[7:-1]]
        + [row.note]
        for row in result.rows
    ]
    write_csv(out / "validation.csv", table, VALIDATION_COLUMNS)
    machine = result.comparison != "coders"
    other_name = "machine_labels" if machine else "coder2_labels"
    columns = ["gold_row", "sentence", "text", "gold_labels", other_name, "only_gold", f"only_{other_name[:-7]}"]
    if machine:
        columns += ["rule_ids", "matched_words", "negated", "classifier_scores"]
    order = category_ids()

    def joined(labels: Iterable[str]) -> str:
        return ";".join(sorted(labels, key=order.index))

    records = []
    for pair in result.pairs:
        if pair.gold == pair.other:
            continue
        record = [pair.where, pair.key, pair.text, joined(pair.gold), joined(pair.other),
                  joined(pair.gold - pair.other), joined(pair.other - pair.gold)]  # fmt: skip
        if machine:
            record += [
                ";".join(e.rule_id for e in pair.evidence),
                ";".join(e.matched_text for e in pair.evidence),
                ";".join("true" if e.negated else "false" for e in pair.evidence),
                ";".join(f"{c}={p:.2f}" for c, p in (pair.scores or {}).items() if p >= 0.2),
            ]
        records.append(record)
    write_csv(out / "disagreements.csv", records, columns)
    methods = out / "validation_methods.txt"
    methods.write_text(methods_sentence(result) + "\n", encoding="utf-8")
    return [out / "validation.csv", out / "disagreements.csv", methods]


def methods_sentence(result: ValidationResult) -> str:
    """A sentence for the methods section that reports the size, the alpha range and macro-F1."""
    rows = [r for r in result.category_rows() if not math.isnan(r.alpha)]
    count = len(result.pairs)
    if result.comparison == "coders":
        opening = f"Two human codings were compared on {count} sentences"
    else:
        opening = f"Automatic coding ({result.comparison}) was compared with human coding of {count} sentences"
    macro, micro = result.row("macro"), result.row("micro")
    if rows and min(r.alpha for r in rows) == max(r.alpha for r in rows):
        span = f"Krippendorff's alpha (nominal) was {rows[0].alpha:.2f} for each of {len(rows)} estimable categories"
    elif rows:
        low = min(rows, key=lambda r: (r.alpha, r.category))
        high = max(rows, key=lambda r: (r.alpha, r.category))
        span = (
            f"Krippendorff's alpha (nominal, per category) ranged from {low.alpha:.2f} ({low.category}) "
            f"to {high.alpha:.2f} ({high.category})"
        )
    else:
        span = "Krippendorff's alpha could not be computed (no category was coded)"
    skipped = [r.category for r in result.category_rows() if math.isnan(r.alpha)]
    tail = f"; not estimable for {', '.join(skipped)} (no variation)" if skipped else ""
    return (
        f"{opening}; {span}{tail}, macro-F1 {_fmt(macro.f1)} (micro-F1 {_fmt(micro.f1)}); 95% intervals from "
        f"{result.resamples} bootstrap resamples of sentences (seed {result.seed})."
    )


def _fmt(value: float, digits: int = 2) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def format_table(result: ValidationResult) -> str:
    """The agreement table as plain text for the terminal."""
    lines = [
        f"{'category':<16}{'support':>8}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}   {'kappa [95% CI]':<22}"
        f"{'alpha [95% CI]':<22}"
    ]
    for row in result.category_rows():
        kappa = f"{_fmt(row.kappa)} [{_fmt(row.kappa_low)}, {_fmt(row.kappa_high)}]"
        alpha = f"{_fmt(row.alpha)} [{_fmt(row.alpha_low)}, {_fmt(row.alpha_high)}]"
        lines.append(
            f"{row.category:<16}{row.support:>8}{row.predicted:>6}{_fmt(row.precision, 3):>7}"
            f"{_fmt(row.recall, 3):>7}{_fmt(row.f1, 3):>7}   {kappa:<22}{alpha:<22}"
        )
    for name in ("micro", "macro"):
        row = result.row(name)
        lines.append(f"{name + ' F1':<16}{'':>8}{'':>6}{_fmt(row.precision, 3):>7}{_fmt(row.recall, 3):>7}"
                     f"{_fmt(row.f1, 3):>7}")  # fmt: skip
    neutral = result.row("neutral")
    lines.append(
        f"false positives on neutral sentences: {_fmt(neutral.false_positive_rate, 3)} "
        f"({neutral.predicted} of {neutral.support})"
    )
    lines.extend(f"note: {row.category}: {row.note}" for row in result.category_rows() if row.note)
    return "\n".join(lines)
