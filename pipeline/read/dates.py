"""Parse the dates that Dutch note exports contain into ``datetime.date``.

Accepted: ISO dates and datetimes (``2025-03-04``, ``2025-03-04T14:00:00Z``), day-first numerics
(``03-04-2025``, ``3/4/2025``, ``3.4.25`` is 3 April), Dutch and English month names (``3 maart 2025``,
``di 3 mrt. 2025``, ``March 3, 2025``) and ISO weeks (``2025-W14`` is the Monday of that week,
``2025-W14-3`` its Wednesday).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "febr": 2, "february": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3, "mrz": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = (
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
HOUR, MINUTE = r"(?:[01]?\d|2[0-3])", r"[0-5]\d"  # a time of day that cannot exist makes the date unreadable
CLOCK = rf"{HOUR}:{MINUTE}(?::(?:{MINUTE}|60)(?:\.\d+)?)?(?:z|[+-]\d{{2}}:?\d{{2}})?"
ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[t ]{CLOCK})?$")
YEAR_FIRST_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
DAY_FIRST = re.compile(
    rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}})(?:[t ,]+{HOUR}[:.]{MINUTE}(?::{MINUTE})?)?$"
)
WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})(?:-?([1-7]))?$", re.IGNORECASE)
NAMED_DAY_FIRST = re.compile(
    rf"^(?:(?:{WEEKDAYS})\.?,?\s+)?(\d{{1,2}})\s+([a-z]+)\.?,?\s+(\d{{4}})(?:[ ,]+{HOUR}[:.]{MINUTE})?$"
)
NAMED_MONTH_FIRST = re.compile(rf"^(?:(?:{WEEKDAYS})\.?,?\s+)?([a-z]+)\.?\s+(\d{{1,2}}),?\s+(\d{{4}})$")


def parse_date(value: str) -> date | None:
    """Return the date that ``value`` denotes, or None when it is empty or not a date in a known form."""
    text = " ".join(str(value).strip().lower().split())
    if not text:
        return None
    try:
        if match := ISO.match(text):
            year, month, day = map(int, match.groups())
            return date(year, month, day)
        if match := YEAR_FIRST_SLASH.match(text):
            year, month, day = map(int, match.groups())
            return date(year, month, day)
        if match := DAY_FIRST.match(text):
            day, month, year_text = match.groups()
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return date(year, int(month), int(day))
        if match := WEEK.match(text):
            year, week, weekday = match.groups()
            return date.fromisocalendar(int(year), int(week), int(weekday or 1))
        if match := NAMED_DAY_FIRST.match(text):
            day, month_name, year = match.groups()
            if month_name in MONTHS:
                return date(int(year), MONTHS[month_name], int(day))
        if match := NAMED_MONTH_FIRST.match(text):
            month_name, day, year = match.groups()
            if month_name in MONTHS:
                return date(int(year), MONTHS[month_name], int(day))
    except ValueError:
        return None
    return None


FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_]?(\d{2})[-_]?(\d{2})(?!\d)|(?<!\d)(\d{2})[-_](\d{2})[-_](\d{4})(?!\d)")


def date_from_filename(name: str) -> date | None:
    """Find a date such as ``2025-03-04``, ``20250304`` or ``04-03-2025`` in a file name."""
    for match in FILENAME_DATE.finditer(name):
        try:
            if match.group(1):
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            return date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
        except ValueError:
            continue
    return None
