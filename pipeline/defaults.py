"""Defaults shared by several stages, defined once: the seed of every random draw, the bootstrap size, trend minima.

Kept free of imports so that the command line can show its defaults without loading the analysis stage.
"""

SEED = 20251
RESAMPLES = 1000
MIN_NOTES = 5
MIN_WORDS = 300
