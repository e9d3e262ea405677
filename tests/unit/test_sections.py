"""Section prompts: a retrospective heading codes the sentences under it, up to the next heading."""

import shutil

import pytest
from leersignalen.agreement.loso import feature_inputs
from leersignalen.categories import LEXICON_DIR
from leersignalen.tag.pipeline import build_pipeline


def sentence_signals(nlp, text: str) -> list[tuple[str, list[str]]]:
    doc = nlp(text)
    by_sentence = {sentence.start: (sentence.text.strip(), []) for sentence in doc.sents}
    for signal in doc._.ls_signals:
        if not signal.negated:
            by_sentence[signal.sentence_start][1].append(signal.rule_id)
    return list(by_sentence.values())


def test_a_prompt_heading_codes_each_sentence_under_it_until_the_next_heading(nlp):
    text = ("### Wat ging goed?\nWe hielden elkaar op de hoogte via de app.\n- Iedereen was er op tijd.\n\n"
            "### Volgende bijeenkomst\nDe zaal aan de Kerkstraat is gereserveerd.")
    rows = sentence_signals(nlp, text)
    assert rows[0] == ("### Wat ging goed?", [])
    assert rows[1] == ("We hielden elkaar op de hoogte via de app.", ["sect.ging-goed"])
    assert rows[2] == ("- Iedereen was er op tijd.", ["sect.ging-goed"])
    assert all("sect.ging-goed" not in rules for _, rules in rows[3:])
    signal = next(s for s in nlp(text)._.ls_signals if s.rule_id == "sect.ging-goed")
    assert text[signal.start_char:signal.end_char] == signal.text == "We hielden elkaar op de hoogte via de app."


@pytest.mark.parametrize("label", ["Sanne:", "Jan de Vries:", "Communicatie:", "**Bram:**"])
def test_a_speaker_or_subtopic_label_keeps_the_prompt_section_open(nlp, label):
    text = f"## Wat ging goed?\n{label}\nWe hielden elkaar op de hoogte via de app.\n"
    rows = sentence_signals(nlp, text)
    assert rows[-1] == ("We hielden elkaar op de hoogte via de app.", ["sect.ging-goed"])
    assert all(rules == [] for _, rules in rows[:-1])


@pytest.mark.parametrize("label", ["Actiepunten:", "Afspraken volgende week:", "Wat moet er gebeuren:",
                                   "Planning en taken voor de sprint:"])
def test_a_label_that_names_a_new_part_closes_the_prompt_section(nlp, label):
    text = f"## Wat ging goed?\nIedereen was er op tijd.\n{label}\nDe zaal aan de Kerkstraat is gereserveerd.\n"
    rows = sentence_signals(nlp, text)
    assert rows[1][1] == ["sect.ging-goed"]
    assert "sect.ging-goed" not in rows[-1][1]


def test_a_deeper_heading_keeps_the_prompt_section_open_and_a_heading_at_its_level_closes_it(nlp):
    text = ("## Wat ging goed?\n### Sanne\nWe hielden elkaar op de hoogte via de app.\n"
            "## Volgende bijeenkomst\nDe zaal aan de Kerkstraat is gereserveerd.\n"
            "### Locatie\nDe zaal aan de Kerkstraat is gereserveerd.")
    rows = sentence_signals(nlp, text)
    assert rows[2] == ("We hielden elkaar op de hoogte via de app.", ["sect.ging-goed"])
    assert all("sect.ging-goed" not in rules for _, rules in rows[3:])


def test_a_label_prompt_section_is_closed_by_any_markdown_heading(nlp):
    rows = sentence_signals(nlp, "Wat ging goed:\nIedereen was er op tijd.\n### Sanne\nIedereen was er op tijd.")
    assert rows[1][1] == ["sect.ging-goed"]
    assert rows[-1][1] == []


def test_a_section_and_its_level_carry_over_sentences_tagged_one_by_one(nlp):
    texts = ["## Wat ging goed?", "### Sanne", "Iedereen was er op tijd.", "## Locatie", "Iedereen was er op tijd."]
    inputs = feature_inputs(nlp, texts, ["a"] * 5)
    assert [sorted(s.rule_id for s in item.signals) for item in inputs] == [[], [], ["sect.ging-goed"], [], []]


def test_a_section_prompt_outside_a_heading_is_no_evidence(nlp):
    rows = sentence_signals(nlp, "Wij gaan morgen beter verlichte lampen ophangen. Het was een rustige dag.")
    assert all(not any(rule.startswith("sect.") for rule in rules) for _, rules in rows)


def test_a_sentence_that_says_the_category_itself_gets_no_second_signal(nlp):
    rows = sentence_signals(nlp, "Wat kon beter?\nAchteraf gezien hadden we eerder om hulp moeten vragen.")
    assert rows[1][1] and "sect.ging-goed" not in rows[1][1]


def test_a_section_carries_over_sentences_tagged_one_by_one_within_a_document_only(nlp):
    texts = ["### Doe minder", "Alleen aan de code werken.", "Alleen aan de code werken."]
    inputs = feature_inputs(nlp, texts, ["a", "a", "b"])
    assert [sorted(s.rule_id for s in item.signals) for item in inputs] == [[], ["sect.doe-meer"], []]
    assert [item.signals for item in feature_inputs(nlp, texts)] == [[], [], []]


def test_sections_travel_with_a_saved_pipeline_and_are_optional_in_a_lexicon_folder(tmp_path, nlp):
    import spacy

    nlp.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / "leersignalen" / "sections.tsv").read_bytes() == (
        LEXICON_DIR / "sections.tsv").read_bytes()
    loaded = spacy.load(tmp_path / "saved")
    assert [s.rule_id for s in loaded("### Doe minder\nAlleen aan de code werken.")._.ls_signals] == [
        "sect.doe-meer"]
    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR / "rules", folder / "rules")
    shutil.copy(LEXICON_DIR / "negation.tsv", folder / "negation.tsv")
    own, _ = build_pipeline("blank", lexicon_dir=str(folder))
    assert own("### Doe minder\nAlleen aan de code werken.")._.ls_signals == []


@pytest.mark.parametrize("broken", ["sect.x\treflectie\tgaan ... \t\tnote\t## Wat ging goed?\\nJa.",
                                    "sect.y\tonbekend\tgaan\t\tnote\t## Wat ging goed?\\nJa."])
def test_a_broken_section_prompt_is_a_lexicon_error(tmp_path, broken):
    from leersignalen.errors import LexiconError

    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR / "rules", folder / "rules")
    shutil.copy(LEXICON_DIR / "negation.tsv", folder / "negation.tsv")
    (folder / "sections.tsv").write_text("id\tcategory\tpattern\tunless\tnote\texample\n" + broken + "\n",
                                         encoding="utf-8")  # fmt: skip
    with pytest.raises(LexiconError, match="sections.tsv:2"):
        build_pipeline("blank", lexicon_dir=str(folder))


def test_a_plain_account_under_a_prompt_is_not_taken_for_an_answer(nlp):
    text = ("### Wat ging goed?\nDe koppeling voor de backend was op dinsdag opgezet door het hele team van Kees.\n"
            "Eenzijdige taken.\nBeperk de gelijktijdige taken om de focus te houden tijdens de hele sprint.\n"
            "Daarna heb ik de hele week aan de koppeling met de database van de klant gewerkt.")
    assert [rules for _, rules in sentence_signals(nlp, text)][1:] == [
        [], ["sect.ging-goed"], ["sect.ging-goed"], ["sect.ging-goed"]]


def test_a_byline_under_a_prompt_is_no_answer(nlp):
    rows = sentence_signals(nlp, "## Wat heb ik geleerd?\nDat ik eerder om hulp moet vragen.\n_Auteur: Marek Nowak_")
    assert [rules for _, rules in rows][1:] == [["sect.geleerd"], []]
