"""A cache on disk for tables that are slow to build at start-up, keyed by a hash of what they are built from.

Files live in ``$LEERSIGNALEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/leersignalen``, else ``~/.cache/leersignalen``;
``LEERSIGNALEN_CACHE_DIR=off`` turns the cache off. A file's name holds the hash of its inputs, so a changed
input makes a new file and the old one is never read again. A file that is missing, truncated or unreadable
is rebuilt from the inputs; a folder that cannot be written only means that nothing is saved. The cache holds
only what the inputs determine, so it never changes an output.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

CACHE_ENV = "LEERSIGNALEN_CACHE_DIR"
CACHE_FORMAT = "1"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "leersignalen"


def inputs_hash(paths: Iterable[Path], *extra: str) -> str:
    """SHA-256 over the bytes of ``paths`` and the ``extra`` strings (versions, settings)."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in paths:
        digest.update(str(path.name).encode() + b"\0" + Path(path).read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def cached_bytes(name: str, key: str, build: Callable[[], bytes], check: Callable[[bytes], object]) -> object:
    """``check(data)`` of the cached bytes for (name, key), building and saving them with ``build()`` when needed.

    ``check`` turns the bytes into the table and raises (any exception) when they are not a valid table.
    """
    folder = cache_dir()
    path = folder / f"{name}-{key[:24]}.bin" if folder is not None else None
    if path is not None:
        try:
            return check(path.read_bytes())
        except Exception:  # noqa: BLE001  (missing, truncated or stale: rebuilt below)
            pass
    data = build()
    table = check(data)
    if path is not None:
        _save(path, data)
    return table


def _save(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
