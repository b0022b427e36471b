"""Deadlines count working days: no weekends, no NRW public holidays."""

import datetime as dt
import random

import pytest

from quartier.routing.deadlines import (
    add_working_days,
    is_working_day,
    previous_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Plain week: Monday + 3 = Thursday.
        (D(2026, 3, 2), 3, D(2026, 3, 5)),
        # Over a weekend: Thursday + 2 = Monday.
        (D(2026, 3, 5), 2, D(2026, 3, 9)),
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        # Fronleichnam (NRW only) on Thursday 4 June 2026: Wednesday + 1 = Friday.
        (D(2026, 6, 3), 1, D(2026, 6, 5)),
        # Allerheiligen (NRW) Sunday 1 Nov 2026 changes nothing; in 2027 it is a Monday.
        (D(2027, 10, 29), 1, D(2027, 11, 2)),
        # Christmas 2026: Thu 24 (working), Fri 25, Sat, Sun; Mon 28 is next after the 24th.
        (D(2026, 12, 23), 2, D(2026, 12, 28)),
        # New Year: Thursday 31 Dec 2026 + 1 = Monday 4 Jan 2027.
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        # Started on a Saturday: the first working day counted is Monday.
        (D(2026, 3, 7), 1, D(2026, 3, 9)),
        # Zero days: the same day.
        (D(2026, 3, 2), 0, D(2026, 3, 2)),
    ],
)
def test_add_working_days(start, days, due):
    assert add_working_days(start, days) == due


def test_nrw_holidays_are_not_working_days_but_ordinary_days_are():
    assert not is_working_day(D(2026, 6, 4))  # Fronleichnam, NRW
    assert not is_working_day(D(2027, 11, 1))  # Allerheiligen, NRW
    assert not is_working_day(D(2026, 10, 3))  # Tag der Deutschen Einheit (a Saturday anyway)
    assert not is_working_day(D(2026, 12, 25))
    assert not is_working_day(D(2026, 12, 26))
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert is_working_day(D(2026, 12, 24))  # Christmas Eve is a working day in NRW
    assert is_working_day(D(2026, 11, 18))  # Buß- und Bettag: a holiday only in Saxony
    assert is_working_day(D(2025, 8, 15))  # Mariä Himmelfahrt (a Friday): not in NRW
    assert not is_working_day(D(2026, 8, 15))  # a Saturday


def test_previous_working_day_skips_holidays_and_weekends():
    assert previous_working_day(D(2026, 4, 7)) == D(2026, 4, 2)
    assert previous_working_day(D(2026, 6, 5)) == D(2026, 6, 3)


def test_working_days_between_counts_both_directions():
    assert working_days_between(D(2026, 6, 3), D(2026, 6, 8)) == 2  # Fri, Mon
    assert working_days_between(D(2026, 6, 8), D(2026, 6, 3)) == -2
    assert working_days_between(D(2026, 6, 3), D(2026, 6, 3)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 3, 2), -1)


def test_working_days_between_equals_counting_day_by_day():
    """The count by weeks and holidays agrees with walking the calendar, over years."""
    rng = random.Random(56)
    starts = [D(2025, 12, 20) + dt.timedelta(days=n) for n in range(20)]
    starts += [D(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 1500)) for _ in range(40)]
    for start in starts:
        for length in (0, 1, 2, 5, 6, 7, 8, 13, 40, 370, rng.randint(0, 900)):
            end = start + dt.timedelta(days=length)
            walked = sum(is_working_day(start + dt.timedelta(days=n)) for n in range(1, length + 1))
            assert working_days_between(start, end) == walked, (start, end)
            assert working_days_between(end, start) == -walked
