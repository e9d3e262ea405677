"""The matching engine and negation scope, on a small fixture lexicon independent of the shipped one."""

from pathlib import Path

import pytest
import spacy
from leersignalen.language.lemmatizer import lemma_data, lemma_of
from leersignalen.tag.heading import heading_kind
from leersignalen.tag.pipeline import build_pipeline
from leersignalen.tag.scope import ClauseScope

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


@pytest.mark.parametrize("text", [
    "Janita pakt de blogposts op.",
    "Janita heeft de blogposts opgepakt.",
    "Janita belooft de blogposts op te pakken.",
    "Omdat Janita de blogposts op pakte, bleef er tijd over.",  # written apart in a subordinate clause
])
def test_separable_verb_in_every_word_order(fixture_nlp, text):
    assert [s[0] for s in found(fixture_nlp, text)] == ["struct.oppakken"]


def test_particle_and_verb_apart_must_be_adjacent(fixture_nlp):
    assert found(fixture_nlp, "Ze zette de dozen op, pakte haar tas en ging.") == []


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


# --- headings, labels and prompts (tag/heading.py) ---------------------------------------------------------



def kind_of(text):
    return heading_kind([t.text for t in spacy.blank("nl")(text)], lemma_of, lemma_data().verbs)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("# Reflectie", "markdown"),
        ("### Wat ging goed", "markdown"),
        ("**Terugblik**", "markdown"),
        ("**Wat ging goed?**", "markdown"),
        ("Wat ik meeneem:", "label"),
        ("Actiepunten:", "label"),
        ("Leerdoel 2:", "label"),
        ("Evaluatie eerste halfjaar.", "title"),
        ("Reflectie na de bijeenkomst van 12 maart", "title"),
        ("3. Notulen vorige vergadering", "title"),
        ("Wat kan beter?", "prompt"),
        ("Wat heb je geleerd?", "prompt"),
    ],
)
def test_headings_labels_titles_and_prompts_are_recognised(text, kind):
    assert kind_of(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb het volgende geleerd:",  # a clause ending in ':'
        "Reflectie kwam er niet van.",  # a finite verb
        "Evaluatie gepland voor 12 maart.",  # a participle: telegraphic content
        "Planning erg krap.",  # second word is not a preposition, date or ordinal
        "- Notulen vorige vergadering vastgesteld.",  # a bullet is content
        "Hoe ervaren bewoners dit?",  # a real question, not a prompt
        "**Backer: ik vind dat we het zo lang mogelijk moeten rekken omdat gemeenten tijd nodig hebben**",
        "**We hebben het goed gedaan**",  # bold, but a clause
        "Aanwezig: Jan en Piet",
    ],
)
def test_content_is_not_taken_for_a_heading(text):
    assert kind_of(text) == ""


@pytest.fixture(scope="module")
def shipped_nlp():
    nlp, _ = build_pipeline("blank")
    return nlp


def test_tagger_skips_heading_sentences_and_records_them(shipped_nlp):
    doc = shipped_nlp("# Reflectie\nIk heb geleerd dat ik eerst moet luisteren.\nActiepunten:\nJan mailt de notulen.")
    assert {s.category for s in doc._.ls_signals} == {"reflectie", "structuur"}
    assert [kind for _, _, kind in doc._.ls_headings] == ["markdown", "label"]
    assert all(s.start >= doc._.ls_headings[0][1] for s in doc._.ls_signals)


# --- negation scope (tag/scope.py) --------------------------------------------------------------------------

WINDOWS = {"window_before": 8, "window_after": 5}


def test_frame_shields_a_match_from_a_cue_in_its_content():
    # "Achteraf gezien hebben we de bewoners niet genoeg betrokken": frame [0, 2), cue 'niet' at 6
    scope = ClauseScope(cues=[(6, 7)], frames=[(0, 2)])
    assert not scope.negated(0, 2, rule_has_cue=False, **WINDOWS)
    # a match that does not overlap the frame is still denied
    assert scope.negated(7, 9, rule_has_cue=False, **WINDOWS)


def test_cue_before_or_inside_the_frame_still_denies():
    # "Ik heb niet geleerd dat": cue at 2, frame/match 'geleerd dat' [3, 5)
    assert ClauseScope(cues=[(2, 3)], frames=[(3, 5)]).negated(3, 5, rule_has_cue=False, **WINDOWS)
    assert ClauseScope(cues=[(3, 4)], frames=[(2, 5)]).negated(2, 5, rule_has_cue=False, **WINDOWS)


def test_boundary_inside_the_match_separates_a_later_cue():
    # "geleerd dat ik niet": boundary 'dat' at 2 inside the match [1, 4), cue at 4
    assert not ClauseScope(cues=[(4, 5)], boundaries={2}).negated(1, 4, rule_has_cue=False, **WINDOWS)
    assert ClauseScope(cues=[(4, 5)]).negated(1, 4, rule_has_cue=False, **WINDOWS)


def test_postcue_reaches_back_over_any_distance_but_not_over_a_boundary():
    far = ClauseScope(postcues=[(12, 15)])
    assert far.negated(0, 1, rule_has_cue=False, **WINDOWS)
    assert not ClauseScope(cues=[(12, 13)]).negated(0, 1, rule_has_cue=False, **WINDOWS)
    assert not ClauseScope(postcues=[(12, 15)], boundaries={6}).negated(0, 1, rule_has_cue=False, **WINDOWS)


def test_pseudo_negation_drops_cues_and_postcues_inside_it():
    scope = ClauseScope.from_spans({"cue": [(3, 4)], "postcue": [(3, 5)], "pseudo": [(2, 6)]})
    assert scope.cues == [] and scope.postcues == []
    assert not scope.negated(0, 1, rule_has_cue=False, **WINDOWS)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Reflectie op het proces van de hele groep kwam er deze maand helemaal niet van.", True),
        ("De evaluatie van het project schoot er bij in.", True),
        ("De terugblik op de samenwerking bleef liggen.", True),
        ("Ik merk dat ik niet goed luister.", False),
        ("Het viel me op dat we de bewoners niet aan het woord lieten.", False),
    ],
)
def test_shipped_scope_entries_on_whole_sentences(shipped_nlp, text, negated):
    reflective = [s for s in shipped_nlp(text)._.ls_signals if s.category == "reflectie"]
    assert reflective and all(s.negated is negated for s in reflective)
