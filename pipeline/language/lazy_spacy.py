"""Import spaCy without its own command line until something uses it.

``import spacy`` runs ``from .cli.info import info``, which loads spaCy's command line and with it typer, weasel,
httpx and rich: about a third of spaCy's import time, used by nothing in leersignalen. :func:`defer_spacy_cli`,
called before spaCy is first imported, puts stand-ins for ``spacy.cli`` and ``spacy.cli.info`` in
``sys.modules``; the first attribute looked up on either (``spacy.cli.download``, ``spacy.info()``) imports
the real modules, so code that does use spaCy's command line works as before.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path

DEFERRED = ("spacy.cli.info", "spacy.cli")


class _Deferred(types.ModuleType):
    """A stand-in module that imports the real one at its first attribute look-up."""

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # the import system asks for __path__ and others: not a use
        return getattr(_real(self.__name__), name)


def _real(name: str) -> types.ModuleType:
    for key in DEFERRED:
        if isinstance(sys.modules.get(key), _Deferred):
            del sys.modules[key]
    package = importlib.import_module("spacy.cli")
    if "spacy" in sys.modules:
        sys.modules["spacy"].cli = package
    return importlib.import_module(name)


def _info(*args, **kwargs):
    """spaCy's ``spacy.info``, imported when called."""
    return _real("spacy.cli.info").info(*args, **kwargs)


def defer_spacy_cli() -> bool:
    """Put the stand-ins in place when spaCy is not imported yet; return whether they were."""
    if "spacy" in sys.modules or any(key in sys.modules for key in DEFERRED):
        return False
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return False
    package = _Deferred("spacy.cli")
    package.__path__ = [str(Path(next(iter(spec.submodule_search_locations))) / "cli")]
    package.__package__ = "spacy.cli"
    info = _Deferred("spacy.cli.info")
    info.__package__ = "spacy.cli"
    info.info = _info
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = info
    return True
