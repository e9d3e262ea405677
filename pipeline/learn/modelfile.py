"""Model folders on disk: write them byte-identically and read them back safely (checksums, no code on load).

A model folder holds ``model.json`` (card, settings, file hashes), ``vocabulary.json``, ``weights.npz`` (numeric
arrays only, read with ``allow_pickle=False``) and ``card.md``. Format version 1 holds one ``label_rule``;
version 2 adds ``label_rules`` (one rule per category) and is written only for models that need it, so a model
with one rule stays readable by older versions. Field checks live in :mod:`.model_checks`.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
import spacy

from .. import __version__
from ..categories import category_ids
from ..errors import ClassifierError, Errors, OutputFileError
from ..output.cells import replace_file
from ..resources import MODELS_DIR
from .blas import kernel_in_use
from .card import card_markdown
from .model_checks import (
    PER_CATEGORY_VERSION,
    check_array_headers,
    check_model_fields,
    check_vocabulary,
    read_model_json,
)

FORMAT = "leersignalen-sentence-classifier"
FORMAT_VERSION = PER_CATEGORY_VERSION
ONE_RULE_VERSION = 1
READABLE_VERSIONS = (ONE_RULE_VERSION, FORMAT_VERSION)
MODEL_FILE = "model.json"
VOCABULARY_FILE = "vocabulary.json"
WEIGHTS_FILE = "weights.npz"
CARD_FILE = "card.md"
MODEL_FILES = (MODEL_FILE, VOCABULARY_FILE, WEIGHTS_FILE, CARD_FILE)
DIGITS = 4
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
RULE_FIELDS = ("label_rule", "label_rules")


def check_model_out(folder: str | Path) -> None:
    """Refuse (E111) an --out for ``train`` that holds files and is not a model folder written by ``train``."""
    folder = Path(folder)
    if not folder.is_dir():
        return
    entries = sorted(entry.name for entry in folder.iterdir() if not entry.name.startswith("."))
    if not entries:
        return
    try:
        own = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError, RecursionError):
        own = False
    foreign = [name for name in entries if name not in MODEL_FILES]
    if not own or foreign:
        examples = ", ".join((foreign or entries)[:3]) + (", ..." if len(foreign or entries) > 3 else "")
        raise ClassifierError(Errors.E111.format(out=folder, examples=examples))


def write_model_folder(classifier, folder: str | Path) -> Path:
    """Write model.json, vocabulary.json, weights.npz and card.md of a SentenceClassifier (byte-identical for the
    same model)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputFileError.of(folder / MODEL_FILE, error) from None
    arrays = {"coef": classifier.coef.astype(np.float32), "intercept": classifier.intercept.astype(np.float32)}
    for block in classifier.features.blocks:
        arrays[f"idf_{block.name}"] = block.idf.astype(np.float32)
    weights = _npz_bytes(arrays)
    vocabulary = _json_bytes({"format": FORMAT, "blocks": [
        {"name": b.name, "terms": b.vocabulary} for b in classifier.features.blocks
    ]})  # fmt: skip
    replace_file(folder / WEIGHTS_FILE, weights)
    replace_file(folder / VOCABULARY_FILE, vocabulary)
    one_rule = not hasattr(classifier.rule, "by_category")
    model = {
        "format": FORMAT,
        "format_version": ONE_RULE_VERSION if one_rule else FORMAT_VERSION,
        "leersignalen_version": __version__,
        "versions": {"leersignalen": __version__, "scikit-learn": sklearn.__version__, "spacy": spacy.__version__,
                     "numpy": np.__version__, "blas": kernel_in_use()},  # fmt: skip
        "categories": list(classifier.categories),
        RULE_FIELDS[0] if one_rule else RULE_FIELDS[1]: classifier.rule.to_json(),
        "files": {
            VOCABULARY_FILE: hashlib.sha256(vocabulary).hexdigest(),
            WEIGHTS_FILE: hashlib.sha256(weights).hexdigest(),
        },
        "features": {"blocks": [b.name for b in classifier.features.blocks], "size": classifier.features.size},
    }
    model.update({k: v for k, v in classifier.card.items() if k not in model and k not in RULE_FIELDS})
    stored = round_floats(model)
    replace_file(folder / MODEL_FILE, _json_bytes(stored))
    replace_file(folder / CARD_FILE, card_markdown(stored).encode("utf-8"))
    return folder


def _json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def round_floats(value):
    """``value`` with every float rounded to :data:`DIGITS` as model.json stores it (NaN as None)."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, DIGITS) + 0.0
    if isinstance(value, dict):
        return {k: round_floats(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [round_floats(v) for v in value]
    return value


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def resolve_model_path(name: str | Path) -> Path:
    """``default`` (or another bare name found in models/) to its folder under models/, else the path itself."""
    path = Path(name)
    if not path.exists() and len(path.parts) == 1 and (MODELS_DIR / path).is_dir():
        return MODELS_DIR / path
    return path



@dataclass
class ModelParts:
    """The checked contents of a model folder, before they become a classifier."""

    folder: Path
    model: dict
    vocabulary: dict
    arrays: dict[str, np.ndarray]


def read_model_folder(path: str | Path) -> ModelParts:
    """Read and check a model folder; a missing, corrupt, foreign or other-version model raises ClassifierError."""
    folder = resolve_model_path(path)
    model_path = folder / MODEL_FILE
    if folder.is_file() and folder.name == MODEL_FILE:
        model_path = folder
        folder = folder.parent
    if not model_path.is_file():
        where = f"{folder} is a file, not a model folder" if folder.is_file() else f"{model_path}"
        raise ClassifierError(Errors.E021.format(path=where))
    model = read_model_json(model_path)
    if not isinstance(model, dict) or model.get("format") != FORMAT:
        raise ClassifierError(Errors.E023.format(path=model_path, found=_get(model, "format")))
    if model.get("format_version") not in READABLE_VERSIONS or isinstance(model.get("format_version"), bool):
        expected = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise ClassifierError(Errors.E024.format(path=model_path, found=model.get("format_version"), expected=expected))
    trained_with = str(model.get("leersignalen_version", "?"))
    if _major_minor(trained_with) != _major_minor(__version__):
        raise ClassifierError(Errors.E025.format(path=model_path, found=trained_with, expected=__version__))
    categories = tuple(model.get("categories") or ())
    if categories != category_ids():
        raise ClassifierError(
            Errors.E026.format(path=model_path, found=", ".join(categories), expected=", ".join(category_ids())))
    check_model_fields(model_path, model, (VOCABULARY_FILE, WEIGHTS_FILE))
    files = model["files"]
    contents = {}
    for name in (VOCABULARY_FILE, WEIGHTS_FILE):
        try:
            contents[name] = (folder / name).read_bytes()
        except OSError:
            raise ClassifierError(Errors.E027.format(path=folder / name)) from None
        if hashlib.sha256(contents[name]).hexdigest() != files.get(name):
            raise ClassifierError(Errors.E028.format(path=folder / name, model_file=MODEL_FILE))
    try:
        vocabulary = json.loads(contents[VOCABULARY_FILE].decode("utf-8"))
        terms = check_vocabulary(folder / VOCABULARY_FILE, vocabulary)
        check_array_headers(folder / WEIGHTS_FILE, contents[WEIGHTS_FILE],
                            max_elements=max(len(categories), 1) * (terms + 1))  # fmt: skip
        with np.load(io.BytesIO(contents[WEIGHTS_FILE]), allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except (KeyError, TypeError, ValueError, zipfile.BadZipFile, OSError, RecursionError, MemoryError) as error:
        raise corrupt_model(folder, error) from None
    return ModelParts(folder, model, vocabulary, arrays)


def corrupt_model(folder: Path, error: Exception) -> ClassifierError:
    """The error for a model folder whose contents cannot be used (corrupt model)."""
    return ClassifierError(Errors.E029.format(path=folder, problem=f"{error.__class__.__name__}: {_first_line(error)}"))


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def _get(data, key):
    return data.get(key) if isinstance(data, dict) else None


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])

