"""Every text of the report, its plots and the flags' evidence sentences, in Dutch (default) and English."""

from __future__ import annotations

import math

LANGUAGES = ("nl", "en")

STRINGS = {
    "nl": {
        "title": "leersignalen: leren en instrumentele praat per gemeenschap en {period}",
        "run": "Run {run_id} · notities {first} t/m {last} · {communities} gemeenschappen. Vlaggen zijn aanleidingen "
               "om beter te kijken, geen oordelen.",
        "period_choice": "Periode: {period}, {reason}",
        "auto_reason": "de fijnste periode waarin minstens de helft van de gemeenschappen in minstens {share:.0%} van "
                       "hun perioden minstens {min_notes} notities en {min_words} woorden heeft ({passing:.0%} van "
                       "de gemeenschappen).",
        "auto_fallback": "want geen periode voldeed aan de regel (minstens {min_notes} notities en {min_words} woorden "
                         "in {share:.0%} van de perioden); kwartaal is de grofste.",
        "fixed_reason": "gekozen met --period.",
        "thin": "{thin} van {total} perioden met notities zijn dun (minder dan {min_notes} notities of {min_words} "
                "woorden): open gemarkeerd, niet weggelaten.",
        "overview": "Overzicht", "flags_table": "Vlaggen per gemeenschap", "communities": "Gemeenschappen",
        "methods": "Methode", "community": "gemeenschap", "no_flags": "Geen vlag.",
        "shares_title": "Aandeel zinnen: leren en instrumenteel (punten: per periode met 95%-BI, notities als "
                        "clusters; lijn en band: trendmodel)",
        "balance_title": "Balans (L - I) / (L + I) met 95%-bootstrapband",
        "rates_title": "{family}: categorieën, zinnen per 1.000 woorden",
        "share_axis": "aandeel zinnen", "balance_axis": "balans", "rate_axis": "per 1.000 woorden",
        "leren": "leren", "instrumenteel": "instrumenteel", "model": "model", "balance": "balans",
        "thin_marker": "dunne periode (open)", "flagged": "gevlagde periode",
        "all_communities": "Alle gemeenschappen", "per": "per {period}",
        "overview_limited": "Het overzicht toont de {shown} gemeenschappen met de meeste notities (van {total}); elke "
                            "gemeenschap heeft hieronder een eigen deel met figuren.",
        "plots_linked": "De figuren van {linked} van de {total} gemeenschappen staan als PNG-bestanden naast deze "
                        "pagina, niet ingebed (zo blijft de pagina rond {megabytes} MB): houd de map bij elkaar.",
        "week": "week", "month": "maand", "quarter": "kwartaal",
        "model_table": "Trendmodel (logistische regressie op zinnen, notities als clusters)",
        "mk_table": "Mann-Kendall (alleen perioden zonder waarschuwing)",
        "evidence": "Sterkste en meest gevarieerde citaten", "no_evidence": "Geen citaat.",
        "chosen_by": "gekozen op: {rule}", "note": "notitie", "not_estimable": "niet schatbaar",
        "measure": "maat", "share": "aandeel", "slope": "helling (log-odds/maand)", "change": "verandering/maand",
        "p": "p", "periods": "perioden", "evidence_col": "onderbouwing", "pattern": "vlag",
        "lege_huls": "lege huls", "doorpakken": "doorpakken", "eenmalig_evenement": "eenmalig evenement",
        "notes_summary": "{notes} notities in {periods} perioden ({first} t/m {last}); {thin} dun.",
        "difference": "instrumenteel - leren",
    },
    "en": {
        "title": "leersignalen: learning and instrumental talk per community and {period}",
        "run": "Run {run_id} · notes {first} to {last} · {communities} communities. Flags are prompts for a closer "
               "look, not verdicts.",
        "period_choice": "Period: {period}, {reason}",
        "auto_reason": "the finest period at which at least half of the communities have at least {min_notes} notes "
                       "and {min_words} words in at least {share:.0%} of their periods ({passing:.0%} of the "
                       "communities do).",
        "auto_fallback": "because no period met the rule (at least {min_notes} notes and {min_words} words in "
                         "{share:.0%} of the periods); quarter is the coarsest.",
        "fixed_reason": "chosen with --period.",
        "thin": "{thin} of {total} periods with notes are thin (fewer than {min_notes} notes or {min_words} words): "
                "drawn hollow, never dropped.",
        "overview": "Overview", "flags_table": "Flags per community", "communities": "Communities",
        "methods": "Methods", "community": "community", "no_flags": "No flag.",
        "shares_title": "Share of sentences: learning and instrumental (points: per period with 95% CI, notes as "
                        "clusters; line and band: trend model)",
        "balance_title": "Balance (L - I) / (L + I) with 95% bootstrap band",
        "rates_title": "{family}: categories, sentences per 1,000 words",
        "share_axis": "share of sentences", "balance_axis": "balance", "rate_axis": "per 1,000 words",
        "leren": "learning", "instrumenteel": "instrumental", "model": "model", "balance": "balance",
        "thin_marker": "thin period (hollow)", "flagged": "flagged period",
        "all_communities": "All communities", "per": "per {period}",
        "overview_limited": "The overview shows the {shown} communities with the most notes (of {total}); every "
                            "community has its own section with figures below.",
        "plots_linked": "The figures of {linked} of the {total} communities are PNG files next to this page, not "
                        "embedded (so that the page stays near {megabytes} MB): keep the folder together.",
        "week": "week", "month": "month", "quarter": "quarter",
        "model_table": "Trend model (logistic regression on sentences, notes as clusters)",
        "mk_table": "Mann-Kendall (periods without a warning only)",
        "evidence": "Strongest and most varied quotes", "no_evidence": "No quote.",
        "chosen_by": "chosen by: {rule}", "note": "note", "not_estimable": "not estimable",
        "measure": "measure", "share": "share", "slope": "slope (log-odds/month)", "change": "change/month",
        "p": "p", "periods": "periods", "evidence_col": "evidence", "pattern": "flag",
        "lege_huls": "empty shell", "doorpakken": "follow-through", "eenmalig_evenement": "one-off event",
        "notes_summary": "{notes} notes in {periods} periods ({first} to {last}); {thin} thin.",
        "difference": "instrumental - learning",
    },
}

EVIDENCE = {
    "nl": {
        "lege_huls": "Over {count} perioden ({first} t/m {last}) was {instrumental:.0%} van de zinnen instrumenteel "
                     "en {learning:.0%} lerend; het verschil van {difference:.2f} (95%-BI {low:.2f} tot {high:.2f}) "
                     "ligt boven 0.",
        "doorpakken": "Het aandeel lerende zinnen stijgt met {slope:+.2f} log-odds per maand (95%-BI {low:.2f} tot "
                      "{high:.2f}, p {p_text}), gemiddeld {change:+.1%} per maand; het laatste derde "
                      "({last_share:.0%}) zakt niet terug ten opzichte van het middelste ({middle_share:.0%}).",
        "eenmalig_evenement": "In {first} t/m {last} was {spike:.0%} van de zinnen lerend ({sentences} zinnen) tegen "
                              "een basis van {baseline:.0%} (95%-BI tot {baseline_high:.0%}, p {p_text}); daarna "
                              "zakte het terug naar {after:.0%}.",
    },
    "en": {
        "lege_huls": "Over {count} periods ({first} to {last}) {instrumental:.0%} of the sentences were instrumental "
                     "and {learning:.0%} learning; the difference of {difference:.2f} (95% CI {low:.2f} to "
                     "{high:.2f}) lies above 0.",
        "doorpakken": "The share of learning sentences rises by {slope:+.2f} log-odds per month (95% CI {low:.2f} to "
                      "{high:.2f}, p {p_text}), on average {change:+.1%} per month; the last third ({last_share:.0%}) "
                      "does not fall back below the middle third ({middle_share:.0%}).",
        "eenmalig_evenement": "In {first} to {last} {spike:.0%} of the sentences were learning ({sentences} "
                              "sentences) against a baseline of {baseline:.0%} (95% CI up to {baseline_high:.0%}, "
                              "p {p_text}); afterwards it fell back to {after:.0%}.",
    },
}


def text(key: str, lang: str = "nl", **values) -> str:
    """The string ``key`` in ``lang``, formatted with ``values``."""
    template = STRINGS[lang][key]
    return template.format(**values) if values else template


def evidence_sentence(pattern: str, values: dict, lang: str = "nl") -> str:
    """The plain-language evidence sentence of a flag; NaN figures are shown as 0 (never a crash)."""
    cleaned = {key: (0.0 if isinstance(value, float) and not math.isfinite(value) else value)
               for key, value in values.items()}
    if "p" in cleaned:
        shown = format_p(cleaned["p"])
        cleaned["p_text"] = shown if shown.startswith("<") else f"= {shown}"
    return EVIDENCE[lang][pattern].format(**cleaned)


def format_p(value) -> str:
    """A p value with 3 decimals, ``< 0.001`` below 0.0005 (never 0.000); empty when missing."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    return "" if not math.isfinite(number) else "< 0.001" if number < 0.0005 else f"{number:.3f}"


METHODS = {
    "nl": ("Notities zijn gecodeerd met {package} {version} (spaCy {spacy}, model {model}) en de lexiconbestanden "
           "{files} (SHA-256 {sha}). Van {records} records zijn {notes} notities geanalyseerd ({rejects} afgewezen), "
           "met {sentences} zinnen en {signals} lexicontreffers. Notities zijn per gemeenschap en {period} "
           "samengenomen; {undated} notities zonder bruikbare datum (of met een datum buiten {date_range}) vallen "
           "buiten de trends. Per gemeenschap schat een logistische regressie op zinnen het aandeel zinnen met een "
           "leer- en met een instrumenteel label over de tijd (maanden sinds de eerste notitie), met "
           "cluster-robuuste standaardfouten per notitie (nooit kleiner dan die bij onafhankelijke zinnen) en "
           "t-intervallen met (notities - 1) vrijheidsgraden; het "
           "verschil tussen beide families komt uit hetzelfde model (delta-methode). Per periode heeft het "
           "waargenomen aandeel een Wilson-interval met de effectieve steekproefomvang (notities als clusters). "
           "De balans (L - I) / (L + I) heeft een percentiel-bootstrapinterval uit {n_boot} trekkingen van notities "
           "(seed {seed}). Perioden met minder dan {min_notes} notities of {min_words} woorden zijn dun: getoond, "
           "gemarkeerd, en alleen buiten de Mann-Kendall-toetsen gelaten. Vlaggen volgen de regels in docs/trends.md."),
    "en": ("Notes were tagged with {package} {version} (spaCy {spacy}, model {model}) using the lexicon files "
           "{files} (SHA-256 {sha}). Of {records} input records, {notes} notes were analysed ({rejects} rejected), "
           "with {sentences} sentences and {signals} lexicon matches. Notes were aggregated per community and "
           "{period}; {undated} notes without a usable date (or with a date outside {date_range}) were left out of "
           "the trends. Per community a logistic regression on sentences estimates the share of sentences with a "
           "learning and with an instrumental label over time (months since the first note), with cluster-robust "
           "standard errors by note (never below those of independent sentences) and t intervals with (notes - 1) "
           "degrees of freedom; the difference between "
           "the families comes from the same model (delta method). Per period the observed share has a Wilson "
           "interval with the effective sample size (notes as clusters). The balance (L - I) / (L + I) has a "
           "percentile bootstrap interval from {n_boot} resamples of notes (seed {seed}). Periods with fewer than "
           "{min_notes} notes or {min_words} words are thin: shown, marked, and left out of the Mann-Kendall tests "
           "only. Flags follow the rules in docs/trends.md."),
}
