"""Sentence boundaries for meeting notes and reflection logs on top of the blank Dutch tokenizer.

Two kinds of boundary are set. Punctuation: a token of ``.?!…`` (runs such as ``?!`` and ``...`` count as
one), optionally followed by closing quotes or brackets, then whitespace and a token that starts with a
capital, a digit, a quote or bracket, a bullet, or a line break. An item number at the start of a line or after
a markdown heading marker (``2.``, ``## 1. Inleiding``) does not end one. Abbreviations never end a sentence: the
blank Dutch tokenizer keeps most of them as one token with the dot (``dhr.``, ``o.a.``, ``z.s.m.``), which is then
not a sentence-final token; the few it splits (``mw .``, ``incl .``) are listed in ``SPLIT_ABBREVIATIONS``.
Lines: a bullet line, a markdown heading, a numbered or lettered item, a speaker prefix (``Zoë:``,
``Mehmet K.:``), the line after a blank line, the line after a markdown heading and the line after a line
that ends in ``:`` (a label such as ``Wat ik meeneem:``) always start a sentence (a hard break); any other
newline does too, unless it wraps prose (the line before ends without final punctuation and the next starts
in lowercase). Whitespace tokens never start a sentence.

Ordinary words that spaCy's Dutch tokenizer keeps together with a following dot as if they were
abbreviations (``me.``, ``al.``, ``pas.``, ``hand.``: "Dat raakte me. We gaan ...") are split off again
by the component's factory (``WORDS_NOT_ABBREVIATIONS``), so that the dot can end the sentence and the
word matches the lexicon; real abbreviations (``bijv.``, ``o.a.``, ``ca.``, ``nr.``, ``dhr.``) stay.

Each distinct token text is classified once into bit flags (cached per component); per doc the work is one
hash array, one flag lookup per token and a loop over the candidate positions only.
"""

from __future__ import annotations

import re
from itertools import repeat

import numpy as np
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

SPACE = 1
NEWLINE = 2
BLANK_LINE = 4
TERMINAL = 8
CLOSING = 16
OPENS_SENTENCE = 32
LOWERCASE = 64
BULLET = 128
HEADING = 256
ENUMERATOR = 512
ENUMERATOR_CLOSE = 1024
SPLIT_ABBREVIATION = 2048
COLON = 4096
NAME_PART = 8192
ENUMERATED_ITEM = 16384
CLOSING_AFTER_SPACE = 32768

TERMINAL_CHARACTERS = frozenset(".?!…")
CLOSING_TOKENS = frozenset({'"', "'", "”", "’", "»", "›", ")", "]", "''"})
SPACED_CLOSING_TOKENS = frozenset({"''", "”", "»", "›"})
OPENING_CHARACTERS = frozenset("\"'“‘„«‹([")
OPENING_TOKENS = frozenset({",,"})
BULLET_TOKENS = frozenset({"-", "*", "•", "–", "—", "·", "▪", "‣", "◦", "○", "●", "■", "→", ">"})
SPLIT_ABBREVIATIONS = frozenset({
    "mw", "mevr", "dhr", "hr", "incl", "excl", "blz", "pag", "evt", "ong", "bv", "bijv", "vgl", "zgn", "jr",
    "sr", "st", "afd", "tel", "mln", "mld", "nr", "nrs", "ca", "resp", "jl", "vs", "dr", "drs", "ir", "ing",
    "prof", "mr", "mgr", "ds", "wo", "di", "vr", "za", "feb", "mrt", "apr", "jun", "jul", "aug", "sep",
    "sept", "okt", "nov", "dec",
})
WORDS_NOT_ABBREVIATIONS = frozenset({
    "me", "al", "best", "dat", "top", "vol", "ver", "pas", "hand", "kon", "ex", "it", "bel", "red", "ben",
})
NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ten", "ter", "el", "al", "bin", "von", "da", "le"}
)
MAX_SPEAKER_NAME_TOKENS = 4
ENUMERATED_ITEM_PATTERN = re.compile(r"(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]")
ENUMERATOR_PATTERN = re.compile(r"\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4}")


def classify_token_text(text: str) -> int:
    """Bit flags describing what a token text can do at a sentence boundary."""
    if not text:
        return 0
    if text.isspace():
        newlines = text.count("\n")
        return SPACE | (NEWLINE if newlines else 0) | (BLANK_LINE if newlines > 1 else 0)
    flags = 0
    first = text[0]
    if all(char in TERMINAL_CHARACTERS for char in text):
        flags |= TERMINAL
    if text in CLOSING_TOKENS:
        flags |= CLOSING
    if text in SPACED_CLOSING_TOKENS:
        flags |= CLOSING_AFTER_SPACE
    opening = first in OPENING_CHARACTERS or text in OPENING_TOKENS or text in BULLET_TOKENS
    if first.isupper() or first.isdigit() or opening:
        flags |= OPENS_SENTENCE
    if first.islower():
        flags |= LOWERCASE
    if text in BULLET_TOKENS:
        flags |= BULLET
    if set(text) == {"#"}:
        flags |= HEADING
    if ENUMERATOR_PATTERN.fullmatch(text):
        flags |= ENUMERATOR
    if ENUMERATED_ITEM_PATTERN.fullmatch(text):
        flags |= ENUMERATED_ITEM
    if text in (".", ")"):
        flags |= ENUMERATOR_CLOSE
    if text.lower() in SPLIT_ABBREVIATIONS:
        flags |= SPLIT_ABBREVIATION
    if text == ":":
        flags |= COLON
    if (first.isupper() and (text.isalpha() or text[:-1].isalpha() or "-" in text)) or text in NAME_PARTICLES:
        flags |= NAME_PART
    return flags


class NotesSegmenter:
    """Sets ``is_sent_start`` for notes; with ``hard_breaks_only`` only line-based hard breaks are set."""

    def __init__(self, nlp: Language, name: str, *, hard_breaks_only: bool):
        self.name = name
        self.hard_breaks_only = hard_breaks_only
        self.flags_of_orth: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        n_tokens = len(doc)
        if n_tokens == 0:
            return doc
        orths = doc.to_array(ORTH).tolist()
        flags = list(map(self.flags_of_orth.get, orths, repeat(-1, n_tokens)))
        if -1 in flags:
            strings = doc.vocab.strings
            flags = [
                flag if flag != -1 else self._learn(orth, strings)
                for orth, flag in zip(orths, flags, strict=True)
            ]
        trailing_space = doc.to_array(SPACY).tolist()
        flag_array = np.array(flags, dtype=np.int64)
        hard_starts, other_line_starts = self._line_starts(flags, flag_array, trailing_space)
        if self.hard_breaks_only:
            sent_starts = np.zeros(n_tokens, dtype=np.int64)
            sent_starts[hard_starts] = 1
        else:
            sent_starts = np.full(n_tokens, -1, dtype=np.int64)
            sent_starts[0] = 1
            sent_starts[hard_starts] = 1
            sent_starts[other_line_starts] = 1
            sent_starts[self._punctuation_starts(flags, flag_array, trailing_space)] = 1
        doc.from_array([SENT_START], sent_starts.astype(np.uint64).reshape(-1, 1))
        return doc

    def _learn(self, orth: int, strings) -> int:
        flags = classify_token_text(strings[orth])
        self.flags_of_orth[orth] = flags
        return flags

    def _punctuation_starts(
        self, flags: list[int], flag_array: np.ndarray, trailing_space: list[int]
    ) -> list[int]:
        """Token positions that start a sentence after final punctuation."""
        starts = []
        n_tokens = len(flags)
        for position in np.flatnonzero(flag_array & TERMINAL).tolist():
            if position + 1 < n_tokens and flags[position + 1] & TERMINAL and not trailing_space[position]:
                continue
            if position > 0 and not trailing_space[position - 1] and self._dot_is_not_final(flags, position):
                continue
            last, following = position, position + 1
            while following < n_tokens and flags[following] & CLOSING and (
                not trailing_space[last] or flags[following] & CLOSING_AFTER_SPACE
            ):
                last, following = following, following + 1
            if following >= n_tokens or not (trailing_space[last] or flags[following] & SPACE):
                continue
            after_newline = False
            while following < n_tokens and flags[following] & SPACE:
                after_newline = after_newline or bool(flags[following] & NEWLINE)
                following += 1
            if following < n_tokens and (after_newline or flags[following] & OPENS_SENTENCE):
                starts.append(following)
        return starts

    @staticmethod
    def _dot_is_not_final(flags: list[int], position: int) -> bool:
        before = flags[position - 1]
        if before & SPLIT_ABBREVIATION:
            return True
        if not (before & ENUMERATOR and flags[position] & ENUMERATOR_CLOSE):
            return False
        start = position - 1
        while start > 0 and flags[start - 1] & HEADING:
            start -= 1
        return start == 0 or bool(flags[start - 1] & NEWLINE)

    def _line_starts(
        self, flags: list[int], flag_array: np.ndarray, trailing_space: list[int]
    ) -> tuple[list[int], list[int]]:
        """Token positions that start a line after a hard break, and after any other non-wrapping newline."""
        hard_starts, other_starts = [], []
        n_tokens = len(flags)
        newline_positions = np.flatnonzero(flag_array & NEWLINE)
        previous_newline_end = -1
        line_start = 0
        for newline in newline_positions.tolist():
            if newline <= previous_newline_end:
                continue
            following, blank_line, newline_count = newline, False, 0
            while following < n_tokens and flags[following] & SPACE:
                blank_line = blank_line or bool(flags[following] & BLANK_LINE)
                newline_count += bool(flags[following] & NEWLINE)
                following += 1
            previous_newline_end = following - 1
            if following >= n_tokens:
                continue
            previous = newline - 1
            while previous >= 0 and flags[previous] & SPACE:
                previous -= 1
            previous_line_start, line_start = line_start, following
            if previous < 0:
                continue
            while previous_line_start < previous and flags[previous_line_start] & SPACE:
                previous_line_start += 1
            after_label = flags[previous] & COLON or _is_heading_start(flags, trailing_space, previous_line_start)
            if (
                blank_line
                or newline_count > 1
                or after_label
                or self._starts_hard_line(flags, trailing_space, following)
            ):
                hard_starts.append(following)
            elif not self._wraps_prose(flags, previous, following):
                other_starts.append(following)
        return hard_starts, other_starts

    @staticmethod
    def _starts_hard_line(flags: list[int], trailing_space: list[int], position: int) -> bool:
        first = flags[position]
        if first & (BULLET | ENUMERATED_ITEM):
            return True
        if _is_heading_start(flags, trailing_space, position):
            return True
        n_tokens = len(flags)
        if (
            first & ENUMERATOR
            and position + 1 < n_tokens
            and not trailing_space[position]
            and flags[position + 1] & ENUMERATOR_CLOSE
        ):
            return True
        if not first & NAME_PART or first & LOWERCASE:
            return False
        for offset in range(1, MAX_SPEAKER_NAME_TOKENS + 1):
            if position + offset >= n_tokens:
                return False
            token_flags = flags[position + offset]
            if token_flags & COLON:
                return True
            if not token_flags & NAME_PART:
                return False
        return False

    @staticmethod
    def _wraps_prose(flags: list[int], previous: int, following: int) -> bool:
        ends_sentence = flags[previous] & TERMINAL or (
            flags[previous] & CLOSING and previous > 0 and flags[previous - 1] & TERMINAL
        )
        return not ends_sentence and bool(flags[following] & LOWERCASE)


def _is_heading_start(flags: list[int], trailing_space: list[int], position: int) -> bool:
    """Whether a markdown heading marker (``#`` to ``######``, split by the tokenizer) starts at ``position``."""
    end = position
    while end < len(flags) and flags[end] & HEADING and not trailing_space[end] and end - position < 6:
        end += 1
    return end < len(flags) and bool(flags[end] & HEADING) and bool(trailing_space[end])


def glues_word_to_dot(key: str) -> bool:
    """Whether a tokenizer special case glues an ordinary word to a final dot (``me.``)."""
    return key.endswith(".") and key[:-1].lower() in WORDS_NOT_ABBREVIATIONS


def split_word_dots(nlp: Language) -> None:
    """Drop the tokenizer's special cases that glue an ordinary word to a final dot (``me.``, ``al.``)."""
    tokenizer = nlp.tokenizer
    rules = getattr(tokenizer, "rules", None)
    if not rules:
        return
    glued = {key for key in rules if glues_word_to_dot(key)}
    if glued:
        tokenizer.rules = {key: value for key, value in rules.items() if key not in glued}


@Language.factory("leersignalen_segmenter", default_config={"hard_breaks_only": False})
def make_segmenter(nlp: Language, name: str, *, hard_breaks_only: bool) -> NotesSegmenter:
    """Create the rule-based sentence segmenter for notes (and unglue ordinary words from a final dot)."""
    split_word_dots(nlp)
    return NotesSegmenter(nlp, name, hard_breaks_only=hard_breaks_only)
