"""Task allocation by name: the subject test behind rules whose pattern starts with @naam."""

import pytest
from leersignalen.tag.names import follows_names


def split(text: str) -> tuple[list[str], int]:
    """Token texts with the match's first token marked by a leading '>'."""
    words = text.split()
    start = next(i for i, word in enumerate(words) if word.startswith(">"))
    words[start] = words[start][1:]
    return words, start


@pytest.mark.parametrize(
    "text",
    [
        "Jesse >verwerkt deze in de tekst .",
        "* Frank >zet dit contact voort .",
        "Jesse , Marco en Pano >werken de mogelijkheden uit .",
        "- [ PERSOON-1 ] >gaat nog bellen",
        "2. [ PERSOON-10 ] en [ PERSOON-5 ] >volgen dingen op",
        "Iedereen >checkt zijn eigen opmerkingen .",
        "Allen >kijken de teksten na .",
        "Jan de Vries >stemt dit af .",
        "Jan-Willem en Zoë >werken het voorstel uit .",
        "Voorzitter >stuurt de agenda rond .",
        "Marco >zal de zaal regelen .",
    ],
)
def test_a_name_subject_and_an_agreeing_finite_verb(text):
    assert follows_names(*split(text))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Loginpagina >bekijken", "an infinitive after one word: a to-do item"),
        ("Stageovereenkomst >verstuurd naar stagebureau .", "a participle"),
        ("Sanne >werken de planning uit .", "a plural verb after one name"),
        ("Dan >regelen we de zaal .", "a subject pronoun after the verb"),
        ("Daarna >controleert de docent onze code .", "an adverb is not a name"),
        ("De voorzitter >regelt de zaal .", "an article: a noun phrase, not a name"),
        ("Ik >regel de zaal .", "a pronoun"),
        ("Jesse >verwerkt", "nothing after a singular form that may be a participle"),
        ("Marco en Arjen >uitwerken", "a particle verb written as one word is not finite in first position"),
        ("Marco en >werken het uit .", "a subject cannot end in a joiner"),
        (">Regelt de zaal .", "no subject at all"),
        ("Jesse en Marco en Arjen en Pano en Frank >werken het uit .", "more than eight subject tokens"),
        ("Jesse gisteren >verwerkt de tekst .", "a word that is not a name inside the subject"),
    ],
)
def test_not_a_name_subject(text, why):
    assert not follows_names(*split(text)), why
