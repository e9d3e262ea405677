"""Build small tagged output folders (notes.csv + sentences.csv + signals.csv) from per-month note specs."""

from __future__ import annotations

import csv
from pathlib import Path

from leersignalen.categories import load_categories

CATEGORIES = load_categories()
NOTE_COLUMNS = ["note_id", "community", "date", "author", "role", "source_file", "source_line", "sentences", "words",
                *[f"{c.id}_sentences" for c in CATEGORIES], "leren_sentences", "instrumenteel_sentences", "problems"]


def write_out(out: Path, notes: list[dict]) -> Path:
    """``notes``: dicts with community, date, sentences, leren, instrumenteel (counts of sentences)."""
    out.mkdir(parents=True, exist_ok=True)
    note_rows, sentence_rows = [], []
    for number, note in enumerate(notes):
        note_id = note.get("note_id", f"n{number:03d}")
        leren, instrumenteel, total = note["leren"], note["instrumenteel"], note["sentences"]
        counts = dict.fromkeys((c.id for c in CATEGORIES), 0)
        counts["reflectie"], counts["structuur"] = leren, instrumenteel
        note_rows.append({"note_id": note_id, "community": note["community"], "date": note["date"], "author": "",
                          "role": "", "source_file": "x.csv", "source_line": number + 2, "sentences": total,
                          "words": note.get("words", 12 * total),
                          **{f"{k}_sentences": v for k, v in counts.items()}, "leren_sentences": leren,
                          "instrumenteel_sentences": instrumenteel, "problems": ""})
        for index in range(total):
            labels = "reflectie" if index < leren else ("structuur" if index < leren + instrumenteel else "")
            sentence_rows.append({"note_id": note_id, "community": note["community"], "date": note["date"],
                                  "sentence_index": index, "start_char": 0, "end_char": 10,
                                  "text": f"Zin {index} van notitie {note_id}.", "labels": labels})
    for name, rows, columns in (("notes.csv", note_rows, NOTE_COLUMNS),
                                ("sentences.csv", sentence_rows, list(sentence_rows[0]))):
        with open(out / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    (out / "signals.csv").write_text("note_id,sentence_index,category,family,rule_id,matched_text,start_char,"
                                     "end_char,negated\n", encoding="utf-8")
    return out


def monthly(community: str, months: list[list[tuple[int, int, int]]], *, year: int = 2025) -> list[dict]:
    """Notes from ``months[m] = [(sentences, leren, instrumenteel), ...]``, dated on days 3, 13, 23."""
    notes = []
    for month, specs in enumerate(months, start=1):
        for index, (total, leren, instrumenteel) in enumerate(specs):
            notes.append({"community": community, "date": f"{year}-{month:02d}-{3 + 10 * index:02d}",
                          "sentences": total, "leren": leren, "instrumenteel": instrumenteel,
                          "note_id": f"{community}-{month:02d}-{index}"})
    return notes
