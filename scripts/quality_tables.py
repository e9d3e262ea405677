"""Print the markdown tables of docs/quality.md and the README from data/real/figures.json (no figure typed by hand)."""

from __future__ import annotations

import json
from pathlib import Path

FIGURES = json.loads((Path(__file__).resolve().parent.parent / "data" / "real" / "figures.json").read_text("utf-8"))
ORDER = ("perspectiefname", "schuring", "eigenaarschap", "reflectie", "structuur", "output", "deadlines")
SHORT = {"lexicon": "lexicon", "classifier[text+lexicon]": "classifier", "classifier[text+lexicon] OR lexicon":
         "classifier OR lexicon", "classifier[text+lexicon] AND lexicon": "classifier AND lexicon",
         "per-category choice": "best per category*"}


def cell(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(part: str) -> str:
    data = FIGURES[part]
    methods = list(data["methods"])
    lines = ["| category | coders' α | " + " | ".join(SHORT.get(m, m) for m in methods) + " |",
             "|---|---|" + "---|" * len(methods)]
    for category in ORDER:
        lines.append(f"| {category} | {cell(data['coders_alpha'][category])} | "
                     + " | ".join(cell(data["methods"][m]["f1"][category]) for m in methods) + " |")
    macro = [f"**{data['methods'][m]['macro_f1']:.2f}**" for m in methods]
    lines.append("| **macro-F1** | | " + " | ".join(macro) + " |")
    lines.append("| neutral sentences labelled | | " + " | ".join(
        f"{data['methods'][m]['neutral_false_positive_rate']:.1%}" for m in methods) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    for part in FIGURES:
        print(f"### {part}: {FIGURES[part]['sentences']} sentences, {FIGURES[part]['sources']} sources\n")
        print(table(part) + "\n")
