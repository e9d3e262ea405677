"""Headings, labels and template prompts: sentences that name a section rather than say something.

Notes written in a template are full of lines such as ``# Reflectie``, ``Wat ik meeneem:`` or
``Evaluatie eerste halfjaar``. They contain cue words (reflectie, evaluatie, actiepunten) but code
nothing: the codebook codes what a sentence does, and a heading only announces the text under it.
:func:`heading_kind` recognises four kinds (see docs/lexicon.md, "Headings and labels"):

- ``markdown``: the sentence starts with a markdown heading marker (``#`` to ``######``), or it is a
  short bold line without a verb form or colon (``**Terugblik**``) or a bold prompt (``**Wat ging goed?**``);
- ``label``: the sentence ends in ``:`` and is a prompt or a name, not a clause: it starts with a question
  word ("Wat ik meeneem:", "Wat ging goed:") or has no verb form ("Actiepunten:", "Leerdoel 2:");
  "Ik heb het volgende geleerd:" is a clause and stays; such a label in bold (``**Actiepunten:**``) too;
  :func:`is_sublabel` tells a speaker or subtopic label ("Sanne:", "Communicatie:") that keeps a
  section prompt's section open from one that starts a new part;
- ``title``: a short line (at most ``MAX_TITLE_WORDS`` words) that starts with a word naming a part or
  kind of document (reflectie, evaluatie, verslag, week, bijeenkomst, ... in ``TITLE_NOUNS``), has no verb
  form, no subject pronoun, no colon, does not end in ``?`` or ``!``, and whose second word is a
  preposition, a date or number, an ordinal or another such word (``TITLE_FOLLOWERS``), so that telegraphic
  content ("Planning erg krap.") is not taken for a title: "Evaluatie eerste halfjaar.",
  "Reflectie na de bijeenkomst van 12 maart", "3. Notulen vorige vergadering";
- ``prompt``: a short question made only of question words, auxiliaries, pronouns and evaluative adverbs
  ("Wat ging goed?", "Wat kan beter?", "Wat neem je mee?"), as template prompts are.

A verb form is a token whose lemma is a known verb different from the token (finite forms and
participles: ``kwam``, ``werkte``, ``vastgesteld``) or one of the closed list ``FINITE_FORMS``; an
infinitive used as a noun ("Terugblik op samenwerken") does not count. Bullet lines ("- notulen
vastgesteld") are content, never headings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_TITLE_WORDS = 10
MAX_PROMPT_WORDS = 6
QUESTION_WORDS = frozenset({"wat", "hoe", "waar", "wanneer", "waarom", "welke", "welk", "wie", "waarin", "waarop"})
SUBJECT_PRONOUNS = frozenset({"ik", "we", "wij", "jij", "je", "hij", "zij", "ze", "jullie", "u", "men"})
FINITE_FORMS = frozenset({
    "is", "was", "ben", "bent", "waren", "heb", "hebt", "heeft", "had", "hadden", "word", "wordt", "werd",
    "werden", "kan", "kun", "kunt", "kon", "konden", "moet", "moest", "moesten", "wil", "wilt", "wilde",
    "wilden", "zal", "zult", "zullen", "zou", "zouden", "mag", "mocht", "mochten", "ga", "gaat", "ging",
    "gingen", "kwam", "kwamen", "komt", "bleek", "bleken", "blijkt", "bleef", "bleven", "blijft", "liep",
    "liepen", "loopt", "staat", "stond", "stonden", "doet", "deed", "deden", "vind", "vindt", "vond", "vonden",
})
PROMPT_WORDS = QUESTION_WORDS | SUBJECT_PRONOUNS | FINITE_FORMS | frozenset({
    "goed", "beter", "minder", "anders", "mee", "meer", "geleerd", "leer", "leerde", "neem", "nemen", "neemt",
    "de", "het", "volgende", "keer", "nu", "jouw", "mijn", "onze", "er", "aan", "doen", "vond", "vind",
    "hebben", "ging", "verbeteren", "meenemen", "leren", "niet", "wel", "zo", "dan", "nog", "bij",
})
TITLE_NOUNS = frozenset({
    "reflectie", "zelfreflectie", "weekreflectie", "eindreflectie", "tussenreflectie", "reflecties",
    "evaluatie", "tussenevaluatie", "eindevaluatie", "zelfevaluatie", "evaluaties", "terugblik", "nabespreking",
    "verslag", "weekverslag", "eindverslag", "verslagen", "notulen", "actienotulen", "logboek", "log",
    "dagboek", "weblog", "blog", "retrospective", "retro", "sprint", "sprintreview", "review", "agenda",
    "actiepunten", "actiepunt", "actielijst", "acties", "besluiten", "besluitenlijst", "afspraken",
    "samenvatting", "inleiding", "conclusie", "conclusies", "bijlage", "week", "dag", "maand", "kwartaal",
    "periode", "blok", "fase", "bijeenkomst", "vergadering", "overleg", "sessie", "intervisie", "leerdoel",
    "leerdoelen", "leerpunten", "leerpunt", "tops", "tips", "feedback", "mededelingen", "rondvraag", "opening",
    "sluiting", "afsluiting", "vervolg", "vervolgstappen", "stand", "voortgang", "planning", "onderwerp",
    "thema", "casus", "casusbespreking", "hoofdstuk", "deel", "les", "lesdag", "stagedag", "werkdag",
    "aanwezig", "aanwezigen", "afwezig", "wvttk", "verbeterpunten", "ontwikkelpunten", "werkpunten",
    "zelfbeoordeling", "beoordeling", "opdracht", "toelichting", "terugkoppeling", "uitkomsten", "resultaten",
})
TITLE_FOLLOWERS = frozenset({
    "na", "van", "op", "over", "voor", "tijdens", "bij", "met", "in", "rond", "om", "per", "en", "-", "–", "—",
    "(", "eerste", "tweede", "derde", "vierde", "vijfde", "laatste", "volgende", "vorige", "deze", "week",
    "dag", "maand", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag",
})
MARKERS = frozenset({"#", "*", "_", "**", "__"})


def _words(texts: Sequence[str]) -> list[str]:
    return [text.lower() for text in texts if any(char.isalnum() for char in text)]


def is_verb_form(word: str, lemma_of: Callable[[str], str], verbs: frozenset[str]) -> bool:
    """Whether a lowercase word is a finite verb or a participle (not an infinitive, not a noun)."""
    if word in FINITE_FORMS:
        return True
    lemma = lemma_of(word)
    return lemma != word and lemma in verbs


def _strip_enumerator(texts: list[str]) -> list[str]:
    """Drop a leading item number ("3.", "2)", "a)") so that the title word comes first."""
    if len(texts) > 1 and texts[0].isalnum() and len(texts[0]) <= 2 and texts[1] in (".", ")"):
        return texts[2:]
    if texts and texts[0][:-1].isdigit() and texts[0][-1:] in (".", ")"):
        return texts[1:]
    return texts


def _title_follower(text: str) -> bool:
    """Whether a word can follow the first word of a title: a preposition, date, number or another title word."""
    return text in TITLE_FOLLOWERS or text in TITLE_NOUNS or text[:1].isdigit()


def _is_prompt(words: list[str]) -> bool:
    """A short question made only of question words, auxiliaries, pronouns and evaluative adverbs."""
    return len(words) <= MAX_PROMPT_WORDS and words[0] in QUESTION_WORDS and all(w in PROMPT_WORDS for w in words)


MAX_SUBLABEL_WORDS = 3


def markdown_level(texts: Sequence[str]) -> int:
    """The level of a markdown heading (``###`` is 3), 0 for a sentence that does not start with ``#``."""
    level = 0
    for text in texts:
        if text == "#":
            level += 1
        elif not text.isspace():
            break
    return level


def is_sublabel(texts: Sequence[str]) -> bool:
    """Whether a ``label`` heading names a speaker or a subtopic inside the open section ("Sanne:", "Jan de Vries:",
    "Communicatie:") rather than a new part ("Actiepunten:", "Wat kan beter:", "Afspraken volgende week:")."""
    words = _words(texts)
    return (0 < len(words) <= MAX_SUBLABEL_WORDS and words[0] not in QUESTION_WORDS
            and not any(word in TITLE_NOUNS for word in words))


def _is_marked_colon(text: str) -> bool:
    return len(text) > 1 and text[0] == ":" and set(text[1:]) <= {"*", "_"}


def _split_marked_colons(texts: list[str]) -> list[str]:
    """The tokenizer keeps a colon and the bold or italic marker after it together (``**Bram:**`` gives
    ``Bram``, ``:*``, ``*``); split such a token so that the label's colon and its closing marker show."""
    if not any(map(_is_marked_colon, texts)):
        return texts
    return [part for text in texts for part in ([":", *text[1:]] if _is_marked_colon(text) else [text])]


def heading_kind(texts: Sequence[str], lemma_of: Callable[[str], str], verbs: frozenset[str]) -> str:
    """``markdown``, ``label``, ``title``, ``prompt`` or ``""`` for the token texts of one sentence."""
    texts = _split_marked_colons([text for text in texts if not text.isspace()])
    if not texts:
        return ""
    if texts[0] == "#":
        return "markdown"
    words = _words(texts)
    if not words:
        return ""
    if len(texts) > 4 and texts[:2] in (["*", "*"], ["_", "_"]) and texts[-2:] == texts[:2]:
        short = len(words) <= MAX_TITLE_WORDS and ":" not in texts
        if short and not any(is_verb_form(word, lemma_of, verbs) for word in words):
            return "markdown"
        if _is_prompt(words):  # **Wat ging goed?**
            return "markdown"
        if texts[-3] == ":" and heading_kind(texts[2:-2], lemma_of, verbs) == "label":  # **Sanne:**
            return "label"
    if texts[-1] == ":":
        if words[0] in QUESTION_WORDS or not any(is_verb_form(word, lemma_of, verbs) for word in words):
            return "label"
        return ""
    if texts[-1] == "?" and len(words) <= MAX_PROMPT_WORDS and words[0] in QUESTION_WORDS:
        return "prompt" if _is_prompt(words) else ""
    if len(words) > MAX_TITLE_WORDS or texts[-1] in ("?", "!") or ":" in texts:
        return ""
    content = [text for text in _strip_enumerator([t.lower() for t in texts if t not in MARKERS]) if text != "."]
    if not content or content[0] not in TITLE_NOUNS:
        return ""
    if len(content) > 1 and not _title_follower(content[1]):
        return ""
    if any(word in SUBJECT_PRONOUNS or is_verb_form(word, lemma_of, verbs) for word in content):
        return ""
    return "title"
