"""Load the Dutch de-identification library deduce once per process, with its lookup tables cached per user.

deduce builds its name, place and institution lookup tables on first use (a few minutes on a slow machine)
and pickles them. We keep that cache in the user's cache folder (``LEERSIGNALEN_CACHE_DIR`` overrides it),
show a progress line on stderr while it builds, and stop deduce from turning on debug logging to stdout.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from functools import lru_cache
from pathlib import Path

from ..errors import Errors, LeersignalenError

CACHE_ENV = "LEERSIGNALEN_CACHE_DIR"
CACHE_FILE = Path("cache") / "lookup_structs.pickle"


def cache_dir(version: str) -> Path:
    """The folder that holds deduce's lookup tables for this deduce version."""
    root = os.environ.get(CACHE_ENV)
    if not root:
        try:
            from platformdirs import user_cache_dir

            root = user_cache_dir("leersignalen")
        except ImportError:
            root = str(Path.home() / ".cache" / "leersignalen")
    return Path(root) / f"deduce-{version}"


def _import_deduce():
    root = logging.getLogger()
    placeholder = logging.NullHandler()
    quiet_import = not root.handlers
    if quiet_import:
        root.addHandler(placeholder)  # deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) on import
    try:
        import deduce
    except ImportError as error:
        raise LeersignalenError(Errors.E074) from error
    finally:
        if quiet_import:
            root.removeHandler(placeholder)
    return deduce


class _Progress:
    """A line on stderr with the seconds spent, refreshed while deduce builds its tables."""

    def __init__(self, message: str):
        self.message = message
        self.done = threading.Event()
        self.started = time.monotonic()
        self.thread = threading.Thread(target=self._tick, daemon=True)

    def _tick(self) -> None:
        interactive = sys.stderr.isatty()
        while not self.done.wait(1.0 if interactive else 30.0):
            elapsed = int(time.monotonic() - self.started)
            end = "\r" if interactive else "\n"
            print(f"{self.message} {elapsed} s", end=end, file=sys.stderr, flush=True)

    def __enter__(self):
        print(f"{self.message} (first start only, 1-5 minutes)", file=sys.stderr, flush=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()
        print(f"{self.message} done in {int(time.monotonic() - self.started)} s", file=sys.stderr, flush=True)


@lru_cache(maxsize=1)
def load_deduce():
    """The Deduce object with the base configuration, its lookup tables read from (or built into) the cache."""
    deduce = _import_deduce()
    folder = cache_dir(deduce.__version__)
    if (folder / CACHE_FILE).is_file():
        return deduce.Deduce(cache_path=folder)
    folder.mkdir(parents=True, exist_ok=True)
    with _Progress(f"Building deduce's name lookup tables in {folder}"):
        return deduce.Deduce(cache_path=folder)


def deduce_version() -> str:
    """The installed deduce version (for the manifest)."""
    return _import_deduce().__version__


def lookup_words(name: str) -> frozenset[str]:
    """The items of one of deduce's raw lookup lists (e.g. 'first_name', 'surname', 'common_word'), as written."""
    deduce = _import_deduce()
    from deduce.lookup_structs import load_raw_itemsets

    base = Path(deduce.__file__).parent / "data" / "lookup"
    subdirs = {
        "first_name": "names/lst_first_name",
        "surname": "names/lst_surname",
        "common_word": "whitelist/lst_common_word",
        "stop_word": "whitelist/lst_stop_word",
        "placename": "locations/lst_placename",
    }
    return frozenset(load_raw_itemsets(base_path=base, subdirs=[subdirs[name]])[name])
