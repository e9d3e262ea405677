"""Rebuild the texts of the real corpus that may not be redistributed, from local clones of their repositories.

``data/real/sentences.tsv`` carries every sentence's labels, a pointer (source, document, character offsets) and
the SHA-256 of its text; the text itself only where the source's licence allows it. This script reads each
non-redistributable source at its recorded commit from a clone under ``--clones DIR`` (``DIR/owner+name``,
``DIR/owner/name`` or ``DIR/name``, bare or with a work tree), cuts the documents and sentences at their offsets,
checks every hash, and writes the complete corpus to ``data/real/local/sentences.tsv`` (ignored by git). It says
which sources are missing and which sentences do not match.

Usage: ``python scripts/real_corpus.py --clones DIR`` (``make real-corpus CLONES=DIR``).
Clone a source with ``git clone https://github.com/OWNER/NAME DIR/OWNER+NAME``; see data/real/SOURCES.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
from pathlib import Path

REAL = Path(__file__).resolve().parent.parent / "data" / "real"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_clone(clones: Path, repo: str) -> Path | None:
    owner, name = repo.split("/", 1)
    for candidate in (clones / f"{owner}+{name}", clones / owner / name, clones / name):
        if candidate.is_dir():
            return candidate
    return None


def git_dirs(clone: Path) -> list[Path]:
    """The clone itself, its .git, or a git folder one level down (as some mirror tools lay them out)."""
    nested = [p for p in sorted(clone.iterdir()) if p.is_dir() and (p / "HEAD").is_file() and (p / "objects").is_dir()]
    return [clone / ".git", clone, *nested]


def file_at(clone: Path, commit: str, path: str) -> str | None:
    for git_dir in git_dirs(clone):
        result = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"], capture_output=True,
                                check=False)
        if result.returncode == 0:
            return result.stdout.decode("utf-8")
    return None


def rebuild(clones: Path, out: Path) -> int:
    sources = {row["id"]: row for row in read_tsv(REAL / "sources.tsv")}
    documents = {(row["source"], row["doc"]): row for row in read_tsv(REAL / "documents.tsv")}
    sentences = read_tsv(REAL / "sentences.tsv")
    texts: dict[tuple[str, str], str] = {}
    missing: dict[str, str] = {}
    for (source_id, doc), document in documents.items():
        source = sources[source_id]
        if source["redistributable"] == "yes" or source_id in missing:
            continue
        clone = find_clone(clones, source["repo"])
        content = file_at(clone, source["commit"], document["path"]) if clone else None
        if content is None:
            missing[source_id] = f"no clone of {source['repo']} at {source['commit'][:12]} under {clones}"
            continue
        text = content[int(document["start"]):int(document["end"])]
        if sha256(text) != document["sha256"]:
            missing[source_id] = f"{document['path']} at {source['commit'][:12]} differs from the recorded text"
            continue
        texts[(source_id, doc)] = text
    rebuilt = mismatched = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sentences[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for row in sentences:
            key = (row["source"], row["doc"])
            if not row["text"] and key in texts:
                text = texts[key][int(row["start"]):int(row["end"])]
                if sha256(text) == row["sha256"]:
                    row = {**row, "text": text}
                    rebuilt += 1
                else:
                    mismatched += 1
            writer.writerow(row)
    committed = sum(1 for row in sentences if row["text"])
    print(f"{committed} sentences with committed text, {rebuilt} rebuilt from clones, "
          f"{len(sentences) - committed - rebuilt} still without text; wrote {out}")
    for source_id, reason in sorted(missing.items()):
        print(f"missing {source_id}: {reason}")
    if mismatched:
        print(f"{mismatched} sentences did not match their hash and were left without text")
    return 0 if not mismatched else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clones", type=Path, required=True, help="folder with clones of the source repositories")
    parser.add_argument("--out", type=Path, default=REAL / "local" / "sentences.tsv", help="file to write")
    arguments = parser.parse_args()
    return rebuild(arguments.clones, arguments.out)


if __name__ == "__main__":
    sys.exit(main())
