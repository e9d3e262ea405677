"""Agreement between human coding and the machine (or a second coder), per category, with evidence.

``leersignalen validate`` reads a gold file (CSV/TSV with a text or note_id/sentence key and a labels column),
pairs every gold sentence with the machine coding (a tagged output folder, or the gold texts tagged now) or
with a second coder, and writes ``validation.csv`` (precision, recall, F1, Cohen's kappa and Krippendorff's
alpha with seeded bootstrap intervals), ``disagreements.csv`` (every sentence where the codings differ, with the
lexicon evidence) and ``validation_methods.txt`` (a sentence for the methods section).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..categories import category_ids
from ..errors import Errors, GoldFileError
from ..output.cells import folder_dialect, replace_file, write_csv
from .pairing import PairedSentence
from .statistics import Agreement, agreement_rows

DIGITS = 4
VALIDATION_COLUMNS = (
    "category", "support", "predicted", "tp", "fp", "fn", "tn", "precision", "recall", "f1",
    "false_positive_rate", "kappa", "kappa_low", "kappa_high", "alpha", "alpha_low", "alpha_high", "note",
)  # fmt: skip


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


def validate_pairs(pairs: list[PairedSentence], *, comparison: str, resamples: int, seed: int) -> ValidationResult:
    """Compute the agreement table for paired sentences."""
    if not pairs:
        raise GoldFileError(Errors.E047.format(names="the gold files", scope=""))
    return ValidationResult(pairs, agreement_rows(pairs, resamples=resamples, seed=seed), comparison, resamples, seed)


def _rounded(value: float) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), DIGITS) + 0.0


def _validation_table(result: ValidationResult) -> list[list]:
    """The rows of validation.csv."""
    return [[row.category, row.support, row.predicted, row.tp, row.fp, row.fn, row.tn]
            + [_rounded(getattr(row, name)) for name in VALIDATION_COLUMNS[7:-1]] + [row.note]
            for row in result.rows]  # fmt: skip


def write_validation(result: ValidationResult, out: Path, *, methods: str | None = None) -> list[Path]:
    """Write validation.csv, disagreements.csv and validation_methods.txt (``methods``, or the sentence for
    ``result``) into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    dialect = folder_dialect(out)  # a run folder written with --csv-dialect excel-nl keeps its dialect
    write_csv(out / "validation.csv", _validation_table(result), VALIDATION_COLUMNS, dialect=dialect)
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
    write_csv(out / "disagreements.csv", records, columns, dialect=dialect)
    methods_file = out / "validation_methods.txt"
    replace_file(methods_file, ((methods or methods_sentence(result)) + "\n").encode("utf-8"))
    return [out / "validation.csv", out / "disagreements.csv", methods_file]


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


SIDE_BY_SIDE_FILES = ("validation_side_by_side.csv", "validation_machine_gold.csv", "validation_machine_gold2.csv")
SIDE_BY_SIDE_COLUMNS = (
    "category", "support_gold", "support_gold2",
    "coders_kappa", "coders_alpha", "coders_alpha_low", "coders_alpha_high",
    "machine_gold_alpha", "machine_gold_alpha_low", "machine_gold_alpha_high", "machine_gold_f1",
    "machine_gold2_alpha", "machine_gold2_alpha_low", "machine_gold2_alpha_high", "machine_gold2_f1",
)  # fmt: skip


@dataclass
class SideBySide:
    """The coders' agreement next to the machine's agreement with each coder, on the same sentences."""

    coders: ValidationResult
    machine_first: ValidationResult
    machine_second: ValidationResult

    def rows(self) -> list[list]:
        """One row per category, in SIDE_BY_SIDE_COLUMNS order (undefined values as None)."""
        table = []
        for coders in self.coders.category_rows():
            first, second = self.machine_first.row(coders.category), self.machine_second.row(coders.category)
            values = (coders.kappa, coders.alpha, coders.alpha_low, coders.alpha_high,
                      first.alpha, first.alpha_low, first.alpha_high, first.f1,
                      second.alpha, second.alpha_low, second.alpha_high, second.f1)  # fmt: skip
            table.append([coders.category, first.support, second.support, *(_rounded(v) for v in values)])
        return table


def side_by_side(coders: ValidationResult, machine_first: ValidationResult,
                 machine_second: ValidationResult) -> SideBySide:  # fmt: skip
    """Check that the three comparisons cover the same sentences and put them side by side."""
    if not len(coders.pairs) == len(machine_first.pairs) == len(machine_second.pairs):
        raise ValueError("the coders and the machine were compared on different sentences")
    return SideBySide(coders, machine_first, machine_second)


def write_side_by_side(table: SideBySide, out: Path) -> list[Path]:
    """validation_side_by_side.csv, and the machine-against-coder files (validation_machine*.csv)."""
    out.mkdir(parents=True, exist_ok=True)
    side_by_side_name, *machine_names = SIDE_BY_SIDE_FILES
    written = [out / side_by_side_name]
    dialect = folder_dialect(out)
    write_csv(written[0], table.rows(), SIDE_BY_SIDE_COLUMNS, dialect=dialect)
    for name, result in zip(machine_names, (table.machine_first, table.machine_second), strict=True):
        write_csv(out / name, _validation_table(result), VALIDATION_COLUMNS, dialect=dialect)
        written.append(out / name)
    return written


def format_side_by_side(table: SideBySide) -> str:
    """The coders' alpha next to the machine's alpha (and F1) against each coder, per category."""
    def cell(alpha, low, high):
        return f"{_fmt(alpha)} [{_fmt(low)}, {_fmt(high)}]"

    lines = [f"Coders next to the machine ({table.machine_first.comparison}) on the same "
             f"{len(table.coders.pairs)} sentences: Krippendorff's alpha [95% CI] and the machine's F1",
             f"{'category':<16}{'coder 1 vs 2':<20}{'machine vs 1':<20}{'F1 vs 1':>8}  {'machine vs 2':<20}"
             f"{'F1 vs 2':>8}"]  # fmt: skip
    for row in table.rows():
        category, *_, ck, ca, cl, ch, a1, l1, h1, f1, a2, l2, h2, f2 = row
        lines.append(f"{category:<16}{cell(ca, cl, ch):<20}{cell(a1, l1, h1):<20}{_fmt(f1):>8}  "
                     f"{cell(a2, l2, h2):<20}{_fmt(f2):>8}")  # fmt: skip
    return "\n".join(lines)
