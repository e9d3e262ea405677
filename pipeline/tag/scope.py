"""Negation scope within one sentence: which cues deny which lexicon matches.

The entries come from ``lexicons/negation.tsv`` (see docs/lexicon.md, "Negation scope"):

- ``cue`` (niet, geen, nooit, ontbrak ...) denies a match it overlaps or encloses, unless the rule's own
  pattern holds a cue word ("geen tijd"), and a match up to ``window_before`` tokens after it or
  ``window_after`` tokens before it when no clause boundary lies in between;
- ``postcue`` is a clause-final denial ("kwam er niet van", "schoot erbij in", "bleef liggen"): like a cue,
  but it reaches back over any distance to the start of its clause ("Reflectie op het proces van de
  hele groep kwam er deze maand helemaal niet van"); a boundary in between (a comma, "hoe", "die") stops it;
- ``pseudo`` looks like a negation but is not ("niet alleen", "geen wonder"): cues inside it are dropped;
- ``boundary`` ends a clause (comma, maar, omdat, dat ...). A boundary inside the match, after its first
  token ("geleerd dat ik"), also separates the match from a cue after it: the cue is in the next clause;
- ``frame`` opens a lesson or a reported view ("achteraf", "geleerd dat", "het viel me op", "volgens",
  "zij vinden"): a cue after the frame belongs to its content, so it does not deny a match that overlaps
  the frame ("Achteraf gezien hebben we de bewoners niet genoeg betrokken" stays reflectie). A cue before
  or inside the frame still denies it ("Ik heb niet geleerd dat ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass
class ClauseScope:
    """The scope entries found in one sentence, as token spans."""

    cues: list[Span] = field(default_factory=list)
    postcues: list[Span] = field(default_factory=list)
    frames: list[Span] = field(default_factory=list)
    boundaries: set[int] = field(default_factory=set)

    @classmethod
    def from_spans(cls, spans_by_kind: dict[str, list[Span]]) -> ClauseScope:
        """Build from the spans per scope kind; cues and postcues inside a pseudo-negation are dropped."""
        pseudo = spans_by_kind.get("pseudo", [])

        def real(spans: list[Span]) -> list[Span]:
            return [c for c in spans if not any(p[0] <= c[0] and c[1] <= p[1] for p in pseudo)]

        boundaries = {token for first, stop in spans_by_kind.get("boundary", []) for token in range(first, stop)}
        return cls(
            cues=real(spans_by_kind.get("cue", [])),
            postcues=real(spans_by_kind.get("postcue", [])),
            frames=list(spans_by_kind.get("frame", [])),
            boundaries=boundaries,
        )

    def _in_frame_content(self, start: int, end: int, cue_start: int) -> bool:
        """Whether the cue follows a frame that overlaps the match [start, end)."""
        return any(first < end and stop > start and stop <= cue_start for first, stop in self.frames)

    def negated(self, start: int, end: int, *, rule_has_cue: bool, window_before: int, window_after: int) -> bool:
        """Whether a cue or postcue scopes over the match [start, end)."""
        tagged = [(cue, False) for cue in self.cues] + [(cue, True) for cue in self.postcues]
        for (cue_start, cue_end), reaches_back in tagged:
            if self._in_frame_content(start, end, cue_start):
                continue
            if cue_start < end and cue_end > start:
                if not rule_has_cue:
                    return True
                continue
            if cue_end <= start:
                gap, between = start - cue_end, range(cue_end, start + 1)
                window = window_before
            elif cue_start >= end:
                gap, between = cue_start - end, range(min(start + 1, end - 1), cue_start)
                window = len(between) + 1 if reaches_back else window_after
            else:
                continue
            if gap <= window and not self.boundaries.intersection(between):
                return True
        return False
