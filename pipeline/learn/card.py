"""The human-readable model card (card.md) and the table of F1 per category for every label rule."""

from __future__ import annotations

from collections.abc import Sequence

from .rules import PER_CATEGORY


def format_rule_table(scores: dict[str, dict], categories: Sequence[str], *, chosen: str = "") -> str:
    """F1 per category (columns) for every rule (rows), with macro- and micro-F1."""
    short = [c[:7] for c in categories]
    width = max(len(name) for name in scores) + 2
    lines = [f"{'rule':<{width}}" + "".join(f"{s:>9}" for s in short) + f"{'macro':>8}{'micro':>8}"]
    for name, score in scores.items():
        marker = " *" if name == chosen else ""
        lines.append(
            f"{name:<{width}}" + "".join(f"{score['per_category'][c]['f1']:>9.3f}" for c in categories)
            + f"{score['macro_f1']:>8.3f}{score['micro_f1']:>8.3f}{marker}"
        )
    return "\n".join(lines)


def rule_text(rule: dict) -> str:
    """One label rule of model.json as the card shows it."""
    return f"**{rule['name']}** (threshold {rule['threshold']})"


def rule_section(title: str, text: str, scores: dict, categories, chosen: str) -> list[str]:
    """A card section: a heading, a sentence and the F1 table of the rules."""
    return [f"## {title}", "", *([text, ""] if text else []), "```",
            format_rule_table(scores, categories, chosen=chosen), "```", ""]


def card_markdown(model: dict) -> str:
    """A human-readable model card."""
    categories = model["categories"]
    training = model.get("training", {})
    cv = model.get("cross_validation", {})
    per_category = model.get("label_rules")
    rule = model["label_rule"] if per_category is None else {"name": PER_CATEGORY}
    lines = [
        "# leersignalen sentence classifier",
        "",
        f"- format: {model['format']} v{model['format_version']}; leersignalen {model['leersignalen_version']}",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in model.get("versions", {}).items()),
        "- label rule: " + (rule_text(rule) if per_category is None else "**one per category** (see below)"),
        f"- features: {', '.join(model['features']['blocks'])} ({model['features']['size']} features)",
        f"- training data: {training.get('sentences', '?')} sentences (split {training.get('split', 'all')}, "
        f"{training.get('neutral', '?')} neutral), "
        f"sha256 {training.get('sha256', '?')}",
        "- sources: " + (", ".join(s["file"] for s in training.get("sources", [])) or "-"),
        "- positives per category: " + ", ".join(f"{c} {n}" for c, n in training.get("per_category", {}).items()),
        f"- lexicon sha256 at training time: {training.get('lexicon_sha256') or '-'}",
        "",
    ]
    if per_category is not None:
        lines += ["## Label rule per category", ""]
        lines += [f"- {category}: {rule_text(per_category[category])}" for category in categories]
        lines += [""]
    chosen = rule["name"]
    if cv:
        lines += rule_section(
            f"Cross-validation ({cv['folds']} folds, seed {cv['seed']}, stratified on the {cv['stratified_on']})",
            f"F1 per category on out-of-fold predictions; the rule was chosen by {cv['chosen_by']}.",
            cv["rules"], categories, chosen)
    loso = model.get("loso")
    if loso:
        lines += rule_section(
            f"Leave-one-source-out on real notes ({loso['sentences']} sentences, {loso['sources']} sources)",
            f"Each source scored by a classifier fitted without it; the rule per category was chosen by "
            f"{loso['chosen_by']}. Macro-F1 and F1 per category:", loso["rules"], categories, chosen)
    heldout = model.get("heldout")
    if heldout:
        lines += rule_section(
            f"Held-out evaluation ({heldout['sentences']} sentences, split '{heldout['split']}', not used for "
            "training or for choosing the rule)", "", heldout["rules"], categories, chosen)
    lines += [
        "## Use",
        "",
        "Load with `leersignalen.learn.model.load_classifier(folder)`; the folder holds JSON and a numeric-only .npz",
        "(read with allow_pickle=False), so loading runs no code. A label the classifier gives without a lexicon",
        "match has no rule behind it: signals.csv still lists the lexicon evidence, so such labels can be told apart.",
        "",
    ]
    return "\n".join(lines)

