"""spaCy's tokenizer that adds a dotted special case (``bijv.``, ``d.w.z.``) only once a text contains it.

spaCy's Dutch exceptions hold about 4,600 special cases, almost all abbreviations with a dot. Adding them one by
one takes most of a second when the tokenizer is built, which a short run pays before its first note. A special
case can only change the tokens of a text that contains its string, so :class:`LazyDotTokenizer` adds the cases
without a dot at once and a dotted one just before it tokenizes the first text that contains that case's string.
It looks for them in every whitespace-free chunk of a text that holds a dot, once per distinct chunk, at each of
the chunk's dots: the part of a case before its first dot (its head) holds no dot and no whitespace, so it ends
at a dot of the chunk and starts at most the longest head before it. spaCy clears its whole chunk cache whenever a
case is added; a case found this way does not, because no chunk tokenized before holds its string (every earlier
chunk with a dot was searched for it), so no cached tokenization can change. The tokens are the same as those of
the tokenizer with every case loaded (a test compares both on every case in varied surroundings and on real text).
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokenizer import Tokenizer

SEEN_CHUNKS_LIMIT = 200_000  # dotted chunks remembered as searched; forgetting them costs only a new search


class _DottedCases:
    """The special cases not added yet, indexed by the part before their first dot."""

    def __init__(self, rules: Mapping[str, list]):
        self.by_head: dict[str, dict[str, list]] = {}
        for key, substrings in rules.items():
            self.by_head.setdefault(key[: key.index(".")], {})[key] = substrings
        self.longest_head = max((len(head) for head in self.by_head), default=0)
        self.lengths = {head: sorted({len(key) for key in cases}) for head, cases in self.by_head.items()}

    def __bool__(self) -> bool:
        return bool(self.by_head)

    def discard(self, key: str) -> None:
        head = key.partition(".")[0]
        cases = self.by_head.get(head) if "." in key else None
        if cases is not None and cases.pop(key, None) is not None and not cases:
            del self.by_head[head]

    def all(self) -> dict[str, list]:
        return {key: substrings for cases in self.by_head.values() for key, substrings in cases.items()}

    def take_found_in(self, text: str) -> list[tuple[str, list]]:
        """Remove and return the cases whose string occurs in ``text``."""
        found = []
        by_head = self.by_head
        dot = text.find(".")
        while dot != -1:
            start = dot
            stop = max(0, dot - self.longest_head)
            while True:
                head = text[start:dot]
                cases = by_head.get(head)
                if cases is not None:
                    for length in self.lengths[head]:
                        key = text[start:start + length]
                        if key in cases:
                            found.append((key, cases.pop(key)))
                    if not cases:
                        del by_head[head]
                if start == stop:
                    break
                start -= 1
                character = text[start]
                if character == "." or character.isspace():
                    break
            dot = text.find(".", dot + 1)
        return found


class LazyDotTokenizer(Tokenizer):
    """A spaCy ``Tokenizer`` whose dotted special cases are added when a text first needs them; same tokens."""

    def __init__(self, vocab, rules=None, prefix_search=None, suffix_search=None, infix_finditer=None,
                 token_match=None, url_match=None, faster_heuristics=True, max_cache_size=10000):  # fmt: skip
        super().__init__(vocab, rules=self._defer_dotted(rules),
                         prefix_search=prefix_search, suffix_search=suffix_search, infix_finditer=infix_finditer,
                         token_match=token_match, url_match=url_match, faster_heuristics=faster_heuristics,
                         max_cache_size=max_cache_size)  # fmt: skip

    _keep_cache = False

    def _defer_dotted(self, rules) -> dict:
        """Keep the dotted cases of ``rules`` as pending (none searched yet); return the others, to add now."""
        rules = dict(rules or {})
        self._pending = _DottedCases({key: value for key, value in rules.items() if "." in key})
        self._seen_chunks: set[str] = set()
        return {key: value for key, value in rules.items() if "." not in key}

    def __call__(self, text):
        if self._pending and "." in text:
            self._add_cases_found_in(text)
        return super().__call__(text)

    def _add_cases_found_in(self, text: str) -> None:
        """Add the pending cases that occur in ``text``, looking only at the dotted chunks not seen before."""
        seen = self._seen_chunks
        found = []
        for chunk in text.split():
            if "." in chunk and chunk not in seen:
                if len(seen) >= SEEN_CHUNKS_LIMIT:
                    seen.clear()
                seen.add(chunk)
                found.extend(self._pending.take_found_in(chunk))
        self._keep_cache = True
        try:
            for key, substrings in sorted(found):
                self.add_special_case(key, substrings)
        finally:
            self._keep_cache = False

    def _flush_cache(self):
        if not self._keep_cache:
            super()._flush_cache()

    def add_special_case(self, string, substrings):
        self._pending.discard(string)
        super().add_special_case(string, substrings)

    def load_all(self) -> None:
        """Add every special case not added yet (before serialising, or to compare with spaCy's own)."""
        for key, substrings in sorted(self._pending.all().items()):
            self.add_special_case(key, substrings)  # which takes it off the pending cases

    @property
    def rules(self):
        return {**self._pending.all(), **Tokenizer.rules.__get__(self)}

    @rules.setter
    def rules(self, rules):
        Tokenizer.rules.__set__(self, self._defer_dotted(rules))

    def to_bytes(self, *, exclude=tuple()):
        self.load_all()
        return super().to_bytes(exclude=exclude)

    def explain(self, text):
        self.load_all()
        return super().explain(text)
