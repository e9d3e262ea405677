"""Write data/real/figures.json: the LOSO figures that tests/regression/test_real_corpus.py holds the code to.

Usage: ``python scripts/real_figures.py [--lexicon-only]``. It scores the committed part of the real corpus (what a
fresh clone has) and, when ``make real-corpus`` has rebuilt it, the complete corpus. Rerun it after a change that
is meant to move the figures, and say why in the commit message.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from leersignalen.learn.blas import pin_kernel

pin_kernel()  # the LOSO fits on the same BLAS kernel as `make model`, before numpy loads

from leersignalen.agreement.corpus import held_back_sources, load_real, real_corpus_file  # noqa: E402
from leersignalen.agreement.evaluate import load_labelled  # noqa: E402
from leersignalen.agreement.loso import coder_agreement, evaluate_loso, feature_inputs, held_back_scores  # noqa: E402
from leersignalen.tag.pipeline import build_pipeline  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "data" / "real" / "figures.json"


def figures(path: Path, nlp, *, classifier: bool, base) -> dict:
    sentences = load_real(path)
    base_inputs = feature_inputs(nlp, [row.text for row in base]) if classifier else []
    results, chosen = evaluate_loso(sentences, nlp, base_inputs=base_inputs, base_labels=[row.labels for row in base],
                                    classifier=classifier)
    agreement = {row.category: round(row.alpha, 4) for row in coder_agreement(sentences, resamples=0)
                 if row.category not in ("micro", "macro", "neutral")}
    return {
        "sentences": len(sentences),
        "sources": len({s.source for s in sentences}),
        "coders_alpha": agreement,
        "methods": {r.method: {"macro_f1": round(r.macro_f1, 4),
                               "neutral_false_positive_rate": round(r.neutral_false_positive_rate, 4),
                               "f1": {s.category: round(s.f1, 4) if s.f1 == s.f1 else None for s in r.scores},
                               "alpha": {c: round(a, 4) if a == a else None for c, a in r.alpha.items()}}
                    for r in results},
        "per_category_choice": chosen,
        "held_back": {r.method: {"macro_f1": round(r.macro_f1, 4), "sentences": len(r.predictions),
                                 "neutral_false_positive_rate": round(r.neutral_false_positive_rate, 4),
                                 "f1": {s.category: round(s.f1, 4) if s.f1 == s.f1 else None for s in r.scores}}
                      for r in held_back_scores(results, sentences, held_back_sources())},
    }


def main(argv: list[str]) -> int:
    classifier = "--lexicon-only" not in argv
    nlp, _ = build_pipeline("blank")
    base = load_labelled(split="all")
    result = {"committed": figures(real_corpus_file(local=False), nlp, classifier=classifier, base=base)}
    if real_corpus_file() != real_corpus_file(local=False):
        result["complete"] = figures(real_corpus_file(), nlp, classifier=classifier, base=base)
    OUT.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({k: {m: v["macro_f1"] for m, v in r["methods"].items()} for k, r in result.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
