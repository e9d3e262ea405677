"""Find what identifies someone in a note: deduce's annotations, filtered for meeting-note language, plus own rules.

A :class:`Mention` is a span of the text with a kind. Person names, e-mail addresses, phone numbers, street
addresses (also postal codes and PO boxes), BSNs and URLs that contain a name are always found; places,
institutions, dates and other contact details (every URL, numbers of 7+ digits) only when asked for with ``also``.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from . import rules
from .context import (
    PARTICLE_WORDS,
    Mention,
    first_names_taken_for_places,
    join_adjacent_persons,
    known_name_mentions,
    plain_after_trim,
    with_coordinated_first_names,
)
from .deduce_loader import load_deduce
from .keyfile import normalise_name
from .vocabulary import (
    is_common_word,
    is_compound,
    is_dutch_word,
    is_english_word,
    is_first_name,
    is_place,
    is_surname,
    looks_like_first_name,
)
from .words import HEADINGS, NEVER_A_PERSON, NUMBERED_ITEMS, TITLES, TRADE_WORDS

ALSO_CHOICES = ("places", "institutions", "dates", "contact")
ALWAYS = frozenset({"person", "email", "phone", "address", "bsn", "url_name"})
KIND_OPTION = {"place": "places", "institution": "institutions", "date": "dates", "url": "contact", "id": "contact"}
STREET = regex.compile(
    r"\p{Lu}\p{Ll}+(?:baan|bolwerk|dam|dijk|dreef|gracht|hof|kade|laan|markt|pad|park|plantsoen|plein|singel|"
    r"steeg|straat|weg|wal|veld|erf|hoek|haven|kant)\b"
)
URL_WORDS = regex.compile(r"\p{L}{2,}")
LEADING_TITLE = regex.compile(rf"(?i:(?:de\s+|het\s+)?(?:{rules._alternation(TITLES)}))\s+")
ENGLISH_BEFORE = regex.compile(r"(\p{Lu}\p{Ll}+)\s+(?:of|and|&|for|the)\s+$")
ENGLISH_AFTER = regex.compile(r"\s+(?:of|and|&|for|the)\s+(\p{Lu}\p{Ll}+)")
PROFILE_SITES = ("linkedin.", "facebook.", "instagram.", "twitter.", "x.com/", "tiktok.", "github.")


def _numbered_item(text: str) -> bool:
    """'Punt 1', 'Sprint 4', 'Presentielijst 11': a numbered item of the notes, not a street and number."""
    words = rules.WORD.findall(text)
    return len(words) == 1 and words[0].lower().endswith(NUMBERED_ITEMS) and not STREET.fullmatch(words[0])


def _deduce_kind(tag: str, text: str) -> str | None:
    if any(part in tag for part in ("naam", "initia", "persoon", "patient", "prefix", "interfix")):
        return "person"
    if tag == "locatie":
        if any(char.isdigit() for char in text):
            return None if _numbered_item(text) else "address"
        return "place"
    if tag in ("ziekenhuis", "zorginstelling"):
        return "institution"
    return {"datum": "date", "bsn": "bsn", "id": "id", "telefoonnummer": "phone", "emailadres": "email",
            "url": "url"}.get(tag)  # fmt: skip


WEAK_RULES = frozenset({"unknown", "particle", "attendance"})  # a place deduce knows beats these
DISABLED = frozenset({"age", "patient_name", "eponymous_disease"})


def deduce_mentions(text: str) -> list[Mention]:
    """deduce's annotations as mentions (before any filtering)."""
    document = load_deduce().deidentify(text, disabled=set(DISABLED))
    mentions = []
    for annotation in document.annotations:
        kind = _deduce_kind(annotation.tag, annotation.text)
        if kind is not None:
            mentions.append(Mention(annotation.start_char, annotation.end_char, kind, f"deduce:{annotation.tag}"))
    return mentions


def _plausible_person(text: str, mention: Mention, known: frozenset[str]) -> bool:
    """False for what deduce took for a name but is meeting-note language ('Teams', 'zelf', 'Mei', 'bakker')."""
    span = text[mention.start : mention.end]
    words = rules.WORD.findall(span)
    if not words:
        return False
    if normalise_name(span) in known:
        return True
    if all(word[0].islower() for word in words):
        return False
    if all(word.lower() in PARTICLE_WORDS for word in words):
        return False
    capitalised = [word for word in words if word[0].isupper()]
    if all(word.lower() in NEVER_A_PERSON for word in capitalised):
        return False
    if regex.match(r"-\p{Ll}", text[mention.end : mention.end + 2]) or any(map(rules.hyphen_compound, words)):
        return False  # 'Oud-middag', 'Diwali-avond': (the first part of) a compound
    if _english_title(text, mention, capitalised):
        return False
    if len(capitalised) == 1:
        word = capitalised[0]
        word_start = mention.start + span.index(word)
        starts = rules.at_sentence_start(text, word_start)
        if word.lower() in TRADE_WORDS:
            return not starts
        if starts and len(words) == 1 and (is_common_word(word.lower()) or is_dutch_word(word.lower())):
            return is_first_name(word)  # 'Lift in blok C', 'Zaal 2.14': a word opening the sentence
        if _is_month_date(text, mention):
            return False
    return True


def _english_title(text: str, mention: Mention, capitalised: list[str]) -> bool:
    """'Definition of Done', 'Signs of Safety': capitalised English words joined by 'of', 'and' or '&'."""
    if not all(is_english_word(word.lower()) for word in capitalised):
        return False
    before = ENGLISH_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
    after = ENGLISH_AFTER.match(text[mention.end : mention.end + 30])
    neighbours = [match.group(1) for match in (before, after) if match]
    return any(is_english_word(word.lower()) for word in neighbours)


def _is_month_date(text: str, mention: Mention) -> bool:
    """'3 jan.', 'mei 2024': a month next to a number, not a first name."""
    word = text[mention.start : mention.end].lower().rstrip(".")
    if word not in ("jan", "mei", "april", "juni", "juli", "augustus", "maart", "dec", "nov", "okt"):
        return False
    before = text[max(0, mention.start - 4) : mention.start]
    after = text[mention.end : mention.end + 6]
    return bool(regex.search(r"\d\s*$", before) or regex.match(r"\.?\s*'?\d", after))


def _url_has_name(url: str, known: frozenset[str]) -> bool:
    """A profile link, or a first name followed by a surname ('/leden/jan-verbeek'), or a known name in the URL."""
    lower = url.lower()
    if any(site in lower for site in PROFILE_SITES) or "@" in url:
        return True
    parts = URL_WORDS.findall(regex.sub(r"^https?://(?:www\.)?", "", lower))
    if any(part in known and not is_dutch_word(part) for part in parts):
        return True
    pairs = zip(parts, parts[1:], strict=False)
    return any(
        is_first_name(first.capitalize()) and is_surname(second.capitalize()) or f"{first} {second}" in known
        for first, second in pairs
    )


def _english_not_a_name(word: str) -> bool:
    return is_english_word(word.lower()) and not is_first_name(word)


def _name_word(word: str) -> bool:
    return is_first_name(word) or is_surname(word) or not is_dutch_word(word.lower())


def _is_word(lower: str) -> bool:
    return is_dutch_word(lower) or is_common_word(lower) or is_english_word(lower)


def rule_mentions(text: str) -> list[Mention]:
    """Person names (and some places, institutions, phone numbers) found by the meeting-note rules."""
    spans = [
        *rules.unknown_capitalised(text, is_dutch_word, is_place, is_first_name, is_compound, is_english_word,
                                   is_surname),
        *rules.institutions(text),
        *rules.phone_numbers(text),
        *rules.speaker_prefixes(text, looks_like_first_name, _english_not_a_name),
        *[span for span in rules.attendance_lists(text, is_first_name) if not is_place(text[span[0] : span[1]])],
        *rules.initials_with_surname(text),
        *rules.names_before_addresses(text, _name_word),
        *rules.titled_names(text),
        *rules.particle_surnames(text, is_surname, is_dutch_word, is_compound),
        *rules.capitalised_particle_surnames(text),
    ]
    return [Mention(start, end, _rule_kind(text[start:end], rule), rule) for start, end, rule in spans]


def confident_person_spans(text: str) -> list[tuple[int, int]]:
    """Names from speaker prefixes, attendance lists, titles and initials: the rules that rarely err."""
    spans = [
        *rules.speaker_prefixes(text, looks_like_first_name, _english_not_a_name),
        *[span for span in rules.attendance_lists(text, is_first_name) if not is_place(text[span[0] : span[1]])],
        *rules.initials_with_surname(text),
        *rules.titled_names(text),
    ]
    return [(start, end) for start, end, _ in spans]


def _rule_kind(span: str, rule: str) -> str:
    """A particle rule match can be a street or a place ('in de Kastanjelaan', 'van Utrecht')."""
    if rule in ("place", "institution", "phone"):
        return rule
    if rule not in ("particle", "unknown"):
        return "person"
    word = rules.WORD.findall(span)[-1]
    if STREET.fullmatch(word) or (is_place(word) and not is_surname(word)):
        return "place"
    return "person"


def _wanted(mention: Mention, also: frozenset[str]) -> bool:
    if mention.kind in ALWAYS:
        return True
    return KIND_OPTION.get(mention.kind) in also


def _resolve(mentions: Iterable[Mention]) -> list[Mention]:
    """Merge overlapping spans; the merged span keeps the kind of its longest part (person wins ties)."""
    ordered = sorted(mentions, key=lambda m: (m.start, -m.end))
    merged: list[Mention] = []
    for mention in ordered:
        if merged and mention.start < merged[-1].end:
            last = merged[-1]
            longest = max((last, mention), key=lambda m: (m.end - m.start, m.kind == "person"))
            merged[-1] = Mention(last.start, max(last.end, mention.end), longest.kind, longest.source)
        else:
            merged.append(mention)
    return merged


def _trim(text: str, mention: Mention) -> Mention:
    """Drop a possessive 's, spaces and punctuation from the edges of a span."""
    start, end = mention.start, mention.end
    while end > start and (text[end - 1] in " \t\n.,;:-" or text[end - 1] in "'’"):
        end -= 1
    if mention.kind == "person" and regex.search(r"['’]s$", text[start:end]):
        end -= 2
    if mention.kind == "person":
        start = _skip_leading_words(text, start, end)
    while start < end and text[start] in " \t\n":
        start += 1
    return Mention(start, end, mention.kind, mention.source)


def _skip_leading_words(text: str, start: int, end: int) -> int:
    """Drop titles ('mevrouw'), headings ('Actie') and sentence-initial words ('Volgens') from a name's start."""
    while True:
        title = LEADING_TITLE.match(text, start, end)
        if title and title.end() < end:
            start = title.end()
            continue
        word = rules.WORD.match(text, start, end)
        rest = regex.match(r"\s+", text[word.end() : end]) if word else None
        if not word or not rest or word.end() + rest.end() >= end:
            return start
        lower = word.group(0).lower()
        plain = lower in HEADINGS or lower in NEVER_A_PERSON
        dutch = is_dutch_word(lower) or is_compound(word.group(0))  # 'Volgens', 'Sectieoverleg'
        opener = rules.at_sentence_start(text, start) and dutch and not is_first_name(word.group(0))
        if not (plain or opener) or lower in PARTICLE_WORDS:
            return start
        start = word.end() + rest.end()


def find_mentions(
    text: str,
    *,
    known: frozenset[str] = frozenset(),
    authors: frozenset[str] = frozenset(),
    also: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Everything to replace in ``text``: non-overlapping mentions in text order.

    ``known`` are normalised names of people seen before; ``authors`` the name forms of this note's authors.
    """
    found: list[Mention] = []
    for mention in deduce_mentions(text):
        if mention.kind == "person" and not _plausible_person(text, mention, known):
            continue
        span = text[mention.start : mention.end]
        if mention.kind == "person" and is_place(span) and not is_first_name(span) and span.lower() not in known:
            mention = Mention(mention.start, mention.end, "place", mention.source)
        if mention.kind == "url" and _url_has_name(text[mention.start : mention.end], known):
            mention = Mention(mention.start, mention.end, "url_name", mention.source)
        found.append(mention)
    places = [mention for mention in found if mention.kind == "place"]
    for mention in rule_mentions(text):
        words = rules.WORD.findall(text[mention.start : mention.end])
        if mention.kind == "person" and _english_title(text, mention, words):
            continue
        weak = mention.kind == "person" and mention.source in WEAK_RULES
        surname = bool(words) and is_surname(words[-1])
        if not (weak and not surname and any(mention.overlaps(place) for place in places)):
            found.append(mention)
    found.extend(known_name_mentions(text, known | authors, authors))
    casual = rules.casual_names(text, is_first_name, _is_word)
    found.extend(known_name_mentions(text, casual, casual))
    found = first_names_taken_for_places(text, found)
    trimmed = [_trim(text, mention) for mention in _resolve(m for m in found if _wanted(m, also))]
    kept = [mention for mention in trimmed if mention.end > mention.start and not plain_after_trim(text, mention)]
    return join_adjacent_persons(text, with_coordinated_first_names(text, kept))
