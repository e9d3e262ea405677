"""The meeting-note name rules on their own (no deduce): speakers, attendance lists, initials, titles, particles."""

import regex
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


def dutch(lower):
    return lower in {"de", "groep", "wil", "naar", "het", "verslag", "van", "was", "vraagt", "safety", "evaluatie"}


def english(lower):
    return lower in {"signs", "safety", "react", "definition", "done"}


def test_an_unknown_word_opening_a_sentence_needs_a_parenthesis_a_surname_or_a_verb():
    text = "Senait (moeder) belt. Yordanka wil praten. Ewelina Wójcik plant. Figmaflow. Kovalenko"
    found = rules.unknown_capitalised(text, dutch, never, never, never, english, lambda word: word == "Wójcik")
    assert spans(found, text) == ["Senait", "Yordanka", "Ewelina", "Wójcik"]


def test_english_words_and_hyphenated_compounds_are_no_unknown_names():
    text = "Het gesprek over Signs of Safety, de keuze voor React en de Peer-evaluatie met Kasia-Maria."
    found = rules.unknown_capitalised(text, dutch, never, never, never, english)
    assert spans(found, text) == ["Kasia-Maria"]


def test_a_capital_particle_inside_a_sentence_opens_a_surname():
    text = "Het verslag van Van der Meer was duidelijk; de cijfers van De Jong ontbreken. De Jong belt."
    assert spans(rules.capitalised_particle_surnames(text), text) == ["Van der Meer", "De Jong"]


FIRST_NAMES = ("Lotte", "Niels", "Roos", "Ricky", "Jolanda", "Marieke", "Sem", "Sanne")


def casual(text: str, words: tuple[str, ...] = ("roos", "actie", "top")) -> frozenset[str]:
    return rules.casual_names(text, lambda word: word in FIRST_NAMES, lambda lower: lower in words)


def test_lower_case_chat_speakers_count_on_two_lines_or_on_one_when_no_word():
    assert casual("lotte: burndown is bijgewerkt\nniels: top\nactie: uren invullen") == {"lotte", "niels"}
    assert casual("lotte: alleen een regel") == {"lotte"}
    assert casual("roos: alleen een regel") == frozenset()  # one line, and 'roos' is a word
    assert casual("roos: eerste regel\nlotte: tweede") == {"roos", "lotte"}


def test_lower_case_first_names_count_in_chats_and_lower_case_notes_only():
    assert casual("[14:02] ricky: wie belt jolanda?") == {"ricky", "jolanda"}
    assert casual("12-03-2025 09:14 - ricky: ik bel jolanda") == {"ricky", "jolanda"}
    assert casual("hoi juf marieke, sem is vandaag ziek") == {"marieke", "sem"}
    assert casual("Hoi juf, ik bel jolanda morgen even.") == frozenset()  # a note with capitals
    assert casual("hoi, jolanda?") == frozenset()  # too short to tell a lower-case note
    assert casual("is roos er ook? lotte: ja") == {"lotte"}  # a word stays a word


def test_lower_case_mentions_are_names_anywhere():
    assert casual("Kun je de notulen rondsturen, @sanne? Mail naar info@sanne.nl") == {"sanne"}


def test_a_name_before_an_address_in_angle_brackets_is_its_owner():
    text = "Van: Kateryna Shevchenko <k.shevchenko@hu.nl>\nAan: Secretariaat <info@x.nl>"
    found = rules.names_before_addresses(text, lambda word: word != "Secretariaat")
    assert spans(found, text) == ["Kateryna Shevchenko"]


def test_a_surname_can_hold_single_capitals_between_hyphens():
    assert regex.fullmatch(rules.NAME, "Tjon-A-Fat") and regex.fullmatch(rules.NAME, "Al-Khatib")
    assert not regex.fullmatch(rules.NAME, "Tjon-A")


def test_speakers_that_are_compounds_or_english_words_are_no_names():
    text = "Peer-evaluatie: goed.\nMad: server plat\nSanne: klaar"
    assert spans(rules.speaker_prefixes(text, always, lambda word: word == "Mad"), text) == ["Sanne"]
