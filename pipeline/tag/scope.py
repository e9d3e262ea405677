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

from bisect import bisect_left, bisect_right
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

    def __post_init__(self):
        self._index()

    def _index(self) -> None:
        """Sorted copies for look-ups by position, so a long sentence costs n log n, not n³."""
        self._cues = sorted(self.cues)
        self._cue_starts = [cue[0] for cue in self._cues]
        self._postcues = sorted(self.postcues)
        self._postcue_starts = [cue[0] for cue in self._postcues]
        self._frames = sorted(self.frames)
        self._frame_starts = [frame[0] for frame in self._frames]
        self._boundary_list = sorted(self.boundaries)
        self._longest = max((stop - first for first, stop in (*self.cues, *self.postcues, *self.frames)), default=0)

    def _boundary_in(self, first: int, stop: int) -> bool:
        """Whether a clause boundary lies in the tokens [first, stop)."""
        index = bisect_left(self._boundary_list, first)
        return index < len(self._boundary_list) and self._boundary_list[index] < stop

    def _in_frame_content(self, start: int, end: int, cue_start: int) -> bool:
        """Whether the cue follows a frame that overlaps the match [start, end)."""
        low = bisect_left(self._frame_starts, start - self._longest)
        high = bisect_left(self._frame_starts, end)
        return any(stop > start and stop <= cue_start for _, stop in self._frames[low:high])

    def _candidates(self, start: int, end: int, window_before: int, window_after: int):
        """The cues and postcues that can reach the match [start, end): near it, or (postcues) up to the next
        boundary after it; each with whether it reaches back over any distance."""
        low = start - window_before - self._longest
        after = bisect_left(self._boundary_list, min(start + 1, end - 1))
        next_boundary = self._boundary_list[after] if after < len(self._boundary_list) else None
        for spans, starts, reaches_back, high in (
            (self._cues, self._cue_starts, False, end + window_after),
            (self._postcues, self._postcue_starts, True, None if next_boundary is None else max(end, next_boundary)),
        ):
            first = bisect_left(starts, low)
            last = len(starts) if high is None else bisect_right(starts, high)
            for cue in spans[first:last]:
                yield cue, reaches_back

    def negated(self, start: int, end: int, *, rule_has_cue: bool, window_before: int, window_after: int) -> bool:
        """Whether a cue or postcue scopes over the match [start, end)."""
        for (cue_start, cue_end), reaches_back in self._candidates(start, end, window_before, window_after):
            if self._in_frame_content(start, end, cue_start):
                continue
            if cue_start < end and cue_end > start:
                if not rule_has_cue:
                    return True
                continue
            if cue_end <= start:
                gap, first, stop = start - cue_end, cue_end, start + 1
                window = window_before
            elif cue_start >= end:
                first, stop = min(start + 1, end - 1), cue_start
                gap = cue_start - end
                window = max(0, stop - first) + 1 if reaches_back else window_after
            else:
                continue
            if gap <= window and not self._boundary_in(first, stop):
                return True
        return False
