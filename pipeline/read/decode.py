"""Turn an exported text file into decoded lines, streamed, with the repairs made per physical line.

The encoding is chosen on a sample (the first MiB): a BOM wins; a file whose sample is (mostly) valid UTF-8 is
read as UTF-8 and a single line that is not (a cp1252 row pasted in) is decoded as cp1252 and listed as a
problem of that line; otherwise charset-normalizer decides for the whole file. A few stray NUL bytes are
removed (listed per line); a real binary (a known file signature, many NUL or control bytes) is refused with
E002. Lines are read one at a time, so memory stays at about the longest line.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import Errors, InputFileError

SAMPLE_BYTES = 1 << 20
BINARY_SIGNATURES = (
    b"\x89PNG", b"PK\x03\x04", b"PK\x05\x06", b"\x7fELF", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF-",
    b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"SQLite format 3", b"BZh91", b"\xfd7zXZ", b"OggS",
    b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"wOFF", b"\x00asm",
)  # fmt: skip
STRAY_NUL_SHARE = 0.01  # at most 1 in 100 bytes of the sample NUL: stray, removed; more: binary
CONTROL_BYTE_SHARE = 0.05  # C0 control bytes other than tab, line ends, form feed and ESC
CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
REPAIRED = "decoded_as_cp1252"
NUL_REMOVED = "nul_bytes_removed"


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "\n,a\"".encode(encoding) == b"\n,a\""
    except (LookupError, UnicodeError):
        return False


def looks_binary(sample: bytes) -> bool:
    """Whether bytes are clearly not text: a known signature, or too many NUL or control bytes."""
    is_executable = sample.startswith(b"MZ") and b"\x00" in sample[:64]
    if sample.startswith(BINARY_SIGNATURES) or is_executable:
        return True
    size = max(len(sample), 1)
    too_many_nul = sample.count(0) > max(4, size * STRAY_NUL_SHARE)
    return too_many_nul or len(CONTROL_BYTES.findall(sample)) > size * CONTROL_BYTE_SHARE


def check_not_binary(path: Path, sample: bytes) -> None:
    """Raise E002 for a file that :func:`looks_binary`."""
    if looks_binary(sample):
        raise InputFileError(Errors.E002.format(path=path))


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of an ASCII-heavy sample is NUL, else None."""
    if len(sample) < 4:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _with_byte_order(encoding: str, sample: bytes) -> str:
    """``encoding``, with the byte order named when it is UTF-16 or UTF-32 and the file has no BOM.

    Python's plain ``utf-16`` and ``utf-32`` codecs refuse a stream without a BOM (``--encoding utf-16`` on a
    file saved without one, or a guess of charset-normalizer); the byte order is read off the NUL bytes.
    """
    name = codecs.lookup(encoding).name
    if name == "utf-16" and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _utf16_without_bom(sample) or "utf-16-le"
    if name == "utf-32" and not sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32-be" if sample[:2] == b"\x00\x00" else "utf-32-le"
    return encoding


def detect_encoding(path: Path, raw: bytes) -> str:
    """Guess the encoding of a text file from a sample: BOM, else (mostly) UTF-8, else charset-normalizer."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both marks
        return "utf-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    wide = _utf16_without_bom(raw)
    if wide:
        return wide
    check_not_binary(path, raw)
    cleaned = raw.replace(b"\x00", b"")
    lines = cleaned.split(b"\n")
    if len(raw) == SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample may cut the last line in a multi-byte character
    valid = invalid = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            valid += 1
        except UnicodeDecodeError:
            invalid += 1
    if invalid == 0 or valid >= invalid:
        return "utf-8"
    best = from_bytes(cleaned, cp_isolation=["cp1252", "latin_1", "utf_16", "cp850"]).best()
    if best is None:  # text (check_not_binary passed), but not in an encoding of Dutch exports: KOI8-R, GB18030, ...
        guessed = "UTF-8 or one of the encodings guessed for Dutch exports (cp1252, latin-1, UTF-16, cp850)"
        raise InputFileError(Errors.E003.format(path=path, encoding=guessed))
    return "cp1252" if best.encoding in ("cp1252", "latin_1") else best.encoding


def _split_lone_cr(line: str) -> list[str]:
    """Split at a carriage return not followed by a newline, as universal newlines do."""
    if "\r" not in line[:-2]:
        return [line]
    return list(io.StringIO(line, newline=""))


class DecodedLines:
    """The lines of a text file, decoded and repaired one by one; ``problems_of(first, last)`` lists repairs.

    ``newline="\\n"`` splits at LF only (JSON Lines); ``newline=""`` also at a lone CR, as the csv module expects.
    Line numbers count from 1 in the order the lines are delivered.
    """

    def __init__(self, path: Path, encoding: str | None, *, newline: str = ""):
        self.path = path
        self.newline = newline
        self.line_problems: dict[int, list[str]] = {}
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a regular file"
            raise InputFileError(Errors.E005.format(path=path, reason=reason))
        try:
            with open(path, "rb") as handle:
                self.sample = handle.read(SAMPLE_BYTES)
        except OSError as error:
            raise InputFileError(Errors.E005.format(path=path, reason=error.strerror or error)) from error
        if not self.sample.strip():
            raise InputFileError(Errors.E007.format(path=path))
        self.given = encoding is not None
        if encoding is not None:
            try:  # a text encoding that decodes leniently: base64 or rot13 raise LookupError, idna or undefined
                "a".encode(encoding)  # UnicodeError
                codecs.getincrementaldecoder(encoding)(errors="replace").decode(b"a", final=True)
            except (LookupError, UnicodeError) as error:
                raise InputFileError(Errors.E003.format(path=path, encoding=encoding)) from error
        self.encoding = _with_byte_order(encoding or detect_encoding(path, self.sample), self.sample)
        if self.given and _ascii_compatible(self.encoding):
            check_not_binary(path, self.sample)

    def sample_text(self, size: int = 65536) -> str:
        """The decoded start of the file (for sniffing the delimiter)."""
        return codecs.getincrementaldecoder(self.encoding)(errors="replace").decode(self.sample[: size * 2])[:size]

    def problems_of(self, first: int, last: int) -> list[str]:
        """The repairs made on lines first..last, each once, with the line numbers."""
        found: dict[str, list[int]] = {}
        for number in range(first, last + 1):
            for problem in self.line_problems.get(number, ()):
                found.setdefault(problem, []).append(number)
        return [f"{problem}: line {', '.join(map(str, numbers))}" for problem, numbers in found.items()]

    def _note(self, number: int, problem: str) -> None:
        self.line_problems.setdefault(number, []).append(problem)

    def __iter__(self) -> Iterator[str]:
        try:
            if _ascii_compatible(self.encoding.replace("-sig", "")):
                yield from self._byte_lines()
            else:
                yield from self._wide_lines()
        except OSError as error:
            raise InputFileError(Errors.E005.format(path=self.path, reason=error.strerror or error)) from error

    def _byte_lines(self) -> Iterator[str]:
        encoding = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
        repair = encoding == "utf-8" and not self.given
        number = 0
        with open(self.path, "rb") as handle:
            for raw in handle:
                problems = []
                if number == 0 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if b"\x00" in raw:
                    raw = raw.replace(b"\x00", b"")
                    problems.append(NUL_REMOVED)
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError as error:
                    if self.given:
                        raise InputFileError(Errors.E118.format(
                            path=self.path, line=number + 1, position=error.start + 1,
                            byte=f"0x{raw[error.start]:02x}", encoding=encoding)) from error  # fmt: skip
                    text = _decode_single_byte(raw)
                    problems.append(REPAIRED if repair else f"decoded_as_latin1 ({encoding} failed)")
                for piece in _split_lone_cr(text) if self.newline == "" else (text,):
                    number += 1
                    for problem in problems:
                        self._note(number, problem)
                    yield piece

    def _wide_lines(self) -> Iterator[str]:
        number = 0
        with open(self.path, "rb") as handle:
            wrapper = io.TextIOWrapper(handle, encoding=self.encoding, errors="strict", newline=self.newline)
            try:
                for text in wrapper:
                    number += 1
                    if number == 1:
                        text = text.removeprefix("\ufeff")
                    if "\x00" in text:
                        text = text.replace("\x00", "")
                        self._note(number, NUL_REMOVED)
                    yield text
            except UnicodeError as error:
                raise InputFileError(Errors.E003.format(path=self.path, encoding=self.encoding)) from error


def _decode_single_byte(raw: bytes) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_whole_text(path: Path, encoding: str | None) -> tuple[str, str, list[str]]:
    """The whole decoded text of a (small) file, its encoding and the repairs made, for .txt/.md/.html notes."""
    lines = DecodedLines(path, encoding, newline="\n")
    text = "".join(lines)
    problems = lines.problems_of(1, max(lines.line_problems, default=0))
    return text, lines.encoding, problems
