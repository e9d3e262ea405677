"""Sentence segmentation of notes: punctuation, abbreviations, line breaks and the hard-breaks-only mode."""

from __future__ import annotations

import leersignalen.language.segmenter  # noqa: F401
import pytest
import spacy


def make_nlp(**config):
    nlp = spacy.blank("nl")
    nlp.add_pipe("leersignalen_segmenter", config=config)
    return nlp


@pytest.fixture(scope="module")
def segmenter_nlp():
    return make_nlp()


def sentences(nlp, text: str) -> list[str]:
    return [sentence.text.strip() for sentence in nlp(text).sents]


def test_final_punctuation_before_capital_digit_or_quote(segmenter_nlp):
    text = 'We zijn gestart. Het ging goed! 12 mensen kwamen. "Top," zei Jan. Wat nu?! Echt... Ja.'
    assert sentences(segmenter_nlp, text) == [
        "We zijn gestart.", "Het ging goed!", "12 mensen kwamen.", '"Top," zei Jan.', "Wat nu?!", "Echt...",
        "Ja.",
    ]


def test_no_break_before_lowercase_or_inside_numbers(segmenter_nlp):
    assert len(sentences(segmenter_nlp, "Hij zei... nou ja, niets. Versie 2.5 is klaar.")) == 2


@pytest.mark.parametrize(
    "abbreviation",
    ["dhr.", "mevr.", "mw.", "o.a.", "i.p.v.", "bijv.", "d.w.z.", "m.b.t.", "t.a.v.", "e.d.", "enz.", "etc.",
     "nr.", "ca.", "z.s.m.", "a.s.", "resp.", "incl.", "excl.", "vs.", "jl.", "Drs.", "Dr.", "prof.", "ir."],
)
def test_no_break_after_abbreviations(segmenter_nlp, abbreviation):
    assert len(sentences(segmenter_nlp, f"We spraken met {abbreviation} Jansen over 3 punten. Klaar.")) == 2


def test_closing_quotes_stay_with_their_sentence(segmenter_nlp):
    text = "Ze zei: ,,Dit werkt niet.'' Daarna bleef het stil. (Dat klopt.) Goed zo."
    assert sentences(segmenter_nlp, text) == [
        "Ze zei: ,,Dit werkt niet.''", "Daarna bleef het stil.", "(Dat klopt.)", "Goed zo.",
    ]


def test_bullets_headings_and_numbered_items_start_sentences(segmenter_nlp):
    text = "# Overleg wijkteam\nPunten\n- agenda vastgesteld\n* notulen goedgekeurd\n• actielijst\n" \
           "1. eerste punt\n2) tweede punt\na) deelpunt"
    assert sentences(segmenter_nlp, text) == [
        "# Overleg wijkteam", "Punten", "- agenda vastgesteld", "* notulen goedgekeurd", "• actielijst",
        "1. eerste punt", "2) tweede punt", "a) deelpunt",
    ]


def test_speaker_prefixes_start_sentences(segmenter_nlp):
    text = "Zoë: ik vond het lastig\nMehmet K.: klopt, wij ook\nAnne van Dijk: eens"
    assert sentences(segmenter_nlp, text) == ["Zoë: ik vond het lastig", "Mehmet K.: klopt, wij ook",
                                              "Anne van Dijk: eens"]


def test_wrapped_prose_is_joined_but_other_newlines_break(segmenter_nlp):
    text = (
        "We hebben lang gesproken over de manier\nwaarop bewoners worden betrokken.\n"
        "volgende keer beter\nAfsluiting"
    )
    assert sentences(segmenter_nlp, text) == [
        "We hebben lang gesproken over de manier\nwaarop bewoners worden betrokken.",
        "volgende keer beter", "Afsluiting",
    ]


def test_blank_line_always_breaks(segmenter_nlp):
    assert sentences(segmenter_nlp, "eerste gedachte zonder punt\n\nen nog een") == [
        "eerste gedachte zonder punt", "en nog een",
    ]


def test_whitespace_tokens_never_start_a_sentence(segmenter_nlp):
    doc = segmenter_nlp("Klaar.\n\n  - punt een\n   - punt twee  \n\nSlot.  Echt.")
    starts = [token for token in doc if token.is_sent_start]
    assert starts[0].i == 0
    assert all(not token.is_space for token in starts[1:])
    assert [token.text for token in starts[1:]] == ["-", "-", "Slot", "Echt"]


def test_every_token_is_decided_in_default_mode(segmenter_nlp):
    doc = segmenter_nlp("Eerste zin. Tweede zin\nmet vervolg.")
    assert all(token.is_sent_start is not None for token in doc)


def test_hard_breaks_only_leaves_the_rest_to_a_model():
    nlp = make_nlp(hard_breaks_only=True)
    doc = nlp("Eerste zin. Tweede zin\nDerde regel\n- een bullet. Met tekst\n\nNa een witregel\nZoë: hoi")
    decided = {token.text: token.is_sent_start for token in doc if token.is_sent_start is not None}
    assert decided == {"-": True, "Na": True, "Zoë": True}


def test_empty_and_whitespace_only_docs(segmenter_nlp):
    assert len(segmenter_nlp("")) == 0
    assert len(list(segmenter_nlp("\n\n").sents)) == 1


def test_heading_line_ends_its_sentence_even_before_lowercase(segmenter_nlp):
    text = "## Wat ging goed\nde samenwerking liep prima\n### Kopje\nen nog meer"
    assert sentences(segmenter_nlp, text) == ["## Wat ging goed", "de samenwerking liep prima", "### Kopje",
                                              "en nog meer"]


def test_a_numbered_heading_is_one_unit(segmenter_nlp):
    text = ("Inleiding.\n\n## 1. Code en platform\nIk heb gewerkt.\n### 2) Wat ging goed\n"
            "We kregen een 1. Dat viel tegen.")
    assert sentences(segmenter_nlp, text) == ["Inleiding.", "## 1. Code en platform", "Ik heb gewerkt.",
                                              "### 2) Wat ging goed", "We kregen een 1.", "Dat viel tegen."]


def test_line_ending_in_colon_is_its_own_unit(segmenter_nlp):
    assert sentences(segmenter_nlp, "Wat ik meeneem:\nik moet eerder beginnen.") == [
        "Wat ik meeneem:", "ik moet eerder beginnen.",
    ]
    assert len(sentences(segmenter_nlp, "Actie: Piet mailt\nde wethouder")) == 1


@pytest.mark.parametrize("word", ["me", "ze", "er", "hem", "mij", "op", "af", "al", "pas"])
def test_sentence_ends_after_short_words(segmenter_nlp, word):
    assert len(sentences(segmenter_nlp, f"Dat kwam {word}. We gaan zelf verder.")) == 2


def test_short_words_are_split_from_the_dot_but_abbreviations_stay():
    doc = make_nlp()("Dat raakte me. Bijv. dit, o.a. dat en ca. 8 mensen, nr. 5, d.w.z. t.z.t. m.b.t. dhr. Jansen.")
    texts = [token.text for token in doc]
    assert texts[:4] == ["Dat", "raakte", "me", "."]
    assert {"Bijv.", "o.a.", "ca.", "nr.", "d.w.z.", "t.z.t.", "m.b.t.", "dhr."} <= set(texts)
