"""The ``leersignalen`` spaCy component: lexicon matches per sentence, with negation scope.

Add it to any pipeline that sets sentence boundaries: ``nlp.add_pipe("leersignalen")``. It stores every
match, negated ones included, in ``doc._.ls_signals`` and the non-negated ones as spans in
``doc.spans["leersignalen"]`` (label = category, ``span.id_`` = rule id). Sentences that are headings,
labels or template prompts (``heading.py``) are not coded: their matches are left out, and the sentence
is listed in ``doc._.ls_headings`` as (start token, end token, kind) when it held a lexicon match (only
sentences with a match are tested for being a heading).
Negation scope is decided per sentence by ``scope.py``.

Section prompts (``sections.tsv``): when a heading holds the match of a section prompt ("### Wat ging goed?",
"Wat kan beter?"), every sentence under it, up to the next heading or the end of the note, gets a signal of the
prompt's rule and category that spans the sentence, unless it already holds a non-negated match of that
category; a section prompt matched outside a heading is no evidence. ``doc._.ls_section_before`` (a section
open where the doc starts, for text tagged sentence by sentence) and ``doc._.ls_section_after`` carry a
section from one doc to the next.

Matching is built for speed: every token is reduced to the set of pattern elements it satisfies, cached
per (form, lemma) pair across documents, so that the work per token is one dictionary look-up and only
tokens that start a pattern are looked at further.

Longer than 300 lines because the matcher's index structures and the spaCy component that drives them are tuned
together for speed; heading detection and negation scope live in heading.py and scope.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH, SENT_START
from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..categories import LEXICON_DIR, family_of
from .heading import heading_kind, is_sublabel, markdown_level
from .lexicon import (
    SECTIONS_FILE,
    Element,
    Gap,
    Part,
    Rule,
    ScopeEntry,
    check_lexicon_folder,
    load_rules,
    load_scope,
    rule_files,
)  # fmt: skip
from .names import follows_names
from .scope import ClauseScope

SPAN_KEY = "leersignalen"
MAX_AFFIX_LENGTH = 200
EMPTY: frozenset[int] = frozenset()

def _signals_of(doc: Doc) -> list | None:
    rows = doc._.ls_signal_rows
    return None if rows is None else [row if isinstance(row, Signal) else Signal(*row) for row in rows]


if not Doc.has_extension("ls_signal_rows"):
    Doc.set_extension("ls_signal_rows", default=None)


class Signal(NamedTuple):
    """One lexicon match: token span [start, end), character offsets in the doc, and its sentence.

    A named tuple, so that docs with signals survive spaCy's serialisation (``nlp.pipe(n_process=2)``).
    """

    rule_id: str
    category: str
    family: str
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    negated: bool
    sentence_start: int


GROUPS = ("other", "scope")  # sequences tried from their first token; rule anchors go by key elements


def _group(owner: tuple[str, int, int]) -> str:
    """Anchor: the first part of a rule; other: further parts and unless; scope: negation entries."""
    kind, _index, part = owner
    if kind == "scope":
        return "scope"
    return "anchor" if kind == "rule" and part == 0 else "other"


if not Doc.has_extension("ls_headings"):
    Doc.set_extension("ls_headings", default=None)

if not Doc.has_extension("ls_signals"):
    Doc.set_extension("ls_signals", getter=_signals_of)

for _name in ("ls_section_before", "ls_section_after"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass
class TokenTable:
    """Per token: its element set, and its cached info (elements, starts per group, holds a key element)."""

    elements: list[frozenset[int]]
    infos: list[tuple]

    def key_tokens(self) -> list[int]:
        """Tokens that hold a key element of some rule anchor."""
        return list(compress(range(len(self.infos)), map(itemgetter(-1), self.infos)))


@dataclass
class _Sequence:
    owner: tuple[str, int, int]  # (kind, index, part): kind is "rule", "unless" or "scope"
    steps: tuple  # frozenset of element ids, or int gap size


class RuleMatcher:
    """Match compiled lexicon rules and scope entries against token (form, lemma) pairs."""

    def __init__(self, rules: list[Rule], scope: list[ScopeEntry], lemma_of: Callable[[str], str]):
        self.rules = rules
        self.scope = scope
        self.lemma_of = lemma_of
        self.element_ids: dict[Element, int] = {}
        self.sequences: list[_Sequence] = []
        for index, rule in enumerate(rules):
            self._add_parts(("rule", index), rule.parts)
            self._add_parts(("unless", index), rule.unless_parts)
        for index, entry in enumerate(scope):
            self._add_parts(("scope", index), entry.parts)
        self.by_kind: dict[str, dict[str, list[int]]] = {"exact": {}, "prefix": {}, "suffix": {}}
        self.infixes: list[tuple[int, str]] = []
        self.joined_whole: dict[str, list[int]] = {}  # particle + verb -> separable elements
        self.joined_by_particle: dict[str, list[tuple[int, str]]] = {}  # particle -> (element, verb)
        for element, element_id in self.element_ids.items():
            if element.kind in self.by_kind:
                self.by_kind[element.kind].setdefault(element.value, []).append(element_id)
            elif element.kind == "infix":
                self.infixes.append((element_id, element.value))
            else:
                self.joined_whole.setdefault(element.value + element.verb, []).append(element_id)
                self.joined_by_particle.setdefault(element.value, []).append((element_id, element.verb))
        self.first_step: dict[int, list[int]] = {}
        for seq_index, sequence in enumerate(self.sequences):
            for element_id in sequence.steps[0]:
                self.first_step.setdefault(element_id, []).append(seq_index)
        self.group_of = [_group(sequence.owner) for sequence in self.sequences]
        self.elements_by_id = {element_id: element for element, element_id in self.element_ids.items()}
        self.required = [tuple(step for step in seq.steps[1:] if not isinstance(step, int)) for seq in self.sequences]
        sequences_of: dict[tuple[str, int, int], list[int]] = {}
        for seq_index, sequence in enumerate(self.sequences):
            sequences_of.setdefault(sequence.owner, []).append(seq_index)
        self.anchors_by_key: dict[int, list[int]] = {}
        for index, rule in enumerate(rules):
            parts = [sequences_of[("rule", index, part)] for part in range(len(rule.parts))]
            for element_id in self._rule_key(parts):
                self.anchors_by_key.setdefault(element_id, []).extend(parts[0])
        self.key_elements = frozenset(self.anchors_by_key)
        self.cue_values = {
            element.value
            for entry in scope
            if entry.kind in ("cue", "postcue")
            for part in entry.parts
            for seq in part.sequences
            if len(seq) == 1
            for element in _elements_of(seq[0])
        }
        self.cue_elements = frozenset(
            element_id
            for sequence in self.sequences
            if sequence.owner[0] == "scope" and scope[sequence.owner[1]].kind in ("cue", "postcue")
            for step in sequence.steps
            if not isinstance(step, int)
            for element_id in step
        )
        self.rule_needs_other = [len(rule.parts) > 1 or bool(rule.unless_parts) for rule in rules]
        self.rule_has_cue = [
            any(
                element.value in self.cue_values
                for part in rule.parts
                for seq in part.sequences
                for step in seq
                for element in _elements_of(step)
            )
            for rule in rules
        ]
        self._cache: dict[tuple[int, int], tuple] = {}
        self._lemma_of_lower: dict[int, int] = {}  # the lemma last seen with a form, and the info of that pair
        self._info_of_lower: dict[int, tuple] = {}

    def _add_parts(self, owner: tuple[str, int], parts: list[Part]) -> None:
        for part_index, part in enumerate(parts):
            for sequence in part.sequences:
                steps = tuple(
                    step.size if isinstance(step, Gap) else frozenset(self._element_id(e) for e in _elements_of(step))
                    for step in sequence
                )
                self.sequences.append(_Sequence((owner[0], owner[1], part_index), steps))

    def _element_id(self, element: Element) -> int:
        return self.element_ids.setdefault(element, len(self.element_ids))

    def elements_for(self, lower: str, lemma: str) -> frozenset[int]:
        """The ids of all pattern elements that a token with this form and lemma satisfies."""
        exact, prefixes, suffixes = self.by_kind["exact"], self.by_kind["prefix"], self.by_kind["suffix"]
        found: set[int] = set()
        for word in {lower, lemma}:
            found.update(exact.get(word, ()))
            if len(word) > MAX_AFFIX_LENGTH:
                continue  # a base64 blob or URL: matched as an exact form only (affix look-ups are quadratic)
            for cut in range(1, len(word) + 1):
                found.update(prefixes.get(word[:cut], ()))
                found.update(suffixes.get(word[-cut:], ()))
        for element_id, value in self.infixes:
            if value in lower or value in lemma:
                found.add(element_id)
        found.update(self.joined_whole.get(lower, ()))
        found.update(self.joined_whole.get(lemma, ()))
        for particle, entries in self.joined_by_particle.items():
            if lower.startswith(particle) and len(lower) - len(particle) >= 2:
                rest = lower[len(particle):]
                found.update(element_id for element_id, verb in entries if self._is_verb_rest(rest, verb))
        return frozenset(found) if found else EMPTY

    def _is_verb_rest(self, rest: str, verb: str) -> bool:
        """Whether the word after a separable particle is a form of ``verb`` (``neem`` or ``genomen``)."""
        if self.lemma_of(rest) == verb:
            return True
        return rest.startswith("ge") and len(rest) > 3 and self.lemma_of(rest[2:]) == verb

    def _step_weight(self, step: frozenset[int]) -> int:
        """A rough guess of how often a step matches: common words weigh 100, other words 1."""
        return sum(100 if _is_common(self.elements_by_id[e]) else 1 for e in step)

    def _rule_key(self, parts: list[list[int]]) -> frozenset[int]:
        """Element ids of which every match of the rule contains at least one, chosen to be rare.

        Per sequence the rarest step; per part the union over its alternative sequences; of the parts
        (all of which must occur in the sentence) the one with the lowest weight.
        """
        best: tuple[int, frozenset[int]] | None = None
        for part in parts:
            union: set[int] = set()
            weight = 0
            for seq_index in part:
                steps = [step for step in self.sequences[seq_index].steps if not isinstance(step, int)]
                step = min(steps, key=self._step_weight)
                union |= step
                weight = max(weight, self._step_weight(step))
            if best is None or weight < best[0]:
                best = (weight, frozenset(union))
        return best[1] if best else frozenset()

    def _token_info(self, lower: str, lemma: str) -> tuple:
        elements = self.elements_for(lower, lemma)
        starts = sorted({seq for element_id in elements for seq in self.first_step.get(element_id, ())})
        groups = (tuple(seq for seq in starts if self.group_of[seq] == group) for group in GROUPS)
        return (elements, *groups, not self.key_elements.isdisjoint(elements))

    def token_elements(self, doc: Doc) -> TokenTable:
        """Per token: the element ids it satisfies and the rule and scope sequences that may start there.

        Cached per (form, lemma) hash pair for the life of the matcher; looked up by the form's hash first,
        since a form nearly always comes with the same lemma: when every token's lemma is the one remembered
        for its form, the whole doc is looked up by form in C-level passes (``map``) without a Python loop.
        """
        array = doc.to_array([LOWER, LEMMA])
        lowers, lemmas = array[:, 0].tolist(), array[:, 1].tolist()
        lemma_of_lower = self._lemma_of_lower.get
        expected = list(map(lemma_of_lower, lowers))
        if expected != lemmas:
            for lower_hash, lemma_hash, known in zip(lowers, lemmas, expected, strict=True):
                if known != lemma_hash:
                    self._learn_token(doc, lower_hash, lemma_hash)
            if list(map(lemma_of_lower, lowers)) != lemmas:  # a form with two lemmas in this doc
                infos = [self._learn_token(doc, lower_hash, lemma_hash)
                         for lower_hash, lemma_hash in zip(lowers, lemmas, strict=True)]  # fmt: skip
                return TokenTable(list(map(itemgetter(0), infos)), infos)
        infos = list(map(self._info_of_lower.__getitem__, lowers))
        return TokenTable(list(map(itemgetter(0), infos)), infos)

    def _learn_token(self, doc: Doc, lower_hash: int, lemma_hash: int) -> tuple:
        key = (lower_hash, lemma_hash)
        info = self._cache.get(key)
        if info is None:
            strings = doc.vocab.strings
            lower = strings[lower_hash]
            lemma = strings[lemma_hash].lower() if lemma_hash else lower
            info = self._cache[key] = self._token_info(lower, lemma)
        self._lemma_of_lower[lower_hash] = lemma_hash
        self._info_of_lower[lower_hash] = info
        return info

    def match_anchors(self, table: TokenTable, start: int, end: int, present: set[int]) -> list:
        """Matches of rule anchors in [start, end), trying only sequences whose key element is present.

        The first step of a sequence is looked up in an index of the sentence's tokens by element, built once.
        """
        candidates: set[int] = set()
        for element_id in self.key_elements.intersection(present):
            candidates.update(self.anchors_by_key[element_id])
        matches = []
        elements = table.elements
        positions: dict[int, list[int]] | None = None
        required = self.required
        for seq_index in sorted(candidates):
            if not _all_present(required[seq_index], present):
                continue
            if positions is None:
                positions = {}
                for token in range(start, end):
                    for element_id in elements[token]:
                        positions.setdefault(element_id, []).append(token)
            sequence = self.sequences[seq_index]
            steps = sequence.steps
            first = steps[0]
            tokens = [positions[e] for e in first.intersection(present)]
            if not tokens:
                continue
            for token in sorted({t for found in tokens for t in found}) if len(tokens) > 1 else tokens[0]:
                stop = _match_steps(steps, 1, token + 1, end, elements)
                if stop is not None:
                    matches.append((sequence, token, stop))
        return matches

    def match_sentence(
        self, table: TokenTable, start: int, end: int, *, group: str, present: set[int]
    ) -> list[tuple[_Sequence, int, int]]:
        """Matches (sequence, first token, end token) in [start, end) of one group of sequences.

        ``present`` holds every element id found in the sentence; a sequence whose other steps cannot all
        be satisfied by it is not tried.
        """
        matches = []
        column = 1 + GROUPS.index(group)
        infos = table.infos
        elements = table.elements
        required = self.required
        for token in range(start, end):
            for seq_index in infos[token][column]:
                sequence = self.sequences[seq_index]
                if len(sequence.steps) == 1:
                    matches.append((sequence, token, token + 1))
                    continue
                if not _all_present(required[seq_index], present):
                    continue
                stop = _match_steps(sequence.steps, 1, token + 1, end, elements)
                if stop is not None:
                    matches.append((sequence, token, stop))
        return matches


COMMON_LEMMAS = frozenset(
    [
        "zijn", "hebben", "worden", "komen", "gaan", "moeten", "kunnen", "willen", "zullen", "doen", "maken",
        "zeggen", "krijgen", "staan", "zien", "nieuw", "week", "dag", "keer", "goed", "groot", "klein", "eerste",
    ]  # fmt: skip
)


def _is_common(element: Element) -> bool:
    """Whether an element matches words that occur in most sentences (stop words, auxiliaries, numbers)."""
    value = element.value
    if element.kind == "exact":
        return (value in STOP_WORDS and len(value) <= 5) or value in COMMON_LEMMAS
    return element.kind in ("prefix", "suffix", "infix") and (len(value) < 4 or value.isdigit())


def _all_present(steps: tuple[frozenset[int], ...], present: set[int]) -> bool:
    """Whether every step can be satisfied by an element of ``present`` (a loop: cheaper than ``all`` here)."""
    for step in steps:  # noqa: SIM110  (a plain loop: no generator per call)
        if step.isdisjoint(present):
            return False
    return True


def _elements_of(step) -> Iterable[Element]:
    if isinstance(step, Element):
        return (step,)
    if isinstance(step, tuple):
        return step
    return ()


def _match_steps(steps: tuple, position: int, token: int, end: int, elements: list[frozenset[int]]) -> int | None:
    if position == len(steps):
        return token
    step = steps[position]
    if isinstance(step, int):
        for skip in range(step + 1):
            if token + skip > end:
                break
            stop = _match_steps(steps, position + 1, token + skip, end, elements)
            if stop is not None:
                return stop
        return None
    if token < end and elements[token] & step:
        return _match_steps(steps, position + 1, token + 1, end, elements)
    return None


class LeersignalenTagger:
    """Tag sentences with lexicon evidence for the codebook categories, marking negated matches."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        *,
        lexicon_dir: str | None,
        negation_file: str | None,
        window_before: int,
        window_after: int,
    ):
        from ..language.lemmatizer import lemma_data, lemma_of

        self.name = name
        self.lemma_of = lemma_of
        self.verbs = lemma_data().verbs
        directory = Path(lexicon_dir) if lexicon_dir else None
        if directory and directory.is_dir():
            check_lexicon_folder(directory, needs_negation=not negation_file)
        self.rule_paths = rule_files(directory / "rules" if directory else None)
        self.sections_path = sections_file(directory)
        self.negation_path = (Path(negation_file) if negation_file
                              else (directory / "negation.tsv" if directory else None))
        self.window_before = window_before
        self.window_after = window_after
        self.matcher = None
        if directory is None or directory.is_dir():
            self._load_lexicon()
        # else: a pipeline saved with nlp.to_disk is being loaded; from_disk brings the lexicon along

    def _load_lexicon(self) -> None:
        from ..language.lemmatizer import lemma_of

        sections = [self.sections_path] if self.sections_path else []
        self.rules = load_rules([*self.rule_paths, *sections])
        self.scope = load_scope(self.negation_path)
        negation = self.negation_path or (Path(self.scope[0].source) if self.scope else None)
        self.lexicon_bytes = {f"rules/{path.name}": path.read_bytes() for path in self.rule_paths}
        if negation is not None:
            self.lexicon_bytes["negation.tsv"] = Path(negation).read_bytes()
        if self.sections_path:
            self.lexicon_bytes[SECTIONS_FILE] = self.sections_path.read_bytes()
        self.families = family_of()
        self.rule_index = {rule.id: index for index, rule in enumerate(self.rules)}
        self.section_rule_ids = frozenset(rule.id for rule in self.rules if sections and
                                          Path(rule.source) == self.sections_path)  # fmt: skip
        self.matcher = RuleMatcher(self.rules, self.scope, lemma_of)

    def to_disk(self, path, *, exclude=()) -> None:
        """Save the lexicon (rule files and negation file) with the pipeline: ``nlp.to_disk`` calls this."""
        path = Path(path)
        for name, data in self.lexicon_bytes.items():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            (path / name).write_bytes(data)

    def from_disk(self, path, *, exclude=()) -> LeersignalenTagger:
        """Load the lexicon saved by :meth:`to_disk`: ``spacy.load`` calls this."""
        path = Path(path)
        self.rule_paths = sorted((path / "rules").glob("*.tsv"))
        self.negation_path = path / "negation.tsv" if (path / "negation.tsv").is_file() else None
        self.sections_path = sections_file(path)
        self._load_lexicon()
        return self

    def __call__(self, doc: Doc) -> Doc:
        """Find matches in every sentence and store them on the doc."""
        if self.matcher is None:
            self._load_lexicon()
        table = self.matcher.token_elements(doc)
        candidates = table.key_tokens()
        signals: list[Signal] = []
        offsets = TokenOffsets(doc)
        headings: list[tuple[int, int, str]] = []
        section, section_level = doc._.ls_section_before or (None, 0)
        if candidates or section is not None:
            position = 0
            strings = doc.vocab.strings
            orths: list[int] | None = None
            for start, end in sentence_bounds(doc):
                while position < len(candidates) and candidates[position] < start:
                    position += 1
                if position < len(candidates) and candidates[position] < end:
                    found = self._sentence_signals(doc, table, start, end, offsets)
                elif section is None:
                    continue
                else:
                    found = []
                if not found and section is None:
                    continue
                if orths is None:
                    orths = doc.to_array(ORTH).tolist()
                texts = [strings[orth] for orth in orths[start:end]]
                kind = heading_kind(texts, self.lemma_of, self.verbs)
                if kind:
                    if found:
                        headings.append((start, end, kind))
                    opened = next((self.rule_index[signal.rule_id] for signal in found
                                   if signal.rule_id in self.section_rule_ids and not signal.negated), None)
                    level = markdown_level(texts) if kind == "markdown" else 0
                    if opened is not None:
                        section, section_level = opened, level
                    elif not (kind == "label" and is_sublabel(texts) or 0 < section_level < level):
                        section, section_level = None, 0
                    continue
                if self.section_rule_ids:
                    found = [signal for signal in found if signal.rule_id not in self.section_rule_ids]
                if section is not None and any(text[:1].isalnum() for text in texts):
                    found = self._with_section_signal(doc, found, section, start, end, offsets, texts)
                signals.extend(found)
        doc._.ls_signal_rows = signals
        doc._.ls_section_after = (section, section_level) if section is not None else None
        doc._.ls_headings = headings
        spans = []
        for signal in signals:
            if not signal.negated:
                spans.append(Span(doc, signal.start, signal.end, label=signal.category, span_id=signal.rule_id))
        doc.spans[SPAN_KEY] = spans
        return doc

    def _with_section_signal(
        self, doc: Doc, found: list[Signal], section: int, start: int, end: int, offsets: TokenOffsets,
        texts: list[str],
    ) -> list[Signal]:  # fmt: skip
        """The sentence's signals, plus one of the open section's prompt over the sentence when none says it."""
        rule = self.rules[section]
        if any(signal.category == rule.category and not signal.negated for signal in found):
            return found
        if not answers_a_prompt(texts, self.lemma_of, self.verbs):
            return found
        last = end
        while last > start and texts[last - 1 - start].isspace():
            last -= 1
        signal = Signal(rule_id=rule.id, category=rule.category, family=self.families[rule.category], start=start,
                        end=last, start_char=offsets.start(start), end_char=offsets.end(last - 1),
                        text=doc[start:last].text, negated=False, sentence_start=start)  # fmt: skip
        return sorted([*found, signal], key=lambda s: (s.start, s.end, s.rule_id))

    def _sentence_signals(
        self, doc: Doc, table: TokenTable, start: int, end: int, offsets: TokenOffsets
    ) -> list[Signal]:
        present = set().union(*table.elements[start:end])
        matches = self.matcher.match_anchors(table, start, end, present)
        if not matches:
            return []
        matcher = self.matcher
        if any(matcher.rule_needs_other[sequence.owner[1]] for sequence, _, _ in matches):
            matches += matcher.match_sentence(table, start, end, group="other", present=present)
        if not matcher.cue_elements.isdisjoint(present):
            matches += matcher.match_sentence(table, start, end, group="scope", present=present)
        part_spans: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
        for sequence, first, stop in matches:
            part_spans.setdefault(sequence.owner, []).append((first, stop))
        scope_spans: dict[str, list[tuple[int, int]]] = {}
        for (kind, index, _part), spans in part_spans.items():
            if kind == "scope":
                scope_spans.setdefault(self.scope[index].kind, []).extend(spans)
        scope = ClauseScope.from_spans(scope_spans)
        found: list[Signal] = []
        seen: set[tuple[int, int]] = set()
        sentence_texts: list[str] | None = None
        for (kind, index, part), anchors in sorted(part_spans.items()):
            if kind != "rule" or part != 0:
                continue
            rule = self.rules[index]
            if any(("unless", index, p) in part_spans for p in range(len(rule.unless_parts))):
                continue
            others = [part_spans.get(("rule", index, p)) for p in range(1, len(rule.parts))]
            if not all(others):
                continue
            for first, stop in sorted(anchors):
                if (index, first) in seen:
                    continue
                seen.add((index, first))
                if rule.after_names:
                    if sentence_texts is None:
                        sentence_texts = [token.text for token in doc[start:end]]
                    if not follows_names(sentence_texts, first - start):
                        continue
                span_start, span_end = first, stop
                for spans in others:
                    near = min(spans, key=lambda s, f=first: abs(s[0] - f))
                    span_start, span_end = min(span_start, near[0]), max(span_end, near[1])
                negated = scope.negated(
                    span_start,
                    span_end,
                    rule_has_cue=self.matcher.rule_has_cue[index],
                    window_before=self.window_before,
                    window_after=self.window_after,
                )
                start_char = offsets.start(span_start)
                end_char = offsets.end(span_end - 1)
                found.append(
                    Signal(
                        rule_id=rule.id,
                        category=rule.category,
                        family=self.families[rule.category],
                        start=span_start,
                        end=span_end,
                        start_char=start_char,
                        end_char=end_char,
                        text=doc[span_start:span_end].text,
                        negated=negated,
                        sentence_start=start,
                    )
                )
        found.sort(key=lambda s: (s.start, s.end, s.rule_id))
        return found


class TokenOffsets:
    """Character offsets of a doc's tokens, read once from arrays when first needed."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._idx: list[int] | None = None
        self._length: list[int] | None = None

    def _load(self) -> None:
        rows = self.doc.to_array([IDX, LENGTH]).tolist()
        self._idx = [row[0] for row in rows]
        self._length = [row[1] for row in rows]

    def start(self, token: int) -> int:
        """Offset of the token's first character."""
        if self._idx is None:
            self._load()
        return self._idx[token]

    def end(self, token: int) -> int:
        """Offset just after the token's last character."""
        if self._idx is None:
            self._load()
        return self._idx[token] + self._length[token]


FIRST_PERSON = frozenset({"ik", "me", "mij", "mijn", "mezelf", "we", "wij", "ons", "onze", "onszelf"})
SHORT_ANSWER_WORDS = 7
METADATA_LABELS = frozenset({
    "auteur", "auteurs", "door", "schrijver", "naam", "datum", "date", "author", "aanwezig", "aanwezigen", "afwezig",
    "notulist", "notulen", "bron", "rol", "functie", "team", "groep", "locatie", "plaats", "tijd", "versie", "status",
})  # fmt: skip


def answers_a_prompt(texts: list[str], lemma_of: Callable[[str], str], verbs: frozenset[str]) -> bool:
    """Whether a sentence under a prompt answers it in the writer's own voice rather than giving a plain account:
    it speaks in the first person, is a short item ("Eenzijdige taken."), or starts with a verb ("Plan tijd in
    voor testen.", "Beperk het aantal taken."); a field line ("Auteur: ...", "Datum: ...") never is."""
    words = [text.lower() for text in texts if text[:1].isalnum()]
    first = next((i for i, text in enumerate(texts) if text[:1].isalnum()), None)
    if first is not None and texts[first + 1:first + 2] == [":"] and words[0] in METADATA_LABELS:
        return False  # a byline or other field line ("_Auteur: Marek Nowak_")
    if len(words) <= SHORT_ANSWER_WORDS or not FIRST_PERSON.isdisjoint(words):
        return True
    lemma = lemma_of(words[0])
    return lemma != words[0] and lemma in verbs


def sections_file(lexicon_dir: Path | None) -> Path | None:
    """The section prompts of a lexicon folder (the project's when None), or None when the folder has none."""
    return path if (path := (lexicon_dir or LEXICON_DIR) / SECTIONS_FILE).is_file() else None


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences; the whole doc when no boundaries are set."""
    if len(doc) == 0:
        return []
    if not doc.has_annotation("SENT_START"):
        return [(0, len(doc))]
    flags = doc.to_array(SENT_START)
    flags[0] = 1
    starts = numpy.flatnonzero(flags == 1).tolist()
    return list(zip(starts, starts[1:] + [len(doc)], strict=True))


@Language.factory(
    "leersignalen",
    default_config={"lexicon_dir": None, "negation_file": None, "window_before": 8, "window_after": 5},
)
def make_leersignalen_tagger(
    nlp: Language,
    name: str,
    *,
    lexicon_dir: str | None,
    negation_file: str | None,
    window_before: int,
    window_after: int,
) -> LeersignalenTagger:
    """Create the tagger; ``lexicon_dir`` is a folder with ``rules/*.tsv`` and ``negation.tsv``."""
    return LeersignalenTagger(
        nlp,
        name,
        lexicon_dir=lexicon_dir,
        negation_file=negation_file,
        window_before=window_before,
        window_after=window_after,
    )
