"""Checks on a classifier folder before it is used, and on gold labels before a classifier is trained.

model.json is not covered by a checksum (it holds the checksums), so every field the loader uses is checked
for type and range: an edited threshold of -1 would give every sentence every label. Version 1 holds one
``label_rule``, version 2 one rule per category in ``label_rules``; each rule is checked the same way. The .npy
headers in weights.npz are read before the arrays, so a header that declares a huge shape is refused without
allocating.
"""

from __future__ import annotations

import io
import json
import math
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ClassifierError, Errors

MAX_MODEL_JSON_BYTES = 20 << 20
FEATURE_CHOICES = ("text", "text+lexicon", "none")
COMBINE_CHOICES = ("classifier", "or", "and", "lexicon")
BLOCK_NAMES = ("form", "lemma", "char", "lexicon")
PER_CATEGORY_VERSION = 2


def _field_error(path: Path, name: str, value, expected: str) -> ClassifierError:
    found = repr(value) if not isinstance(value, dict | list) else type(value).__name__
    return ClassifierError(Errors.E094.format(path=path, field=name, found=found[:60], expected=expected))


def read_model_json(path: Path) -> dict:
    """model.json as a dict; too large, too deeply nested or not JSON: E095/E022."""
    data = path.read_bytes()
    if len(data) > MAX_MODEL_JSON_BYTES:
        raise ClassifierError(Errors.E095.format(path=path, problem=f"{len(data)} bytes, larger than any model.json"))
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ClassifierError(Errors.E022.format(path=path, problem=error.__class__.__name__)) from None
    except RecursionError:
        raise ClassifierError(Errors.E095.format(path=path, problem="JSON nested too deeply")) from None


def check_model_fields(path: Path, model: dict, checksum_files: Sequence[str]) -> None:
    """Type and range of the fields of model.json that the loader uses (after format and version)."""
    files = model.get("files")
    if not isinstance(files, dict) or any(not isinstance(files.get(name), str) for name in checksum_files):
        raise _field_error(path, "files", files, f"an object with a SHA-256 for each of {', '.join(checksum_files)}")
    if model.get("format_version") == PER_CATEGORY_VERSION:
        rules = model.get("label_rules")
        categories = model.get("categories") or []
        if not isinstance(rules, dict) or sorted(rules) != sorted(categories):
            raise _field_error(path, "label_rules", rules, "an object with one rule for each of the categories")
        for category in categories:
            _check_rule(path, f"label_rules.{category}", rules[category])
    else:
        _check_rule(path, "label_rule", model.get("label_rule"))


def _check_rule(path: Path, name: str, rule) -> None:
    if not isinstance(rule, dict):
        raise _field_error(path, name, rule, "an object with features, combine and threshold")
    if rule.get("features") not in FEATURE_CHOICES:
        raise _field_error(path, f"{name}.features", rule.get("features"), f"one of {', '.join(FEATURE_CHOICES)}")
    if rule.get("combine") not in COMBINE_CHOICES:
        raise _field_error(path, f"{name}.combine", rule.get("combine"), f"one of {', '.join(COMBINE_CHOICES)}")
    threshold = rule.get("threshold")
    is_number = isinstance(threshold, int | float) and not isinstance(threshold, bool)
    if not is_number or not math.isfinite(threshold) or not 0 < threshold < 1:
        raise _field_error(path, f"{name}.threshold", threshold, "a number between 0 and 1 (exclusive)")


def check_vocabulary(path: Path, vocabulary) -> int:
    """Validate vocabulary.json (blocks of unique string terms); return the total number of terms."""
    blocks = vocabulary.get("blocks") if isinstance(vocabulary, dict) else None
    if not isinstance(blocks, list):
        raise _field_error(path, "blocks", blocks, "a list of feature blocks")
    total = 0
    for number, block in enumerate(blocks):
        if not isinstance(block, dict) or block.get("name") not in BLOCK_NAMES:
            raise _field_error(path, f"blocks[{number}].name", _name_of(block), f"one of {', '.join(BLOCK_NAMES)}")
        terms = block.get("terms")
        if not isinstance(terms, list) or any(not isinstance(term, str) for term in terms):
            raise _field_error(path, f"blocks[{number}].terms", terms, "a list of strings")
        if len(set(terms)) != len(terms):
            seen: set[str] = set()
            twice = next(term for term in terms if term in seen or seen.add(term))
            raise ClassifierError(Errors.E096.format(path=path, term=twice, block=block["name"]))
        total += len(terms)
    return total


def _name_of(block):
    return block.get("name") if isinstance(block, dict) else block


def check_array_headers(path: Path, data: bytes, *, max_elements: int) -> None:
    """Refuse weights.npz members whose declared shape holds more than ``max_elements`` numbers."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                with archive.open(name) as member:
                    version = np.lib.format.read_magic(member)
                    reader = np.lib.format.read_array_header_1_0 if version == (1, 0) else \
                        np.lib.format.read_array_header_2_0
                    shape, _, dtype = reader(member)
                if dtype.hasobject or math.prod(shape) > max_elements:
                    raise ClassifierError(Errors.E095.format(
                        path=path, problem=f"{name} declares shape {shape} {dtype}, larger than the vocabulary"))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ClassifierError(Errors.E095.format(path=path, problem=f"{error.__class__.__name__}: {error}"[:160])) \
            from None


def check_gold_classes(labels: Sequence[frozenset[str]], categories: Sequence[str], texts: Sequence[str],
                       *, where: str = "training data") -> None:  # fmt: skip
    """Refuse gold in which no category has both positive and negative sentences; warn per one-class category."""
    total = len(labels)
    counts = {category: sum(1 for label_set in labels if category in label_set) for category in categories}
    learnable = [category for category, count in counts.items() if 0 < count < total]
    if not learnable:
        neutral = sum(1 for label_set in labels if not label_set)
        detail = f"{total} sentences, {neutral} neutral; " + ", ".join(f"{c} {n}" for c, n in counts.items())
        raise ClassifierError(Errors.E097.format(where=where, detail=detail))
    for category, count in counts.items():
        if count in (0, total):
            side = "no sentence" if count == 0 else "every sentence"
            print(f"Warning: {where}: {side} is coded {category}; the model cannot learn {category} "
                  "and will give it the same score everywhere", file=sys.stderr)  # fmt: skip
    first_labels: dict[str, frozenset[str]] = {}
    contradictions = 0
    for text, label_set in zip(texts, labels, strict=True):
        key = " ".join(text.lower().split())
        if first_labels.setdefault(key, label_set) != label_set:
            contradictions += 1
    if contradictions:
        print(f"Warning: {where}: {contradictions} sentence(s) occur again with other labels (contradictory "
              "coding); check them with `leersignalen validate`", file=sys.stderr)  # fmt: skip
