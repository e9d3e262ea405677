"""The pseudonymiser: replace what identifies people in notes by stable pseudonyms such as ``[PERSOON-17]``.

Why ``[PERSOON-17]``: the brackets and capitals can never be mistaken for a real name (a made-up name such as
"Jan" could, and would collide with real people in other notes); the Dutch noun keeps the sentence readable
and grammatical enough for the tagger ("[PERSOON-3] pakt dit zelf op" is still a sentence with a subject);
the number keeps people apart, so "who said what" stays analysable without saying who.

With a key file the same normalised name always gets the same pseudonym, across notes, communities and
runs. Without one the numbers start at a random offset per run, so nothing can be mapped back.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors
from .detect import ALSO_CHOICES, PARTICLE_WORDS, Mention, confident_person_spans, find_mentions
from .keyfile import KeyFileError, PseudonymKey, normalise_name
from .rules import WORD
from .words import HEADINGS, NEVER_A_PERSON

LABELS = {
    "person": "PERSOON", "place": "PLAATS", "institution": "INSTELLING", "date": "DATUM", "email": "EMAIL",
    "phone": "TELEFOON", "address": "ADRES", "url": "URL", "url_name": "URL", "bsn": "BSN", "id": "NUMMER",
}  # fmt: skip
RANDOM_OFFSET_RANGE = 900


@dataclass(frozen=True)
class Replacement:
    """One replaced span: offsets into the original text, the original, its pseudonym and kind."""

    start: int
    end: int
    original: str
    pseudonym: str
    kind: str


def parse_also(values: Iterable[str]) -> frozenset[str]:
    """Check ``--also`` values (comma-separated or repeated) against places, institutions, dates, contact."""
    chosen = {part.strip().lower() for value in values for part in str(value).split(",") if part.strip()}
    for value in sorted(chosen):
        if value not in ALSO_CHOICES:
            raise KeyFileError(Errors.E073.format(value=value, choices=", ".join(ALSO_CHOICES)))
    return frozenset(chosen)


class Pseudonymiser:
    """Replaces names and contact details in texts, remembering every person it has seen.

    ``pseudonymise(text, authors=...)`` returns the new text; ``replacements(...)`` the spans with offsets;
    ``pseudonymise_author(value)`` a whole author field; ``save()`` writes the key file (when there is one).
    """

    def __init__(self, key_path: Path | None = None, *, also: Iterable[str] = ()):
        self.also = parse_also(also)
        self.key = PseudonymKey.load(key_path)
        self.has_key_file = key_path is not None
        self.known: set[str] = {key.partition(":")[2] for key in self.key.keys if key.startswith("person:")}
        self.next_number: dict[str, int] = {}
        for pseudonym in self.key.originals:
            label, _, number = pseudonym.strip("[]").rpartition("-")
            if number.isdigit():
                self.next_number[label] = max(self.next_number.get(label, 1), int(number) + 1)
        self.offset = 1 if self.has_key_file else 1 + secrets.randbelow(RANDOM_OFFSET_RANGE)

    def remember(self, names: Iterable[str]) -> None:
        """Treat these names (and their first name and surname) as people wherever they occur later."""
        for name in names:
            for form in _name_forms(name):
                self.known.add(form)

    def learn(self, text: str, *, authors: Iterable[str] = ()) -> None:
        """Remember the names of authors, speakers, attendance lists and titled people in ``text`` (fast, no deduce).

        Run it over all notes before pseudonymising them, so that 'Kasia' from a later attendance list is also
        replaced where an earlier note mentions her in passing.
        """
        self.register_authors(authors)
        self.remember(text[start:end] for start, end in confident_person_spans(text))

    def register_authors(self, authors: Iterable[str]) -> None:
        """Give each author a pseudonym now, so that their first name in a text gets the same one."""
        for value in authors:
            if value and value.strip():
                for start, end in _split_author(value):
                    self._pseudonym("person", value[start:end])

    def _pseudonym(self, kind: str, original: str) -> str:
        label = LABELS[kind]
        normalised = normalise_name(original) if kind == "person" else " ".join(original.lower().split())
        key = f"{'person' if kind == 'person' else label.lower()}:{normalised}"
        if key not in self.key.keys and kind == "person" and normalised.endswith("s"):
            shorter = f"person:{normalised[:-1]}"
            key = shorter if shorter in self.key.keys else key
        pseudonym = self.key.keys.get(key)
        if pseudonym is None:
            number = self.next_number.get(label, self.offset)
            self.next_number[label] = number + 1
            pseudonym = f"[{label}-{number}]"
        self.key.record(key, pseudonym, original)
        if kind == "person":
            for form in _name_forms(original):
                self.known.add(form)
                self.key.keys.setdefault(f"person:{form}", pseudonym)
        return pseudonym

    def replacements(self, text: str, *, authors: Iterable[str] = ()) -> list[Replacement]:
        """The spans of ``text`` to replace, in text order, each with its pseudonym."""
        names = [author for author in authors if author and author.strip()]
        self.register_authors(names)
        author_forms = frozenset(form for name in names for form in _name_forms(name))
        mentions: list[Mention] = find_mentions(text, known=frozenset(self.known), authors=author_forms, also=self.also)
        return [
            Replacement(m.start, m.end, text[m.start : m.end], self._pseudonym(m.kind, text[m.start : m.end]), m.kind)
            for m in mentions
        ]

    def pseudonymise(self, text: str, *, authors: Iterable[str] = ()) -> str:
        """``text`` with every person name and contact detail (and what ``also`` adds) replaced."""
        return apply_replacements(text, self.replacements(text, authors=authors))

    def pseudonymise_author(self, value: str) -> str:
        """An author field: one or more names separated by ',', ';', '/', '&' or ' en ', each replaced whole."""
        if not value or not value.strip():
            return value
        parts = _split_author(value)
        for start, end in parts:
            self.remember([value[start:end]])
        replacements = [
            Replacement(start, end, value[start:end], self._pseudonym("person", value[start:end]), "person")
            for start, end in parts
        ]
        return apply_replacements(value, replacements)

    def save(self) -> None:
        """Write the key file, atomically and owner-only, when this pseudonymiser has one."""
        self.key.save()

    def manifest_entry(self) -> dict:
        """What the manifest should say: that outputs are pseudonymised, what else went, whether a key exists."""
        from .deduce_loader import deduce_version

        return {"pseudonymised": True, "also": sorted(self.also), "key_file": self.has_key_file,
                "deduce": deduce_version()}  # fmt: skip


def apply_replacements(text: str, replacements: Iterable[Replacement]) -> str:
    """Put the pseudonyms into ``text`` (replacements must not overlap)."""
    pieces, position = [], 0
    for replacement in sorted(replacements, key=lambda r: r.start):
        pieces.append(text[position : replacement.start])
        pieces.append(replacement.pseudonym)
        position = replacement.end
    pieces.append(text[position:])
    return "".join(pieces)


def _split_author(value: str) -> list[tuple[int, int]]:
    spans = []
    for match in WORD.finditer(value):
        spans.append([match.start(), match.end()])
    groups: list[list[int]] = []
    for start, end in spans:
        between = value[groups[-1][1] : start] if groups else ""
        if groups and not any(sep in f" {between} " for sep in (",", ";", "/", "&", " en ", " and ", "+")):
            groups[-1][1] = end
        else:
            groups.append([start, end])
    return [(start, end) for start, end in groups]


def _name_forms(name: str) -> list[str]:
    """'Petra de Vries' -> 'petra de vries', 'petra', 'de vries'; titles and possessives dropped."""
    full = normalise_name(name)
    if not full:
        return []
    words = full.split()
    forms = [full]
    if len(words) > 1 and len(words[0]) > 1 and not words[0].endswith(".") and words[0] not in PARTICLE_WORDS:
        forms.append(words[0])
        surname = words[1:]
        while len(surname) > 1 and len(surname[0]) <= 3 and surname[0].endswith("."):
            surname = surname[1:]
        forms.append(" ".join(surname))
    return [form for form in forms if len(form) > 1 and form not in NEVER_A_PERSON and form not in HEADINGS]
