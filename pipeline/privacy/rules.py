"""Name rules for meeting notes that deduce (written for medical letters) lacks.

Speaker prefixes ("Kees: ik vind..."), attendance lines ("Aanwezig: Jan, Petra en Ahmed"), initials with a
surname ("A.B. Jansen"), titles and role nouns before a name ("wijkagent Ruud", "mevrouw De Vries"),
particle surnames in running text ("met de Boer", "van Dijk vindt"), and names already known (authors,
names found earlier, names in the key file). Each rule yields (start, end, rule) spans of a person's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from .words import ATTENDANCE_HEADINGS, FINITE_VERBS, HEADINGS, NEVER_A_PERSON, PARTICLES, SURNAME_OPENERS, TITLES


def _alternation(words) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


NAME = r"\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?(?:-(?:\p{Lu}(?=-\p{Lu})|\p{Lu}?\p{Ll}+))*"
INITIALS = r"(?:\p{Lu}\.[ \t]?){1,4}"
PARTICLE = rf"(?i:{_alternation(PARTICLES)})"
OPENER = rf"(?i:{_alternation(SURNAME_OPENERS)})"
SURNAME = rf"(?:{PARTICLE}[ \t]+)*{NAME}"
PERSON = rf"(?:{INITIALS}[ \t]*{SURNAME}|(?:{PARTICLE}[ \t]+)?{NAME}(?:[ \t]+{SURNAME}){{0,3}})"
DATE_TIME = r"\[?(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4},?[ \t]+)?\d{1,2}[:.]\d{2}(?::\d{2})?\]?[ \t]*(?:[-–][ \t]+)?"
LINE_START = rf"(?m)^[ \t]*(?:[-*•–>]+[ \t]*)?(?:{DATE_TIME})?"

SPEAKER = regex.compile(rf"{LINE_START}(?P<name>{PERSON})[ \t]*(?:\([^)\n]{{0,40}}\))?[ \t]*:(?!\d)")
ATTENDANCE = regex.compile(
    rf"{LINE_START}(?i:{_alternation(ATTENDANCE_HEADINGS)})\b[^:\n]{{0,40}}:[ \t]*(?P<rest>[^\n]+)"
)
PERSON_IN_LIST = regex.compile(rf"(?<![\p{{L}}])(?:{PERSON})")
INITIALS_SURNAME = regex.compile(rf"(?<![\p{{L}}.])(?:{INITIALS})[ \t]*{SURNAME}")
TITLED = regex.compile(rf"(?<![\p{{L}}])(?i:{_alternation(TITLES)})[ \t]+(?P<name>(?:{INITIALS}[ \t]*)?{SURNAME}"
                       rf"(?:[ \t]+{SURNAME}){{0,2}})")  # fmt: skip
NAME_BEFORE_ADDRESS = regex.compile(rf"(?<![\p{{L}}])(?P<name>{PERSON})[ \t]*<[^<>\s@]+@[^<>\s@]+>")
PARTICLE_SURNAME = regex.compile(rf"(?<![\p{{L}}'’])(?P<name>{OPENER}[ \t]+{NAME})")
WORD = regex.compile(r"\p{L}+(?:['’-]\p{L}+)*")
PARENTHESES = regex.compile(r"\([^)\n]*\)")
SENTENCE_START = regex.compile(r"(?:^|[.!?:;]\s+|\n\s*(?:[-*•–>]+\s*)?)$")
NEXT_WORD = regex.compile(r"[ \t]+(?P<word>\p{L}[\p{L}'’-]*)")


def hyphen_compound(word: str) -> bool:
    """'Peer-evaluatie', 'Diwali-avond': a part after a hyphen in lower case makes a compound, not a name
    ('Al-Khatib', 'Geert-Jan' have capitals)."""
    return any(part[:1].islower() for part in word.split("-")[1:])


def first_word(span: str) -> str:
    """The first word of a span, lower case."""
    match = WORD.search(span)
    return match.group(0).lower() if match else ""


def last_word(span: str) -> str:
    """The last word of a span, lower case."""
    words = WORD.findall(span)
    return words[-1].lower() if words else ""


def at_sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a line or a bullet."""
    window = text[max(0, start - 8) : start]
    return bool(SENTENCE_START.search(window if start > 8 else "\n" + window))


def _is_plain_word(word: str) -> bool:
    return word in NEVER_A_PERSON or word in HEADINGS


def speaker_prefixes(
    text: str, is_name_word: Callable[[str], bool], is_english: Callable[[str], bool] = lambda _word: False
) -> Iterator[tuple[int, int, str]]:  # is_english: an English word that is not a first name
    """'Kees: ...', '- Petra de Vries (GGD): ...', '[10:02] Ahmed: ...' at the start of a line."""
    for match in SPEAKER.finditer(text):
        name = match.group("name")
        words = WORD.findall(name)
        if any(word.lower() in HEADINGS or word.lower() in NEVER_A_PERSON for word in words):
            continue  # 'Actie:', 'Rooster Pinksteren:'
        if len(words) == 1 and not is_name_word(words[0]):
            continue
        if len(words) == 1 and hyphen_compound(words[0]):
            continue  # 'Peer-evaluatie:', 'Retro-thema:'
        if len(words) == 1 and is_english(words[0]):
            continue  # 'Mad:', 'Sad:', 'Glad:' in a retrospective
        yield match.start("name"), match.end("name"), "speaker"


CHAT_LINE = regex.compile(rf"{LINE_START}(?P<name>\p{{Ll}}{{2,15}})[ \t]*:[ \t]+\S")
LOWER_WORD = regex.compile(r"(?<![\p{L}\d_.-])\p{Ll}{3,}(?![\p{L}\d_@-])")
LOWER_MENTION = regex.compile(r"(?<![\p{L}\d_.])@(\p{Ll}{3,})(?![\p{L}\d_.@-])")
CASUAL_WORDS = 4


def casual_names(text: str, is_first_name: Callable[[str], bool],
                 is_word: Callable[[str], bool]) -> frozenset[str]:  # fmt: skip
    """First names written in lower case, in text whose writer does not capitalise names.

    A chat pasted into a note ('lotte: burndown is geüpdatet' / 'niels: top'), a note written all in lower case
    ('hoi juf marieke, sem is ziek') and @mentions ('@sanne kun je ...'). A speaker counts when two chat lines
    open with a first name, or when one does and it is no word (``is_word``: Dutch, common or English; so
    'ricky:' on one line, not 'roos:'). In a chat or an all-lower-case note, every other lower-case first name
    that is no word counts too ('wie belt jolanda?'); elsewhere only @mentions do.
    """
    names = [match.group("name") for match in CHAT_LINE.finditer(text)]
    speakers = {name for name in names if not _is_plain_word(name) and is_first_name(name.capitalize())}
    if sum(name in speakers for name in names) < 2:
        speakers = {name for name in speakers if not is_word(name)}
    casual = bool(speakers) or (not any(c.isupper() for c in text) and len(WORD.findall(text)) >= CASUAL_WORDS)
    words = LOWER_WORD.findall(text) if casual else []
    found = set(speakers)
    for word in (*words, *LOWER_MENTION.findall(text)):
        if not _is_plain_word(word) and is_first_name(word.capitalize()) and not is_word(word):
            found.add(word)
    return frozenset(found)


def attendance_lists(text: str, is_first_name: Callable[[str], bool]) -> Iterator[tuple[int, int, str]]:
    """Every name in 'Aanwezig: Jan, Petra en wijkagent Ruud (GGD)' and similar lines."""
    for match in ATTENDANCE.finditer(text):
        offset = match.start("rest")
        rest = PARENTHESES.sub(lambda m: " " * len(m.group(0)), match.group("rest"))
        for name in PERSON_IN_LIST.finditer(rest):
            head = first_word(name.group(0))
            if _is_plain_word(head) and not is_first_name(head.capitalize()):
                continue
            yield offset + name.start(), offset + name.end(), "attendance"


def names_before_addresses(text: str, is_name_word: Callable[[str], bool]) -> Iterator[tuple[int, int, str]]:
    """'Kateryna Shevchenko <k.shevchenko@hu.nl>' in an e-mail header: the name of an address's owner, when
    every capitalised word of it ``is_name_word`` (so not 'Secretariaat <info@...>')."""
    for match in NAME_BEFORE_ADDRESS.finditer(text):
        words = [word for word in WORD.findall(match.group("name")) if word[:1].isupper()]
        if words and not _is_plain_word(words[0].lower()) and all(map(is_name_word, words)):
            yield match.start("name"), match.end("name"), "address_name"


def initials_with_surname(text: str) -> Iterator[tuple[int, int, str]]:
    """'J. de Vries', 'A.B. Jansen', 'P.J. van der Berg'."""
    for match in INITIALS_SURNAME.finditer(text):
        if not _is_plain_word(last_word(match.group(0))):
            yield match.start(), match.end(), "initials"


def titled_names(text: str) -> Iterator[tuple[int, int, str]]:
    """'mevrouw De Vries', 'wijkagent Ruud', 'de familie Osei', 'juf Anouk'."""
    for match in TITLED.finditer(text):
        name = match.group("name")
        if not _is_plain_word(first_word(name)):
            yield match.start("name"), match.end("name"), "title"


def particle_surnames(
    text: str, is_surname: Callable[[str], bool], is_word: Callable[[str], bool],
    is_compound: Callable[[str], bool] = lambda _word: False,
) -> Iterator[tuple[int, int, str]]:
    """'met de Boer', 'van Dijk vindt', 'ten Brink': a particle and a capitalised word that is a surname here."""
    for match in PARTICLE_SURNAME.finditer(text):
        word = WORD.findall(match.group("name"))[-1]
        lower = word.lower()
        if any(part in NEVER_A_PERSON or part in HEADINGS for part in lower.split("-")):
            continue
        if lower.endswith(("se", "sche")) or PLACE_WORD.search(lower):
            continue  # 'de Turkse', 'de Rivierenwijk': an adjective or a place, not a surname
        if hyphen_compound(word):
            continue  # 'de Diwali-avond'
        if is_surname(word):
            yield match.start("name"), match.end("name"), "particle"
        elif not is_word(lower) and not is_compound(word):
            yield match.end("name") - len(word), match.end("name"), "particle"  # 'van Kasia': the name only


CAPITAL_PARTICLE = regex.compile(
    rf"(?<=\p{{Ll}}[ \t]+)(?P<name>(?:Van der|Van den|Van de|Van 't|Van ’t|Van|De|Den|Ter|Ten|El|Al)[ \t]+{NAME})"
)


def capitalised_particle_surnames(text: str) -> Iterator[tuple[int, int, str]]:
    """'het verslag van Van der Meer', 'de cijfers van De Jong': inside a sentence a capital particle opens a
    surname (Dutch spelling capitalises it when no first name or initial comes before)."""
    for match in CAPITAL_PARTICLE.finditer(text):
        last = WORD.findall(match.group("name"))[-1].lower()
        if last in NEVER_A_PERSON or last in HEADINGS or PLACE_WORD.search(last):
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        kind = "place" if PLACE_PREPOSITION.search(before) else "capital particle"
        yield match.start("name"), match.end("name"), kind


PLACE_WORD = regex.compile(
    r"(?<=\p{L}{3})(?:wijk|buurt|dorp|stad|kwartier|park|eiland|polder|oord|broek|flat|kerk|school|huis|hal|centrum|plein|"
    r"markt|toren|tuin|straat|laan|weg|gracht|kade|singel|dijk|haven)$"
)
PLACE_PREPOSITION = regex.compile(r"(?i:\b(?:in|uit|naar|vanuit|richting|rond|omgeving|wijk|buurt)\s+)$")
CAPITALISED = regex.compile(rf"(?<![\p{{L}}\d'’@./-])(?P<name>{NAME})(?![\p{{L}}@]|\.\p{{L}})")
INSTITUTION = regex.compile(
    r"(?<![\p{L}])(?:(?i:hogeschool|universiteit|basisschool|school|college|lyceum|stichting|vereniging|"
    r"woningcorporatie|zorggroep|ziekenhuis|huisartsenpraktijk|gemeente|wijkcentrum|buurthuis|energiecoöperatie|"
    r"coöperatie)\s+(?:(?:de|het|van|voor)\s+)?(?:\p{Lu}[\p{L}-]+)(?:\s+\p{Lu}[\p{L}-]+)?)"
    r"|\b(?:GGD|GGZ|UWV|CJG|SVB|DUO|IND|COA|CAK|SVB|RIVM|Buurtzorg|Vluchtelingenwerk|Humanitas|Veilig Thuis|"
    r"Leger des Heils|Rode Kruis|Vrijwilligerscentrale|Voedselbank|Schuldhulpmaatje|MEE|Zorgbelang)\b"
)
COORDINATED = regex.compile(rf"(?:,|\s+en|\s+&)\s+{NAME}\b")
PHONE = regex.compile(r"(?<![\d+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){8}(?!\d)")


def _plain_words(word: str, is_word: Callable[[str], bool], is_english: Callable[[str], bool]) -> bool:
    """Whether a capitalised word is made of ordinary words: 'Peer-evaluatie', 'Safety', 'Rotterdam' is not."""
    if hyphen_compound(word):
        return True
    parts = word.split("-")
    lowered = [part.lower() for part in parts]
    if len(parts) > 1:
        return all(is_word(part) for part in lowered)
    return is_word(lowered[0]) or is_english(lowered[0])


def _opens_with_a_name(text: str, end: int, is_word: Callable[[str], bool], is_surname: Callable[[str], bool]) -> bool:
    """After an unknown word opening a sentence: '(moeder)', a surname ('Ewelina Wójcik'), a verb ('Cor vraagt')."""
    if regex.match(r"[ \t]*\(", text[end : end + 3]) or COORDINATED.match(text, end):
        return True
    following = NEXT_WORD.match(text, end)
    if not following:
        return False
    word = following.group("word")
    if word[0].isupper():
        return is_surname(word) or not is_word(word.lower())
    return word in FINITE_VERBS


def unknown_capitalised(
    text: str,
    is_word: Callable[[str], bool],
    is_place: Callable[[str], bool],
    is_first_name: Callable[[str], bool],
    is_compound: Callable[[str], bool],
    is_english: Callable[[str], bool] = lambda _word: False,
    is_surname: Callable[[str], bool] = lambda _word: False,
) -> Iterator[tuple[int, int, str]]:
    """A capitalised word that is no Dutch or English word ('met Kasia als'): a name, or after 'in' a place.

    Opening a sentence, such a word counts only when a parenthesis, a surname or a finite verb follows it.
    """
    for match in CAPITALISED.finditer(text):
        word = match.group("name")
        if any(part in NEVER_A_PERSON or part in HEADINGS for part in word.lower().split("-")):
            continue
        possessive = word.endswith("s") and is_first_name(word[:-1])  # 'in Anouks casus'
        if not possessive and not is_first_name(word) and _plain_words(word, is_word, is_english):
            continue
        if word.lower().endswith(("se", "sche", "ers")) and not is_first_name(word):
            continue  # adjectives and inhabitants of places: Utrechtse, Friese, Amsterdammers
        if is_compound(word) and not is_first_name(word):
            continue  # 'Hittestress', 'Casusverdeling': a Dutch compound, not a name
        if is_first_name(word) and is_word(word.lower()):
            continue  # 'Iris', 'Roos': deduce's lists and the other rules decide
        if at_sentence_start(text, match.start()) and not _opens_with_a_name(text, match.end(), is_word, is_surname):
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        if not possessive and (is_place(word) or PLACE_PREPOSITION.search(before) or PLACE_WORD.search(word.lower())):
            yield match.start(), match.end(), "place"
        else:
            yield match.start(), match.end(), "unknown"


def institutions(text: str) -> Iterator[tuple[int, int, str]]:
    """'Hogeschool Windesheim', 'basisschool De Regenboog', 'GGD', 'Buurtzorg'."""
    for match in INSTITUTION.finditer(text):
        yield match.start(), match.end(), "institution"


def phone_numbers(text: str) -> Iterator[tuple[int, int, str]]:
    """Dutch phone numbers in the spellings deduce misses ('+31 6 2345 6789')."""
    for match in PHONE.finditer(text):
        yield match.start(), match.end(), "phone"
