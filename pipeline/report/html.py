"""A self-contained static HTML report (``OUT/report/index.html``) of trends, flags and evidence quotes.

The page has no external resources: CSS is inline and plots are PNG images embedded as base64 data URIs
(the same PNGs are also written next to the page). Plots use the Okabe-Ito colours plus distinct line
styles and markers, so they stay readable in black-and-white print and for colour-blind readers; hollow
markers mark periods with a warning and gaps are empty periods. Output is deterministic: no timestamps,
fixed PNG metadata and a fixed ``svg.hashsalt``.

Evidence quotes: per community and category, up to ``max_quotes`` sentences with the most distinct
non-negated rules for that category, then the most matches (ties: earliest date, note id, sentence index);
a sentence whose text repeats an earlier quote (templates, copied minutes) is skipped.
Matched words are highlighted using the signals' offsets relative to the sentence start; when an offset
does not fit the sentence text the matched text is searched for instead.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..analyse.trends import read_output_table, read_settings, read_trends, write_trends
from ..categories import FAMILIES, Category, load_categories

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#F0E442"]
LINE_STYLES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 2))]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
PLOT_STYLE = {"svg.hashsalt": "leersignalen", "font.size": 9, "axes.grid": True, "grid.alpha": 0.3}
PNG_METADATA = {"Software": None}


@dataclass(frozen=True)
class Quote:
    """One evidence sentence with the character spans (relative to the sentence) to highlight."""

    note_id: str
    date: str
    text: str
    spans: tuple[tuple[int, int], ...]
    rules: int
    matches: int


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "community"
    return f"{base}-{zlib.crc32(name.encode('utf-8')):08x}"


def _locate(text: str, start: int, end: int, matched: str) -> tuple[int, int] | None:
    if 0 <= start < end <= len(text) and text[start:end].casefold() == matched.casefold():
        return start, end
    found = text.casefold().find(matched.casefold()) if matched else -1
    return (found, found + len(matched)) if found >= 0 else None


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def evidence_quotes(out_dir: str | os.PathLike, *, max_quotes: int = 3) -> dict[tuple[str, str], list[Quote]]:
    """Return the strongest non-negated evidence sentences per (community, category) from OUT."""
    out = Path(out_dir)
    if not (out / "sentences.csv").is_file() or not (out / "signals.csv").is_file():
        return {}
    sentences = read_output_table(out / "sentences.csv")
    signals = read_output_table(out / "signals.csv")
    signals = signals[signals["negated"].str.strip().str.lower() != "true"]
    if signals.empty or sentences.empty:
        return {}
    merged = signals.merge(sentences[["note_id", "sentence_index", "community", "date", "start_char", "text"]],
                           on=["note_id", "sentence_index"], how="inner", suffixes=("", "_sentence"))
    merged["relative_start"] = pd.to_numeric(merged["start_char"], errors="coerce") - pd.to_numeric(
        merged["start_char_sentence"], errors="coerce")
    merged["relative_end"] = pd.to_numeric(merged["end_char"], errors="coerce") - pd.to_numeric(
        merged["start_char_sentence"], errors="coerce")
    merged["sentence_number"] = pd.to_numeric(merged["sentence_index"], errors="coerce")
    keys = ["community", "category", "note_id", "sentence_index"]
    ranked = (merged.groupby(keys, sort=False)
              .agg(rules=("rule_id", "nunique"), matches=("rule_id", "size"), date=("date", "first"),
                   sentence_number=("sentence_number", "first"), text=("text", "first"))
              .reset_index()
              .assign(undated=lambda frame: frame["date"] == "")
              .sort_values(["community", "category", "rules", "matches", "undated", "date", "note_id",
                            "sentence_number"],
                           ascending=[True, True, False, False, True, True, True, True], kind="stable"))
    ranked["same_text"] = ranked["text"].str.casefold().str.split().str.join(" ")
    ranked = ranked.drop_duplicates(["community", "category", "same_text"], keep="first")
    top = ranked.groupby(["community", "category"], sort=False).head(max_quotes)
    details = {key: group for key, group in merged.groupby(keys, sort=False)}
    quotes: dict[tuple[str, str], list[Quote]] = {}
    for row in top.itertuples(index=False):
        group = details[(row.community, row.category, row.note_id, row.sentence_index)]
        text = group["text"].iloc[0]
        spans = []
        for match in group.itertuples(index=False):
            start = int(match.relative_start) if pd.notna(match.relative_start) else -1
            end = int(match.relative_end) if pd.notna(match.relative_end) else -1
            located = _locate(text, start, end, match.matched_text)
            if located:
                spans.append(located)
        quotes.setdefault((row.community, row.category), []).append(
            Quote(row.note_id, row.date, text, _merge(spans), int(row.rules), int(row.matches)))
    return quotes


def highlight(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Return ``text`` HTML-escaped with each span wrapped in ``<mark>``."""
    parts, position = [], 0
    for start, end in spans:
        parts.append(html.escape(text[position:start]))
        parts.append(f"<mark>{html.escape(text[start:end])}</mark>")
        position = end
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def _series(group: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(group[column], errors="coerce").to_numpy(dtype=float)


def _plot_lines(axes, group: pd.DataFrame, lines: list[tuple[str, str]], *, ylabel: str) -> None:
    positions = np.arange(len(group))
    warned = (group["warning"].fillna("").astype(str) != "").to_numpy()
    for index, (column, label) in enumerate(lines):
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        values = _series(group, column)
        low, high = _series(group, f"{column}_low"), _series(group, f"{column}_high")
        axes.fill_between(positions, low, high, color=colour, alpha=0.13, linewidth=0)
        axes.plot(positions, values, color=colour, linestyle=LINE_STYLES[index % len(LINE_STYLES)],
                  marker=MARKERS[index % len(MARKERS)], markersize=5, linewidth=1.6, label=label)
        if warned.any():
            axes.plot(positions[warned], values[warned], linestyle="none", marker=MARKERS[index % len(MARKERS)],
                      markersize=5, markerfacecolor="white", markeredgecolor=colour)
    labels = group["period"].astype(str).tolist()
    step = max(1, int(np.ceil(len(labels) / 16)))
    axes.set_xticks(positions[::step], labels[::step], rotation=45, ha="right")
    axes.set_xlim(-0.5, max(len(labels) - 0.5, 0.5))
    axes.set_ylabel(ylabel)
    axes.legend(fontsize=7, loc="upper left", framealpha=0.85)


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, metadata=PNG_METADATA, bbox_inches="tight")
    return buffer.getvalue()


def community_plots(group: pd.DataFrame, categories: tuple[Category, ...]) -> dict[str, bytes]:
    """Return PNG images for one community: ``rates`` per category, family ``shares`` and ``balance``."""
    images = {}
    with matplotlib.rc_context(PLOT_STYLE):
        figure = Figure(figsize=(9, 6.2))
        for row, family in enumerate(FAMILIES):
            axes = figure.add_subplot(2, 1, row + 1)
            lines = [(f"{c.id}_per_1000w", c.id) for c in categories if c.family == family]
            _plot_lines(axes, group, lines, ylabel="sentences per 1,000 words")
            axes.set_title(f"{family}: categories, rate per 1,000 words (95% bootstrap band)", fontsize=9)
        figure.tight_layout()
        images["rates"] = _png(figure)
        figure = Figure(figsize=(9, 3.4))
        axes = figure.add_subplot(1, 1, 1)
        _plot_lines(axes, group, [(f"{family}_share", family) for family in FAMILIES],
                    ylabel="share of sentences")
        axes.set_ylim(bottom=0)
        axes.set_title("family shares: sentences with at least one label of the family (95% band)", fontsize=9)
        figure.tight_layout()
        images["shares"] = _png(figure)
        figure = Figure(figsize=(9, 3.2))
        axes = figure.add_subplot(1, 1, 1)
        axes.axhline(0.0, color="#777777", linewidth=0.8)
        _plot_lines(axes, group, [("balance", "balance (L - I) / (L + I)")], ylabel="balance index")
        axes.set_ylim(-1.05, 1.05)
        axes.set_title("balance of learning versus instrumental talk (95% band)", fontsize=9)
        figure.tight_layout()
        images["balance"] = _png(figure)
    return images


def _fmt(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def methods_paragraph(manifest: dict, settings: dict) -> str:
    """Return a plain-text methods paragraph built from manifest.json and trends_settings.json."""
    package = manifest.get("package", {})
    model = manifest.get("model", {})
    lexicon = manifest.get("lexicon", {})
    counts = manifest.get("counts", {})
    trends = settings.get("trends", {})
    tests = trends.get("trend_test", {})
    patterns = settings.get("patterns", {})
    files = ", ".join(str(name) for name in lexicon.get("files", [])) or "(not recorded)"
    sentences = [
        f"Notes were tagged with {package.get('name', 'leersignalen')} {package.get('version', '?')} "
        f"(spaCy {manifest.get('spacy', '?')}, language model {model.get('name', '?')} "
        f"{model.get('version', '?')}) using the lexicon files {files} "
        f"(SHA-256 {lexicon.get('sha256', '?')}).",
        f"Of {counts.get('records_in', '?')} input records, {counts.get('notes_out', '?')} notes were analysed "
        f"({counts.get('rejects', '?')} rejected), with {counts.get('sentences', '?')} sentences and "
        f"{counts.get('signals', '?')} lexicon matches.",
        f"Notes were aggregated per community and {trends.get('period', '?')}; "
        f"{trends.get('counts', {}).get('notes_without_date', counts.get('notes_without_date', '?'))} notes "
        f"without a usable date were left out of the trends.",
        "For each category we report the number of coded sentences per 1,000 words and as a share of all "
        "sentences; a family share is the share of sentences with at least one category of that family, "
        "and the balance index is (L - I) / (L + I), with L and I the numbers of sentences with a learning "
        "resp. instrumental label (from -1 to +1).",
        f"95% confidence intervals are percentile bootstrap intervals from {trends.get('n_boot', '?')} "
        f"resamples of notes within each community and period (seed {trends.get('seed', '?')}).",
        f"Periods with fewer than {trends.get('min_notes', '?')} notes or {trends.get('min_words', '?')} words "
        f"were flagged and left out of the trend tests: Mann-Kendall tests with Sen's slope (pymannkendall; "
        f"Hamed-Rao correction for autocorrelation from {tests.get('hamed_rao_from', '?')} periods), run "
        f"when at least {tests.get('min_periods', '?')} periods remained.",
    ]
    if patterns:
        sentences.append(
            "Pattern flags (not verdicts): 'lege huls' when over at least "
            f"{patterns.get('lege_huls_min_run')} consecutive periods the instrumental share exceeded the "
            f"learning share by {patterns.get('lege_huls_margin')} or more while the learning share stayed "
            f"below {patterns.get('lege_huls_leren_max')}; 'eenmalig evenement' when the learning share in one "
            f"or two periods was at least {patterns.get('spike_factor')} times and "
            f"{patterns.get('spike_margin')} above the median of the other periods and fell back in the next "
            f"{patterns.get('spike_min_after')} periods; 'doorpakken' when the learning share rose "
            f"(Mann-Kendall p < {patterns.get('doorpakken_alpha')}) and its last third stayed above its first "
            f"third.")
    return " ".join(sentences)


CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1rem 1.5rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { margin-bottom: .3rem; }
nav ul { columns: 2; } .methods { background: #f4f4f4; border-left: 4px solid #0072B2; padding: .6rem 1rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
th, td { border: 1px solid #bbb; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
img.plot { width: 100%; height: auto; border: 1px solid #ddd; }
mark { background: #ffe08a; padding: 0 .1rem; border-bottom: 2px solid #D55E00; }
blockquote { margin: .3rem 0 .6rem 0; padding: .3rem .8rem; border-left: 3px solid #999; background: #fafafa; }
.meta { color: #555; font-size: .8rem; } .none { color: #777; font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; } nav { display: none; }
  section.community { page-break-before: always; } img.plot, figure, blockquote { page-break-inside: avoid; }
  mark { background: none; font-weight: bold; text-decoration: underline; border: none; }
  .methods { background: none; border: 1px solid #000; }
}
"""


def _table(frame: pd.DataFrame, columns: list[str]) -> str:
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_fmt(row[column]))}</td>" for column in columns)
                   + "</tr>" for _, row in frame.iterrows())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _image(data: bytes, alt: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img class="plot" alt="{html.escape(alt)}" src="data:image/png;base64,{encoded}">'


def _read_optional(path: Path) -> pd.DataFrame | None:
    return read_output_table(path) if path.is_file() else None


def write_report(out_dir: str | os.PathLike, *, max_quotes: int = 3) -> Path:
    """Write ``OUT/report/index.html`` and the PNG plots; compute trends first when trends.csv is missing."""
    out = Path(out_dir)
    if not (out / "trends.csv").is_file() or not (out / "patterns.csv").is_file():
        write_trends(out)
    categories = load_categories()
    trends = read_trends(out)
    tests = _read_optional(out / "trend_tests.csv")
    patterns = _read_optional(out / "patterns.csv")
    settings = read_settings(out)
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    quotes = evidence_quotes(out, max_quotes=max_quotes)
    report_dir = out / "report"
    report_dir.mkdir(parents=True, exist_ok=True)
    communities = sorted(trends["community"].unique().tolist())
    period = settings.get("trends", {}).get("period", "period")
    parts = [f"<h1>leersignalen: learning signals per community and {html.escape(period)}</h1>",
             f"<p class='meta'>{len(communities)} communities; source folder "
             f"{html.escape(out.resolve().name)}. Flags are prompts for a closer look, not verdicts.</p>",
             "<nav><h2>Communities</h2><ul>"
             + "".join(f"<li><a href='#{_slug(name)}'>{html.escape(name)}</a></li>" for name in communities)
             + "</ul></nav>",
             "<h2>Methods</h2>",
             f"<p class='methods'>{html.escape(methods_paragraph(manifest, settings))}</p>"]
    for community in communities:
        slug = _slug(community)
        group = trends[trends["community"] == community].sort_values("period_start", kind="stable")
        images = community_plots(group, categories)
        for name, data in images.items():
            (report_dir / f"{slug}_{name}.png").write_bytes(data)
        warned = group[group["warning"].fillna("") != ""]
        parts.append(f"<section class='community' id='{slug}'><h2>{html.escape(community)}</h2>")
        listed = "; ".join(f"{name} ({warning})" for name, warning in zip(warned["period"], warned["warning"],
                                                                            strict=True))
        parts.append(f"<p class='meta'>{int(group['notes'].sum())} notes in {len(group)} periods "
                     f"({html.escape(str(group['period'].iloc[0]))} to {html.escape(str(group['period'].iloc[-1]))}"
                     f"); {len(warned)} with a warning, drawn with hollow markers and left out of tests and "
                     f"flags{': ' + html.escape(listed) if listed else ''}.</p>")
        parts.append("<h3>Flags</h3>")
        flags = patterns[patterns["community"] == community] if patterns is not None else pd.DataFrame()
        parts.append(_table(flags, ["pattern", "periods", "evidence", "thresholds"]) if len(flags)
                     else "<p class='none'>No pattern flagged.</p>")
        parts.append("<h3>Categories: rate per 1,000 words</h3>")
        parts.append(_image(images["rates"], f"{community}: rate per 1,000 words per category over time"))
        parts.append("<h3>Families: share of sentences</h3>")
        parts.append(_image(images["shares"], f"{community}: share of sentences per family over time"))
        parts.append("<h3>Balance index</h3>")
        parts.append(_image(images["balance"], f"{community}: balance index over time"))
        if tests is not None:
            parts.append("<h3>Trend tests (Mann-Kendall, Sen's slope per period)</h3>")
            parts.append(_table(tests[tests["community"] == community],
                                ["measure", "periods", "test", "trend", "slope", "p_value", "tau", "note"]))
        parts.append("<h3>Strongest evidence per category</h3>")
        for category in categories:
            found = quotes.get((community, category.id), [])
            parts.append(f"<h4>{html.escape(category.id)} <span class='meta'>({html.escape(category.family)}"
                         f")</span></h4>")
            if not found:
                parts.append("<p class='none'>No non-negated evidence.</p>")
            for quote in found:
                parts.append(f"<blockquote>{highlight(quote.text, quote.spans)}<div class='meta'>note "
                             f"{html.escape(quote.note_id)}, {html.escape(quote.date or 'no date')}; "
                             f"{quote.rules} rule(s), {quote.matches} match(es)</div></blockquote>")
        parts.append("</section>")
    page = ("<!DOCTYPE html>\n<html lang='nl'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>leersignalen report</title>"
            f"<style>{CSS}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n")
    target = report_dir / "index.html"
    target.write_text(page, encoding="utf-8")
    return target
