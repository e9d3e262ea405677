"""``leersignalen lexicon check``: static validation plus every example run through the pipeline."""

from __future__ import annotations

from pathlib import Path

from .lexicon import LARGE_RULE_SEQUENCES, rule_size
from .pipeline import build_pipeline


def check_lexicon(lexicon_dir: Path | None = None, *, model: str = "blank") -> tuple[list[str], int]:
    """Return (problems as ``file:line: problem``, number of rules checked); raises LexiconError on syntax errors."""
    nlp, _ = build_pipeline(model, lexicon_dir=str(lexicon_dir) if lexicon_dir else None)
    tagger = nlp.get_pipe("leersignalen")
    problems: list[str] = []
    examples = [rule.example.replace("\\n", "\n") for rule in tagger.rules]  # a section prompt's heading ends in \n
    for rule, doc in zip(tagger.rules, nlp.pipe(examples), strict=True):
        size = rule_size(rule)
        if size > LARGE_RULE_SEQUENCES:
            problems.append(f"{rule.source}:{rule.line}: rule {rule.id!r} compiles to {size} token sequences (more "
                            f"than {LARGE_RULE_SEQUENCES}), which slows down tagging; split it into several rules")
        own = [signal for signal in doc._.ls_signals if signal.rule_id == rule.id]
        where = f"{rule.source}:{rule.line}"
        if not own and rule.unless and _matches_without_unless(nlp, rule, doc.text):
            problems.append(f"{where}: example is cancelled by the rule's own unless {rule.unless!r}: "
                            f"{rule.example!r}; give an example the rule codes")
        elif not own:
            problems.append(f"{where}: example does not match its own pattern {rule.pattern!r}: {rule.example!r}")
        elif all(signal.negated for signal in own):
            problems.append(f"{where}: example matches {rule.pattern!r} only as negated: {rule.example!r}")
    return problems, len(tagger.rules)


def _matches_without_unless(nlp, rule, example: str) -> bool:
    """Whether ``rule`` codes ``example`` with its unless set aside (the tagger skips no rule without unless parts)."""
    kept, rule.unless_parts = rule.unless_parts, []
    try:
        return any(signal.rule_id == rule.id for signal in nlp(example)._.ls_signals)
    finally:
        rule.unless_parts = kept
