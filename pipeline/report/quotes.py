"""Evidence quotes as the report shows them: HTML-escaped, the matched words marked, long stretches clipped.

A sentence can be up to 999,999 characters (a note without full stops); the page shows at most
``CONTEXT`` characters before the first match and after the last one, and at most ``2 * CONTEXT`` between two
matches, each cut marked ``…``. evidence.csv and sentences.csv keep the whole text.
"""

from __future__ import annotations

import html

CONTEXT = 300
CUT = "…"


def _clip(text: str, *, keep_start: bool, keep_end: bool) -> str:
    limit = CONTEXT * (2 if keep_start and keep_end else 1)
    if len(text) <= limit + len(CUT):
        return text
    if keep_start and keep_end:
        return text[:CONTEXT] + CUT + text[-CONTEXT:]
    return text[:CONTEXT] + CUT if keep_start else CUT + text[-CONTEXT:]


def highlight(sentence: str, spans: str) -> str:
    """``sentence`` escaped, each ``start-end`` of ``spans`` (``;``-joined) in ``<mark>``, long gaps clipped."""
    marks = [tuple(int(x) for x in span.split("-")) for span in filter(None, spans.split(";"))]
    if not marks:
        return html.escape(_clip(sentence, keep_start=True, keep_end=False))
    parts, position = [], 0
    for number, (start, end) in enumerate(marks):
        gap = _clip(sentence[position:start], keep_start=number > 0, keep_end=True)
        parts += [html.escape(gap), f"<mark>{html.escape(sentence[start:end])}</mark>"]
        position = end
    parts.append(html.escape(_clip(sentence[position:], keep_start=True, keep_end=False)))
    return "".join(parts)
