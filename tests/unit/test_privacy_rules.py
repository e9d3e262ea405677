"""The meeting-note name rules on their own (no deduce): speakers, attendance lists, initials, titles, particles."""

from leersignalen.privacy import rules


def spans(found, text):
    return [text[start:end] for start, end, _ in found]


def always(_word):
    return True


def never(_word):
    return False


def test_speaker_prefixes_but_not_headings():
    text = "Kees: ik vind dat.\n- Petra de Vries (GGD): klopt.\n[10:15] Ahmed: ja.\nActie: Daan belt.\nBesluit: door."
    assert spans(rules.speaker_prefixes(text, always), text) == ["Kees", "Petra de Vries", "Ahmed"]


def test_a_single_word_speaker_must_look_like_a_name():
    text = "Terugblik: het ging goed."
    assert spans(rules.speaker_prefixes(text, never), text) == []


def test_attendance_list_names_without_roles_or_organisations():
    text = "Aanwezig: Jan, Petra en wijkagent Ruud (Woonstede), Fatima el Amrani en de coach"
    assert spans(rules.attendance_lists(text, never), text) == ["Jan", "Petra", "Ruud", "Fatima el Amrani"]
    text = "Afwezig: iedereen van de gemeente"
    assert spans(rules.attendance_lists(text, never), text) == []


def test_initials_with_surname_and_particles():
    text = "J. de Vries en A.B. Jansen en P.J. van der Berg kwamen."
    assert spans(rules.initials_with_surname(text), text) == ["J. de Vries", "A.B. Jansen", "P.J. van der Berg"]


def test_titles_and_roles_before_a_name():
    text = "Mevrouw De Vries sprak met wijkagent Ruud en de familie Osei, niet met de coach."
    assert spans(rules.titled_names(text), text) == ["De Vries", "Ruud", "Osei"]


def test_particle_surnames_need_a_surname_or_an_unknown_word():
    text = "We spraken met de Boer en van Dijk over de Markt en de Teams-map."
    found = rules.particle_surnames(text, lambda word: word in ("Boer", "Dijk"), lambda lower: lower == "markt")
    assert spans(found, text) == ["de Boer", "van Dijk"]


def test_sentence_start_is_seen_after_bullets_and_full_stops():
    text = "- Factsheet klaar. Daarna overleg"
    assert rules.at_sentence_start(text, 2)
    assert rules.at_sentence_start(text, text.index("Daarna"))
    assert not rules.at_sentence_start(text, text.index("klaar"))
