"""The name test set: recall and precision of the pseudonymiser, and that coding does not suffer from it."""

import pytest
from leersignalen.agreement.evaluate import load_labelled, predict_labels
from leersignalen.privacy import Pseudonymiser
from leersignalen.privacy.evaluate import load_names, parse_marked, score_names

pytestmark = pytest.mark.slow


def test_the_name_set_is_built_from_its_markup_and_large_enough():
    records = load_names()
    assert records == parse_marked()
    assert len(records) >= 160
    mentions = [m for r in records for m in r["mentions"]]
    assert len(mentions) >= 260
    assert all(r["text"][m["start"] : m["end"]] == m["text"] for r in records for m in r["mentions"])
    assert {m["kind"] for m in mentions} == {"person", "place", "institution", "contact"}
    assert 0.25 <= sum(r["split"] == "test" for r in records) / len(records) <= 0.35
    assert sum(not r["mentions"] for r in records) >= 30


@pytest.mark.parametrize("split", ["dev", "test"])
def test_name_recall_and_precision(split):
    scores = score_names(load_names(split=split), also=())
    print(f"{split}: person recall {scores.recall('person'):.3f}, all {scores.recall():.3f}, "
          f"precision {scores.precision:.3f}; missed {scores.missed}; spurious {scores.spurious}")  # fmt: skip
    assert scores.recall("person") >= 0.95
    assert scores.recall("contact") >= 0.95
    assert scores.precision >= 0.9


@pytest.mark.parametrize("which", ["INDEPENDENT", "INDEPENDENT_2"])
def test_name_recall_and_precision_on_the_independently_written_sets(which):
    from leersignalen.privacy import evaluate

    records = parse_marked(getattr(evaluate, which))
    assert len(records) >= 200 and sum(not r["mentions"] for r in records) >= 30
    scores = score_names(records, also=())
    print(f"independent: person recall {scores.recall('person'):.3f}, precision {scores.precision:.3f}; "
          f"missed {scores.missed}; spurious {scores.spurious}")  # fmt: skip
    assert scores.recall("person") >= 0.96
    assert scores.recall("contact") >= 0.95
    assert scores.precision >= 0.96


@pytest.mark.parametrize(("text", "replaced"), [
    ("Terugkoppeling gesprek met Olena Kovalenko: ging goed.", ["Olena Kovalenko"]),
    ("Ze woont op Lange Nieuwstraat 5, 3512 PA Utrecht sinds mei.", ["Lange Nieuwstraat 5, 3512 PA Utrecht"]),
    ("Cor en Riet uit Lunetten doen mee.", ["Cor", "Riet"]),
    ("Het verslag van Van der Meer was duidelijk.", ["Van der Meer"]),
    ("Punt 1: rapportgesprekken. Sprint 4 retro.", []),
    ("Oorzaak: een onduidelijke Definition of Done en Signs of Safety.", []),
    ("Rooster Pinksteren: de inloop is dicht.", []),
    ("lotte: burndown is bijgewerkt\nniels: top, dank lotte", ["lotte", "niels", "lotte"]),
    ("[14:02] ricky: wie belt jolanda?", ["ricky", "jolanda"]),
    ("hoi juf marieke, sem is vandaag ziek. groetjes ilse", ["marieke", "sem", "ilse"]),
    ("@sanne kun je de notulen nog even rondsturen?", ["sanne"]),
    ("Bogdan en Desislava Petrova helpen bij de kledingbank.", ["Bogdan", "Desislava Petrova"]),
    ("Evaluatie met Esther Tjon-A-Fat: ze voelt zich gehoord.", ["Esther Tjon-A-Fat"]),
    ("From: Kateryna Shevchenko <k.shevchenko@hu.nl>", ["Kateryna Shevchenko", "k.shevchenko@hu.nl"]),
    ("Vraag aan het Secretariaat <info@wijkraad.nl> gesteld.", ["info@wijkraad.nl"]),
    ("Nieuw adres: Schiekade 45-C, 3032 AJ Rotterdam.", ["Schiekade 45-C, 3032 AJ Rotterdam"]),
])  # fmt: skip
def test_general_cases_of_the_independent_sets(text, replaced):
    found = [text[r.start : r.end] for r in Pseudonymiser().replacements(text) if r.kind != "date"]
    assert found == replaced


def test_coding_agrees_on_the_labelled_corpus_with_and_without_pseudonyms(nlp):
    texts = [row.text for row in load_labelled(split="all")]
    pseudonymiser = Pseudonymiser()
    pseudonymised = [pseudonymiser.pseudonymise(text) for text in texts]
    assert sum(a != b for a, b in zip(texts, pseudonymised, strict=True)) > 100
    before, after = predict_labels(nlp, texts), predict_labels(nlp, pseudonymised)
    agreement = sum(a == b for a, b in zip(before, after, strict=True)) / len(texts)
    print(f"label agreement with and without pseudonymisation: {agreement:.4f} on {len(texts)} sentences")
    assert agreement >= 0.99


def test_coding_agrees_on_the_sample_sentences_with_and_without_pseudonyms(nlp):
    from pathlib import Path

    from leersignalen.read.ingest import Record
    from leersignalen.read.inputs import read_inputs

    sample = Path(__file__).resolve().parents[2] / "data" / "sample"
    inputs = [sample / name for name in ("wijkteam_noord.csv", "energiecooperatie_zonnedak.csv",
                                         "leeratelier_zorg.jsonl", "logboeken", "notulen", "livinglab_mobiliteit.xlsx")]
    notes = [item for item in read_inputs(inputs, quiet=True) if isinstance(item, Record)]
    pseudonymiser = Pseudonymiser()
    for note in notes:
        pseudonymiser.learn(note.text, authors=[note.author])
    before_docs = list(nlp.pipe([note.text for note in notes]))
    after_docs = list(nlp.pipe([pseudonymiser.pseudonymise(note.text, authors=[note.author]) for note in notes]))
    total = agreeing = 0
    for before_doc, after_doc in zip(before_docs, after_docs, strict=True):
        before, after = sentence_labels(before_doc), sentence_labels(after_doc)
        total += len(before)
        if len(before) == len(after):  # a note whose sentences were cut differently counts as all disagreeing
            agreeing += sum(a == b for a, b in zip(before, after, strict=True))
    assert len(notes) > 300 and total > 2000
    agreement = agreeing / total
    print(f"label agreement on the sample: {agreement:.4f} on {total} sentences")
    assert agreement >= 0.99


def sentence_labels(doc) -> list[frozenset[str]]:
    """The labels of each sentence of a tagged doc (non-negated matches)."""
    labels = []
    for sentence in doc.sents:
        labels.append(frozenset(s.category for s in doc._.ls_signals if not s.negated
                                and sentence.start_char <= s.start_char < sentence.end_char))
    return labels
