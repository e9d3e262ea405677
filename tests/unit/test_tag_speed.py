"""The tagger's fast paths give what the plain algorithm gives: separable-verb elements, token look-ups, headings."""

from __future__ import annotations

import pytest
from leersignalen.tag.pipeline import build_pipeline
from spacy.attrs import LEMMA


@pytest.fixture(scope="module")
def shipped():
    nlp, _ = build_pipeline("blank")
    return nlp, nlp.get_pipe("leersignalen").matcher


def joined_reference(matcher, lower: str, lemma: str) -> set[int]:
    """The separable-verb test as it was before the particle index: one check per element."""
    found = set()
    for element, element_id in matcher.element_ids.items():
        if element.kind != "joined":
            continue
        particle, verb = element.value, element.verb
        rest = lower[len(particle):] if lower.startswith(particle) else ""
        whole = lemma == particle + verb or lower == particle + verb
        inflected = len(rest) >= 2 and (matcher.lemma_of(rest) == verb or (
            rest.startswith("ge") and len(rest) > 3 and matcher.lemma_of(rest[2:]) == verb))
        if whole or inflected:
            found.add(element_id)
    return found


def test_the_particle_index_finds_the_separable_verbs_of_the_plain_test(shipped):
    _, matcher = shipped
    joined = [element for element in matcher.element_ids if element.kind == "joined"]
    assert joined, "the shipped lexicon has separable-verb elements"
    words = []
    for element in joined:
        words += [element.value + element.verb, element.value + "ge" + element.verb[:-2] + "d",
                  element.value + "t", element.value + element.verb[:-2] + "t", element.value]
    hits = 0
    for word in words:
        lemma = matcher.lemma_of(word)
        joined_ids = {matcher.element_ids[element] for element in joined}
        found = set(matcher.elements_for(word, lemma)) & joined_ids
        assert found == joined_reference(matcher, word, lemma), word
        hits += bool(found)
    assert hits >= len(joined)


def test_a_form_with_two_lemmas_in_one_doc_gets_the_elements_of_each_pair(shipped):
    nlp, matcher = shipped
    with nlp.select_pipes(disable=["leersignalen"]):
        doc = nlp("We leren veel. Leren kost tijd.")
    lemmas = doc.to_array([LEMMA])
    lemmas[0] = doc.vocab.strings.add("leer")  # "We": a different lemma for a form met before
    lemmas[5] = doc.vocab.strings.add("lering")  # the second "Leren"
    matcher.token_elements(nlp("We leren veel. Leren kost tijd."))  # remember the usual lemmas
    doc.from_array([LEMMA], lemmas.reshape(-1, 1))
    table = matcher.token_elements(doc)
    expected = [matcher.elements_for(token.lower_, token.lemma_.lower() or token.lower_) for token in doc]
    assert table.elements == expected
    assert table.key_tokens() == [i for i, info in enumerate(table.infos) if info[-1]]


def test_every_listed_heading_held_a_match_and_its_matches_are_left_out(shipped):
    from leersignalen.tag.tagger import TokenOffsets

    nlp, matcher = shipped
    tagger = nlp.get_pipe("leersignalen")
    doc = nlp("Agenda:\nWe plannen.\n# Reflectie\nIk heb geleerd dat ik eerst moet luisteren.\nOpmerkingen:\nGeen.")
    assert [kind for _, _, kind in doc._.ls_headings] == ["label", "markdown"]
    table = matcher.token_elements(doc)
    for start, end, _kind in doc._.ls_headings:
        assert tagger._sentence_signals(doc, table, start, end, TokenOffsets(doc))
        assert all(signal.sentence_start != start for signal in doc._.ls_signals)
    assert "reflectie" in {signal.category for signal in doc._.ls_signals}
