"""Task allocation by name: whether a rule's match follows a subject that names people at the start of a sentence.

Minutes hand out work by name: "Jesse werkt de opmerkingen uit.", "Marco en Arjen stemmen dit af.",
"[PERSOON-1] zal de zaal regelen.", "Iedereen kijkt zijn eigen issues na." The codebook calls routine task
allocation `structuur`, but the verbs alone (uitwerken, afstemmen, regelen) are also what a writer says of their
own work in a reflection. A rule whose pattern starts with ``@naam`` (docs/lexicon.md, "Task allocation by name")
therefore only counts when everything before its match, after a bullet or item number, is a *name subject*:

- one or more person words joined by ``,``, ``en``, ``/``, ``&`` or ``+``, with name particles (``de``, ``van``,
  ``der`` ...) inside a name ("Jan de Vries");
- a person word is a capitalised word that is not a Dutch function word (articles, pronouns, adverbs such as
  "Daarna", "Soms", "Vandaag": spaCy's Dutch stop words and ``NOT_NAMES``) nor a word for a client, resident or
  family member ("Meneer Visser", "Oma", "Bewoner": what they do is not the team's allocation), an acronym of a
  body ("HR", "ICT"), a pseudonym placeholder as written by ``leersignalen pseudonymise`` (``[PERSOON-3]``), or a
  word for the whole group (``iedereen``, ``allen``);

and the match's first word is a finite verb that agrees with the subject: a singular present form ("verwerkt",
"zet", "zal", "gaat"; it ends in ``-t`` or is ``zal``, does not start with ``ge`` or a separable particle, which
would make it a participle or an infinitive of a subordinate clause, and a word follows it), or, after two or more
names or a plural group word, the plural ("werken", "gaan"). So a to-do item without a person ("Loginpagina
bekijken", "Stageovereenkomst verstuurd.") does not count. The word after the verb must not be a subject pronoun
("Dan regelen we ..." is the writer's own plan, with "Dan" in first position). No name list is used: a
capitalised word in subject position is taken for a name or a role ("Voorzitter stuurt de agenda rond"), which in
minutes is task allocation either way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.nl.stop_words import STOP_WORDS

MAX_SUBJECT_TOKENS = 8
MAX_LEAD_TOKENS = 6  # bullets, item numbers, mark-up and spaces before the subject
PLACEHOLDER = re.compile(r"^[A-Z]{3,}-\d+$")
JOINERS = frozenset({",", "en", "&", "/", "+", "[", "]"})
OPEN_JOINERS = JOINERS - {"["}  # a subject cannot start with these
CLOSE_JOINERS = JOINERS - {"]"}  # nor end with these
NAME_PARTICLES = frozenset({"de", "van", "der", "den", "te", "ten", "ter", "la", "le", "du", "da", "di", "el"})
GROUP_WORDS = frozenset({"iedereen", "ieder", "allen", "beiden", "elk", "elke"})
PLURAL_GROUP_WORDS = frozenset({"allen", "beiden"})
PARTICLES = ("uit", "na", "voort", "op", "aan", "af", "terug", "rond", "door", "bij", "voor", "bezig", "mee", "in")
SUBJECT_PRONOUNS = frozenset({"ik", "je", "jij", "we", "wij", "hij", "zij", "ze", "u", "jullie", "men"})
NOT_NAMES = frozenset({
    "vandaag", "morgen", "gisteren", "overmorgen", "daarna", "vervolgens", "eerst", "later", "soms", "vaak",
    "meestal", "uiteindelijk", "achteraf", "volgende", "vorige", "deze", "hierna", "daarnaast", "bovendien",
    "tijdens", "verder", "ook", "dus", "dan", "toen", "nu", "nog", "samen", "graag", "misschien", "wellicht",
    "waarschijnlijk", "hopelijk", "eventueel", "actie", "acties", "actiepunt", "todo", "wie", "wat", "hoe",
    "natuurlijk", "gelukkig", "helaas", "uiteraard", "inmiddels", "thuis", "stel", "ondergetekende",
    # clients, residents and family in care and wijkteam notes: what they do is not the team's task allocation
    "meneer", "mevrouw", "mw", "dhr", "cliënt", "client", "klant", "bewoner", "bewoners", "buurman", "buurvrouw",
    "moeder", "vader", "mama", "papa", "oma", "opa", "tante", "oom", "zoon", "dochter", "broer", "zus",
})  # fmt: skip
MAX_ACRONYM = 5  # "HR", "ICT", "MT": a department or body taking on a task


def _is_person_word(text: str) -> bool:
    lower = text.lower()
    if lower in GROUP_WORDS or PLACEHOLDER.match(text):
        return True
    if text.isupper() and text.isalpha() and 2 <= len(text) <= MAX_ACRONYM:
        return True
    return text.istitle() and text.replace("-", "").isalpha() and lower not in STOP_WORDS and lower not in NOT_NAMES


def _is_lead(text: str) -> bool:
    """A bullet, item number or mark-up before the subject ("-", "*", "2.", "3)", "**")."""
    return not text[:1].isalpha() and text != "["


def follows_names(texts: Sequence[str], match_start: int) -> bool:
    """Whether ``texts[:match_start]`` (a sentence's token texts before a match) is a name subject, and the token
    after the match's first token is not a subject pronoun."""
    position = 0
    while position < match_start and _is_lead(texts[position]):
        position += 1
        if position > MAX_LEAD_TOKENS:
            return False
    if match_start - position > 2 * MAX_SUBJECT_TOKENS:
        return False  # checked before the subject is collected: a long sentence costs nothing
    subject = [text for text in texts[position:match_start] if not text.isspace()]
    if not subject or len(subject) > MAX_SUBJECT_TOKENS:
        return False
    if match_start + 1 < len(texts) and texts[match_start + 1].lower() in SUBJECT_PRONOUNS:
        return False
    persons = 0
    for index, text in enumerate(subject):
        if _is_person_word(text):
            persons += 2 if text.lower() in PLURAL_GROUP_WORDS else 1
        elif text.lower() in JOINERS or (index and text.lower() in NAME_PARTICLES):
            continue
        else:
            return False
    if not persons or subject[0].lower() in OPEN_JOINERS or subject[-1].lower() in CLOSE_JOINERS:
        return False
    return _agrees(texts, match_start, plural=persons > 1)


def _agrees(texts: Sequence[str], position: int, *, plural: bool) -> bool:
    """Whether the word at ``position`` is a finite present verb that agrees with a singular or plural subject."""
    verb = texts[position].lower()
    if verb.startswith("ge") or verb.startswith(PARTICLES):
        return False
    if verb == "zal" or verb.endswith("t"):
        return any(text[:1].isalnum() for text in texts[position + 1:])
    return plural and verb.endswith("n")
