from datetime import date

import pytest
from leersignalen.read.dates import date_from_filename, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("2025-03-04T14:00:00", date(2025, 3, 4)),
        ("2025-03-04 14:00", date(2025, 3, 4)),
        ("2025-03-04T14:00:00+01:00", date(2025, 3, 4)),
        ("03-04-2025", date(2025, 4, 3)),
        ("3/4/2025", date(2025, 4, 3)),
        ("3.4.25", date(2025, 4, 3)),
        ("3 maart 2025", date(2025, 3, 3)),
        ("di 3 mrt. 2025", date(2025, 3, 3)),
        ("Maandag 10 maart 2025", date(2025, 3, 10)),
        ("17 oktober 2025", date(2025, 10, 17)),
        ("March 3, 2025", date(2025, 3, 3)),
        ("2025-W14", date(2025, 3, 31)),
        ("2025-W01-3", date(2025, 1, 1)),
        ("2025/03/04", date(2025, 3, 4)),
        ("2025-03-04t23:59:60.5+01:00", date(2025, 3, 4)),
        ("04-03-2025T09:30", date(2025, 3, 4)),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "31-02-2025", "ergens in maart", "3 smarch 2025", "2025-13-01", "2025-W54",
             "2025-03-04 25:00", "2025-03-04T14:61", "04-03-2025 24:00", "4 maart 2025 14:75"]
)
def test_unusable_dates_give_none(text):
    assert parse_date(text) is None


def test_date_from_filename_forms():
    assert date_from_filename("2025-03-04-overleg") == date(2025, 3, 4)
    assert date_from_filename("verslag_20250304") == date(2025, 3, 4)
    assert date_from_filename("verslag-04-03-2025") == date(2025, 3, 4)
    assert date_from_filename("verslag-zonder-datum") is None
