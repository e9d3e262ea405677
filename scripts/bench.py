"""Benchmark: words per second of `leersignalen run` against spaCy baselines, peak memory, CPU seconds per stage.

The corpus: notes of 5-15 lines, each line a sentence of the UD Dutch treebanks (``../shared/ud-dutch``, drawn
without replacement until the treebank is used up, so the vocabulary is that of real Dutch text) or, one line
in three, a line of the sample notes (titles, attendance lines, bullets, prose with signals). Without the
treebanks only the sample lines are used and the table says so.

Measured over the same texts, in one run (the machine's load shifts all rates alike, not their ratios):

- bare: ``spacy.blank("nl")`` tokenisation, ``nlp.pipe(batch_size=256)``, warm (built, one warm-up pass over
  the first 2,000 notes);
- stock: spaCy's stock ``blank("nl")`` + ``sentencizer`` + lookup ``lemmatizer`` (spacy-lookups-data), warm;
- run: ``leersignalen run --model blank`` end to end as a child process (start-up, reading, tagging, CSV
  writing; ``--no-trends``), with ``--processes 1`` and ``2`` (and ``--classifier default`` with ``--classifier``);
- stages: one in-process run with every pipeline component timed (CPU seconds of this process);
- start-up: `leersignalen run` over one note, with and without ``-q`` (the fastest of 3 runs).

Ratios are run words/s divided by stock (target >= 1.0) and by bare words/s. Results go to bench/results.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UD_DIR = REPO.parent / "shared" / "ud-dutch"
SAMPLE_FILES = ("wijkteam_noord.csv", "energiecooperatie_zonnedak.csv", "leeratelier_zorg.jsonl", "logboeken")
WARM_NOTES = 2000
SAMPLE_SHARE = 1 / 3
# Linux keeps the memory high-water mark of a process across fork and exec, so a child started straight from
# this process (which holds the whole corpus for the baselines) would report at least this process's size. The
# launcher is a small Python process that starts the command, waits for it and prints its wall time and usage.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(json.dumps({"seconds": time.perf_counter() - start, "status": os.waitstatus_to_exitcode(status),
                  "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}))
"""


def measured(command: list[str], *, quiet: bool = False) -> dict:
    """Wall and CPU seconds and peak memory (MiB, largest process) of ``command``, started by the launcher."""
    report = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=REPO, check=True, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL if quiet else None)  # fmt: skip
    result = json.loads(report.stdout.strip().splitlines()[-1])
    if result.pop("status") != 0:
        raise SystemExit(f"{' '.join(command[:5])} ... failed")
    return result


def sample_lines() -> list[str]:
    """Lines of the sample notes (titles, attendance, bullets, prose): a realistic mix of signal and neutral."""
    from leersignalen.read.ingest import Record
    from leersignalen.read.inputs import read_inputs

    inputs = [REPO / "data" / "sample" / name for name in SAMPLE_FILES]
    lines = [
        line.strip()
        for item in read_inputs([path for path in inputs if path.exists()])
        if isinstance(item, Record)
        for line in item.text.splitlines()
        if line.strip() and not line.startswith("---")
    ]
    if not lines:
        raise SystemExit("bench: data/sample/ is missing; it is a source of the generated corpus")
    return lines


def treebank_sentences(folder: Path = UD_DIR) -> list[str]:
    """The ``# text =`` lines of every .conllu file in ``folder`` (empty when there is none)."""
    sentences = []
    for path in sorted(folder.glob("*.conllu")):
        with open(path, encoding="utf-8") as handle:
            sentences += [line[9:].strip() for line in handle if line.startswith("# text = ")]
    return sentences


def make_corpus(path: Path, words: int, seed: int = 7) -> dict:
    """Write a CSV of notes with about ``words`` words; return notes, words and the share of distinct forms."""
    rng = random.Random(seed)
    lines = sample_lines()
    treebank = treebank_sentences()
    pool: list[str] = []
    communities = [f"gemeenschap-{n:02d}" for n in range(12)]
    total = notes = 0
    first_forms: set[str] = set()
    first_words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "community", "date", "text"])
        while total < words:
            chosen = []
            for _ in range(rng.randint(5, 15)):
                if treebank and rng.random() > SAMPLE_SHARE:
                    if not pool:
                        pool = treebank[:]
                        rng.shuffle(pool)
                    chosen.append(pool.pop())
                else:
                    chosen.append(rng.choice(lines))
            text = "\n".join(chosen)
            tokens = text.split()
            if first_words < 100_000:
                first_forms.update(tokens[: 100_000 - first_words])
                first_words += min(len(tokens), 100_000 - first_words)
            notes += 1
            total += len(tokens)
            day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            writer.writerow([f"n{notes:07d}", rng.choice(communities), day, text])
    distinct = round(len(first_forms) / max(1, first_words), 3)
    return {"notes": notes, "words": total, "distinct_share_first_100k": distinct, "treebank": bool(treebank)}


def read_texts(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def timed_pipe(nlp, texts: list[str]) -> tuple[float, int]:
    """Wall seconds and words of ``nlp.pipe(texts, batch_size=256)`` after a warm-up pass."""
    from spacy.attrs import IS_PUNCT, IS_SPACE

    for _ in nlp.pipe(texts[:WARM_NOTES], batch_size=256):
        pass
    words = 0
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=256):
        words += sum(1 for p, s in doc.to_array([IS_PUNCT, IS_SPACE]).tolist() if not p and not s)
    return time.perf_counter() - start, words


def baselines(path: Path) -> dict:
    """Words per second of bare tokenisation and of the stock sentencizer + lookup lemmatizer pipeline."""
    import spacy

    texts = read_texts(path)
    bare_seconds, words = timed_pipe(spacy.blank("nl"), texts)
    stock = spacy.blank("nl")
    stock.add_pipe("sentencizer")
    stock.add_pipe("lemmatizer", config={"mode": "lookup"})
    stock.initialize()
    stock_seconds, _ = timed_pipe(stock, texts)
    return {"bare_words_per_s": words / bare_seconds, "stock_words_per_s": words / stock_seconds}


def run_end_to_end(path: Path, out: Path, processes: int, classifier: str | None = None) -> dict:
    """Wall seconds, CPU seconds, words and peak memory (MiB, largest process) of `leersignalen run`."""
    command = [sys.executable, "-m", "leersignalen", "run", str(path), "--out", str(out), "--model", "blank", "-q",
               "--no-trends", "--processes", str(processes)]  # fmt: skip
    if classifier:
        command += ["--classifier", classifier]
    result = measured(command)
    with open(out / "notes.csv", encoding="utf-8", newline="") as handle:
        result["words"] = sum(int(row["words"]) for row in csv.DictReader(handle))
    return result


def start_up(work: Path, runs: int = 3) -> dict:
    """Wall and CPU seconds of `leersignalen run` over one note (start-up: imports, building the pipeline).

    The fastest of ``runs`` runs, with and without the summary table (``-q``); ``--no-trends`` as in the other runs.
    """
    note = work / "one_note.csv"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text("id,community,date,text\nn1,wijk,2025-03-04,Ik heb geleerd dat ik eerst moet luisteren.\n",
                    encoding="utf-8")  # fmt: skip
    result = {}
    for label, extra in (("start-up, one note", []), ("start-up, one note, -q", ["-q"])):
        best = None
        for _ in range(runs):
            command = [sys.executable, "-m", "leersignalen", "run", str(note), "--out", str(work / "out_one_note"),
                       "--no-trends", *extra]  # fmt: skip
            timing = measured(command, quiet=True)
            if best is None or timing["seconds"] < best["seconds"]:
                best = timing
        result[label] = best
    return result


class TimedComponent:
    """A pipeline component (or the tokenizer) that adds its CPU time to a shared table."""

    def __init__(self, name: str, component, table: dict[str, float]):
        self.name, self.component, self.table = name, component, table

    def __call__(self, doc):
        start = time.process_time()
        result = self.component(doc)
        self.table[self.name] = self.table.get(self.name, 0.0) + time.process_time() - start
        return result


def stage_seconds(path: Path, out: Path) -> dict[str, float]:
    """CPU seconds per stage of one in-process run: reading, tokenizer, each component, the rest (rows, CSV)."""
    from leersignalen.read.inputs import read_inputs
    from leersignalen.run.batch import RunOptions, run_pipeline
    from leersignalen.tag.pipeline import build_pipeline

    start = time.process_time()
    nlp, info = build_pipeline("blank")
    table: dict[str, float] = {"build pipeline": time.process_time() - start}
    start = time.process_time()
    for _ in read_inputs([path]):
        pass
    table["read inputs"] = time.process_time() - start
    nlp.tokenizer = TimedComponent("tokenizer", nlp.tokenizer, table)
    nlp._components = [(name, TimedComponent(name, proc, table)) for name, proc in nlp._components]
    start = time.process_time()
    run_pipeline(RunOptions(inputs=[path], out=out, model="blank"), nlp_and_info=(nlp, info))
    total = time.process_time() - start
    measured = sum(seconds for name, seconds in table.items() if name != "build pipeline")
    table["rest (sentences, rows, CSV)"] = total - measured
    table["total run"] = total
    return {name: round(seconds, 2) for name, seconds in table.items()}


def measure(words: int, work: Path, *, classifier: bool) -> dict:
    corpus = work / f"corpus_{words}.csv"
    facts = make_corpus(corpus, words)
    result = {"target_words": words, **facts, **baselines(corpus)}
    runs = [("1 process", 1, None), ("2 processes", 2, None)]
    if classifier:
        runs.append(("1 process, --classifier default", 1, "default"))
    result["runs"] = []
    for label, processes, model in runs:
        run = run_end_to_end(corpus, work / f"out_{words}_{processes}{'_c' if model else ''}", processes, model)
        rate = run["words"] / run["seconds"]
        run.update(label=label, words_per_s=rate, vs_stock=rate / result["stock_words_per_s"],
                   vs_bare=rate / result["bare_words_per_s"])  # fmt: skip
        result["runs"].append(run)
    one = result["runs"][0]["words_per_s"]
    for run in result["runs"]:
        run["vs_one_process"] = run["words_per_s"] / one
    result["stages"] = stage_seconds(corpus, work / f"out_{words}_stages")
    result["start_up"] = start_up(work)
    return result


def print_result(result: dict) -> None:
    source = "UD Dutch + sample lines" if result["treebank"] else "sample lines only (no ../shared/ud-dutch)"
    print(f"\n{result['words']:,} words, {result['notes']:,} notes ({source}); distinct forms in the first 100k "
          f"words: {result['distinct_share_first_100k']:.1%}")
    print(f"bare blank('nl') tokenisation: {result['bare_words_per_s']:,.0f} words/s; "
          f"stock blank + sentencizer + lookup lemmatizer: {result['stock_words_per_s']:,.0f} words/s")
    print(f"{'run':<34} {'words/s':>9} {'vs stock':>8} {'vs bare':>8} {'vs 1 proc':>9} {'wall s':>7} {'CPU s':>6} "
          f"{'peak MiB':>8}")  # fmt: skip
    for run in result["runs"]:
        print(f"{run['label']:<34} {run['words_per_s']:>9,.0f} {run['vs_stock']:>8.2f} {run['vs_bare']:>8.3f} "
              f"{run['vs_one_process']:>9.2f} {run['seconds']:>7.1f} {run['cpu_seconds']:>6.1f} "
              f"{run['peak_mib']:>8.0f}")  # fmt: skip
    for label, run in result["start_up"].items():
        print(f"{label:<34} wall {run['seconds']:.2f} s, CPU {run['cpu_seconds']:.2f} s, "
              f"peak {run['peak_mib']:.0f} MiB (fastest of 3)")  # fmt: skip
    print("CPU seconds per stage (one process, in-process run):")
    for name, seconds in result["stages"].items():
        print(f"  {name:<30} {seconds:>7.2f}")


def main() -> None:
    """Generate the corpora, measure, print a table per size and write bench/results.json."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, action="append", help="corpus size in words (repeatable)")
    parser.add_argument("--dir", type=Path, default=REPO / "bench", help="work folder (corpora, outputs)")
    parser.add_argument("--classifier", action="store_true", help="also time `run --classifier default`")
    args = parser.parse_args()
    results = []
    for words in args.words or [1_000_000]:
        results.append(measure(words, args.dir, classifier=args.classifier))
        print_result(results[-1])
    args.dir.mkdir(parents=True, exist_ok=True)
    (args.dir / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nresults in {args.dir / 'results.json'}; peak MiB: largest process of the run (ru_maxrss)")


if __name__ == "__main__":
    main()
