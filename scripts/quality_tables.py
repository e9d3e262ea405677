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


def held_back_table(part: str) -> str:
    """F1 per category of every method on the sources held back from rule writing."""
    held = FIGURES[part]["held_back"]
    methods = list(held)
    lines = ["| category | " + " | ".join(SHORT.get(m, m) for m in methods) + " |", "|---|" + "---|" * len(methods)]
    for category in ORDER:
        lines.append(f"| {category} | " + " | ".join(cell(held[m]["f1"][category]) for m in methods) + " |")
    lines.append("| **macro-F1** | " + " | ".join(f"**{held[m]['macro_f1']:.2f}**" for m in methods) + " |")
    lines.append("| neutral sentences labelled | " + " | ".join(
        f"{held[m]['neutral_false_positive_rate']:.1%}" for m in methods) + " |")
    return "\n".join(lines)


def alpha_table(part: str, methods=("lexicon", "classifier[text+lexicon] OR lexicon")) -> str:
    """Krippendorff's alpha of methods against the adjudicated gold, next to the coders' alpha."""
    data = FIGURES[part]
    lines = ["| category | coders' α | " + " | ".join(f"{SHORT.get(m, m)} α" for m in methods) + " |",
             "|---|---|" + "---|" * len(methods)]
    for category in ORDER:
        lines.append(f"| {category} | {cell(data['coders_alpha'][category])} | "
                     + " | ".join(cell(data["methods"][m]["alpha"][category]) for m in methods) + " |")
    return "\n".join(lines)


def readme_table(part: str = "complete") -> str:
    """The README's table: coders' alpha, the lexicon and the best rule per category, the held-back sources."""
    data = FIGURES[part] if part in FIGURES else FIGURES["committed"]
    lexicon, best = data["methods"]["lexicon"], data["methods"]["per-category choice"]
    held = data["held_back"]["lexicon"]
    lines = ["| category | coders' α | lexicon F1 | best per category F1 | lexicon α | lexicon F1, held-back sources |",
             "|---|---|---|---|---|---|"]
    for category in ORDER:
        lines.append(f"| {category} | {cell(data['coders_alpha'][category])} | {cell(lexicon['f1'][category])} | "
                     f"{cell(best['f1'][category])} | {cell(lexicon['alpha'][category])} | "
                     f"{cell(held.get('f1', {}).get(category))} |")
    lines.append(f"| **macro** | | **{lexicon['macro_f1']:.2f}** | **{best['macro_f1']:.2f}** | | "
                 f"**{held['macro_f1']:.2f}** |")
    lines.append(f"| neutral sentences labelled | | {lexicon['neutral_false_positive_rate']:.1%} | "
                 f"{best['neutral_false_positive_rate']:.1%} | | {held['neutral_false_positive_rate']:.1%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print("README:\n\n" + readme_table() + "\n")
    for part in FIGURES:
        print(f"### {part}: {FIGURES[part]['sentences']} sentences, {FIGURES[part]['sources']} sources\n")
        print(table(part) + "\n")
        print(alpha_table(part) + "\n")
        if "f1" in next(iter(FIGURES[part]["held_back"].values()), {}):
            print(f"held back ({part}):\n\n" + held_back_table(part) + "\n")
