"""The matching engine and negation scope, on a small fixture lexicon independent of the shipped one."""

from pathlib import Path

import pytest
import spacy
from leersignalen.tag.pipeline import build_pipeline

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "lexicon_fixture"


@pytest.fixture(scope="module")
def fixture_nlp():
    nlp, _ = build_pipeline("blank", lexicon_dir=str(FIXTURE))
    return nlp


def found(nlp, text):
    return [(s.rule_id, s.text, s.negated) for s in nlp(text)._.ls_signals]


def test_lemma_match_and_gap(fixture_nlp):
    assert found(fixture_nlp, "Fatima nam vorige week het initiatief.") == [
        ("eig.initiatief", "nam vorige week het initiatief", False)
    ]


def test_gap_is_limited_to_four_tokens(fixture_nlp):
    assert found(fixture_nlp, "Fatima nam na lang wikken en wegen uiteindelijk het initiatief.") == []


def test_wildcards_and_alternatives(fixture_nlp):
    assert [s[0] for s in found(fixture_nlp, "Ik ben me bewuster geworden van mijn rol.")] == ["refl.bewust"]
    assert [s[0] for s in found(fixture_nlp, "Het werkoverleg begint om negen uur.")] == ["struct.overleg"]
    assert [s[0] for s in found(fixture_nlp, "De KPI's zijn gehaald.")] == ["out.meetbaar"]


@pytest.mark.parametrize(
    "text",
    ["Wij pakken dit zelf op.", "We hebben het zelf opgepakt.", "We besloten het zelf op te pakken.",
     "Zelf oppakken, dat doen we."],
)
def test_separable_verb_forms_with_cooccurrence(fixture_nlp, text):
    assert [s[0] for s in found(fixture_nlp, text)] == ["eig.zelf-oppakken"]


def test_routine_allocation_is_structuur_not_eigenaarschap(fixture_nlp):
    assert [s[0] for s in found(fixture_nlp, "Janita pakt de blogposts op.")] == ["struct.oppakken"]


def test_unless_drops_a_cue_word_in_another_sense(fixture_nlp):
    assert found(fixture_nlp, "Er was een merge conflict in git.") == []
    assert [s[0] for s in found(fixture_nlp, "Er was een conflict tussen de buren.")] == ["schuur.conflict"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Niemand nam het initiatief.", True),
        ("We waren het niet oneens.", True),
        ("Er was geen agenda.", True),
        ("De agenda ontbrak.", True),
        ("Tijd voor een eindrapport was er nooit.", True),
        ("We hadden geen koffie, maar de agenda was helder.", False),
        ("Het was niet alleen gezellig, we waren het ook oneens.", False),
        ("Niet dat het uitmaakt, maar de agenda is verstuurd.", False),
        ("Ik heb niet gemerkt dat er een agenda was.", False),
    ],
)
def test_negation_scope(fixture_nlp, text, negated):
    [signal] = fixture_nlp(text)._.ls_signals
    assert signal.negated is negated


def test_cue_inside_a_gap_negates(fixture_nlp):
    [signal] = fixture_nlp("Fatima nam niet het initiatief.")._.ls_signals
    assert signal.negated


def test_pattern_that_contains_a_cue_is_not_negated_by_it(fixture_nlp):
    [signal] = fixture_nlp("We hebben geen tijd meer.")._.ls_signals
    assert (signal.rule_id, signal.negated) == ("dead.geen-tijd", False)


def test_negated_matches_stay_evidence_but_not_spans(fixture_nlp):
    doc = fixture_nlp("Niemand nam het initiatief. De deadline is vrijdag.")
    assert [s.negated for s in doc._.ls_signals] == [True, False]
    assert [(span.label_, span.id_) for span in doc.spans["leersignalen"]] == [("deadlines", "dead.deadline")]


def test_matches_stay_inside_their_sentence(fixture_nlp):
    doc = fixture_nlp("Fatima nam het woord.\nInitiatief was er genoeg.")
    assert doc._.ls_signals == []


def test_offsets_point_into_the_text(fixture_nlp):
    text = "Notulen\n- De deadline is vrijdag."
    [signal] = fixture_nlp(text)._.ls_signals
    assert text[signal.start_char : signal.end_char] == "deadline"


def test_component_works_in_another_pipeline():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("leersignalen", config={"lexicon_dir": str(FIXTURE)})
    doc = nlp("Achteraf was de agenda te vol.")
    assert {s.rule_id for s in doc._.ls_signals} == {"refl.achteraf", "struct.agenda"}


def test_component_without_sentence_boundaries_treats_doc_as_one_sentence():
    nlp = spacy.blank("nl")
    nlp.add_pipe("leersignalen", config={"lexicon_dir": str(FIXTURE)})
    assert [s.rule_id for s in nlp("De deadline is vrijdag")._.ls_signals] == ["dead.deadline"]


def test_boundary_word_ending_the_match_closes_the_clause(fixture_nlp):
    [signal] = fixture_nlp("Ik heb geleerd dat ik niet alles hoef te weten.")._.ls_signals
    assert (signal.rule_id, signal.negated) == ("refl.geleerd", False)
