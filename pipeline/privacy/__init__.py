"""Pseudonymised outputs: replace names and contact details in notes by stable pseudonyms (issue 11)."""

from .detect import ALSO_CHOICES, Mention, find_mentions
from .engine import Pseudonymiser, Replacement, apply_replacements, parse_also
from .keyfile import KeyFileError, PseudonymKey, check_key_location, normalise_name

__all__ = [
    "ALSO_CHOICES", "KeyFileError", "Mention", "PseudonymKey", "Pseudonymiser", "Replacement",
    "apply_replacements", "check_key_location", "find_mentions", "normalise_name", "parse_also",
]  # fmt: skip
