"""Defaults shared by several stages, defined once: the seed of every random draw and the bootstrap size."""

SEED = 20251
RESAMPLES = 1000
