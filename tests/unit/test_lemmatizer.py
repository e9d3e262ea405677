"""The Dutch lemmatizer: irregular forms, rules, UD conventions, the component and the exceptions file."""

from __future__ import annotations

import leersignalen.language.lemmatizer  # noqa: F401
import pytest
import spacy
from leersignalen.language.lemmatizer import EXCEPTIONS_PATH, DutchLemmaData, lemma_of, load_exceptions
from spacy.tokens import Doc


@pytest.fixture(scope="module")
def lemmatizer_nlp():
    nlp = spacy.blank("nl")
    nlp.add_pipe("leersignalen_lemmatizer")
    return nlp


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("is", "zijn"), ("waren", "zijn"), ("Werd", "worden"), ("konden", "kunnen"), ("wilde", "willen"),
        ("zouden", "zullen"), ("mocht", "mogen"), ("moest", "moeten"), ("ging", "gaan"), ("gegaan", "gaan"),
        ("kwam", "komen"), ("gedaan", "doen"), ("zag", "zien"), ("genomen", "nemen"), ("gaf", "geven"),
        ("geleerd", "leren"), ("begrepen", "begrijpen"), ("besproken", "bespreken"), ("heeft", "hebben"),
    ],
)
def test_irregular_forms(form, lemma):
    assert lemma_of(form) == lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("gereflecteerd", "reflecteren"),  # ge-...-d participle
        ("geprobeerd", "proberen"),
        ("maakte", "maken"),  # -te past tense with a long vowel
        ("schuurde", "schuren"),  # -de past tense
        ("botste", "botsen"),
        ("opgepakt", "oppakken"),  # separable verb participle
        ("uitgelegd", "uitleggen"),
        ("samengewerkt", "samenwerken"),
        ("nieuwe", "nieuw"),  # -e adjective ending
        ("grote", "groot"),
        ("intensieve", "intensief"),
        ("witte", "wit"),
        ("grootste", "groot"),  # superlative
        ("hogere", "hoog"),  # inflected comparative
        ("bewoners", "bewoner"),  # -s plural
        ("afspraken", "afspraak"),  # -en plural with a long vowel
        ("gesprekken", "gesprek"),
        ("mogelijkheden", "mogelijkheid"),
        ("stukjes", "stuk"),  # diminutives
        ("mannetje", "man"),
        ("leerateliers", "leeratelier"),  # unknown compound: the head is lemmatised
        ("vervelende", "vervelend"),
    ],
)
def test_regular_inflection_rules(form, lemma):
    assert lemma_of(form) == lemma


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("onze", "ons"), ("alle", "al"), ("hem", "hem"), ("ze", "ze"), ("elke", "elk"), ("ten", "te")],
)
def test_pronouns_and_determiners_follow_ud_dutch(form, lemma):
    assert lemma_of(form) == lemma


@pytest.mark.parametrize("form", ["niet", "maar", "zelfs", "soms", "ruimte", "land", "werken", ","])
def test_words_that_are_already_lemmas_stay(form):
    assert lemma_of(form) == form


def test_component_sets_lowercase_lemmas_matching_lemma_of(lemmatizer_nlp):
    doc = lemmatizer_nlp("Zij Hebben het zelf opgepakt, en we Leerden veel van de bewoners.")
    assert [token.lemma_ for token in doc] == [lemma_of(token.text) for token in doc]
    assert all(token.lemma_ == token.lemma_.lower() for token in doc)
    assert doc[1].lemma_ == "hebben"


def test_component_keeps_lemmas_set_earlier_unless_overwrite():
    for overwrite, expected in [(False, "handmatig"), (True, "zijn")]:
        nlp = spacy.blank("nl")
        lemmatizer = nlp.add_pipe("leersignalen_lemmatizer", config={"overwrite": overwrite})
        doc = Doc(nlp.vocab, words=["Dit", "is", "goed"])
        doc[1].lemma_ = "handmatig"
        doc = lemmatizer(doc)
        assert doc[1].lemma_ == expected
        assert doc[0].lemma_ == "dit"


def test_component_cache_survives_many_docs(lemmatizer_nlp):
    texts = ["Het ging goed.", "Het ging niet goed.", "We gingen verder."] * 3
    lemmas = [[token.lemma_ for token in doc] for doc in lemmatizer_nlp.pipe(texts)]
    assert lemmas[0] == lemmas[3] == lemmas[6]
    assert lemmas[2][1] == "gaan"


def test_empty_doc_is_fine(lemmatizer_nlp):
    assert len(lemmatizer_nlp("")) == 0


def test_shipped_exceptions_file_is_valid():
    exceptions = load_exceptions(EXCEPTIONS_PATH)
    assert exceptions["was"] == "zijn"


def write_exceptions(tmp_path, *lines: str):
    path = tmp_path / "lemma_exceptions.tsv"
    path.write_text("\n".join(["form\tlemma\tnote", *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "problem"),
    [
        ("kwam\tkomen", "expected 3 tab-separated columns"),
        ("kwam\t\tnote", "must both be filled in"),
        ("Kwam\tkomen\tnote", "lowercase"),
        ("kwam daar\tkomen\tnote", "whitespace"),
        ("ging\tlopen\tnote", "listed twice"),
    ],
)
def test_exceptions_validator_names_file_and_line(tmp_path, bad_line, problem):
    path = write_exceptions(tmp_path, "ging\tgaan\tirregular", "", bad_line)
    with pytest.raises(ValueError, match=rf"^E020 lemma_exceptions\.tsv:4: .*{problem}"):
        load_exceptions(path)


def test_exceptions_validator_checks_the_header(tmp_path):
    path = tmp_path / "lemma_exceptions.tsv"
    path.write_text("vorm\tlemma\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^E020 lemma_exceptions\.tsv:1: "):
        load_exceptions(path)


def test_edited_exceptions_file_changes_the_lemmas(tmp_path):
    path = write_exceptions(tmp_path, "# researcher's own forms", "leerateliers\tleeratelier-x\ttest")
    data = DutchLemmaData(exceptions_path=path)
    assert data.lemma("Leerateliers") == "leeratelier-x"
    assert data.lemma("was") != "zijn"
