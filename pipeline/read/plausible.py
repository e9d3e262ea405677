"""Which note dates are plausible: placeholders (0001-01-01, 9999-12-31) and years read a century off are not.

A date is plausible when it lies in the window ``[FROM, TO]``; the default window runs from 1990-01-01 (before
any digital note export of a learning community) to one year after today. ``--date-range FROM:TO`` overrides it.
An implausible date is kept out of the time axis and reported in the ``problems`` column of notes.csv as
``implausible_date: <date> outside <FROM>..<TO>``. The window must lie inside 1678-2261, the years pandas'
timestamps (and so the trends) can hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import Errors, LeersignalenError

DEFAULT_FROM = date(1990, 1, 1)
TIMESTAMP_RANGE = (date(1678, 1, 1), date(2261, 12, 31))  # whole years inside pandas' nanosecond timestamps


class DateRangeError(LeersignalenError):
    """A --date-range value that cannot be used."""


@dataclass(frozen=True)
class DateWindow:
    """The inclusive window of plausible note dates."""

    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def default_window(today: date | None = None) -> DateWindow:
    """1990-01-01 to one year after ``today`` (default: the system date)."""
    today = today or date.today()
    return DateWindow(DEFAULT_FROM, today + timedelta(days=366))


def parse_date_range(value: str | None) -> DateWindow:
    """Parse ``FROM:TO`` (ISO dates, either side may be empty for the default); None gives the default."""
    window = default_window()
    if not value:
        return window
    parts = value.split(":")
    try:
        if len(parts) != 2:
            raise ValueError(value)
        start = date.fromisoformat(parts[0]) if parts[0].strip() else window.start
        end = date.fromisoformat(parts[1]) if parts[1].strip() else window.end
    except ValueError:
        raise DateRangeError(Errors.E081.format(value=value)) from None
    if start > end:
        raise DateRangeError(Errors.E081.format(value=value))
    if start < TIMESTAMP_RANGE[0] or end > TIMESTAMP_RANGE[1]:
        first, last = (day.isoformat() for day in TIMESTAMP_RANGE)
        raise DateRangeError(Errors.E105.format(value=value, first=first, last=last))
    return DateWindow(start, end)


def implausible_date(day: date | None, window: DateWindow) -> str | None:
    """Return the problem text for a date outside ``window``, None for a plausible or missing date."""
    if day is None or window.start <= day <= window.end:
        return None
    return f"implausible_date: {day.isoformat()} outside {window}"
