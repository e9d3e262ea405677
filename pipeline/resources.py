"""Where the project's own files are: lexicon, default model, labelled corpora, UD treebanks; found in one place.

In a source checkout they lie beside the code folder; an installed wheel carries the lexicon and the default model
inside the package (``leersignalen/lexicons``, ``leersignalen/models``), read through ``importlib.resources``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files(__package__)))
INSTALLED = (PACKAGE_DIR / "lexicons").is_dir()
REPO_ROOT: Path | None = None if INSTALLED else PACKAGE_DIR.parent
DATA_ROOT = PACKAGE_DIR if INSTALLED else PACKAGE_DIR.parent

LEXICON_DIR = DATA_ROOT / "lexicons"
MODELS_DIR = DATA_ROOT / "models"
DEFAULT_MODEL_DIR = MODELS_DIR / "default"
LABELLED_DIR = (REPO_ROOT / "data" / "labelled") if REPO_ROOT else None
REAL_DIR = (REPO_ROOT / "data" / "real") if REPO_ROOT else None
NAMES_DIR = (REPO_ROOT / "data" / "names") if REPO_ROOT else None
UD_DIR = (REPO_ROOT.parent / "shared" / "ud-dutch") if REPO_ROOT else None
