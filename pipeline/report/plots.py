"""The report's PNG plots: the overview's small multiples and each community's shares, balance and rates.

Shared design: calendar time on the x axis (so communities line up), Okabe-Ito colours plus distinct markers and
line styles; per-period intervals are error bars set slightly apart per family, the trend model is a line with a
light band (hatched for the instrumental family), so bands do not blur into each other; thin periods are drawn
hollow; a period without notes is a gap in the line; flagged periods are shaded. Every figure's title names the
community (or "all communities") and the period. Output is deterministic (fixed metadata and hash salt).
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..analyse.wording import text
from ..categories import FAMILIES, Category

COLOURS = {"leren": "#0072B2", "instrumenteel": "#D55E00", "balance": "#009E73"}
MARKERS = {"leren": "o", "instrumenteel": "s", "balance": "D"}
CATEGORY_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
LINE_STYLES = ["-", "--", ":", "-."]
PLOT_STYLE = {"svg.hashsalt": "leersignalen", "font.size": 8, "axes.grid": True, "grid.alpha": 0.3,
              "text.parse_math": False}  # a community named "$\\frac$" is text, not TeX
PERIOD_DAYS = {"week": 7.0, "month": 30.4375, "quarter": 91.3125}


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})  # tight_layout has fitted it
    return buffer.getvalue()


def _values(group: pd.DataFrame, column: str) -> np.ndarray:
    return pd.to_numeric(group[column], errors="coerce").to_numpy(dtype=float)


def _x(group: pd.DataFrame, period: str, shift: float = 0.0) -> np.ndarray:
    starts = pd.to_datetime(group["period_start"], format="%Y-%m-%d")
    return (starts + pd.to_timedelta(PERIOD_DAYS[period] * (0.5 + shift), unit="D")).to_numpy()


def _shade(axes, group: pd.DataFrame, flagged: set[str], period: str, lang: str) -> None:
    starts = pd.to_datetime(group["period_start"], format="%Y-%m-%d")
    label = text("flagged", lang)
    for name, start in zip(group["period"], starts, strict=True):
        if name in flagged:
            axes.axvspan(start, start + pd.Timedelta(days=PERIOD_DAYS[period]), color="#F0E442", alpha=0.25,
                         linewidth=0, label=label)
            label = None


def _thin(group: pd.DataFrame) -> np.ndarray:
    return ((group["warning"].fillna("").astype(str) != "") & (_values(group, "notes") > 0)).to_numpy()


def draw_shares(axes, group: pd.DataFrame, period: str, flagged: set[str], lang: str, *, legend: bool) -> None:
    """Observed family shares with note-clustered error bars, the model line and band, shading, hollow thin."""
    _shade(axes, group, flagged, period, lang)
    thin = _thin(group)
    for offset, family in zip((-0.12, 0.12), FAMILIES, strict=True):
        colour, marker = COLOURS[family], MARKERS[family]
        x_model = _x(group, period)
        low, high = _values(group, f"{family}_model_low"), _values(group, f"{family}_model_high")
        hatch = "////" if family == "instrumenteel" else None
        axes.fill_between(x_model, low, high, facecolor=colour if hatch is None else "none", alpha=0.15,
                          edgecolor=colour, hatch=hatch, linewidth=0)
        axes.plot(x_model, _values(group, f"{family}_model"), color=colour, linewidth=1.2,
                  linestyle="--" if hatch else "-", label=f"{text(family, lang)} ({text('model', lang)})")
        x = _x(group, period, offset)
        share = _values(group, f"{family}_share")
        errors = np.vstack([share - _values(group, f"{family}_share_ci_low"),
                            _values(group, f"{family}_share_ci_high") - share])
        axes.errorbar(x, share, yerr=np.clip(np.nan_to_num(errors), 0, None), fmt="none", ecolor=colour,
                      elinewidth=0.9, capsize=2, alpha=0.8)
        axes.plot(x, share, linestyle=":", color=colour, linewidth=0.8)
        solid, hollow = ~thin, thin
        axes.plot(x[solid], share[solid], linestyle="none", marker=marker, color=colour, markersize=4,
                  label=text(family, lang))
        axes.plot(x[hollow], share[hollow], linestyle="none", marker=marker, markersize=5, markerfacecolor="white",
                  markeredgecolor=colour, label=text("thin_marker", lang) if family == FAMILIES[0] and hollow.any()
                  else None)
    axes.set_ylim(0, 1)
    axes.set_ylabel(text("share_axis", lang))
    if legend:
        axes.legend(fontsize=6, loc="upper left", framealpha=0.85, ncol=2)


def draw_balance(axes, group: pd.DataFrame, period: str, flagged: set[str], lang: str) -> None:
    """The balance index per period with its bootstrap band; hollow markers for thin periods."""
    _shade(axes, group, flagged, period, lang)
    x, values, thin = _x(group, period), _values(group, "balance"), _thin(group)
    axes.axhline(0.0, color="#777777", linewidth=0.8)
    axes.fill_between(x, _values(group, "balance_low"), _values(group, "balance_high"), color=COLOURS["balance"],
                      alpha=0.15, linewidth=0)
    axes.plot(x, values, color=COLOURS["balance"], linewidth=1.2)
    axes.plot(x[~thin], values[~thin], linestyle="none", marker="D", markersize=4, color=COLOURS["balance"])
    axes.plot(x[thin], values[thin], linestyle="none", marker="D", markersize=5, markerfacecolor="white",
              markeredgecolor=COLOURS["balance"])
    axes.set_ylim(-1.05, 1.05)
    axes.set_ylabel(text("balance_axis", lang))


def _span(group: pd.DataFrame) -> str:
    return f"{group['period'].iloc[0]} – {group['period'].iloc[-1]}"


def overview_plot(groups: dict[str, pd.DataFrame], flagged: dict[str, set[str]], period: str, lang: str) -> bytes:
    """Small multiples: one row per community (shares | balance), same axes for all."""
    with matplotlib.rc_context(PLOT_STYLE):
        figure = Figure(figsize=(10, 1.9 * len(groups) + 0.8))
        grid = figure.subplots(len(groups), 2, sharex=True, squeeze=False, gridspec_kw={"width_ratios": [3, 2]})
        for row, (community, group) in enumerate(groups.items()):
            draw_shares(grid[row][0], group, period, flagged.get(community, set()), lang, legend=row == 0)
            draw_balance(grid[row][1], group, period, flagged.get(community, set()), lang)
            grid[row][0].set_title(f"{community} · {text('per', lang, period=text(period, lang))} · {_span(group)}",
                                   fontsize=8, loc="left")
            grid[row][1].set_title(text("balance", lang), fontsize=8, loc="left")
        figure.suptitle(f"{text('all_communities', lang)} · {text('per', lang, period=text(period, lang))}",
                        fontsize=10)
        figure.autofmt_xdate()
        figure.tight_layout()
        return _png(figure)


def community_plots(group: pd.DataFrame, community: str, categories: tuple[Category, ...], period: str,
                    flagged: set[str], lang: str) -> dict[str, bytes]:
    """PNGs for one community: ``shares`` (with balance) and ``rates`` per category."""
    title = f"{community} · {text('per', lang, period=text(period, lang))} · {_span(group)}"
    images = {}
    with matplotlib.rc_context(PLOT_STYLE):
        figure = Figure(figsize=(9, 5.2))
        shares, balance = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
        draw_shares(shares, group, period, flagged, lang, legend=True)
        shares.set_title(text("shares_title", lang), fontsize=8)
        draw_balance(balance, group, period, flagged, lang)
        balance.set_title(text("balance_title", lang), fontsize=8)
        figure.suptitle(title, fontsize=10)
        figure.autofmt_xdate()
        figure.tight_layout()
        images["shares"] = _png(figure)
        figure = Figure(figsize=(9, 5.2))
        for row, family in enumerate(FAMILIES):
            axes = figure.add_subplot(2, 1, row + 1)
            _shade(axes, group, flagged, period, lang)
            x, thin = _x(group, period), _thin(group)
            members = [c for c in categories if c.family == family]
            for index, category in enumerate(members):
                colour = CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]
                values = _values(group, f"{category.id}_per_1000w")
                axes.plot(x, values, color=colour, linestyle=LINE_STYLES[index % len(LINE_STYLES)], marker="o",
                          markersize=3, linewidth=1.2, label=category.id)
                axes.plot(x[thin], values[thin], linestyle="none", marker="o", markersize=4,
                          markerfacecolor="white", markeredgecolor=colour)
            axes.set_ylabel(text("rate_axis", lang))
            axes.set_title(text("rates_title", lang, family=text(family, lang)), fontsize=8)
            axes.legend(fontsize=6, loc="upper left", framealpha=0.85)
        figure.suptitle(title, fontsize=10)
        figure.autofmt_xdate()
        figure.tight_layout()
        images["rates"] = _png(figure)
    return images
