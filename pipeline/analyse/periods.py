"""``--period auto``: choose the finest of week, month and quarter at which most periods have enough material.

Rule: a period has *enough material* when it has at least ``min_notes`` [2] notes and ``min_words`` [150] words.
For each candidate (week, then month, then quarter) and each community, count the share of its periods, from its
first to its last dated note and empty periods included, that have enough material. The candidate is chosen when
at least half of the communities reach ``min_share`` [0.6]; when no candidate does, ``quarter`` is used. Periods
that fall short at the chosen size are *thin*: they stay in every table and plot, marked, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

CANDIDATES = ("week", "month", "quarter")
FREQUENCIES = {"week": "W-MON", "month": "M", "quarter": "Q"}


@dataclass(frozen=True)
class PeriodChoice:
    """The chosen period, why, and per candidate the share of communities that met the rule."""

    period: str
    reason: str
    passing: dict[str, float]
    rule: dict | None = None


def material_share(notes: pd.DataFrame, period: str, *, min_notes: int, min_words: int) -> pd.Series:
    """Per community: the share of its periods (first to last, empty ones included) with enough material."""
    dated = notes[notes["date"].notna()]
    keys = dated["date"].dt.to_period(FREQUENCIES[period])
    grouped = dated.assign(key=keys).groupby(["community", "key"]).agg(notes=("note_id", "size"),
                                                                        words=("words", "sum"))
    shares = {}
    for community, group in grouped.groupby(level="community"):
        ordinals = np.array([key.ordinal for key in group.index.get_level_values("key")])
        span = int(ordinals.max() - ordinals.min() + 1)
        enough = int(((group["notes"] >= min_notes) & (group["words"] >= min_words)).sum())
        shares[community] = enough / span
    return pd.Series(shares, dtype=float)


def choose_period(notes: pd.DataFrame, *, min_notes: int = 2, min_words: int = 150,
                  min_share: float = 0.6) -> PeriodChoice:
    """Apply the rule of the module docstring to dated notes (columns community, note_id, date, words)."""
    passing = {}
    for candidate in CANDIDATES:
        shares = material_share(notes, candidate, min_notes=min_notes, min_words=min_words)
        passing[candidate] = float((shares >= min_share).mean()) if len(shares) else 0.0
        if len(shares) and passing[candidate] >= 0.5:
            return PeriodChoice(candidate, (
                f"{candidate}: the finest period at which at least half of the communities have >= "
                f"{min_share:.0%} of their periods with >= {min_notes} notes and >= {min_words} words "
                f"({passing[candidate]:.0%} of the communities do)"), passing,
                {"min_notes": min_notes, "min_words": min_words, "min_share": min_share,
                 "passing": passing[candidate], "fallback": False})
    return PeriodChoice("quarter", (
        f"quarter: no period size gives at least half of the communities >= {min_share:.0%} of their periods "
        f"with >= {min_notes} notes and >= {min_words} words; quarter is the coarsest"), passing,
        {"min_notes": min_notes, "min_words": min_words, "min_share": min_share, "passing": passing["quarter"],
         "fallback": True})
