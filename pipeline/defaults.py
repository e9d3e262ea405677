"""Defaults shared by several stages, defined once: seed, bootstrap size, periods, thin-period thresholds, the
longest text tagged at once.

Kept free of imports so that the command line can show its defaults without loading the analysis stage.
"""

SEED = 20251
RESAMPLES = 1000
AUTO = "auto"
PERIODS = ("week", "month", "quarter")
PERIOD_CHOICES = (AUTO, *PERIODS)
MIN_NOTES = 2
MIN_WORDS = 150
LONGEST_PIECE = 999_999  # spaCy's default nlp.max_length less one: run tags longer notes in pieces of this size
