"""Names found from their neighbours, after the rules and deduce have had their say; the Mention type.

A first name joined to a person by 'en' ('Cor en Riet'), a word right before a surname ('met Lama Darwish'), one
person found in two parts ('Olena' and 'Kovalenko') or an address in two ('Lange Nieuwstraat 5, 3512 PA
Utrecht'), a span that trimming left as one plain word ('Sectieoverleg Engels' -> 'Engels'), and every new
occurrence of a name seen before (authors, earlier notes, the key file, a chat's lower-case speakers).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from . import rules
from .keyfile import normalise_name
from .vocabulary import (
    is_common_word,
    is_compound,
    is_dutch_word,
    is_english_word,
    is_first_name,
    is_place,
    is_surname,
)
from .words import HEADINGS, NEVER_A_PERSON, PARTICLES

PARTICLE_WORDS = frozenset(word for particle in PARTICLES for word in particle.split())


@dataclass(frozen=True)
class Mention:
    """A span of text that identifies someone or something, with its kind (person, email, place, ...)."""

    start: int
    end: int
    kind: str
    source: str

    def overlaps(self, other: Mention) -> bool:
        """Whether the two spans share a character."""
        return self.start < other.end and other.start < self.end


def known_name_mentions(text: str, known: frozenset[str], authors: frozenset[str] = frozenset()) -> list[Mention]:
    """Every occurrence of a known name (1-4 words), also in lower case when it is not a Dutch word.

    Names of the note's authors also count in lower case unless they are a common word ('petra', 'kees').
    """
    if not known:
        return []
    words = list(rules.WORD.finditer(text))
    found: list[Mention] = []
    index = 0
    while index < len(words):
        for size in (4, 3, 2, 1):
            chunk = words[index : index + size]
            if len(chunk) < size:
                continue
            start, end = chunk[0].start(), chunk[-1].end()
            if regex.search(r"[\n.,;:!?()]", text[start:end]):
                continue
            span = text[start:end]
            key = normalise_name(span)
            if key not in known and key.endswith("s") and key[:-1] in known and span[0].isupper():
                end -= 1
                key = key[:-1]
            lower_ok = key in authors and not is_common_word(key)
            capitalised = all(w.group(0)[0].isupper() for w in chunk if w.group(0).lower() not in PARTICLE_WORDS)
            if key in known and (capitalised or lower_ok):
                if size == 1 and (key in NEVER_A_PERSON or is_place(span) and not is_first_name(span)):
                    break
                found.append(Mention(start, end, "person", "known"))
                index += size - 1
                break
        index += 1
    return found


def plain_after_trim(text: str, mention: Mention) -> bool:
    """A person span that lost its first words in trimming and is now one plain word ('Sectieoverleg Engels')."""
    words = rules.WORD.findall(text[mention.start : mention.end])
    return mention.kind == "person" and len(words) == 1 and words[0].lower() in NEVER_A_PERSON


AFTER_PREPOSITION = regex.compile(r"(?i:\b(?:van|in|uit|naar|bij|rond)\s+)$")
COORDINATED_AFTER = regex.compile(r"(?:\s*,\s*|\s+(?:en|&|of)\s+)(\p{Lu}\p{Ll}+)\b")
SURNAME_AFTER = regex.compile(rf"[ \t]+({rules.SURNAME})(?![\p{{L}}'’-])")
COORDINATED_BEFORE = regex.compile(r"\b(\p{Lu}\p{Ll}+)(?:\s*,\s*|\s+(?:en|&|of)\s+)$")


def with_coordinated_first_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Cor en Riet', 'Noor en Wessel': a capitalised word inside a sentence joined to a person by 'en' is a
    person too, even when it is also a word (or, when it is a first name, a place); after a comma only a first
    name is (a comma also opens an address or a neighbourhood: 'mevrouw Yıldız, Holtenbroek')."""
    added: list[Mention] = []
    for mention in (m for m in mentions if m.kind == "person"):
        after = COORDINATED_AFTER.match(text, mention.end)
        before = COORDINATED_BEFORE.search(text[max(0, mention.start - 30) : mention.start])
        candidates = []
        if after:
            candidates.append((after.start(1), after.end(1), "," in after.group(0)))
        if before:
            offset = max(0, mention.start - 30)
            candidates.append((offset + before.start(1), offset + before.end(1), "," in before.group(0)))
        for start, end, comma in candidates:
            word = text[start:end]
            lower = word.lower()
            if lower in NEVER_A_PERSON or lower in HEADINGS or rules.at_sentence_start(text, start):
                continue
            taken = [m for m in mentions if m.start < end and start < m.end]
            if taken and (any(m.kind != "place" for m in taken) or not is_first_name(word)):
                continue  # already a name, or an institution, or a place that is no first name
            after_preposition = AFTER_PREPOSITION.search(text[max(0, start - 8) : start])
            if is_first_name(word) or not (comma or is_place(word) or is_english_word(lower) or after_preposition):
                end = _with_surname(text, end)
                added.append(replace(mention, start=start, end=end, kind="person", source="coordinated"))
    if not added:
        return mentions
    others = [m for m in mentions if not any(m.overlaps(a) for a in added)]
    return sorted([*others, *added], key=lambda m: m.start)


def _with_surname(text: str, end: int) -> int:
    """The end of a coordinated first name's surname when one follows ('Bogdan en Desislava Petrova')."""
    match = SURNAME_AFTER.match(text, end)
    if not match:
        return end
    surname = rules.WORD.findall(match.group(1))[-1]
    lower = surname.lower()
    if lower in NEVER_A_PERSON or lower in HEADINGS or is_place(surname) or is_english_word(lower):
        return end
    return match.end(1) if is_surname(surname) or not is_dutch_word(lower) else end


FIRST_NAME_BEFORE = regex.compile(r"(?<![\p{L}'’-])(\p{Lu}\p{Ll}+)[ \t]+$")


def first_names_taken_for_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """The capitalised word right before a person's name is part of it: one word taken for a place ('naar Budi
    Siregar'), or a word that is also Dutch inside a sentence ('met Lama Darwish')."""
    persons = [m for m in mentions if m.kind == "person"]
    starts = {m.start for m in persons}
    changed = []
    for mention in mentions:
        if mention.kind == "place" and len(rules.WORD.findall(text[mention.start : mention.end])) == 1:
            gap = regex.match(r"[ \t]+", text[mention.end : mention.end + 3])
            if gap and mention.end + gap.end() in starts:
                mention = replace(mention, kind="person")
        changed.append(mention)
    for person in persons:
        before = FIRST_NAME_BEFORE.search(text[max(0, person.start - 30) : person.start])
        if not before:
            continue
        start = max(0, person.start - 30) + before.start(1)
        word = before.group(1)
        lower = word.lower()
        if lower in NEVER_A_PERSON or lower in HEADINGS or lower in PARTICLE_WORDS or is_place(word):
            continue
        if rules.at_sentence_start(text, start) and (is_dutch_word(lower) or is_compound(word)):
            continue  # 'Volgens Jansen', 'Afwezig: Hoop Mulder' (a word first: left as it is)
        if not any(m.start <= start < m.end for m in changed):
            changed.append(replace(person, start=start, end=start + len(word), source="before a name"))
    return changed


JOINING_GAPS = {"person": regex.compile(r"[ \t]+"), "address": regex.compile(r",?[ \t]*")}
HOUSE_NUMBER_SUFFIX = regex.compile(r"-(?:\p{L}{1,4}|\d{1,4}\p{L}?)(?![\p{L}\d])")


def join_adjacent_persons(text: str, mentions: list[Mention]) -> list[Mention]:
    """Parts of one name or address found apart: 'Olena' and 'Kovalenko' with only a space between them are one
    person (one pseudonym); 'Lange Nieuwstraat 5' and '3512 PA Utrecht' with a comma between them one address,
    which holds the house number's suffix ('45-C')."""
    joined: list[Mention] = []
    for mention in mentions:
        if mention.kind == "address" and text[mention.end - 1 : mention.end].isdigit():
            suffix = HOUSE_NUMBER_SUFFIX.match(text, mention.end)  # 'Schiekade 45-C', 'Kerkstraat 12-bis'
            mention = replace(mention, end=suffix.end()) if suffix else mention
        last = joined[-1] if joined else None
        between = text[last.end : mention.start] if last else ""
        gap = JOINING_GAPS.get(mention.kind) if last and last.kind == mention.kind else None
        if gap is not None and gap.fullmatch(between):
            joined[-1] = replace(last, end=mention.end)
        else:
            joined.append(mention)
    return joined
