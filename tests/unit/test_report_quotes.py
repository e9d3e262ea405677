"""Evidence quotes on the report page: escaped, marked, and clipped when a sentence is a whole document."""

from leersignalen.report.quotes import CONTEXT, CUT, highlight


def test_a_short_sentence_is_shown_whole_with_its_matches_marked_and_escaped():
    assert highlight("Ik <leerde> dat & meer.", "3-11") == "Ik <mark>&lt;leerde&gt;</mark> dat &amp; meer."


def test_a_long_sentence_keeps_context_around_each_match_and_marks_the_cuts():
    text = "a" * 5000 + "geleerd" + "b" * 5000 + "anders kijken" + "c" * 5000
    first, second = 5000, 5000 + 7 + 5000
    shown = highlight(text, f"{first}-{first + 7};{second}-{second + 13}")
    assert shown.count("<mark>") == 2 and "<mark>geleerd</mark>" in shown and "<mark>anders kijken</mark>" in shown
    assert shown.startswith(CUT + "a" * CONTEXT + "<mark>") and shown.endswith("c" * CONTEXT + CUT)
    assert "b" * CONTEXT + CUT + "b" * CONTEXT in shown and len(shown) < 5 * CONTEXT


def test_a_long_sentence_without_spans_is_cut_after_its_start():
    assert highlight("x" * 10_000, "") == "x" * CONTEXT + CUT
