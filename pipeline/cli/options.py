"""Options that several commands share, declared once so that one concept has one name and one help text."""

from __future__ import annotations

import click
from click.core import ParameterSource

from ..defaults import MIN_NOTES, MIN_WORDS, PERIOD_CHOICES, RESAMPLES, SEED
from .errors import InputPath

LEXICON_HELP = "Lexicon folder with rules/*.tsv and negation.tsv (default: the project's)."


def lexicon_option(function):
    return click.option("--lexicon", "lexicon_dir", type=InputPath(file_okay=False),
                        default=None, help=LEXICON_HELP)(function)


def model_option(default: str = "blank", purpose: str = "for lemmas and sentences"):
    """``--model``: always the spaCy pipeline."""
    return click.option("--model", default=default, show_default=True,
                        help=f"spaCy pipeline {purpose}: 'auto' (nl_core_news_sm when installed, else blank), "
                             "'blank', or a package name or path.")


def classifier_option(default: str | None = None, purpose: str = "to label the sentences with"):
    """``--classifier``: always a classifier folder written by ``leersignalen train``."""
    return click.option("--classifier", "classifier_path", default=default, show_default=default is not None,
                        metavar="MODEL", help=f"Classifier {purpose}: 'default' (the shipped model) or a folder "
                                              "written by `leersignalen train`.")


SEED_RANGE = click.IntRange(0, 2**32 - 1)  # what numpy and scikit-learn accept as a seed


def seed_option(purpose: str = "the bootstrap"):
    return click.option("--seed", default=SEED, show_default=True, type=SEED_RANGE,
                        help=f"Seed of {purpose}; the same seed gives byte-identical files.")


def quiet_option(function):
    return click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")(function)


def deprecated_alias(old: str, new: str, dest: str, type=None):
    """A hidden option ``old`` that still works for one release, with a warning, as ``new``.

    The value is handed over when ``new`` is left at its default (click handles options given on the command line
    before the others, so the alias has been seen by then).
    """

    def remember(ctx: click.Context, _param, value):
        if value is not None:
            click.echo(f"Warning: {old} is deprecated and will be removed; use {new}", err=True)
            ctx.meta[f"alias:{dest}"] = value
        return value

    def decorate(function):
        return click.option(old, f"_alias_{dest}", hidden=True, default=None, expose_value=False, type=type,
                            callback=remember, help=f"Deprecated spelling of {new}.")(function)

    return decorate


def take_alias(ctx: click.Context, param: click.Parameter, value):
    """Callback of an option that has a deprecated alias: the alias' value wins over the default."""
    if ctx.get_parameter_source(param.name) in (ParameterSource.DEFAULT, None) and f"alias:{param.name}" in ctx.meta:
        return ctx.meta[f"alias:{param.name}"]
    return value


def resamples_option(function):
    """``--resamples``: the number of bootstrap resamples (formerly ``--n-boot`` in ``trends``)."""
    count = click.IntRange(0, 100_000)
    function = click.option("--resamples", default=RESAMPLES, show_default=True, type=count, callback=take_alias,
                            help="Bootstrap resamples for the 95% intervals (0 = no intervals).")(function)
    return deprecated_alias("--n-boot", "--resamples", "resamples", type=count)(function)


def period_option(function):
    return click.option("--period", type=click.Choice(PERIOD_CHOICES), default="auto", show_default=True,
                        help="week, month or quarter (periods are named like 2025-W14, 2025-03, 2025-Q1), or auto: "
                             "the finest at which most periods have enough material (see docs/trends.md).")(function)


def date_range_option(function):
    return click.option("--date-range", default=None, metavar="FROM:TO",
                        help="Window of plausible note dates (default 1990-01-01 to today + 1 year); dates outside "
                             "it go to the problems column and stay off the time axis.")(function)


def thin_period_options(function):
    """``--min-notes`` and ``--min-words``: below them a period is thin (marked, never dropped)."""
    function = click.option("--min-words", type=click.IntRange(min=0), default=MIN_WORDS, show_default=True,
                            help="Periods with fewer words are thin (marked; left out of Mann-Kendall only).")(function)
    return click.option("--min-notes", type=click.IntRange(min=1), default=MIN_NOTES, show_default=True,
                        help="Periods with fewer notes are thin (marked; left out of Mann-Kendall only).")(function)


def trend_options(function):
    """The trend settings of ``run`` and ``merge``: period, date window, seed, thin-period thresholds, --no-trends."""
    function = click.option("--no-trends", is_flag=True,
                            help="Only tag; compute trends, trend tests and flags later with `leersignalen trends "
                                 "OUT`.")(function)
    function = thin_period_options(function)
    function = seed_option("the bootstrap intervals")(function)
    function = date_range_option(function)
    return period_option(function)
