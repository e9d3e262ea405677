"""The key file: which pseudonym stands for which original, kept only where the user says and only for the owner.

The file is JSON: ``{"format": ..., "version": 1, "pseudonyms": {"[PERSOON-1]": ["Petra de Vries", "Petra"]},
"keys": {"person:petra de vries": "[PERSOON-1]", ...}}``. "keys" hold normalised forms (see
:func:`normalise_name`), so a later run with the same key file gives the same person the same pseudonym.
It is written atomically into a file created with mode 0600 (never readable by others, not even briefly).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, LeersignalenError

KEY_FORMAT = "leersignalen-pseudonym-key"
KEY_VERSION = 1
TITLES = re.compile(
    r"^(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de heer|juf|juffrouw|meester|dr\.?|drs\.?|ir\.?|prof\.?)\s+"
)
POSSESSIVE = re.compile(r"(?<=\w)['’`]s?$")


class KeyFileError(LeersignalenError):
    """A key file that cannot be used or placed where it is asked for."""


def normalise_name(text: str) -> str:
    """Lower case, no diacritics, no title, no possessive 's: 'Mevrouw Pétra's' and 'petra' give 'petra'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[‘’`´]", "'", plain)
    plain = re.sub(r"\s+", " ", plain).strip().lower()
    plain = TITLES.sub("", plain)
    return POSSESSIVE.sub("", plain).strip(" .,;:-")


def check_key_location(key: Path, out: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse a key file inside the output folder (outputs get shared; the key must never travel with them), and a
    key file that is an input or inside an input folder (it would be read as notes and then rewritten)."""
    key_path = Path(key).expanduser().resolve()
    out_path = Path(out).expanduser().resolve()
    if key_path == out_path or out_path in key_path.parents:
        raise KeyFileError(Errors.E070.format(key=key, out=out))
    for path in inputs:
        input_path = Path(path).expanduser().resolve()
        if key_path == input_path or input_path in key_path.parents:
            raise KeyFileError(Errors.E116.format(key=key, path=path))


@dataclass
class PseudonymKey:
    """Pseudonyms by normalised key and the originals behind each pseudonym; saved only when it has a path."""

    path: Path | None = None
    keys: dict[str, str] = field(default_factory=dict)
    originals: dict[str, list[str]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path | None) -> PseudonymKey:
        """Read the key file at ``path``; a missing file gives an empty key that will be created there."""
        if path is None:
            return cls()
        path = Path(path).expanduser()
        if not path.exists():
            return cls(path=path)
        if path.is_dir():
            raise KeyFileError(Errors.E071.format(key=path, reason="it is a folder"))
        mode = stat.S_IMODE(path.stat().st_mode)
        if os.name == "posix" and mode & 0o077:
            raise KeyFileError(Errors.E076.format(key=path, mode=oct(mode)))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise KeyFileError(Errors.E071.format(key=path, reason=f"unreadable JSON: {error}")) from error
        if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
            raise KeyFileError(Errors.E071.format(key=path, reason=f"no \"format\": \"{KEY_FORMAT}\""))
        if data.get("version") != KEY_VERSION:
            raise KeyFileError(Errors.E071.format(key=path, reason=f"version {data.get('version')!r}, expected 1"))
        keys, originals = data.get("keys"), data.get("pseudonyms")
        if not isinstance(keys, dict) or not isinstance(originals, dict):
            raise KeyFileError(Errors.E071.format(key=path, reason="\"keys\" or \"pseudonyms\" is not an object"))
        return cls(path=path, keys=dict(keys), originals={k: list(v) for k, v in originals.items()})

    def record(self, key: str, pseudonym: str, original: str) -> None:
        """Remember that ``key`` stands for ``pseudonym``, and ``original`` as one of its spellings."""
        if self.keys.get(key) != pseudonym:
            self.keys[key] = pseudonym
            self.changed = True
        spellings = self.originals.setdefault(pseudonym, [])
        if original not in spellings:
            spellings.append(original)
            self.changed = True

    def save(self) -> None:
        """Write the key file atomically with mode 0600; nothing happens without a path or a change."""
        if self.path is None or not (self.changed or not self.path.exists()):
            return
        data = {"format": KEY_FORMAT, "version": KEY_VERSION, "pseudonyms": self.originals, "keys": self.keys}
        payload = (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary = folder / f".{self.path.name}.{secrets.token_hex(8)}.tmp"
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(payload)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(temporary, 0o600)
                os.replace(temporary, self.path)
            finally:
                if temporary.exists():
                    temporary.unlink()
        except OSError as error:
            raise KeyFileError(Errors.E075.format(key=self.path, reason=error.strerror or error)) from error
        self.changed = False
