"""Name recall and precision of the pseudonymiser on the hand-annotated name set in data/names/.

A gold mention counts as found when every one of its characters lies inside a replacement. A replacement
counts as correct when it overlaps a gold mention. ``python -m leersignalen.privacy.evaluate`` prints the scores
per split and kind; ``--build`` rebuilds names.jsonl from names_marked.txt. ``names_independent.txt`` and
``names_independent_2.txt`` (each written by someone who never saw the rules) are scored as a whole, as the
splits ``independent`` and ``independent-2``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from ..resources import NAMES_DIR

MARKED = Path(NAMES_DIR or "data/names") / "names_marked.txt"
INDEPENDENT = Path(NAMES_DIR or "data/names") / "names_independent.txt"
INDEPENDENT_2 = Path(NAMES_DIR or "data/names") / "names_independent_2.txt"
JSONL = Path(NAMES_DIR or "data/names") / "names.jsonl"
MARK = regex.compile(r"\{([^{}|]+)(?:\|(person|place|institution|contact))?\}")
TEST_SLOTS = (2, 5, 8)  # line numbers ending in these digits are the test split (30%)


def parse_marked(path: Path = MARKED) -> list[dict]:
    """Turn the markup lines into records with text, author, split and character spans."""
    records = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]
    for number, line in enumerate(lines, start=1):
        author = ""
        if line.startswith("author="):
            head, _, line = line.partition(" || ")
            author = head.removeprefix("author=")
        line = line.replace("\\n", "\n")
        text, mentions, position = [], [], 0
        length = 0
        for match in MARK.finditer(line):
            plain = line[position : match.start()]
            text.append(plain)
            length += len(plain)
            name = match.group(1)
            mentions.append({"start": length, "end": length + len(name), "kind": match.group(2) or "person",
                             "text": name})  # fmt: skip
            text.append(name)
            length += len(name)
            position = match.end()
        text.append(line[position:])
        split = "test" if number % 10 in TEST_SLOTS else "dev"
        records.append({"id": f"N{number:03d}", "split": split, "author": author, "text": "".join(text),
                        "mentions": mentions})  # fmt: skip
    return records


def load_names(path: Path = JSONL, split: str = "all") -> list[dict]:
    """The records of names.jsonl, of one split ('dev', 'test') or all."""
    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if split == "all" or r["split"] == split]


@dataclass
class NameScores:
    """Counts behind recall (gold mentions found) and precision (replacements on a gold mention)."""

    found: Counter
    gold: Counter
    correct: int
    replaced: int
    missed: list[tuple[str, str]]
    spurious: list[tuple[str, str]]

    def recall(self, kind: str | None = None) -> float:
        """Share of gold mentions (of ``kind``, or all) whose every character was replaced."""
        found = self.found[kind] if kind else sum(self.found.values())
        gold = self.gold[kind] if kind else sum(self.gold.values())
        return found / gold if gold else 1.0

    @property
    def precision(self) -> float:
        """Share of replacements that overlap a gold mention."""
        return self.correct / self.replaced if self.replaced else 1.0


def score_names(records: list[dict], *, also=("places", "institutions", "dates", "contact"), key_path=None):
    """Run a fresh pseudonymiser over the records (in order) and count hits, misses and spurious spans."""
    from .engine import Pseudonymiser

    pseudonymiser = Pseudonymiser(key_path, also=also)
    scores = NameScores(Counter(), Counter(), 0, 0, [], [])
    optional = {"place": "places", "institution": "institutions"}
    wanted = {"person", "contact"} | {kind for kind, option in optional.items() if option in also}
    for record in records:
        text = record["text"]
        replacements = pseudonymiser.replacements(text, authors=[record["author"]] if record["author"] else [])
        covered = set()
        for replacement in replacements:
            covered.update(range(replacement.start, replacement.end))
        gold = [m for m in record["mentions"] if m["kind"] in wanted]
        for mention in gold:
            scores.gold[mention["kind"]] += 1
            if all(index in covered for index in range(mention["start"], mention["end"])):
                scores.found[mention["kind"]] += 1
            else:
                scores.missed.append((record["id"], mention["text"]))
        for replacement in replacements:
            if replacement.kind == "date":
                continue  # dates are not annotated in the name set
            scores.replaced += 1
            if any(m["start"] < replacement.end and replacement.start < m["end"] for m in record["mentions"]):
                scores.correct += 1
            else:
                scores.spurious.append((record["id"], replacement.original))
    return scores


def main(argv: list[str]) -> int:
    """Print the scores per split; with --build first rewrite names.jsonl from the markup."""
    if "--build" in argv:
        with open(JSONL, "w", encoding="utf-8") as handle:
            for record in parse_marked():
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    sets = [(split, load_names(split=split)) for split in ("dev", "test", "all")]
    for split, path in (("independent", INDEPENDENT), ("independent-2", INDEPENDENT_2)):
        if path.is_file():
            sets.append((split, parse_marked(path)))
    for split, records in sets:
        for label, also in (("default", ()), ("--also all", ("places", "institutions", "dates", "contact"))):
            scores = score_names(records, also=also)
            kinds = ", ".join(f"{kind} {scores.recall(kind):.3f} ({scores.found[kind]}/{scores.gold[kind]})"
                              for kind in sorted(scores.gold))  # fmt: skip
            print(f"{split:4} {label}: recall {scores.recall():.3f} [{kinds}], precision {scores.precision:.3f} "
                  f"({scores.correct}/{scores.replaced})")  # fmt: skip
            if "-v" in argv:
                print("  missed:", scores.missed)
                print("  spurious:", scores.spurious)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
