"""Negation scope look-ups: the indexed ClauseScope decides exactly as a plain scan over every cue does."""

from __future__ import annotations

import random

from leersignalen.tag.scope import ClauseScope


def scan(scope: ClauseScope, start, end, *, rule_has_cue, window_before, window_after) -> bool:
    """The reference: every cue and postcue, every frame, every token between (as documented in scope.py)."""
    for (cue_start, cue_end), reaches_back in [(c, False) for c in scope.cues] + [(c, True) for c in scope.postcues]:
        if any(first < end and stop > start and stop <= cue_start for first, stop in scope.frames):
            continue
        if cue_start < end and cue_end > start:
            if not rule_has_cue:
                return True
            continue
        if cue_end <= start:
            gap, between, window = start - cue_end, range(cue_end, start + 1), window_before
        elif cue_start >= end:
            between = range(min(start + 1, end - 1), cue_start)
            gap, window = cue_start - end, len(between) + 1 if reaches_back else window_after
        else:
            continue
        if gap <= window and not scope.boundaries.intersection(between):
            return True
    return False


def spans(rng: random.Random, count: int, length: int) -> list[tuple[int, int]]:
    starts = [rng.randrange(length) for _ in range(count)]
    return [(start, min(length, start + rng.randint(1, 3))) for start in starts]


def test_the_indexed_scope_agrees_with_a_scan_on_random_sentences():
    rng = random.Random(7)
    for _ in range(400):
        length = rng.randint(2, 60)
        scope = ClauseScope.from_spans({
            "cue": spans(rng, rng.randint(0, 6), length), "postcue": spans(rng, rng.randint(0, 3), length),
            "frame": spans(rng, rng.randint(0, 3), length), "boundary": spans(rng, rng.randint(0, 5), length),
            "pseudo": spans(rng, rng.randint(0, 1), length),
        })  # fmt: skip
        for start, end in spans(rng, 8, length):
            for rule_has_cue in (False, True):
                settings = {"rule_has_cue": rule_has_cue, "window_before": rng.randint(0, 6),
                            "window_after": rng.randint(0, 4)}  # fmt: skip
                assert scope.negated(start, end, **settings) == scan(scope, start, end, **settings)


def test_a_sentence_of_twelve_thousand_words_is_scoped_in_near_linear_steps():
    count = 4000
    scope = ClauseScope.from_spans({"cue": [(3 * i, 3 * i + 1) for i in range(count)],
                                    "frame": [(3 * i + 1, 3 * i + 2) for i in range(count)]})  # fmt: skip
    calls = 0
    original = scope._in_frame_content

    def counting(*args):
        nonlocal calls
        calls += 1
        return original(*args)

    scope._in_frame_content = counting
    for i in range(count):
        scope.negated(3 * i + 2, 3 * i + 3, rule_has_cue=False, window_before=3, window_after=2)
    assert calls <= 4 * count  # a scan over every cue made count * count = 16 million calls
