"""Defaults shared by several stages, defined once: seed, bootstrap size, periods and thin-period thresholds."""

SEED = 20251
RESAMPLES = 1000
AUTO = "auto"
PERIODS = ("week", "month", "quarter")
PERIOD_CHOICES = (AUTO, *PERIODS)
MIN_NOTES = 2
MIN_WORDS = 150
