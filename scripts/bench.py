"""Benchmark: words per second of `leersignalen run` end to end versus bare spaCy tokenisation, and peak memory.

Generates a corpus of notes by drawing lines (titles, attendance lines, bullets, prose) from the sample notes
in ``data/sample/``, so that the share of sentences with a signal is that of realistic notes, runs
``spacy.blank("nl")`` tokenisation over the same texts in this process, then ``leersignalen run`` in a child
process, and reports both rates, their ratio and the child's peak resident memory. With ``--words`` given
twice the size is also run at a quarter of it, to show whether memory grows with the corpus.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def source_sentences() -> list[str]:
    """Lines of the sample notes (titles, attendance, bullets, prose): a realistic mix of signal and neutral."""
    sys.path.insert(0, str(REPO))
    from leersignalen.read.ingest import Record, read_inputs

    sample = REPO / "data" / "sample"
    inputs = [sample / name for name in
              ("wijkteam_noord.csv", "energiecooperatie_zonnedak.csv", "leeratelier_zorg.jsonl", "logboeken")]
    lines = [
        line.strip()
        for item in read_inputs([path for path in inputs if path.exists()])
        if isinstance(item, Record)
        for line in item.text.splitlines()
        if line.strip() and not line.startswith("---")
    ]
    if not lines:
        raise SystemExit("bench: data/sample/ is missing; it is the source of the generated corpus")
    return lines


def make_corpus(path: Path, words: int, seed: int = 7) -> int:
    """Write a CSV of notes (3-12 sentences each) with about ``words`` words; return the number of notes."""
    rng = random.Random(seed)
    sentences = source_sentences()
    communities = [f"gemeenschap-{n:02d}" for n in range(12)]
    total = notes = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "community", "date", "text"])
        while total < words:
            text = "\n".join(rng.choices(sentences, k=rng.randint(5, 15)))
            notes += 1
            total += len(text.split())
            day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow([f"n{notes:07d}", rng.choice(communities), day, text])
    return notes


def bare_tokenisation(path: Path) -> tuple[float, int]:
    """Seconds and word count for spacy.blank('nl') over the corpus texts (read time excluded)."""
    import spacy
    from spacy.attrs import IS_PUNCT, IS_SPACE

    with open(path, encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    nlp = spacy.blank("nl")
    words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        words += sum(1 for p, s in doc.to_array([IS_PUNCT, IS_SPACE]).tolist() if not p and not s)
    return time.perf_counter() - start, words


def run_end_to_end(path: Path, out: Path, processes: int) -> tuple[float, int, float]:
    """Seconds, words tagged and peak memory (MiB, largest process) of `leersignalen run` as a child process."""
    command = [sys.executable, "-m", "pipeline", "run", str(path), "--out", str(out), "--model", "blank", "-q",
               "--processes", str(processes)]  # fmt: skip
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"leersignalen run failed with status {status}")
    with open(out / "notes.csv", encoding="utf-8", newline="") as handle:
        words = sum(int(row["words"]) for row in csv.DictReader(handle))
    return seconds, words, usage.ru_maxrss / 1024


def main() -> None:
    """Generate the corpus, measure, print a table and write bench/results.json."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1_000_000, help="approximate corpus size in words")
    parser.add_argument("--dir", type=Path, default=REPO / "bench", help="work folder (corpus, outputs)")
    args = parser.parse_args()
    results = []
    for size, processes in ((args.words // 4, 1), (args.words, 1), (args.words, 2)):
        corpus = args.dir / f"corpus_{size}.csv"
        notes = make_corpus(corpus, size)
        token_seconds, token_words = bare_tokenisation(corpus)
        run_seconds, run_words, peak = run_end_to_end(corpus, args.dir / f"out_{size}_{processes}", processes)
        results.append({
            "target_words": size, "notes": notes, "words": run_words, "processes": processes,
            "tokenise_words_per_s": round(token_words / token_seconds),
            "run_words_per_s": round(run_words / run_seconds),
            "ratio": round((run_words / run_seconds) / (token_words / token_seconds), 3),
            "run_seconds": round(run_seconds, 2), "peak_mib": round(peak, 1),
        })  # fmt: skip
    print(f"{'words':>9} {'notes':>7} {'procs':>5} {'tokenise w/s':>13} {'run w/s':>9} {'ratio':>6} {'run s':>7} "
          f"{'peak MiB':>9}")  # fmt: skip
    for r in results:
        print(
            f"{r['words']:>9} {r['notes']:>7} {r['processes']:>5} {r['tokenise_words_per_s']:>13} "
            f"{r['run_words_per_s']:>9} {r['ratio']:>6} {r['run_seconds']:>7} {r['peak_mib']:>9}"
        )
    (args.dir / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("tokenise: spacy.blank('nl') on one process; run: `leersignalen run --processes N` end to end;")
    print(f"peak MiB: largest process of the run (ru_maxrss); results in {args.dir / 'results.json'}")


if __name__ == "__main__":
    main()
