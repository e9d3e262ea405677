"""Read JSON Lines, JSON lists and JSON objects of notes into records or rejects, line by line.

A line that is not one JSON object is a reject with the reason (malformed, nested too deeply, a number of
over 4,300 digits); a key given twice for a field that is read (two "text" keys) is a reject too, since the
json module would keep only the last value and drop the other without a word.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import Errors, InputFileError
from .decode import DecodedLines, read_whole_text
from .ingest import (
    AmbiguousFieldError,
    Record,
    Reject,
    SeveralTextColumnsError,
    _clean_field,
    _make_record,
    resolve_columns,
)

HUGE_NUMBER = "a number of more than 4,300 digits (put it in quotes to keep it as text)"


class _KeysSeenTwice(dict):
    """A JSON object in which a key occurs more than once; ``all_keys`` keeps every occurrence in order."""

    all_keys: list[str]


def _object_from_pairs(pairs: list[tuple[str, object]]) -> dict:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        obj = _KeysSeenTwice(pairs)
        obj.all_keys = [key for key, _ in pairs]
    return obj


def parse_json(text: str):
    """``json.loads`` that remembers keys given twice in an object (the last value wins, as in json)."""
    return json.loads(text, object_pairs_hook=_object_from_pairs)


def object_keys(obj: dict) -> list[str]:
    """The keys of a JSON object as written, a key given twice included twice."""
    return [str(key) for key in getattr(obj, "all_keys", obj)]


def read_jsonl(path: Path, *, encoding: str | None, overrides: dict[str, str]) -> Iterator[Record | Reject]:
    """Read JSON Lines (one object a line, lines split at LF only, or at CR in a file without LF: old Mac line
    ends); a JSON list or object file as a whole."""
    lines = DecodedLines(path, encoding, newline="\n")
    if b"\n" not in lines.sample and b"\r" in lines.sample:
        lines = DecodedLines(path, encoding, newline="")
    head = lines.sample_text(4096).lstrip("\ufeff \t\r\n")
    if head.startswith("[") or (head.startswith("{") and path.suffix.lower() == ".json"):
        text, _, problems = read_whole_text(path, encoding)
        items = _json_items(path, text)
        if items is not None:
            yield from _read_json_array(path, items, overrides, problems)
            return
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = parse_json(line)
        except json.JSONDecodeError as error:
            problem = error.msg.removesuffix(" at")  # json's 'Unterminated string starting at': the column follows
            yield Reject(str(path), line_number, "", f"malformed JSON: {problem} at column {error.colno}")
            continue
        except ValueError:  # Python refuses integers of more than 4,300 digits
            yield Reject(str(path), line_number, "", f"malformed JSON: {HUGE_NUMBER}")
            continue
        except RecursionError:
            yield Reject(str(path), line_number, "", "malformed JSON: nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield Reject(str(path), line_number, "", "malformed JSON: expected an object {...} on each line")
            continue
        yield _record_from_object(obj, path, line_number, overrides, lines.problems_of(line_number, line_number))


def _record_from_object(
    obj: dict, path: Path, line: int, overrides: dict[str, str], problems: list[str] | None = None
) -> Record | Reject:
    keys = object_keys(obj)
    try:
        mapping = resolve_columns(keys, overrides, path)
    except AmbiguousFieldError as error:
        note_id = _clean_field("id", str(obj.get("id", "")), [])
        several = isinstance(error, SeveralTextColumnsError)
        fix = "say which with --column text=KEY" if several else "keep one key for it"
        return Reject(str(path), line, note_id, f"{error.reason}; {fix}")
    except InputFileError:
        note_id = _clean_field("id", str(obj.get("id", "")), [])
        return Reject(str(path), line, note_id, "no text field in this JSON object")
    problems = list(problems or [])
    values = {name: json_value_text(obj[keys[index]], name, problems) for name, index in mapping.items()}
    return _make_record(values, path, line, path.stem, problems)


def json_value_text(value, field_name: str, problems: list[str]) -> str:
    """A JSON value as a field's text: a list of paragraphs joined by blank lines (the text) or by '; ', any other
    list or object as JSON rather than Python's repr, ``true`` as JSON writes it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        problems.append(f"json_list_joined: {field_name}")
        return ("\n\n" if field_name == "text" else "; ").join(value)
    problems.append(f"json_value_as_text: {field_name}")
    return json.dumps(value, ensure_ascii=False)


def _object_lists(value, where: str, depth: int = 0) -> list[tuple[str, list]]:
    """Lists of JSON objects inside ``value`` (three levels deep at most), with their key paths."""
    if isinstance(value, list):
        return [(where or "(top level)", value)] if value and all(isinstance(v, dict) for v in value) else []
    if not isinstance(value, dict) or depth >= 3:
        return []
    found = []
    for key, inner in value.items():
        found.extend(_object_lists(inner, f"{where}.{key}" if where else str(key), depth + 1))
    return found


def _json_items(path: Path, text: str) -> list | None:
    """The items of a JSON file: its list, the one list of objects in its object, or the object as one note.

    None when the text is not one JSON value (then it is read as JSON Lines).
    """
    try:
        data = parse_json(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and text.lstrip().startswith("{"):
            return None
        raise InputFileError(Errors.E013.format(path=path, line=error.lineno, problem=error.msg)) from error
    except RecursionError as error:
        raise InputFileError(Errors.E013.format(path=path, line=1, problem="nested too deeply")) from error
    except ValueError as error:
        raise InputFileError(Errors.E013.format(path=path, line=1, problem=HUGE_NUMBER)) from error
    if isinstance(data, list):
        return data
    lists = _object_lists(data, "")
    if len(lists) == 1:
        return lists[0][1]
    if not lists and isinstance(data, dict) and data:
        try:
            resolve_columns(object_keys(data), {}, path)
            return [data]
        except InputFileError:
            pass
    if len(lists) > 1:
        raise InputFileError(Errors.E091.format(path=path, keys=", ".join(key for key, _ in lists)))
    raise InputFileError(Errors.E090.format(path=path))


def _read_json_array(
    path: Path, items: list, overrides: dict[str, str], problems: list[str]
) -> Iterator[Record | Reject]:
    for number, obj in enumerate(items, start=1):
        if not isinstance(obj, dict):
            yield Reject(str(path), number, "", f"item {number} is not a JSON object")
            continue
        yield _record_from_object(obj, path, number, overrides, problems)
