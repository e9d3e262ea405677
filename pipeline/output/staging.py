"""Write a whole run atomically: --out is checked, locked against a second run, written aside and moved into place.

:func:`staged_output` is the only way a run (``run``, ``merge``) writes its folder OUT:

1. Before anything is written, OUT is checked (:func:`check_out`): not an input, not inside an input folder, no
   input inside it (E085); not a file, not under a file, writable (E086); empty, made of hidden files only (such
   as make's stamps), or a leersignalen output (E084 otherwise, so a user's folder is never emptied).
2. The lock file ``OUT.lock`` is created with ``O_CREAT|O_EXCL`` and holds the process id and host: a second run
   into OUT is refused (E087). A lock left by a process that no longer runs (on this host) is taken over with a
   warning, and what that process left (``OUT.partial-PID``, ``OUT.old-PID``) is cleaned up or put back.
3. The run is written into ``OUT.partial-PID`` next to OUT; its manifest says ``status: running`` from the first
   moment, so a reader given that folder refuses it (E088).
4. When the run is complete (its manifest says ``complete``), the files in OUT that leersignalen did not write are
   moved into the new folder, OUT is renamed away, the new folder renamed to OUT, and the old one deleted. A run
   that fails leaves OUT as it was and deletes its partial folder.

Why a folder aside and not status flags in OUT: the old output stays whole and readable until the new one is
complete, a rerun without trends leaves no stale trend or report files behind (they are simply not in the new
folder), and a crash can never leave notes of one run next to sentences of another. The price: the folder that
holds OUT must be writable and on the same file system (it is: the partial folder is its sibling).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .. import __version__
from ..errors import Errors, InputFileError
from .folder import COMPLETE, MANIFEST, OWNED, read_manifest, start_manifest

PARTIAL, OLD, LOCK = ".partial-", ".old-", ".lock"
EXAMPLES = 3
UNREADABLE_LOCK_SECONDS = 10


class OutputFolderError(InputFileError):
    """An --out folder that a run may not write: an input, not writable, someone else's folder, or locked."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a manifest.json written by leersignalen."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and (manifest.get("package") or {}).get("name") == "leersignalen"


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and (name.endswith(".partial") or name.startswith(".parts-"))


def foreign_entries(folder: Path) -> list[Path]:
    """The entries of ``folder`` that leersignalen did not write (kept across reruns)."""
    return sorted(entry for entry in folder.iterdir() if entry.name not in OWNED and not _is_temporary(entry.name))


def _cannot_create_in(folder: Path) -> str | None:
    """Why no file can be created in ``folder`` (tried with an unnamed temporary file; also true for root)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as error:
        return f"{folder} cannot be written: {error.strerror or error}"


def _unwritable(out: Path) -> str | None:
    """Why a run cannot write ``out`` (None when it can)."""
    for ancestor in (out, *out.parents):
        if ancestor.exists() and not ancestor.is_dir():
            return "it is a file" if ancestor == out else f"it lies under the file {ancestor}"
        if ancestor.is_dir():
            for folder in (out.parent, out) if ancestor == out else (ancestor,):
                if problem := _cannot_create_in(folder):
                    return problem
            return None
    return "no folder of the path exists"


def check_out(out: str | os.PathLike, inputs: Sequence[str | os.PathLike] = ()) -> Path:
    """Refuse an --out that a run may not write (E084-E086, see the module docstring); return it absolute."""
    out = Path(out).resolve()
    for given in inputs:
        path = Path(given).resolve()
        if _inside(out, path):
            relation = "is" if out == path else "lies inside"
            raise OutputFolderError(Errors.E085.format(out=out, relation=relation + " the", path=given))
        if _inside(path, out):
            raise OutputFolderError(Errors.E085.format(out=out, relation="holds the", path=given))
    reason = _unwritable(out)
    if reason:
        raise OutputFolderError(Errors.E086.format(out=out, reason=reason))
    if out.is_dir() and not is_output_folder(out):
        visible = sorted(entry.name for entry in out.iterdir() if not entry.name.startswith("."))
        if visible:
            examples = ", ".join(visible[:EXAMPLES]) + (", ..." if len(visible) > EXAMPLES else "")
            raise OutputFolderError(Errors.E084.format(out=out, examples=examples))
    return out


def _holder(lock: Path) -> dict:
    try:
        holder = json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _is_stale(lock: Path, holder: dict) -> bool:
    if not isinstance(holder.get("pid"), int):
        try:
            return time.time() - lock.stat().st_mtime > UNREADABLE_LOCK_SECONDS
        except OSError:
            return True
    return holder.get("host") == socket.gethostname() and holder["pid"] != os.getpid() and not _alive(holder["pid"])


def _clean_up_after(out: Path, pid: int | None) -> None:
    """Remove the partial folder a dead run left, and put its old output back if it died while swapping."""
    if pid is None:
        return
    partial, old = out.with_name(f"{out.name}{PARTIAL}{pid}"), out.with_name(f"{out.name}{OLD}{pid}")
    if old.is_dir() and is_output_folder(old):
        if out.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(old, out)
    if partial.is_dir() and is_output_folder(partial):
        shutil.rmtree(partial, ignore_errors=True)


def take_lock(out: Path) -> Path:
    """Create ``OUT.lock`` (exclusively) or refuse with E087; a stale lock is taken over with a warning."""
    lock = out.with_name(out.name + LOCK)
    me = {"pid": os.getpid(), "host": socket.gethostname()}
    for _attempt in range(3):
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(lock)
            if not _is_stale(lock, holder):
                raise OutputFolderError(Errors.E087.format(out=out, pid=holder.get("pid", "?"),
                                                           host=holder.get("host", "?"))) from None  # fmt: skip
            print(f"Warning: {lock}: taking over the lock of process {holder.get('pid', '?')}, which no longer "
                  "runs; its unfinished output is removed", file=sys.stderr)
            _clean_up_after(out, holder.get("pid") if isinstance(holder.get("pid"), int) else None)
            lock.unlink(missing_ok=True)
            continue
        except OSError as error:
            raise OutputFolderError(Errors.E086.format(out=out, reason=error.strerror or error)) from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(me, handle)
        return lock
    raise OutputFolderError(Errors.E087.format(out=out, pid="?", host="?"))


@contextmanager
def locked_folder(out: str | os.PathLike) -> Iterator[Path]:
    """Hold ``OUT.lock`` while a command writes into an existing run folder (``trends``, ``report``, ``validate``),
    so it cannot write into a folder that a run is replacing, nor mix its files with a second such command."""
    out = Path(out).resolve()
    lock = take_lock(out)
    try:
        yield out
    finally:
        lock.unlink(missing_ok=True)


def _discard(partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)


def _swap(partial: Path, out: Path) -> None:
    """Move the user's own files from OUT into ``partial``, then put ``partial`` in OUT's place."""
    if not out.is_dir():
        os.rename(partial, out)
        return
    for entry in foreign_entries(out):
        os.rename(entry, partial / entry.name)
    old = out.with_name(f"{out.name}{OLD}{os.getpid()}")
    os.rename(out, old)
    os.rename(partial, out)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_output(out: str | os.PathLike, inputs: Sequence[str | os.PathLike] = ()) -> Iterator[Path]:
    """Yield the partial folder to write a run into; it becomes OUT when the block ends with a complete manifest.

    Raises E084-E087 before anything is written (see the module docstring). The block must finish with
    :func:`pipeline.output.folder.complete_manifest`; when it raises, OUT is left as it was.
    """
    out = check_out(out, inputs)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputFolderError(Errors.E086.format(out=out, reason=error.strerror or error)) from None
    lock = take_lock(out)
    partial = out.with_name(f"{out.name}{PARTIAL}{os.getpid()}")
    try:
        _discard(partial)
        try:
            partial.mkdir()
        except OSError as error:
            raise OutputFolderError(Errors.E086.format(out=out, reason=error.strerror or error)) from None
        try:
            start_manifest(partial, {"package": {"name": "leersignalen", "version": __version__}})
            yield partial
            if read_manifest(partial).get("status") != COMPLETE:
                raise RuntimeError(f"{partial}: the run ended without a complete manifest")
            _swap(partial, out)
        except BaseException:
            _discard(partial)
            raise
    finally:
        lock.unlink(missing_ok=True)
