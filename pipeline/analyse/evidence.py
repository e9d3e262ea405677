"""Evidence quotes per community and category, chosen by strength and variety; written to ``OUT/evidence.csv``.

Candidates are sentences with at least one non-negated match of the category (``signals.csv``), minus headings
(a sentence ending in ``:``, without final punctuation and at most ``HEADING_WORDS`` words, or under 3 words) and
minus repeats (the same text after folding case and white space, e.g. a template sentence in every note).
Strength: distinct rules, then matches, then the classifier score of the category when ``sentences.csv`` has one;
ties: earliest date, note id, sentence index. Variety: quotes are picked greedily from the strongest down,
skipping a sentence from a note that already gave a quote or with the same set of rules as a quote already
picked; when that leaves fewer than ``max_quotes``, the skipped ones fill up in order of strength. The column
``chosen_by`` states the rule and figures behind each pick.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from ..output.cells import folder_dialect, write_csv
from .tables import read_output_table

EVIDENCE_COLUMNS = ["community", "category", "rank", "note_id", "date", "sentence_index", "text", "spans", "rules",
                    "matches", "score", "rule_ids", "chosen_by"]
HEADING_WORDS = 10
FINAL = re.compile(r"[.!?…\"')\]]\s*$")


def is_heading(text: str) -> bool:
    """A title or label line rather than a sentence."""
    stripped = text.strip()
    words = len(stripped.split())
    return stripped.endswith(":") or words < 3 or (not FINAL.search(stripped) and words <= HEADING_WORDS)


def _locate(text: str, start: int, end: int, matched: str) -> tuple[int, int] | None:
    if 0 <= start < end <= len(text) and text[start:end].casefold() == matched.casefold():
        return start, end
    found = text.casefold().find(matched.casefold()) if matched else -1
    return (found, found + len(matched)) if found >= 0 else None


def _merge(spans: list[tuple[int, int]]) -> str:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return ";".join(f"{start}-{end}" for start, end in merged)


def _candidates(out: Path) -> pd.DataFrame:
    sentences = read_output_table(out / "sentences.csv")
    signals = read_output_table(out / "signals.csv")
    signals = signals[signals["negated"].str.strip().str.lower() != "true"]
    if signals.empty or sentences.empty:
        return pd.DataFrame()
    score_columns = [c for c in sentences.columns if c.startswith("score_")]
    merged = signals.merge(sentences[["note_id", "sentence_index", "community", "date", "start_char", "text",
                                      *score_columns]],
                           on=["note_id", "sentence_index"], how="inner", suffixes=("", "_sentence"))
    base = pd.to_numeric(merged["start_char_sentence"], errors="coerce")
    merged["relative_start"] = pd.to_numeric(merged["start_char"], errors="coerce") - base
    merged["relative_end"] = pd.to_numeric(merged["end_char"], errors="coerce") - base
    merged["score"] = [pd.to_numeric(row.get(f"score_{row['category']}", ""), errors="coerce")
                       for _, row in merged.iterrows()] if score_columns else float("nan")
    return merged


def rank_evidence(out_dir: str | os.PathLike, *, max_quotes: int = 3) -> pd.DataFrame:
    """Return the chosen quotes as rows of :data:`EVIDENCE_COLUMNS` (see the module docstring)."""
    out = Path(out_dir)
    if not (out / "sentences.csv").is_file() or not (out / "signals.csv").is_file():
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    merged = _candidates(out)
    if merged.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    keys = ["community", "category", "note_id", "sentence_index"]
    rows = []
    for key, group in merged.groupby(keys, sort=False):
        text = group["text"].iloc[0]
        if is_heading(text):
            continue
        spans = [located for match in group.itertuples(index=False)
                 if (located := _locate(text, int(match.relative_start) if pd.notna(match.relative_start) else -1,
                                        int(match.relative_end) if pd.notna(match.relative_end) else -1,
                                        match.matched_text))]
        rule_ids = sorted(set(group["rule_id"]))
        rows.append({**dict(zip(keys, key, strict=True)), "date": group["date"].iloc[0], "text": text,
                     "spans": _merge(spans), "rules": len(rule_ids), "matches": len(group),
                     "score": float(group["score"].max()), "rule_ids": ";".join(rule_ids),
                     "number": int(pd.to_numeric(key[3], errors="coerce")),
                     "same_text": " ".join(text.casefold().split())})
    if not rows:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    ranked = (pd.DataFrame(rows).assign(undated=lambda f: f["date"] == "", order_score=lambda f: -f["score"].fillna(0))
              .sort_values(["community", "category", "rules", "matches", "order_score", "undated", "date", "note_id",
                            "number"], ascending=[True, True, False, False, True, True, True, True, True],
                           kind="stable")
              .drop_duplicates(["community", "category", "same_text"], keep="first"))
    chosen = []
    for (_community, _category), group in ranked.groupby(["community", "category"], sort=True):
        picked, skipped, notes, rule_sets = [], [], set(), set()
        for row in group.to_dict("records"):
            if row["note_id"] in notes or row["rule_ids"] in rule_sets:
                skipped.append(row)
                continue
            picked.append((row, "strength, new note and new rules"))
            notes.add(row["note_id"])
            rule_sets.add(row["rule_ids"])
            if len(picked) == max_quotes:
                break
        picked += [(row, "strength (fill-up)") for row in skipped[:max_quotes - len(picked)]]
        for rank, (row, why) in enumerate(picked, start=1):
            score = f", score {row['score']:.2f}" if pd.notna(row["score"]) else ""
            chosen.append({**row, "rank": rank, "score": None if pd.isna(row["score"]) else round(row["score"], 4),
                           "chosen_by": f"{why}: {row['rules']} rule(s) {row['rule_ids']}, {row['matches']} "
                                        f"match(es){score}"})
    return pd.DataFrame(chosen)[EVIDENCE_COLUMNS]


def write_evidence(out_dir: str | os.PathLike, *, max_quotes: int = 3) -> pd.DataFrame:
    """Write ``OUT/evidence.csv`` and return its rows."""
    quotes = rank_evidence(out_dir, max_quotes=max_quotes)
    write_csv(Path(out_dir) / "evidence.csv", quotes.to_dict("records"), EVIDENCE_COLUMNS,
              dialect=folder_dialect(Path(out_dir)))
    return quotes
