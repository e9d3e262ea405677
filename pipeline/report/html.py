"""A self-contained static HTML report (``OUT/report/index.html``) that only reads and renders.

It reads what ``leersignalen trends`` wrote (trends.csv, trend_tests.csv, patterns.csv, evidence.csv,
trends_settings.json) and manifest.json; it computes no trend and records only the names of its plots (in
trends_settings.json, key ``report``). The page opens with an overview of all
communities on the same axes (small multiples) and a table of flags per community, then one section per
community: its plots, flags, model and Mann-Kendall tables and evidence quotes (chosen in
:mod:`pipeline.analyse.evidence`). Text is in one language (``lang``: ``nl`` default, ``en``) from
:mod:`leersignalen.analyse.wording`. No external resources: inline CSS, PNGs embedded as data URIs (and written next to
the page; PNGs this report wrote before for communities no longer present are removed, other files are left
alone; a symlink at a file it writes is replaced, never written through). Deterministic output: no timestamps.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..analyse.tables import AnalysisInputError, read_numeric_table, read_output_table, read_settings, read_trends
from ..analyse.wording import LANGUAGES, METHODS, format_p, text
from ..categories import FAMILIES, load_categories
from ..errors import Errors
from ..output.folder import MANIFEST, check_run, check_trends, replace_file, update_settings
from .plots import community_plots, overview_plot
from .quotes import highlight

OVERVIEW_LIMIT = 12  # rows of the overview figure; more make it unreadable and slow (a row per community)
EMBEDDED_PLOT_BYTES = 10_000_000  # of base64 plots in index.html; later communities' plots are linked files

REQUIRED = ("trends.csv", "trend_tests.csv", "patterns.csv", "evidence.csv")
PATTERNS = ("lege_huls", "doorpakken", "eenmalig_evenement")

CSS = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1rem 1.5rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2rem; }
nav ul { columns: 2; } .methods { background: #f4f4f4; border-left: 4px solid #0072B2; padding: .6rem 1rem; }
table { border-collapse: collapse; font-size: .82rem; margin: .5rem 0; }
th, td { border: 1px solid #bbb; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; } td.flag { background: #fff6c2; }
img.plot { width: 100%; height: auto; border: 1px solid #ddd; }
mark { background: #ffe08a; padding: 0 .1rem; border-bottom: 2px solid #D55E00; }
blockquote { margin: .3rem 0 .6rem 0; padding: .3rem .8rem; border-left: 3px solid #999; background: #fafafa; }
.meta { color: #555; font-size: .8rem; } .none { color: #777; font-style: italic; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; } nav { display: none; }
  section.community { page-break-before: always; } img.plot, blockquote { page-break-inside: avoid; }
  mark { background: none; font-weight: bold; text-decoration: underline; border: none; }
}
"""


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "community"
    return f"{base}-{zlib.crc32(name.encode('utf-8')):08x}"


def _fmt(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _table(frame: pd.DataFrame, columns: list[str], headers: list[str]) -> str:
    head = "".join(f"<th>{html.escape(header)}</th>" for header in headers)
    shown = {column: format_p if column.endswith("p_value") else _fmt for column in columns}
    body = "".join("<tr>" + "".join(f"<td>{html.escape(shown[column](row[column]))}</td>" for column in columns)
                   + "</tr>" for _, row in frame.iterrows())  # fmt: skip
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _image(data: bytes, alt: str, *, linked: str = "") -> str:
    source = html.escape(linked) if linked else f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}"
    return f'<img class="plot" alt="{html.escape(alt)}" src="{source}">'


def run_name(out: Path, manifest: dict | None = None) -> str:
    """The run's id from manifest.json (before run ids: the first 12 hex digits of its SHA-256; or 'no manifest')."""
    if manifest and manifest.get("run_id"):
        return manifest["run_id"]
    path = out / MANIFEST
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else "no manifest"


def methods_paragraph(manifest: dict, settings: dict, lang: str) -> str:
    """The methods paragraph, filled from manifest.json and trends_settings.json."""
    trends, counts = settings.get("trends", {}), manifest.get("counts", {})
    lexicon = manifest.get("lexicon", {})
    return METHODS[lang].format(
        package=manifest.get("package", {}).get("name", "leersignalen"),
        version=manifest.get("package", {}).get("version", "?"), spacy=manifest.get("spacy", "?"),
        model=f"{manifest.get('model', {}).get('name', '?')} {manifest.get('model', {}).get('version', '')}".strip(),
        files=", ".join(map(str, lexicon.get("files", []))) or "?", sha=lexicon.get("sha256", "?"),
        records=counts.get("records_in", "?"), notes=counts.get("notes_out", "?"),
        rejects=counts.get("rejects", "?"), sentences=counts.get("sentences", "?"),
        signals=counts.get("signals", "?"), period=text(trends.get("period", "month"), lang),
        undated=trends.get("counts", {}).get("notes_without_date", "?"), date_range=trends.get("date_range", "?"),
        n_boot=trends.get("n_boot", "?"), seed=trends.get("seed", "?"), min_notes=trends.get("min_notes", "?"),
        min_words=trends.get("min_words", "?"))


def _flag_cells(community: str, patterns: pd.DataFrame, lang: str) -> list[str]:
    column = "evidence" if lang == "nl" else "evidence_en"
    cells = []
    for pattern in PATTERNS:
        rows = patterns[(patterns["community"] == community) & (patterns["pattern"] == pattern)]
        if rows.empty:
            cells.append("<td>–</td>")
            continue
        items = "<br>".join(f"<b>{html.escape(r['periods'].split(';')[0])} – {html.escape(r['periods'].split(';')[-1])}"
                            f"</b>: {html.escape(r[column])}" for _, r in rows.iterrows())
        cells.append(f"<td class='flag'>{items}</td>")
    return cells


def _model_table(tests: pd.DataFrame, community: str, lang: str) -> str:
    rows = tests[(tests["community"] == community) & (tests["model_test"].fillna("") != "")].copy()
    rows["share_ci"] = [f"{_fmt(r.model_share)} [{_fmt(r.model_share_low)}, {_fmt(r.model_share_high)}]"
                        for r in rows.itertuples()]
    rows["slope_ci"] = [f"{_fmt(r.model_slope)} [{_fmt(r.model_slope_low)}, {_fmt(r.model_slope_high)}]"
                        for r in rows.itertuples()]
    rows["change_ci"] = [f"{_fmt(r.model_change_per_month)} [{_fmt(r.model_change_low)}, {_fmt(r.model_change_high)}]"
                         for r in rows.itertuples()]
    rows["note"] = [text("not_estimable", lang) if "not estimable" in str(note) else note
                    for note in rows["model_note"].fillna("")]
    return _table(rows, ["measure", "share_ci", "slope_ci", "model_p_value", "change_ci", "note"],
                  [text("measure", lang), text("share", lang), text("slope", lang), text("p", lang),
                   text("change", lang), ""])


def _period_reason(trend_settings: dict, lang: str) -> str:
    """Why this period, in the report's language, from the rule figures stored by ``trends``."""
    rule = trend_settings.get("period_auto")
    if not rule:
        return text("fixed_reason", lang)
    return text("auto_fallback" if rule.get("fallback") else "auto_reason", lang, share=rule["min_share"],
                min_notes=rule["min_notes"], min_words=rule["min_words"], passing=rule["passing"])


def _shaded_periods(flags: pd.DataFrame, group: pd.DataFrame) -> set[str]:
    """Periods of the flags that single out part of the span (a flag over the whole span shades nothing)."""
    everything = set(group.loc[group["notes"] > 0, "period"])
    shaded: set[str] = set()
    for periods in flags["periods"]:
        chosen = set(periods.split(";"))
        if chosen != everything:
            shaded |= chosen
    return shaded


def _require(out: Path) -> dict:
    """The manifest, after refusing missing trend files (E080), an incomplete or mixed run (E088, E089)."""
    manifest = check_trends_and_run(out)
    for name in REQUIRED:
        if not (out / name).is_file():
            raise AnalysisInputError(Errors.E080.format(path=out / name, out=out))
    return manifest


def check_trends_and_run(out: Path) -> dict:
    """Refuse trends from another run or an incomplete run (E088, E089); return the manifest."""
    manifest = check_run(out)
    check_trends(out, manifest)
    return manifest


def write_report(out_dir: str | os.PathLike, *, lang: str = "nl") -> Path:
    """Write ``OUT/report/index.html`` and its PNGs from the files ``trends`` wrote; raise E080 when one is missing."""
    if lang not in LANGUAGES:
        raise AnalysisInputError(Errors.E083.format(value=lang, choices=", ".join(LANGUAGES)))
    out = Path(out_dir)
    manifest = _require(out)
    categories = load_categories()
    trends, settings = read_trends(out), read_settings(out)
    tests = read_numeric_table(out / "trend_tests.csv", ("community", "measure", "test", "trend", "note",
                                                          "model_test", "model_note"))
    patterns, evidence = read_output_table(out / "patterns.csv"), read_output_table(out / "evidence.csv")
    period = settings.get("trends", {}).get("period", "month")
    communities = sorted(trends["community"].unique().tolist())
    groups = {c: trends[trends["community"] == c].sort_values("period_start", kind="stable") for c in communities}
    flagged = {c: _shaded_periods(patterns[patterns["community"] == c], groups[c]) for c in communities}
    report_dir = _report_folder(out)
    shown = sorted(sorted(communities, key=lambda c: -int(groups[c]["notes"].sum()))[:OVERVIEW_LIMIT])
    overview = {c: groups[c] for c in shown}
    written = {"overview.png": overview_plot(overview, flagged, period, lang)} if communities else {}
    with_notes = trends[trends["notes"] > 0]
    thin = int((with_notes["warning"].fillna("") != "").sum())
    trend_settings = settings.get("trends", {})
    periods = with_notes["period"]
    first, last = (periods.min(), periods.max()) if len(periods) else ("", "")
    header = [text("run", lang, run_id=run_name(out, manifest), communities=len(communities), first=first, last=last),
              text("period_choice", lang, period=text(period, lang), reason=_period_reason(trend_settings, lang))
              + " " + text("thin", lang, thin=thin, total=len(with_notes),
                           min_notes=trend_settings.get("min_notes", "?"),
                           min_words=trend_settings.get("min_words", "?"))]
    parts = [f"<h1>{html.escape(text('title', lang, period=text(period, lang)))}</h1>",
             f"<p class='meta'>{html.escape(header[0])}</p>", f"<p>{html.escape(header[1])}</p>",
             f"<section id='overview'><h2>{html.escape(text('overview', lang))}</h2>"]
    if communities:
        alt = f"{text('all_communities', lang)}: {text('per', lang, period=text(period, lang))}"
        parts.append(_image(written["overview.png"], alt))
        if len(shown) < len(communities):
            limited = text("overview_limited", lang, shown=len(shown), total=len(communities))
            parts.append(f"<p class='meta'>{html.escape(limited)}</p>")
    parts.append(f"<h3>{html.escape(text('flags_table', lang))}</h3><table><thead><tr><th>"
                 f"{html.escape(text('community', lang))}</th>"
                 + "".join(f"<th>{html.escape(text(p, lang))}</th>" for p in PATTERNS) + "</tr></thead><tbody>")
    for community in communities:
        parts.append(f"<tr><td><a href='#{_slug(community)}'>{html.escape(community)}</a></td>"
                     + "".join(_flag_cells(community, patterns, lang)) + "</tr>")
    parts.append("</tbody></table></section>")
    parts.append(f"<h2>{html.escape(text('methods', lang))}</h2>"
                 f"<p class='methods'>{html.escape(methods_paragraph(manifest, settings, lang))}</p>")
    embedded, linked = len(written.get("overview.png", b"")) * 4 // 3, []
    for community in communities:
        slug, group = _slug(community), groups[community]
        images = community_plots(group, community, categories, period, flagged[community], lang)
        written.update({f"{slug}_{name}.png": data for name, data in images.items()})
        embedded += sum(map(len, images.values())) * 4 // 3
        link = {name: f"{slug}_{name}.png" if embedded > EMBEDDED_PLOT_BYTES else "" for name in images}
        linked += [community] if link["shares"] else []
        notes_group = group[group["notes"] > 0]
        parts.append(f"<section class='community' id='{slug}'><h2>{html.escape(community)}</h2>")
        summary = text("notes_summary", lang, notes=int(group["notes"].sum()), periods=len(group),
                       first=group["period"].iloc[0], last=group["period"].iloc[-1],
                       thin=int((notes_group["warning"].fillna("") != "").sum()))
        parts.append(f"<p class='meta'>{html.escape(summary)}</p>")
        flags = patterns[patterns["community"] == community]
        evidence_column = "evidence" if lang == "nl" else "evidence_en"
        parts.append(_table(flags.assign(name=[text(p, lang) for p in flags["pattern"]]),
                            ["name", "periods", evidence_column, "thresholds"],
                            [text("pattern", lang), text("periods", lang), text("evidence_col", lang), ""])
                     if len(flags) else f"<p class='none'>{html.escape(text('no_flags', lang))}</p>")
        parts.append(_image(images["shares"], f"{community}: {text('shares_title', lang)}", linked=link["shares"]))
        parts.append(f"<h3>{html.escape(text('model_table', lang))}</h3>" + _model_table(tests, community, lang))
        parts.append(_image(images["rates"], f"{community}: {text('rate_axis', lang)}", linked=link["rates"]))
        mann_kendall = tests[(tests["community"] == community) & (tests["test"].fillna("").astype(str) != "")]
        parts.append(f"<h3>{html.escape(text('mk_table', lang))}</h3>"
                     + _table(mann_kendall, ["measure", "periods", "trend", "slope", "p_value", "tau"],
                              [text("measure", lang), text("periods", lang), "trend", "Sen", "p", "tau"]))
        parts.append(f"<h3>{html.escape(text('evidence', lang))}</h3>")
        for category in categories:
            found = evidence[(evidence["community"] == community) & (evidence["category"] == category.id)]
            family = html.escape(text(category.family, lang))
            parts.append(f"<h4>{html.escape(category.id)} <span class='meta'>({family})</span></h4>")
            if found.empty:
                parts.append(f"<p class='none'>{html.escape(text('no_evidence', lang))}</p>")
            for _, quote in found.iterrows():
                parts.append(f"<blockquote>{highlight(quote['text'], quote['spans'])}<div class='meta'>"
                             f"{html.escape(text('note', lang))} {html.escape(quote['note_id'])}, "
                             f"{html.escape(quote['date'] or '–')}; "
                             f"{html.escape(text('chosen_by', lang, rule=quote['chosen_by']))}</div></blockquote>")
        parts.append("</section>")
    if linked:
        note = text("plots_linked", lang, linked=len(linked), total=len(communities),
                    megabytes=EMBEDDED_PLOT_BYTES // 1_000_000)  # fmt: skip
        parts.insert(3, f"<p class='meta'>{html.escape(note)}</p>")
    for name, data in written.items():
        replace_file(report_dir / name, data)
    for stale in _plots_written_before(settings) - set(written):
        (report_dir / stale).unlink(missing_ok=True)
    update_settings(out, {"report": {"plots": sorted(written)}})
    families = ", ".join(FAMILIES)
    page = (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>leersignalen report ({families})</title><style>{CSS}</style></head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")
    target = report_dir / "index.html"
    replace_file(target, page.encode("utf-8"))
    return target


def _plots_written_before(settings: dict) -> set[str]:
    """The PNG names the last report recorded in trends_settings.json (none from before the record existed)."""
    record = settings.get("report")
    plots = record.get("plots") if isinstance(record, dict) else None
    return {name for name in plots if isinstance(name, str) and name.endswith(".png") and name == Path(name).name
            } if isinstance(plots, list) else set()


def _report_folder(out: Path) -> Path:
    """``OUT/report``, made when absent; E122 when a file stands there or the folder cannot be made."""
    report_dir = out / "report"
    if report_dir.exists() and not report_dir.is_dir():
        raise AnalysisInputError(Errors.E122.format(path=report_dir, reason="it is a file, not a folder",
                                                    fix="move or rename that file", out=out))
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AnalysisInputError(Errors.E122.format(path=report_dir, reason=error.strerror or error,
                                                    fix="make OUT writable", out=out)) from None
    return report_dir
