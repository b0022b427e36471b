"""Working days in North Rhine-Westphalia: weekends and NRW public holidays are not counted.

Deadlines are whole days: a report forwarded with a deadline of 3 working days on a Wednesday
is due on the following Monday (Thursday, Friday, Monday), unless one of them is a holiday.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _nrw_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("DE", subdiv="NW", years=year)


def is_holiday(day: dt.date) -> bool:
    return day in _nrw_holidays(day.year)


def holiday_name(day: dt.date) -> str:
    return _nrw_holidays(day.year).get(day, "")


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def previous_working_day(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def next_working_day(day: dt.date) -> dt.date:
    return add_working_days(day, 1)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when end < start).

    Counted by whole weeks and the holidays in between, not day by day: the overdue list
    asks this for 50 deadlines that can lie a year back.
    """
    if end < start:
        return -working_days_between(end, start)
    weeks, rest = divmod((end - start).days, 7)
    weekday = start.weekday()
    count = weeks * 5 + sum(1 for i in range(1, rest + 1) if (weekday + i) % 7 < 5)
    for year in range(start.year, end.year + 1):
        count -= sum(
            1
            for day in _nrw_holidays(year)
            if day.year == year and start < day <= end and day.weekday() < 5
        )
    return count
