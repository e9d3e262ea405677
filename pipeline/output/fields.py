"""Check the fields of manifest.json and trends_settings.json after reading: right types, known periods, a
complete manifest with its counts. A hand edit that would surface as a KeyError deep in `summary`, `trends` or
`report` is one line E088 naming the field instead.
"""

from __future__ import annotations

from pathlib import Path

from ..defaults import PERIODS
from ..errors import Errors, InputFileError


class RunFolderError(InputFileError):
    """A run folder that is incomplete, mixes runs, or has a damaged manifest or settings file."""


OPTIONAL_TEXT = (str, type(None))
MANIFEST_FIELDS = {"status": str, "run_id": OPTIONAL_TEXT, "counts": dict, "sha256": dict, "inputs": list,
                   "options": dict, "skipped": list, "privacy": dict, "package": dict, "model": dict, "lexicon": dict,
                   "spacy": str, "parts": list, "warnings": list}  # fmt: skip
SETTINGS_FIELDS = {"status": str, "run_id": OPTIONAL_TEXT, "sha256": dict, "trends": dict}
TREND_SETTING_FIELDS = {"period": str, "period_reason": str, "period_auto": (dict, type(None)), "seed": int,
                        "n_boot": int, "min_notes": int, "min_words": int, "counts": dict,
                        "categories": dict}  # fmt: skip
PERIOD_AUTO_FIELDS = ("fallback", "min_share", "min_notes", "min_words", "passing")


def _field_problem(data: dict, fields: dict) -> str | None:
    """The first field of ``data`` whose value has the wrong type, as a problem for E088."""
    for name, kind in fields.items():
        if name in data and not isinstance(data[name], kind):
            return f"field {name!r} is {type(data[name]).__name__}, not {getattr(kind, '__name__', 'an object')}"
    if isinstance(data.get("sha256"), dict) and not all(isinstance(v, str) for v in data["sha256"].values()):
        return "field 'sha256' holds values that are not checksums"
    if isinstance(data.get("counts"), dict) and not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in data["counts"].values()
    ):
        return "field 'counts' holds values that are not numbers"
    return None


def checked_fields(path: Path, data: dict, fields: dict, command: str) -> dict:
    """``data`` read from ``path``, or E088 naming the first field that a hand edit or damage left wrong."""
    problem = _field_problem(data, fields)
    complete = data.get("status", "complete") == "complete"
    if problem is None and fields is MANIFEST_FIELDS and path.is_file() and complete:
        missing = [name for name in ("counts",) if name not in data]
        problem = f"field {missing[0]!r} is missing" if missing else None
    if problem is None and fields is SETTINGS_FIELDS and isinstance(data.get("trends"), dict):
        trends = data["trends"]
        problem = _field_problem(trends, TREND_SETTING_FIELDS)
        if problem is None and trends.get("period") not in (None, *PERIODS):
            problem = f"field 'trends.period' is {trends['period']!r}, not one of {', '.join(PERIODS)}"
        auto = trends.get("period_auto")
        if problem is None and auto and any(name not in auto for name in PERIOD_AUTO_FIELDS):
            problem = "field 'trends.period_auto' lacks " + ", ".join(n for n in PERIOD_AUTO_FIELDS if n not in auto)
    if problem is not None:
        raise RunFolderError(Errors.E088.format(path=path, problem=f"edited or damaged ({problem})", command=command))
    return data


